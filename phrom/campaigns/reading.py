"""A sent plan as a submission's page shows it, and a past version as the plan's version page does: each
component's read view (phrom.plans.display.ReadView and the templates plans/read/*), rendered once and
kept in this process.

On deadline day the collectors of an office open the same few submissions again and again, and each
rendering took ~5 ms. The HTML follows from the document, the language and the scenario catalogue
alone, so it is kept under exactly those (a digest of the document: a version the agency sends again
unchanged is the same entry; nothing is served that the reader did not just load and may read). Kept
up to CHARACTERS characters of HTML in all (~2 bytes each: Thai), the least recently read dropped
first; a security-sensitive plan's is never kept.
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

CHARACTERS = 8_000_000  # a few hundred plans of the usual size, a dozen of the largest

_kept: OrderedDict[tuple, dict[str, str]] = OrderedDict()
_size = {"characters": 0}
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
    size = sum(len(part) for part in html.values())
    if doc.get("classification") != Classification.SENSITIVE and size <= CHARACTERS // 10:
        with _lock:
            if key not in _kept:
                _kept[key] = html
                _size["characters"] += size
            while _size["characters"] > CHARACTERS:
                _key, dropped = _kept.popitem(last=False)
                _size["characters"] -= sum(len(part) for part in dropped.values())
    return html


def _render(doc: dict, names: dict) -> dict[str, str]:
    context = {"doc": doc, "view": ReadView(doc, names),
               "picture": call_tree_picture(doc.get("team", []), doc.get("call_tree", []))}
    return {c: render_to_string(f"plans/read/{c}.html", context) for c in ALL_COMPONENTS}
