"""A sent plan as a submission's page shows it: each component's read view (phrom.plans.display.ReadView
and the templates plans/read/*), rendered once and kept in this process.

On deadline day the collectors of an office open the same few submissions again and again, and each
rendering took ~5 ms. The HTML follows from the document, the language and the scenario catalogue
alone, so it is kept under exactly those (a digest of the document: a version the agency sends again
unchanged is the same entry; nothing is served that the reader did not just load and may read). Kept
for at most ENTRIES documents; a security-sensitive plan's is never kept.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils.translation import get_language

from phrom.plans.codes import ALL_COMPONENTS, Classification
from phrom.plans.display import ReadView
from phrom.plans.pictures import call_tree_picture

ENTRIES = 128

_kept: OrderedDict[tuple, dict[str, str]] = OrderedDict()
_lock = threading.Lock()


def component_html(doc: dict, names: dict[str, tuple[str, str]]) -> dict[str, str]:
    """component -> the HTML of its read view, for the document `doc` and the scenario names `names`
    (phrom.plans.quality.scenario_names())."""
    digest = hashlib.sha1(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()
    key = (digest, get_language(), tuple(sorted(names.items())))
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
            return html
    html = _render(doc, names)
    if doc.get("classification") != Classification.SENSITIVE:
        with _lock:
            _kept[key] = html
            while len(_kept) > ENTRIES:
                _kept.popitem(last=False)
    return html


def _render(doc: dict, names: dict) -> dict[str, str]:
    context = {"doc": doc, "view": ReadView(doc, names),
               "picture": call_tree_picture(doc.get("team", []), doc.get("call_tree", []))}
    return {c: render_to_string(f"plans/read/{c}.html", context) for c in ALL_COMPONENTS}
