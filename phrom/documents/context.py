"""What a printed plan shows, worked out once for every renderer (PDF, Word, print preview).

`print_context(doc, header)` turns a plan document dict (format `phrom-plan/1`) and a small header
dict into display-ready rows: labels in the active language, durations in words, the RTO ticked in
its period column, tables grouped as the OPDC form groups them, and the call tree laid out with
coordinates (CSS pixels at 96 dpi) that the SVG of the PDF and the drawing of the .docx both use.

The header dict (everything optional except the organisation):
    organisation   the agency's Thai name
    kind           its kind, as printed (e.g. "ส่วนราชการส่วนภูมิภาค")
    province       province name, or ""
    version        the plan version number
    sent_on        the day the agency's approver (its head) approved and sent the version, or None
    approved_on    the day a campaign accepted it (datetime.date), or None
                   (neither: an unapproved draft)
    fiscal_year    fiscal year in the Buddhist era (int)
    classification "normal" or "sensitive"; defaults to the document's own
    scenario_names {code: name} for catalogue scenarios added by administrators
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.utils.translation import get_language, pgettext
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import arabic_digit_to_thai_digit

from phrom.plans.calltree import CallTree
from phrom.plans.codes import PERIOD_HOURS, PERIODS
from phrom.plans.formatting import (
    PERIOD_LABELS,
    date_text,
    declared_dependency_text,
    duration_text,
    own_scenario_name,
    quantity_text,
)

from . import labels
from .fonts import advances

# Keys whose values are identifiers, not text: never turned into Thai digits.
_NOT_TEXT = {"id", "anchor", "code", "key", "layout"}


def print_context(doc: dict, header: dict, *, thai_digits: bool = False, tree_height: float | None = None) -> dict:
    """Everything the templates need to print `doc`, as plain dicts, lists, strings and numbers.

    `tree_height`: the height (px) of one part of a call tree too big for a page; a renderer that
    draws the tree larger than the SVG asks for shorter parts."""
    builder = _Builder(doc, header, tree_height=tree_height or PAGE_HEIGHT)
    context = builder.build()
    if thai_digits:
        context = _thai_digits(context)
    context["thai_digits"] = thai_digits
    return context


# ---------------------------------------------------------------------------------------------
# Formatting helpers


def rto_period(hours) -> str | None:
    """The OPDC column an RTO is ticked in: the shortest period that is not shorter than it."""
    if hours is None or hours == "":
        return None
    for code in PERIODS:
        if float(hours) <= PERIOD_HOURS[code]:
            return code
    return None


def phone_text(phone: str) -> str:
    """Thai numbers grouped as printed: 0812345678 → 081-234-5678, 021234567 → 02-123-4567."""
    digits = (phone or "").strip()
    if digits.isdigit() and digits.startswith("0"):
        if len(digits) == 10:
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        if len(digits) == 9:
            return f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"
    return digits


def _approval(sent, accepted) -> str:
    """The cover's line of approval: by the agency's head when it was sent; a plan only known as
    accepted says when; else a draft."""
    if sent:
        return pgettext("document", "Approved by the head of the agency on %(date)s") % {"date": date_text(sent)}
    if accepted:
        return pgettext("document", "Approved on %(date)s") % {"date": date_text(accepted)}
    return pgettext("document", "Draft — not yet approved")


def _province(name: str | None) -> str:
    if not name:
        return ""
    if name.startswith("กรุงเทพ") or name.lower().startswith("bangkok"):
        return name  # Bangkok is not a จังหวัด
    return pgettext("document", "Province of %(name)s") % {"name": name}


def _paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def digits(value, thai: bool) -> str:
    """A number the template or the Word builder counts itself (a sub-heading's), in the document's digits."""
    return arabic_digit_to_thai_digit(str(value)) if thai else str(value)


def _thai_digits(value, key=None):
    if isinstance(value, str):
        return value if key in _NOT_TEXT else arabic_digit_to_thai_digit(value)
    if isinstance(value, dict):
        return {k: _thai_digits(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_thai_digits(v, key) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# The builder


class _Builder:
    def __init__(self, doc: dict, header: dict, *, tree_height: float):
        self.doc = doc
        self.tree_height = tree_height
        self.header = header
        self.team = {m["key"]: m for m in doc.get("team") or []}
        self.processes = {p["key"]: p for p in doc.get("processes") or []}
        self.process_order = {p["key"]: i for i, p in enumerate(doc.get("processes") or [])}
        self.table_number = 0

    def caption(self, text) -> str:
        self.table_number += 1
        return pgettext("document", "Table %(n)s %(title)s") % {"n": self.table_number, "title": text}

    def build(self) -> dict:
        sections = [
            {"id": f"s{i}", "number": str(i), "key": key, "title": str(title)}
            for i, (key, title) in enumerate(labels.SECTIONS, start=1)
        ]
        return {
            "lang": get_language() or "th",
            "meta": self.meta(),
            "sections": sections,
            "section": {s["key"]: s for s in sections},
            "periods": [str(PERIOD_LABELS[c]) for c in PERIODS],
            "scope": self.scope(),
            "impacts": self.impacts(),
            "team": self.team_table(),
            "strategies": self.strategies(),
            "bia": self.bia(),
            "resources": self.resources(),
            "procedures": self.procedures(),
            "call_tree": self.call_tree(),
        }

    # -- cover and page furniture

    def meta(self) -> dict:
        h, doc = self.header, self.doc
        classification = h.get("classification") or doc.get("classification") or "normal"
        approved, sent = h.get("approved_on"), h.get("sent_on")
        fiscal_year = h.get("fiscal_year")
        title = doc.get("title") or pgettext("document", "Business continuity plan")
        fiscal_text = pgettext("document", "Fiscal year %(year)s") % {"year": fiscal_year} if fiscal_year else ""
        return {
            "title": title,
            "generic_title": pgettext("document", "Business Continuity Plan (BCP)"),
            "organisation": h.get("organisation", ""),
            "kind": h.get("kind", ""),
            "province": _province(h.get("province")),
            # The title usually names the fiscal year already; print it apart only when it does not.
            "fiscal_year": fiscal_text if fiscal_year and str(fiscal_year) not in title else "",
            "version": pgettext("document", "Version %(n)s") % {"n": h["version"]} if h.get("version") else "",
            "approval": _approval(sent, approved),
            "accepted": pgettext("document", "Accepted on %(date)s") % {"date": date_text(approved)}
            if sent and approved
            else "",
            "reviewed": pgettext("document", "Last reviewed on %(date)s") % {"date": date_text(doc["reviewed_on"])}
            if doc.get("reviewed_on")
            else "",
            "exercised": pgettext("document", "Last exercised on %(date)s") % {"date": date_text(doc["exercised_on"])}
            if doc.get("exercised_on")
            else "",
            "sensitive": classification == "sensitive",
            "mark": str(labels.SECURITY_MARK),
            "mark_note": str(labels.SECURITY_NOTE),
            "contents": pgettext("document", "Contents"),
            "page": pgettext("document", "Page"),
        }

    # -- 1. scope

    def scenario_name(self, code: str) -> str:
        for s in (self.doc.get("scope") or {}).get("scenarios") or []:
            if s.get("code") == code and own_scenario_name(s):
                return own_scenario_name(s)
        names = self.header.get("scenario_names") or {}
        if code in names:
            return names[code]
        return str(labels.SCENARIOS.get(code, code))

    def scope(self) -> dict:
        scope = self.doc.get("scope") or {}
        return {
            "parts": [
                {"title": pgettext("document", "Objectives"), "paragraphs": _paragraphs(scope.get("objectives"))},
                {"title": pgettext("document", "Assumptions"), "paragraphs": _paragraphs(scope.get("assumptions"))},
                {"title": pgettext("document", "Scope"), "paragraphs": _paragraphs(scope.get("scope"))},
            ],
            "scenarios_title": pgettext("document", "Crisis scenarios covered by this plan"),
            "scenarios": [
                {"name": self.scenario_name(s["code"]), "note": s.get("note") or ""}
                for s in scope.get("scenarios") or []
            ],
            "long_crisis": pgettext("document", "This plan holds for a crisis lasting longer than one month.")
            if scope.get("long_crisis")
            else pgettext("document", "This plan does not cover a crisis lasting longer than one month."),
        }

    # -- 2. scenario × resource category grid

    def impacts(self) -> dict:
        codes = [s["code"] for s in (self.doc.get("scope") or {}).get("scenarios") or []]
        impacted: dict[tuple[str, str], dict] = {}
        for row in self.doc.get("impacts") or []:
            impacted[(row["scenario"], row["category"])] = row
            if row["scenario"] not in codes:
                codes.append(row["scenario"])
        rows, notes = [], []
        for code in codes:
            cells = []
            for cat in labels.CATEGORIES:
                row = impacted.get((code, cat))
                cells.append(bool(row and row.get("impacted")))
                if row and row.get("note"):
                    notes.append(f"{self.scenario_name(code)} – {labels.CATEGORIES[cat]}: {row['note']}")
            rows.append({"scenario": self.scenario_name(code), "cells": cells})
        return {
            "caption": self.caption(pgettext("document", "Crisis scenarios and the critical resources they affect")),
            "corner": pgettext("document", "Crisis scenario"),
            "categories": [str(v) for v in labels.CATEGORY_SHORT.values()],
            "rows": rows,
            "notes_title": pgettext("document", "Notes"),
            "notes": notes,
        }

    # -- 3. team

    def person(self, key) -> dict:
        m = self.team.get(key) if key else None
        if not m:
            return {"name": "", "position": "", "phone": ""}
        return {"name": m.get("name", ""), "position": m.get("position", ""), "phone": phone_text(m.get("phone"))}

    def team_table(self) -> dict:
        alternates = {m.get("alternate") for m in self.team.values() if m.get("alternate")}
        groups: dict[str, list] = {}
        for m in self.team.values():
            # Someone who only stands in for another member is printed beside that member.
            if m["key"] in alternates and not m.get("alternate") and m.get("role") == "member":
                continue
            groups.setdefault(m.get("team") or "", []).append(
                {
                    "role": str(labels.ROLES.get(m.get("role"), m.get("role") or "")),
                    "main": self.person(m["key"]),
                    "alternate": self.person(m.get("alternate")),
                }
            )
        return {
            "caption": self.caption(pgettext("document", "The business continuity management team")),
            "heads": {
                "role": pgettext("document", "Role"),
                "main": pgettext("document", "Main person"),
                "alternate": pgettext("document", "Alternate"),
                "name": pgettext("document", "Name and position"),
                "phone": pgettext("document", "Telephone"),
            },
            "groups": [{"team": name, "rows": rows} for name, rows in groups.items()],
            "size": len(self.team),
        }

    # -- 4. strategies

    def strategies(self) -> dict:
        by_cat: dict[str, list] = {}
        for s in self.doc.get("strategies") or []:
            by_cat.setdefault(s["category"], []).append(
                {"text": s.get("strategy", ""), "digital": bool(s.get("digital"))}
            )
        order = [*labels.CATEGORIES, *(c for c in by_cat if c not in labels.CATEGORIES)]
        return {
            "caption": self.caption(pgettext("document", "Business continuity strategies by resource category")),
            "heads": {"category": pgettext("document", "Resource category"), "strategy": pgettext("document", "Continuity strategy")},
            "digital": pgettext("document", "digital / e-Service"),
            "groups": [
                {"category": str(labels.CATEGORIES.get(cat, cat)), "items": by_cat[cat]}
                for cat in order
                if by_cat.get(cat)
            ],
        }

    # -- 5. business impact analysis

    def dependencies(self) -> dict:
        """The table of what the processes depend on, under the BIA (only when some process declares any)."""
        processes = [p for p in self.doc.get("processes") or [] if p.get("dependencies")]
        if not processes:
            return {"dependencies": []}
        from phrom.dependencies.reports import dependency_names  # names of agencies and utilities: read once

        organisations, utilities = dependency_names(processes)
        rows = [
            {"process": p.get("name", ""), "first": i == 0, "span": len(p["dependencies"]),
             "what": declared_dependency_text(d, organisations, utilities),
             "kind": str(labels.DEPENDENCY_KINDS.get(d["kind"], d["kind"])),
             "covered": duration_text(d.get("covered_hours")), "covered_by": d.get("covered_by") or ""}
            for p in processes for i, d in enumerate(p["dependencies"])
        ]
        return {
            "dependencies": rows,
            "dependencies_caption": self.caption(pgettext("document", "What the critical processes depend on")),
            "dependencies_heads": {
                "process": pgettext("document", "Critical process / service"),
                "kind": pgettext("document", "Depends on"), "what": pgettext("document", "Service, utility or supplier"),
                "covered": pgettext("document", "Covered by the agency for"),
                "covered_by": pgettext("document", "Arrangement"),
            },
        }

    def bia(self) -> dict:
        rows, over_time = [], []
        for i, p in enumerate(self.doc.get("processes") or [], start=1):
            period = rto_period(p.get("rto_hours"))
            exact = period and float(p["rto_hours"]) != PERIOD_HOURS[period]
            rows.append(
                {
                    "number": str(i),
                    "name": p.get("name", ""),
                    "mission": p.get("mission") or "",
                    "impact": str(labels.IMPACT_LEVELS.get(p.get("impact_level"), p.get("impact_level") or "")),
                    "ticks": [code == period for code in PERIODS],
                    # An RTO between two columns is ticked in the later one and printed as well.
                    "rto_note": duration_text(p.get("rto_hours")) if exact else "",
                    "rto_beyond": duration_text(p.get("rto_hours"))
                    if p.get("rto_hours") is not None and period is None
                    else "",
                    "mtpd": duration_text(p.get("mtpd_hours")),
                    "rpo": duration_text(p.get("rpo_hours")),
                    "eservice": bool(p.get("eservice")),
                    "it": bool(p.get("depends_on_it")),
                }
            )
            texts = p.get("impact_over_time") or {}
            if any(texts.get(c) for c in PERIODS):
                over_time.append({"name": p.get("name", ""), "cells": [texts.get(c) or "" for c in PERIODS]})
        out = {
            "caption": self.caption(pgettext("document", "Critical processes, impact level and recovery time objective")),
            "heads": {
                "number": pgettext("document", "No."),
                "process": pgettext("document", "Critical process / service"),
                "impact": pgettext("document", "Impact level"),
                "rto": pgettext("document", "Recovery time objective (RTO) within"),
                "mtpd": "MTPD",
                "rpo": "RPO",
                "eservice": pgettext("document", "e-Service"),
            },
            "legend": pgettext("document", "RTO: recovery time objective, ticked in the period within which the process must be running "
                "again. MTPD: maximum tolerable period of disruption. RPO: recovery point objective, the "
                "most recent data that must be recoverable."
            ),
            "rows": rows,
            "over_time_caption": self.caption(pgettext("document", "Impact of a disruption over time")) if over_time else "",
            "over_time": over_time,
            "yes": pgettext("document", "yes"),
            "no": pgettext("document", "no"),
        }
        return out | self.dependencies()  # printed after the two tables above: numbered after them

    # -- 6. resource requirements

    def resources(self) -> dict:
        by_cat: dict[str, list] = {}
        for r in self.doc.get("resources") or []:
            by_cat.setdefault(r["category"], []).append(r)
        tables = []
        for cat in [*labels.CATEGORIES, *(c for c in by_cat if c not in labels.CATEGORIES)]:
            items = sorted(by_cat.get(cat, []), key=lambda r: self.process_order.get(r.get("process"), 10**6))
            if not items:
                continue
            rows, previous = [], object()
            for r in items:
                first = r.get("process") != previous
                previous = r.get("process")
                process = self.processes.get(r.get("process"))
                q = r.get("quantities") or {}
                rows.append(
                    {
                        "process": process["name"] if process else "",
                        "first": first,
                        "span": sum(1 for x in items if x.get("process") == r.get("process")) if first else 0,
                        "item": r.get("item", ""),
                        "unit": r.get("unit") or "",
                        "quantities": [quantity_text(q.get(c)) for c in PERIODS],
                    }
                )
            tables.append(
                {
                    "category": str(labels.CATEGORIES.get(cat, cat)),
                    "caption": self.caption(
                        pgettext("document", "Resources needed: %(category)s") % {"category": labels.CATEGORIES.get(cat, cat)}
                    ),
                    "rows": rows,
                }
            )
        return {
            "heads": {
                "process": pgettext("document", "Critical process"),
                "item": pgettext("document", "Resource"),
                "unit": pgettext("document", "Unit"),
                "needed": pgettext("document", "Quantity needed within"),
            },
            "tables": tables,
        }

    # -- 7. procedures

    def procedures(self) -> dict:
        by_window: dict[str, list] = {}
        for step in self.doc.get("procedures") or []:
            by_window.setdefault(step.get("window"), []).append(step)
        windows = []
        for code, label in labels.WINDOWS.items():
            steps = sorted(by_window.get(code, []), key=lambda s: s.get("order") or 0)
            if not steps and code == "beyond30":
                continue  # the OPDC form has three checklists; the fourth only when written
            rows = []
            for i, s in enumerate(steps, start=1):
                owner = self.person(s.get("owner"))
                process = self.processes.get(s.get("process"))
                rows.append(
                    {
                        "number": str(i),
                        "activity": s.get("activity", ""),
                        "process": process["name"] if process else "",
                        "owner": owner["name"],
                        "owner_position": owner["position"],
                    }
                )
            windows.append(
                {"title": str(label), "caption": self.caption(pgettext("document", "Checklist: %(w)s") % {"w": label}), "rows": rows}
            )
        return {
            "heads": {
                "number": pgettext("document", "Step"),
                "activity": pgettext("document", "Activity"),
                "owner": pgettext("document", "Responsible"),
                "done": pgettext("document", "Done"),
            },
            "process_label": pgettext("document", "process"),
            "none": pgettext("document", "No steps written."),
            "windows": windows,
        }

    # -- 8. call tree

    def call_tree(self) -> dict:
        links = self.doc.get("call_tree") or []
        roots = build_tree(links, self.team, self.person)
        # The drawing, and the same links as a table: read aloud, copied, and imported back from Word.
        rows = [
            {"number": str(n), "people": [self.person(link.get("caller")), self.person(key)],  # caller, callee
             "channel": str(labels.CHANNELS.get(link.get("channel"), link.get("channel") or ""))}
            for n, (key, _depth, link) in enumerate(CallTree(list(self.team.values()), links).walk(), start=1)
        ]
        return {
            "empty": pgettext("document", "No call tree written."), **layout_tree(roots, self.tree_height),
            "rows": rows,
            "caption": self.caption(pgettext("document", "Order of alerting")) if rows else "",
            "heads": {"number": pgettext("document", "No."), "caller": pgettext("document", "Caller"),
                      "callee": pgettext("document", "Person alerted"), "channel": pgettext("document", "Channel")},
        }


# ---------------------------------------------------------------------------------------------
# Call tree: nodes and layout


@dataclass
class Node:
    key: str
    name: str
    position: str
    phone: str
    channel: str
    role: str = ""
    children: list[Node] = field(default_factory=list)
    x: float = 0
    y: float = 0


def build_tree(links: list[dict], team: dict, person) -> list[Node]:
    """Nodes from the call_tree rows (phrom.plans.calltree: a member reached twice, or in a cycle,
    is placed once, under whoever alerts them first)."""
    roots: list[Node] = []
    path: list[Node] = []  # the last node placed at each depth: the callers of the next one
    for key, depth, link in CallTree(list(team.values()), links).walk():
        p = person(key)
        channel = labels.CHANNELS.get(link.get("channel"), link.get("channel") or "")
        n = Node(key, p["name"], p["position"], p["phone"], str(channel), team[key].get("role") or "")
        del path[depth:]
        (path[-1].children if path else roots).append(n)
        path.append(n)
    return roots


# Geometry in CSS px (96 dpi). The printable width is A4 less 3 cm + 2 cm margins: 160 mm ≈ 604 px.
PAGE_WIDTH = 600
PAGE_HEIGHT = 840  # what is left of one page under a heading
FONT = 12  # px, the diagram's text size (Sarabun 9 pt; TH Sarabun New 12 pt in Word)
LINE = 15

CHART = {"w": 142, "hgap": 10, "vgap": 30, "indent": 14, "sgap": 8}
LIST = {"w": 400, "indent": 30, "gap": 8}


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """Advance width of Sarabun text in px (marks above and below take no room)."""
    widths = advances(bold)
    return sum(widths.get(ord(ch), 0.6) for ch in text) * size * 1.02  # a little room for rounding


class ThaiWords:
    """PyThaiNLP's word list in the one shape its newmm segmenter asks of a dictionary,
    `prefixes(text, start)`: a set of the words, not the ready-made Trie (whose 600,000 nodes hold
    ~63 MB in every process that prints — as much as a third of a Chromium renderer)."""

    def __init__(self, words: frozenset[str]):
        self.words = words
        self.longest = max(map(len, words))

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        words, stop = self.words, min(len(text), start + self.longest)
        return [text[start:end] for end in range(start + 1, stop + 1) if text[start:end] in words]


@functools.cache
def thai_dictionary() -> ThaiWords:
    return ThaiWords(thai_words())


def wrap(text: str, width: float, size: float = FONT, bold: bool = False) -> list[str]:
    """Lines of at most `width` px, broken between Thai words (pythainlp's dictionary): a name or
    position in an official document is never cut short."""
    if not text or text_width(text, size, bold) <= width:
        return [text] if text else []
    lines, line = [], ""
    for token in word_tokenize(text, custom_dict=thai_dictionary(), engine="newmm", keep_whitespace=True):
        if line and text_width(line + token, size, bold) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while text_width(line, size, bold) > width:  # one word longer than the box: split it anyway
            cut = len(line)
            while cut > 1 and text_width(line[:cut], size, bold) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _lines(n: Node, width: float, *, joined: bool) -> list[tuple[str, bool]]:
    """A person's box: name (bold), position, then phone and channel."""
    out: list[tuple[str, bool]] = []
    title = f"{n.name} — {n.position}" if n.name and n.position else n.name or n.position
    if joined and text_width(title, bold=True) <= width:
        out.append((title, True))
    else:
        out += [(line, True) for line in wrap(n.name, width, bold=True)]
        out += [(line, not n.name) for line in wrap(n.position, width, bold=not n.name)]
    out += [(line, False) for line in wrap(_contact(n), width)]
    return out


PAD = 6


def _box(n: Node, w: float, h: float, lines: list[tuple[str, bool]]) -> dict:
    pad = PAD
    return {
        "key": n.key,
        # The head of the team stands out; leaders and coordinators are shaded lightly.
        "fill": {"head": "#d9d9d9", "coordinator": "#eeeeee", "leader": "#eeeeee"}.get(n.role, "#ffffff"),
        "x": round(n.x, 1),
        "y": round(n.y, 1),
        "w": w,
        "h": h,
        "lines": [
            {"text": text, "bold": bold, "x": round(n.x + pad, 1),
             "y": round(n.y + pad + FONT + i * LINE - 1, 1)}
            for i, (text, bold) in enumerate(lines)
        ],
    }


def _contact(n: Node) -> str:
    return " · ".join(x for x in (n.phone, n.channel) if x)


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.children)


def layout_tree(roots: list[Node], page_height: float = PAGE_HEIGHT) -> dict:
    """An org chart when it fits the page width; otherwise an indented tree cut into page-high parts."""
    if not roots:
        return {"layout": "none", "diagrams": [], "count": 0}
    count = sum(1 for _ in _walk(roots))
    chart = _chart(roots)
    if chart["width"] <= PAGE_WIDTH and chart["height"] <= page_height:
        return {"layout": "chart", "diagrams": [chart], "count": count}
    return {"layout": "list", "diagrams": _list(roots, page_height), "count": count}


def _chart(roots: list[Node]) -> dict:
    c = CHART
    w = c["w"]
    texts = {id(n): _lines(n, w - 2 * PAD, joined=False) for n in _walk(roots)}
    h = 2 * PAD + max(len(t) for t in texts.values()) * LINE  # one height for every box of a chart
    lines: list[dict] = []

    def line(x1, y1, x2, y2):
        lines.append({"x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1)})

    def stacked(n: Node) -> bool:
        return len(n.children) > 1 and all(not ch.children for ch in n.children)

    def measure(n: Node) -> float:
        if not n.children:
            return w
        if stacked(n):
            return w + 2 * c["indent"]
        return max(w, sum(measure(ch) for ch in n.children) + c["hgap"] * (len(n.children) - 1))

    def place(n: Node, x0: float, y: float) -> float:
        """Lay out n's subtree from x0 down from y; returns the x of n's centre."""
        n.y = y
        if not n.children:
            n.x = x0
            return x0 + w / 2
        if stacked(n):
            # Leaves stacked under their caller, as org charts draw a team's members.
            n.x = x0
            trunk = x0 + c["indent"]
            for i, ch in enumerate(n.children):
                ch.x, ch.y = x0 + 2 * c["indent"], y + (i + 1) * (h + c["sgap"])
                line(trunk, ch.y + h / 2, ch.x, ch.y + h / 2)
            line(trunk, y + h, trunk, n.children[-1].y + h / 2)
            return x0 + w / 2
        widths = [measure(ch) for ch in n.children]
        x = x0 + (measure(n) - sum(widths) - c["hgap"] * (len(widths) - 1)) / 2
        anchors = []
        for ch, width in zip(n.children, widths, strict=True):
            anchors.append(place(ch, x, y + h + c["vgap"]))
            x += width + c["hgap"]
        centre = (anchors[0] + anchors[-1]) / 2
        n.x = centre - w / 2
        bar = y + h + c["vgap"] / 2
        line(centre, y + h, centre, bar)
        if len(anchors) > 1:
            line(anchors[0], bar, anchors[-1], bar)
        for a in anchors:
            line(a, bar, a, y + h + c["vgap"])
        return centre

    x = 0.0
    for root in roots:
        place(root, x, 0)
        x += measure(root) + c["hgap"]
    nodes = list(_walk(roots))
    boxes = [_box(n, w, h, texts[id(n)]) for n in nodes]
    return {
        "width": round(max(b["x"] + w for b in boxes) + 1, 1),
        "height": round(max(b["y"] + h for b in boxes) + 1, 1),
        "boxes": boxes,
        "lines": lines,
    }


def _list(roots: list[Node], page_height: float) -> list[dict]:
    """Indented tree: one box per person, connectors from each caller down its left side, cut
    into page-high parts (an SVG or a Word drawing does not break across pages)."""
    c = LIST
    w, pad = c["w"], 6
    rows: list[tuple[Node, list[tuple[str, bool]]]] = []

    def visit(n: Node, depth: int):
        n.x = depth * c["indent"]
        rows.append((n, _lines(n, w - 2 * pad, joined=True)))
        for ch in n.children:
            visit(ch, depth + 1)

    for root in roots:
        visit(root, 0)
    heights = {id(n): 2 * pad + max(1, len(lines)) * LINE for n, lines in rows}
    y = 0.0
    for n, _ in rows:
        n.y = y
        y += heights[id(n)] + c["gap"]
    # Cut into parts: each part's rows fit in a page height.
    parts_rows, current, top = [], [], 0.0
    for n, lines in rows:
        if current and n.y + heights[id(n)] - top > page_height:
            parts_rows.append((top, current))
            current, top = [], n.y
        current.append((n, lines))
    parts_rows.append((top, current))

    segments = []
    for n, _ in rows:
        if n.children:
            trunk = n.x + c["indent"] / 2
            last = n.children[-1]
            segments.append((trunk, n.y + heights[id(n)], trunk, last.y + heights[id(last)] / 2))
            for ch in n.children:
                mid = ch.y + heights[id(ch)] / 2
                segments.append((trunk, mid, ch.x, mid))
    parts = []
    for top, part in parts_rows:
        last = part[-1][0]
        bottom = last.y + heights[id(last)]
        lines_out = []
        for x1, y1, x2, y2 in segments:
            if y1 == y2:
                if top <= y1 <= bottom:
                    lines_out.append({"x1": x1, "y1": round(y1 - top, 1), "x2": x2, "y2": round(y2 - top, 1)})
                continue
            lo, hi = max(y1, top), min(y2, bottom)
            if lo < hi:  # a trunk running on from the previous part or into the next one
                lines_out.append({"x1": x1, "y1": round(lo - top, 1), "x2": x2, "y2": round(hi - top, 1)})
        boxes = []
        for n, lines in part:
            box = _box(n, w, heights[id(n)], lines)
            box["y"] = round(box["y"] - top, 1)
            for ln in box["lines"]:
                ln["y"] = round(ln["y"] - top, 1)
            boxes.append(box)
        parts.append(
            {
                "width": round(max(b["x"] + w for b in boxes) + 1, 1),
                "height": round(bottom - top + 1, 1),
                "boxes": boxes,
                "lines": lines_out,
            }
        )
    return parts
