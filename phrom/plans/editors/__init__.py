"""The editors of a plan's components, one module per component holding its editor (POST <->
document) and the HTML of its rows; base.py holds what they share, html.py the pieces of a row.

The views use EDITORS (by component code), COMPONENT_SLUGS (the component in the URL) and
RENDERERS (to draw single rows after a save); the `editor_rows` template tag draws whole lists.
"""

from __future__ import annotations

import re

from ..codes import HEADER
from .base import Context, Errors, Locator, anchor, message_of
from .call_tree import CallTreeEditor, CallTreeRows, LinkRows
from .header import HeaderEditor
from .html import Rows, row_labels
from .impacts import ImpactsEditor
from .procedures import ProceduresEditor, StepRows
from .processes import ProcessesEditor, ProcessRows
from .resources import ResourceRows, ResourcesEditor
from .scope import ScopeEditor
from .strategies import StrategiesEditor, StrategyRows
from .team import TeamEditor, TeamRows

__all__ = ["COMPONENT_SLUGS", "EDITORS", "RENDERERS", "SLUG_COMPONENTS", "Context", "Errors", "finding_anchor",
           "message_of", "row_labels"]

COMPONENT_SLUGS = {
    HEADER: "details", "scope": "scope", "impacts": "impacts", "team": "team", "strategies": "strategies",
    "processes": "processes", "resources": "resources", "procedures": "procedures", "call_tree": "call-tree",
}
SLUG_COMPONENTS = {slug: c for c, slug in COMPONENT_SLUGS.items()}


EDITORS = {e.component: e for e in (
    HeaderEditor(), ScopeEditor(), ImpactsEditor(), TeamEditor(), StrategiesEditor(), ProcessesEditor(),
    ResourcesEditor(), ProceduresEditor(), CallTreeEditor(),
)}


def finding_anchor(component: str, path: str, doc: dict) -> str:
    """The element id of a finding's field on its component page (index paths of the call tree
    are links, shown on the page per member)."""
    if component == "procedures" and re.match(r"^procedures\[[^\]\d][^\]]*\]$", path or ""):
        return "f-procedures-day1"  # a critical process without steps: add one, from the first day
    if component == "call_tree":
        match = Locator.PATH_RE.match(path or "")
        links = doc.get("call_tree", [])
        if match and match["list"] == "call_tree":
            index = int(match["index"])
            if index < len(links):
                return f"f-call_tree-{links[index]['callee']}"
    return anchor(path)


# The Python renderers of the list editors' rows, by the kind of row (the further links of the
# call tree are rows of their own kind).
RENDERERS: dict[str, type[Rows]] = {
    "team": TeamRows, "strategies": StrategyRows, "processes": ProcessRows, "resources": ResourceRows,
    "procedures": StepRows, "call_tree": CallTreeRows, "links": LinkRows,
}
