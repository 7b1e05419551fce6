"""The plan authoring forms: each component's editor posts rows of fields, and these editors turn
the POST into the component's part of the `phrom-plan/1` document, and a document back into rows.

The editors keep the user's input as text ("form state") between the two, so that a refused save
(invalid data, or a stale revision) shows the page again exactly as it was typed.

Field ids follow the checker's anchors (phrom.plans.checker.Finding.anchor): the field of
`processes[3].rto_hours` has the id `f-processes-3-rto_hours`, so that a finding or an error path
of phrom.plans.document leads straight to its field. Field names are `<list>-<token>-<field>`, and
each row starts with a hidden `rows-<list>` input carrying its token: the rows come back in page
order whatever their tokens, and a row added in the browser only needs a new token.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, gettext_noop, pgettext_lazy
from django.utils.translation import gettext as _

from .codes import (
    HEADER,
    Category,
    Channel,
    Classification,
    ImpactLevel,
    Period,
    TeamRole,
    Window,
)
from .content import PlanValidationError, Refs, catalogue_codes, clean_component, empty_component
from .messages import both
from .models import ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, Plan, PlanVersion

TOKEN_RE = re.compile(r"^[A-Za-z0-9_]{1,40}$")
MEMBER_KEY_RE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")  # a team member's key (phrom.plans.document)
NEW_TOKEN = "__T__"  # replaced by a fresh token when the browser clones an empty row
PERIODS = [p.value for p in Period]
PERIOD_LABELS = dict(Period.choices)
CATEGORY_LABELS = dict(Category.choices)
WINDOW_LABELS = dict(Window.choices)

# The units a duration is typed in (docs/plan-document.md: a month is 30 days).
UNITS = [
    ("hour", pgettext_lazy("duration unit", "hours"), 1),
    ("day", pgettext_lazy("duration unit", "days"), 24),
    ("week", pgettext_lazy("duration unit", "weeks"), 168),
    ("month", pgettext_lazy("duration unit", "months"), 720),
]
UNIT_HOURS = {code: hours for code, _label, hours in UNITS}
UNIT_CHOICES = [(code, label) for code, label, _hours in UNITS]
DURATIONS = ("mtpd_hours", "rto_hours", "rpo_hours")

# Editors large enough that a <select> of every member per row would make the page megabytes:
# above this many options the select carries only its value and the browser fills in the rest.
LAZY_SELECT_OVER = 40

COMPONENT_SLUGS = {
    HEADER: "details", "scope": "scope", "impacts": "impacts", "team": "team", "strategies": "strategies",
    "processes": "processes", "resources": "resources", "procedures": "procedures", "call_tree": "call-tree",
}
SLUG_COMPONENTS = {slug: c for c, slug in COMPONENT_SLUGS.items()}


def anchor(path: str) -> str:
    """The id of the field of a document path (the same rule as Finding.anchor)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def message_of(error: dict) -> str:
    return error["message_en"] if get_language() == "en" else error["message_th"]


def local_error(path: str, msgid: str, **params) -> dict:
    th, en = both(msgid, **params)
    return {"path": path, "message_th": th, "message_en": en}


# --------------------------------------------------------------------------- numbers, durations, dates


def fmt_number(value) -> str:
    if value is None or value == "":
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:.4g}"


def split_duration(hours) -> tuple[str, str]:
    """Hours as the number and unit a person would type: 720 -> (1, month), 36 -> (36, hour)."""
    if hours is None:
        return "", "hour"
    for code, _label, size in reversed(UNITS):
        if size > 1 and hours >= size and math.isclose(hours / size, round(hours / size)):
            return fmt_number(round(hours / size)), code
    return fmt_number(hours), "hour"


def duration_text(hours) -> str:
    """'4 ชั่วโมง', '2 สัปดาห์' — for read-only pages."""
    if hours is None or hours == "":
        return ""
    number, unit = split_duration(float(hours))
    return f"{number} {dict(UNIT_CHOICES)[unit]}"


def parse_number(text: str):
    """A number typed by a person ("1,500", "2.5"), or ValueError."""
    cleaned = (text or "").strip().replace(",", "")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return int(value) if value.is_integer() else value


THAI_DATE_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def parse_thai_date(text: str) -> datetime.date | None:
    """A date typed as day/month/year in the Buddhist era (15/10/2568), or ISO; ValueError if neither."""
    text = (text or "").strip().translate(THAI_DIGITS)
    if not text:
        return None
    match = THAI_DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year > 2400:  # Buddhist era, as Thai officials write it
            year -= 543
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def format_thai_date(value) -> str:
    """An ISO date (or date) as dd/mm/yyyy in the Buddhist era, for an input field."""
    if not value:
        return ""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


# --------------------------------------------------------------------------- fields and rows

# The words of the editors' rows, translated once per page rather than once per row: a page of
# 1,000 procedure steps would otherwise spend most of its time in {% translate %}.
ROW_LABELS = {
    "remove": gettext_lazy("Remove"), "name": gettext_lazy("Full name"), "position": gettext_lazy("Position"),
    "role": gettext_lazy("Role in the plan"), "team": gettext_lazy("Team"), "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"), "line_id": gettext_lazy("LINE ID"), "alternate": gettext_lazy("Alternate"),
    "new_person": gettext_lazy("New person"), "this_person": gettext_lazy("this person"),
    "nobody": gettext_lazy("— nobody yet —"), "choose": gettext_lazy("— choose —"), "any": gettext_lazy("— any —"),
    "person_removed": gettext_lazy("The person was removed. Save to keep the change."),
    "row_removed": gettext_lazy("The row was removed. Save to keep the change."),
    "step_removed": gettext_lazy("The step was removed. Save to keep the change."),
    "process_removed": gettext_lazy("The process was removed. Save to keep the change."),
    "strategy": gettext_lazy("Strategy"), "digital": gettext_lazy("Relies on e-Service or digital technology"),
    "this_strategy": gettext_lazy("this strategy"), "order": gettext_lazy("Order"), "activity": gettext_lazy("Activity"),
    "responsible": gettext_lazy("Responsible"), "for_process": gettext_lazy("For the process"),
    "this_step": gettext_lazy("this step"), "category": gettext_lazy("Resource category"), "item": gettext_lazy("Item"),
    "unit": gettext_lazy("Unit"), "this_row": gettext_lazy("this row"), "process": gettext_lazy("Process or service"),
    "mission": gettext_lazy("Mission it serves"), "impact_level": gettext_lazy("Impact level"),
    "new_process": gettext_lazy("New process"), "this_process": gettext_lazy("this process"),
    "no_rto": gettext_lazy("no RTO"), "depends_on_it": gettext_lazy("Depends on IT systems and data"),
    "eservice": gettext_lazy("Has an e-Service"), "over_time": gettext_lazy("Impact if the process stops for…"),
    "alerted_by": gettext_lazy("Alerted by"), "person_alerted": gettext_lazy("Person alerted"),
    "channel": gettext_lazy("Channel"), "root": gettext_lazy("★ alerted first (starts the tree)"),
    "this_link": gettext_lazy("this link"), "name_th": gettext_lazy("Name (Thai)"),
    "name_en": gettext_lazy("Name (English, optional)"), "note": gettext_lazy("Note"),
    "this_scenario": gettext_lazy("this scenario"), "not_in_tree": gettext_lazy("— not in the tree —"),
    "not_reached": gettext_lazy("not reached"),
}


def row_labels() -> dict:
    return {key: str(label) for key, label in ROW_LABELS.items()}



def esc(value) -> str:
    """HTML-escaped text, as django.utils.html.escape gives it, but fast: the editors' rows call it
    for every field of pages with thousands of fields (str.translate takes ~10 times as long on
    Thai text as these replaces, and Django's escape adds a lazy-string wrapper)."""
    text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


class Field:
    """One input as a page shows it: id, name, the text typed, and its error messages.

    The properties give ready-escaped HTML pieces (SafeString for templates, plain strings for
    the Python row renderers of phrom.plans.templatetags.plans_rows): a page of 1,000 rows renders
    thousands of fields, and each template variable costs more than the few characters it writes.
    """

    __slots__ = ("id", "name", "value", "errors")

    def __init__(self, id: str, name: str, value="", errors=None):
        self.id, self.name, self.value, self.errors = id, name, value, errors or []

    @property
    def attrs(self) -> str:
        """' id="…" name="…"' and, with errors, aria-invalid and aria-describedby."""
        return f' id="{esc(self.id)}" name="{esc(self.name)}"{self.aria}'

    @property
    def input(self):
        return mark_safe(f'{self.attrs} value="{esc(self.value)}"')

    @property
    def named(self):
        return mark_safe(self.attrs)

    @property
    def err_id(self) -> str:
        return f"{self.id}-err"

    @property
    def aria(self):
        """aria-invalid and aria-describedby for an input with errors."""
        if not self.errors:
            return ""
        return mark_safe(f' aria-invalid="true" aria-describedby="{esc(self.err_id)}"')

    @property
    def error_html(self):
        if not self.errors:
            return ""
        items = "".join(f"<li>{esc(m)}</li>" for m in self.errors)
        return mark_safe(f'<ul class="errorlist" id="{esc(self.err_id)}">{items}</ul>')

    @property
    def checked(self):
        return mark_safe(" checked") if self.value else ""

    @property
    def has_error(self) -> str:
        return " has-error" if self.errors else ""


@dataclass
class Row:
    list_name: str
    token: str
    prefix: str
    number: int  # 1-based, for labels
    f: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # messages about the row as a whole
    values: dict = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.errors for f in self.f.values())


def make_row(list_name: str, index, values: dict, fields, errors: dict, token=None) -> Row:
    token = str(index) if token is None else token
    prefix = f"f-{list_name}-{index}"
    row = Row(list_name, token, prefix, index + 1 if isinstance(index, int) else 0, values=values)
    for name in fields:
        fid = f"{prefix}-{name}"
        row.f[name] = Field(fid, f"{list_name}-{token}-{name}", values.get(name, ""), errors.get(fid))
    row.errors = errors.get(prefix, [])
    return row


def empty_row(list_name: str, fields, defaults: dict | None = None) -> Row:
    """The row a browser clones to add one (its token and id part are NEW_TOKEN)."""
    return make_row(list_name, NEW_TOKEN, dict(defaults or {}), fields, {}, token=NEW_TOKEN)


def _tokens(values, pattern=TOKEN_RE) -> list[str]:
    """Tokens posted one per value, or several in one value separated by commas (plan-edit.js
    sends a long list's order as one value: each posted value costs the server ~10 µs to parse)."""
    out, seen = [], set()
    for value in values:
        for token in value.split(","):
            if pattern.match(token) and token not in seen:
                seen.add(token)
                out.append(token)
    return out


def post_tokens(post, list_name: str) -> list[str]:
    """The row tokens of one list as posted, in page order (the rows post_rows reads)."""
    return _tokens(post.getlist(f"rows-{list_name}"))


def kept_tokens(post, list_name: str, pattern=TOKEN_RE) -> set[str]:
    """The rows plan-edit.js sent without their fields because nobody touched them since the page
    was drawn: they are taken as the page showed them (Context.as_loaded)."""
    return set(_tokens(post.getlist(f"kept-{list_name}"), pattern))


def post_rows(post, list_name: str, fields, loaded=None) -> list[dict]:
    """The rows of one list as posted, in page order; each a dict of the text typed.

    loaded(token): the row as the page showed it, for a row sent as kept (None if unknown)."""
    kept = kept_tokens(post, list_name) if loaded is not None else ()
    rows = []
    for token in post_tokens(post, list_name):
        row = loaded(token) if token in kept else None
        rows.append(row if row is not None else
                    {name: post.get(f"{list_name}-{token}-{name}", "").strip() for name in fields})
    return rows


class Locator:
    """Where a document path is on the page: `processes[3].rto_hours` -> an element id.

    `prefixes[list][i]` is the id prefix of the i-th posted row of a list (rows shown in groups or
    keyed by something else than their index); `aliases[(list, field)]` names a field whose
    element is the row's prefix itself (a scenario's checkbox, a member's caller select).
    """

    PATH_RE = re.compile(r"^(?P<list>[A-Za-z_.]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")

    def __init__(self, prefixes: dict | None = None, aliases: dict | None = None, explicit: dict | None = None):
        self.prefixes, self.aliases, self.explicit = prefixes or {}, aliases or {}, explicit or {}

    def locate(self, path: str) -> str:
        if path in self.explicit:
            return self.explicit[path]
        match = self.PATH_RE.match(path or "")
        if match and match["list"] in self.prefixes:
            rows = self.prefixes[match["list"]]
            index = int(match["index"])
            if index < len(rows):
                prefix = rows[index]
                rest = match["rest"]
                if rest is None:
                    return prefix
                first = rest.split(".", 1)[0]
                if (match["list"], first) in self.aliases:
                    return prefix + self.aliases[(match["list"], first)]
                return prefix + "-" + re.sub(r"[^A-Za-z0-9_]+", "-", rest)
        return anchor(path) if path else "component-form"


@dataclass
class Errors:
    """Errors of one save, by element id, and the summary shown above the form."""

    by_id: dict = field(default_factory=dict)
    summary: list = field(default_factory=list)  # (element id, message)

    @classmethod
    def build(cls, errors: list[dict], locator: Locator) -> Errors:
        out = cls()
        for e in errors:
            element = locator.locate(e["path"])
            message = message_of(e)
            out.by_id.setdefault(element, []).append(message)
            out.summary.append((element, message))
        return out

    def __bool__(self) -> bool:
        return bool(self.summary)


class Choices(list):
    """(value, label) pairs that also know their labels by value: a page renders hundreds of
    selects over the same list of people or processes."""

    @cached_property
    def labels(self) -> dict:
        return dict(self)


def options_html(choices, selected, *, blank=None):
    """<option>s of a select, rendered in Python: pages with hundreds of selects stay fast."""
    selected = "" if selected is None else str(selected)
    parts = []
    if blank is not None:
        parts.append(f'<option value=""{"" if selected else " selected"}>{esc(blank)}</option>')
    for value, label in choices:
        value = str(value)
        sel = " selected" if selected and value == selected else ""
        parts.append(f'<option value="{esc(value)}"{sel}>{esc(label)}</option>')
    return mark_safe("".join(parts))


# --------------------------------------------------------------------------- the editors


@dataclass
class Context:
    """What an editor needs to know of the stored plan besides its own component."""

    plan: Plan
    doc: dict
    catalogue: list = field(default_factory=list)  # Scenario rows
    loaded_revision: int | None = None  # the component's revision the posting page was drawn at

    def as_loaded(self, component: str):
        """The component as the posting page showed it: as stored, or if it was saved since
        (a save then refused as stale), as it was at the revision the page was drawn at."""
        if self.loaded_revision is not None and self.loaded_revision != self.plan.component_revision(component):
            data = component_at_revision(self.plan, component, self.loaded_revision)
            if data is not None:
                return data
        return self.doc.get(component)

    @cached_property
    def members(self) -> Choices:
        return Choices((m["key"], member_label(m)) for m in self.doc.get("team", []))

    @cached_property
    def processes(self) -> Choices:
        return Choices((p["key"], p["name"]) for p in self.doc.get("processes", []))

    def scenario_rows(self) -> list[tuple[str, str]]:
        names = {s.code: s.name for s in self.catalogue}
        out = []
        for s in self.doc.get("scope", {}).get("scenarios", []):
            if s.get("name_th"):
                name = s["name_en"] if get_language() == "en" and s.get("name_en") else s["name_th"]
            else:
                name = names.get(s["code"], s["code"])
            out.append((s["code"], name))
        return out

    def refs(self) -> Refs:
        return Refs(
            scenarios={s["code"] for s in self.doc.get("scope", {}).get("scenarios", [])},
            members={m["key"] for m in self.doc.get("team", [])},
            processes={p["key"] for p in self.doc.get("processes", [])},
            catalogue=catalogue_codes(),
        )


def component_at_revision(plan: Plan, component: str, revision: int):
    """A component's data at one of its revisions (its n-th version), or None if not recorded."""
    if revision <= 0:
        return empty_component(component)
    rows = list(PlanVersion.objects.filter(plan=plan, component=component).order_by("number")
                .values_list("data", flat=True)[revision - 1:revision])
    return rows[0] if rows else None


def member_label(m: dict) -> str:
    """'name (position)'; template plans list positions before the agency fills in the names."""
    if m.get("name") and m.get("position"):
        return f"{m['name']} ({m['position']})"
    return m.get("name") or m.get("position") or m["key"]


@dataclass
class InPlace:
    """A successful htmx save the page takes without being drawn again (views.edit).

    The rows on the page already hold what was saved, under the ids the stored component gives
    them: only the rows whose text the save changed (numbers in other units, new keys, summaries)
    are drawn anew, as out-of-band swaps, with the lists of names the page shares between rows.
    `rows`: (renderer kind, row, hx-swap-oob value) — "true" replaces the element of the same id,
    "outerHTML:#id" the row added in the browser under its token.
    """

    rows: list = field(default_factory=list)
    members: bool = False  # the people (or their names) changed: the shared list of people is sent again
    teams: bool = False  # the team names changed (the datalist of the team page)
    unreached: set | None = None  # call tree: the people nobody alerts now


def same_text(posted: dict, shown: dict, fields) -> bool:
    """Whether a row as posted reads the same as the row the stored data gives (a ticked box
    posts "on" where the stored data has True)."""
    for name in fields:
        a, b = posted.get(name, ""), shown.get(name, "")
        if isinstance(a, bool) or isinstance(b, bool):
            if bool(a) != bool(b):
                return False
        elif str(a if a is not None else "") != str(b if b is not None else ""):
            return False
    return True


class Editor:
    """One component's editor. State is whatever the template needs to show the input again."""

    component = ""
    template = ""

    def state_from_doc(self, data, ctx: Context):
        raise NotImplementedError

    def state_from_post(self, post, ctx: Context):
        raise NotImplementedError

    def to_data(self, state, ctx: Context) -> tuple[object, list[dict]]:
        """The component's document data, and errors found while reading the text typed."""
        raise NotImplementedError

    def locator(self, state, ctx: Context) -> Locator:
        return Locator()

    def context(self, state, errors: Errors, ctx: Context) -> dict:
        raise NotImplementedError

    def shared(self, ctx: Context) -> dict:
        """What the rows of the page have in common (choice lists, labels): all a row needs to be
        drawn on its own after a save."""
        return {}

    def in_place(self, post, state, before: Context, after: Context) -> InPlace | None:
        """After a successful save of `state` (posted over `before`, stored as `after`): what the
        page must redraw, or None to draw the whole form again."""
        return None

    def validate(self, state, ctx: Context):
        """(data, errors): the local errors and the document's own, all at once."""
        data, local = self.to_data(state, ctx)
        if not local:
            return data, []
        try:
            clean_component(self.component, data, ctx.refs())
        except PlanValidationError as e:
            seen = {x["path"] for x in local}
            local = local + [x for x in e.errors if x["path"] not in seen]
        return data, local


# ---- header: title, classification, dates


class HeaderEditor(Editor):
    component = HEADER
    template = "plans/edit/header.html"

    def state_from_doc(self, data, ctx):
        return {
            "title": data["title"], "classification": data["classification"],
            "reviewed_on": format_thai_date(data["reviewed_on"]), "exercised_on": format_thai_date(data["exercised_on"]),
        }

    def state_from_post(self, post, ctx):
        return {name: post.get(name, "").strip() for name in ("title", "classification", "reviewed_on", "exercised_on")}

    def to_data(self, state, ctx):
        errors, data = [], {"title": state["title"], "classification": state["classification"] or "normal"}
        for name in ("reviewed_on", "exercised_on"):
            try:
                day = parse_thai_date(state[name])
            except ValueError:
                errors.append(local_error(name, gettext_noop(
                    "Enter the date as day/month/year of the Buddhist era, e.g. 15/10/2568.")))
                day = None
            data[name] = day.isoformat() if day else None
        return data, errors

    def context(self, state, errors, ctx):
        f = {name: Field(anchor(name), name, state[name], errors.by_id.get(anchor(name)))
             for name in ("title", "classification", "reviewed_on", "exercised_on")}
        return {"f": f, "classifications": Classification.choices}


# ---- scope and the scenarios covered


SCENARIO_FIELDS = ("code", "name_th", "name_en", "note")


class ScopeEditor(Editor):
    component = "scope"
    template = "plans/edit/scope.html"

    def state_from_doc(self, data, ctx):
        catalogue_codes_ = {s.code for s in ctx.catalogue}
        chosen = {s["code"]: s.get("note", "") for s in data["scenarios"] if s["code"] in catalogue_codes_}
        custom = [{"code": s["code"], "name_th": s.get("name_th", ""), "name_en": s.get("name_en", ""),
                   "note": s.get("note", "")} for s in data["scenarios"] if s["code"] not in catalogue_codes_]
        return {
            "objectives": data["objectives"], "assumptions": data["assumptions"], "scope": data["scope"],
            "long_crisis": data["long_crisis"], "chosen": chosen, "custom": custom,
            "order": [s["code"] for s in data["scenarios"]],
        }

    def state_from_post(self, post, ctx):
        codes = {s.code for s in ctx.catalogue}
        chosen = {c: post.get(f"scenario-note-{c}", "").strip() for c in post.getlist("scenario") if c in codes}
        # Notes typed for a scenario that is then unticked are kept on the page, not saved.
        notes = {s.code: post.get(f"scenario-note-{s.code}", "").strip() for s in ctx.catalogue}
        return {
            "objectives": post.get("objectives", "").strip(), "assumptions": post.get("assumptions", "").strip(),
            "scope": post.get("scope", "").strip(), "long_crisis": bool(post.get("long_crisis")),
            "chosen": chosen, "notes": notes, "custom": post_rows(post, "custom", SCENARIO_FIELDS),
            "order": [s["code"] for s in ctx.doc["scope"]["scenarios"]],
        }

    def _scenarios(self, state, ctx):
        """The covered scenarios in the plan's order: kept ones where they were, new ones after."""
        sort = {s.code: i for i, s in enumerate(ctx.catalogue)}
        before = {code: i for i, code in enumerate(state["order"])}
        used = set(state["order"]) | {r["code"] for r in state["custom"] if r["code"]}
        rows = []
        for code, note in state["chosen"].items():
            rows.append(((before.get(code, 10_000), sort.get(code, 0)), {"code": code, "note": note}, f"f-scope-scenarios-{code}"))
        number = 1
        for i, r in enumerate(state["custom"]):
            code = r["code"]
            if not code.startswith("custom-"):
                while f"custom-{number}" in used:
                    number += 1
                code = f"custom-{number}"
                used.add(code)
            rows.append(((before.get(code, 20_000), i),
                         {"code": code, "name_th": r["name_th"], "name_en": r["name_en"], "note": r["note"]},
                         f"f-custom-{i}"))
        rows.sort(key=lambda r: r[0])
        return [r[1] for r in rows], [r[2] for r in rows]

    def to_data(self, state, ctx):
        scenarios, _prefixes = self._scenarios(state, ctx)
        return {
            "objectives": state["objectives"], "assumptions": state["assumptions"], "scope": state["scope"],
            "long_crisis": state["long_crisis"], "scenarios": scenarios,
        }, []

    def locator(self, state, ctx):
        _scenarios, prefixes = self._scenarios(state, ctx)
        return Locator({"scope.scenarios": prefixes}, aliases={("scope.scenarios", "code"): ""})

    def context(self, state, errors, ctx):
        by = errors.by_id
        f = {name: Field(f"f-scope-{name}", name, state[name], by.get(f"f-scope-{name}"))
             for name in ("objectives", "assumptions", "scope", "long_crisis")}
        notes = state.get("notes", {})
        catalogue = []
        for s in ctx.catalogue:
            fid = f"f-scope-scenarios-{s.code}"
            catalogue.append({
                "scenario": s, "checked": s.code in state["chosen"],
                "box": Field(fid, "scenario", s.code, by.get(fid)),
                "note": Field(f"{fid}-note", f"scenario-note-{s.code}",
                              state["chosen"].get(s.code, notes.get(s.code, "")), by.get(f"{fid}-note")),
            })
        custom = []
        for i, r in enumerate(state["custom"]):
            row = make_row("custom", i, r, SCENARIO_FIELDS, by)
            custom.append(row)
        return {"f": f, "catalogue": catalogue, "custom_rows": custom,
                "custom_template": empty_row("custom", SCENARIO_FIELDS)}


# ---- scenario × resource impacts


class ImpactsEditor(Editor):
    component = "impacts"
    template = "plans/edit/impacts.html"

    def state_from_doc(self, data, ctx):
        return {(r["scenario"], r["category"]): {"impacted": r["impacted"], "note": r["note"]} for r in data}

    def state_from_post(self, post, ctx):
        # A stored "not impacted" row (the cell was considered) stays while the cell stays unticked.
        considered = {(r["scenario"], r["category"]) for r in ctx.doc.get("impacts", []) if not r["impacted"]}
        state = {}
        for code, _name in ctx.scenario_rows():
            for cat in CATEGORY_LABELS:
                impacted = bool(post.get(f"impact-{code}-{cat}"))
                note = post.get(f"impact-{code}-{cat}-note", "").strip()
                if impacted or note or (code, cat) in considered:
                    state[(code, cat)] = {"impacted": impacted, "note": note}
        return state

    def _cells(self, state, ctx):
        order = {(r["scenario"], r["category"]): i for i, r in enumerate(ctx.doc.get("impacts", []))}
        codes = [c for c, _n in ctx.scenario_rows()]
        cells = [(cell, v) for cell, v in state.items() if cell[0] in codes]
        grid_order = {(c, cat): (ci, ki) for ci, c in enumerate(codes) for ki, cat in enumerate(CATEGORY_LABELS)}
        cells.sort(key=lambda cv: (order.get(cv[0], 100_000), grid_order.get(cv[0], (0, 0))))
        return cells

    def to_data(self, state, ctx):
        return [{"scenario": s, "category": c, "impacted": v["impacted"], "note": v["note"]}
                for (s, c), v in self._cells(state, ctx)], []

    def locator(self, state, ctx):
        prefixes = [f"f-impacts-{s}-{c}" for (s, c), _v in self._cells(state, ctx)]
        return Locator({"impacts": prefixes}, aliases={("impacts", "impacted"): "", ("impacts", "category"): "",
                                                       ("impacts", "scenario"): ""})

    def context(self, state, errors, ctx):
        by = errors.by_id
        rows = []
        for code, name in ctx.scenario_rows():
            cells = []
            for cat, label in CATEGORY_LABELS.items():
                fid = f"f-impacts-{code}-{cat}"
                value = state.get((code, cat), {})
                cells.append({
                    "category": cat, "label": label,
                    "box": Field(fid, f"impact-{code}-{cat}", value.get("impacted", False), by.get(fid)),
                    "note": Field(f"{fid}-note", f"impact-{code}-{cat}-note", value.get("note", ""), by.get(f"{fid}-note")),
                })
            rows.append({"code": code, "name": name, "id": f"f-impacts-{code}", "cells": cells,
                         "count": sum(1 for c in cells if c["box"].value)})
        return {"grid": rows, "categories": list(CATEGORY_LABELS.items())}


# ---- the BCP team


TEAM_FIELDS = ("key", "name", "position", "role", "team", "phone", "email", "line_id", "alternate")
KEY_NUMBER_RE = re.compile(r"^[a-z]+(\d+)$")


def next_keys(prefix: str, taken) -> callable:
    """A function giving fresh keys m12, m13, … above every number already used (even of removed rows)."""
    top = max((int(m.group(1)) for k in taken if k and (m := KEY_NUMBER_RE.match(k))), default=0)
    counter = [top]

    def take():
        counter[0] += 1
        while f"{prefix}{counter[0]}" in taken:
            counter[0] += 1
        return f"{prefix}{counter[0]}"

    return take


class ListEditor(Editor):
    """A component that is one list of rows.

    Rows shown in groups (strategies by category, resources by process, steps by time window)
    are stored in the order they had: the k-th row of a group takes the place of the group's
    k-th stored row, new rows go after the group's last. Saving a page unchanged changes nothing.
    """

    fields: tuple = ()
    list_name = ""
    group_field: str | None = None

    def doc_row(self, item: dict) -> dict:
        return {name: "" if item.get(name) is None else item.get(name) for name in self.fields}

    def state_from_doc(self, data, ctx):
        return [self.doc_row(item) for item in data]

    def state_from_post(self, post, ctx):
        loaded = None

        def row_as_loaded(token):
            nonlocal loaded
            if loaded is None:
                loaded = ctx.as_loaded(self.component) or []
            return self.doc_row(loaded[int(token)]) if token.isdigit() and int(token) < len(loaded) else None

        return post_rows(post, self.list_name, self.fields, row_as_loaded)

    def rows(self, state, errors):
        return [make_row(self.list_name, i, values, self.fields, errors.by_id) for i, values in enumerate(state)]

    def order(self, state, ctx) -> list[int]:
        """The posted rows' indices in the order they are stored."""
        if not self.group_field:
            return list(range(len(state)))
        stored = ctx.doc.get(self.component) or []
        slots: dict = {}
        for i, item in enumerate(stored):
            slots.setdefault(item.get(self.group_field) or "", []).append(i)
        seen: dict = {}
        keyed = []
        for j, r in enumerate(state):
            group = r.get(self.group_field) or ""
            k = seen[group] = seen.get(group, -1) + 1
            places = slots.get(group, [])
            keyed.append(((places[k], 0, j) if k < len(places) else (places[-1] if places else len(stored), 1, j), j))
        return [j for _key, j in sorted(keyed)]

    def prepare(self, state, ctx) -> dict:
        return {}

    def row_data(self, i: int, r: dict, extra: dict) -> tuple[dict, list]:
        raise NotImplementedError

    def to_data(self, state, ctx):
        extra = self.prepare(state, ctx)
        data, errors = [], []
        for i, j in enumerate(self.order(state, ctx)):
            item, errs = self.row_data(i, state[j], extra)
            data.append(item)
            errors += errs
        return data, errors

    def locator(self, state, ctx):
        return Locator({self.list_name: [f"f-{self.list_name}-{j}" for j in self.order(state, ctx)]})

    def in_place(self, post, state, before, after):
        """In place when every row already on the page stays at its stored index (its element id
        is f-<list>-<index>, the anchor of the checker's findings): rows edited, rows removed at
        the end, rows added at the end of an ungrouped list. Rows moved, or added to a group (the
        rows after it shift), draw the form again."""
        tokens = post_tokens(post, self.list_name)
        old, new = before.doc.get(self.component) or [], after.doc.get(self.component) or []
        order = self.order(state, before)
        if len(tokens) != len(state) or len(order) != len(new) or (self.group_field and len(new) != len(old)):
            return None
        update = InPlace()
        for i, j in enumerate(order):
            token = tokens[j]
            if token.isdigit():
                if token != str(i) or i >= len(old):
                    return None
                # A row whose stored item did not change shows what was typed for it: the text the
                # page loaded with, or what the person typed that means the same.
                if old[i] == new[i]:
                    continue
                oob = "true"
            else:
                oob = f"outerHTML:#f-{self.list_name}-{token}"
            update.rows.append((self.list_name, make_row(self.list_name, i, self.doc_row(new[i]), self.fields, {}), oob))
        return update


class TeamEditor(ListEditor):
    component = list_name = "team"
    template = "plans/edit/team.html"
    fields = TEAM_FIELDS

    def prepare(self, state, ctx):
        taken = {m["key"] for m in ctx.doc.get("team", [])} | {r["key"] for r in state if r["key"]}
        return {"take": next_keys("m", taken)}

    def row_data(self, i, r, extra):
        return {
            "key": r["key"] or extra["take"](), "name": r["name"], "position": r["position"],
            "role": r["role"] or TeamRole.MEMBER.value, "team": r["team"], "phone": r["phone"], "email": r["email"],
            "line_id": r["line_id"], "alternate": r["alternate"] or None,
        }, []

    def shared(self, ctx):
        return {"roles": TeamRole.choices, "members": ctx.members, "lazy": len(ctx.members) > LAZY_SELECT_OVER}

    def context(self, state, errors, ctx):
        return {
            **self.shared(ctx), "rows": self.rows(state, errors),
            "template_row": empty_row("team", self.fields, {"role": "member"}),
            "teams": sorted({r["team"] for r in state if r["team"]}),
        }

    def in_place(self, post, state, before, after):
        update = super().in_place(post, state, before, after)
        if update is not None:
            update.members = list(before.members) != list(after.members)
            teams = [{m["team"] for m in c.doc.get("team", []) if m["team"]} for c in (before, after)]
            update.teams = teams[0] != teams[1]
        return update


# ---- continuity strategies, by resource category


class StrategiesEditor(ListEditor):
    component = list_name = "strategies"
    template = "plans/edit/strategies.html"
    fields = ("category", "strategy", "digital")
    group_field = "category"

    def row_data(self, i, r, extra):
        return {"category": r["category"], "strategy": r["strategy"], "digital": bool(r["digital"])}, []

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        impacted = {r["category"] for r in ctx.doc.get("impacts", []) if r.get("impacted", True)}
        groups = []
        for cat, label in CATEGORY_LABELS.items():
            groups.append({
                "category": cat, "label": label, "id": f"f-strategies-{cat}", "impacted": cat in impacted,
                "rows": [r for r in rows if r.values["category"] == cat],
            })
        other = [r for r in rows if r.values["category"] not in CATEGORY_LABELS]
        return {"groups": groups, "other": other, "template_row": empty_row("strategies", self.fields)}


# ---- business impact analysis


PROCESS_FIELDS = (
    "key", "name", "mission", "impact_level",
    "mtpd_hours", "mtpd_hours_unit", "rto_hours", "rto_hours_unit", "rpo_hours", "rpo_hours_unit",
    "depends_on_it", "eservice", *[f"impact_over_time-{p}" for p in PERIODS],
)
DURATION_LABELS = {
    "mtpd_hours": gettext_lazy("Maximum tolerable period of disruption (MTPD)"),
    "rto_hours": gettext_lazy("Recovery time objective (RTO)"),
    "rpo_hours": gettext_lazy("Recovery point objective for data (RPO)"),
}


class ProcessesEditor(ListEditor):
    component = list_name = "processes"
    template = "plans/edit/processes.html"
    fields = PROCESS_FIELDS

    def doc_row(self, item):
        row = {
            "key": item["key"], "name": item["name"], "mission": item.get("mission", ""),
            "impact_level": item.get("impact_level") or "", "depends_on_it": item.get("depends_on_it", False),
            "eservice": item.get("eservice", False),
        }
        for d in DURATIONS:
            row[d], row[f"{d}_unit"] = split_duration(item.get(d))
        for p in PERIODS:
            row[f"impact_over_time-{p}"] = (item.get("impact_over_time") or {}).get(p, "")
        return row

    def prepare(self, state, ctx):
        taken = {p["key"] for p in ctx.doc.get("processes", [])} | {r["key"] for r in state if r["key"]}
        return {"take": next_keys("p", taken)}

    def row_data(self, i, r, extra):
        errors = []
        item = {
            "key": r["key"] or extra["take"](), "name": r["name"], "mission": r["mission"],
            "impact_level": r["impact_level"] or None,
            "depends_on_it": bool(r["depends_on_it"]), "eservice": bool(r["eservice"]),
            "impact_over_time": {p: r[f"impact_over_time-{p}"] for p in PERIODS if r[f"impact_over_time-{p}"]},
        }
        for d in DURATIONS:
            item[d] = None
            if not r[d]:
                continue
            unit = r[f"{d}_unit"] or "hour"
            try:
                number = parse_number(r[d])
            except ValueError:
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Enter a number, e.g. 4 or 1.5.")))
                continue
            if unit not in UNIT_HOURS:
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Choose a unit.")))
            elif number < 0 or (number == 0 and d != "rpo_hours"):
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Enter a number greater than zero.")))
            else:
                hours = number * UNIT_HOURS[unit]
                item[d] = int(hours) if float(hours).is_integer() else hours
        return item, errors

    def shared(self, ctx, count: int | None = None):
        return {
            "levels": ImpactLevel.choices, "units": UNIT_CHOICES, "durations": DURATION_LABELS,
            "duration_unit_labels": {d: _("Unit of %(label)s") % {"label": DURATION_LABELS[d]} for d in DURATIONS},
            # Many processes are shown folded, each with its name and RTO.
            "collapse": (len(ctx.doc.get("processes") or []) if count is None else count) > 8,
        }

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        return {
            **self.shared(ctx, len(rows)), "rows": rows,
            "template_row": empty_row("processes", self.fields, {f"{d}_unit": "hour" for d in DURATIONS}),
        }


# ---- resource requirements


RESOURCE_FIELDS = ("process", "category", "item", "unit", *[f"quantities-{p}" for p in PERIODS])


class ResourcesEditor(ListEditor):
    component = list_name = "resources"
    template = "plans/edit/resources.html"
    fields = RESOURCE_FIELDS
    group_field = "process"

    def doc_row(self, item):
        row = {"process": item.get("process") or "", "category": item["category"], "item": item["item"],
               "unit": item.get("unit", "")}
        for p in PERIODS:
            row[f"quantities-{p}"] = fmt_number((item.get("quantities") or {}).get(p))
        return row

    def row_data(self, i, r, extra):
        quantities, errors = {}, []
        for p in PERIODS:
            text = r[f"quantities-{p}"]
            if not text:
                continue
            try:
                quantities[p] = parse_number(text)
            except ValueError:
                errors.append(local_error(f"resources[{i}].quantities.{p}", gettext_noop("Enter a number.")))
        return {"process": r["process"] or None, "category": r["category"], "item": r["item"], "unit": r["unit"],
                "quantities": quantities}, errors

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        by_process: dict = {}
        for r in rows:
            by_process.setdefault(r.values["process"] or "", []).append(r)
        groups = [{"key": key, "name": name, "id": f"f-resources-{key}" if key else "f-resources-general",
                   "rows": by_process.pop(key, [])} for key, name in [*ctx.processes, ("", None)]]
        orphans = [r for group in by_process.values() for r in group]  # rows of processes no longer listed
        return {
            **self.shared(ctx), "groups": groups, "orphans": orphans, "template_row": empty_row("resources", self.fields),
            "periods": Period.choices,
        }

    def shared(self, ctx):
        return {
            "categories": Category.choices,
            "quantity_labels": [(p, _("Quantity needed by %(label)s") % {"label": PERIOD_LABELS[p]}) for p in PERIODS],
        }


# ---- procedures


STEP_FIELDS = ("window", "order", "activity", "owner", "process")


class ProceduresEditor(ListEditor):
    component = list_name = "procedures"
    template = "plans/edit/procedures.html"
    fields = STEP_FIELDS
    group_field = "window"

    def doc_row(self, item):
        row = super().doc_row(item)
        row["order"] = str(item["order"])
        return row

    def prepare(self, state, ctx):
        return {"counts": {}}

    def row_data(self, i, r, extra):
        counts, errors = extra["counts"], []
        counts[r["window"]] = order = counts.get(r["window"], 0) + 1
        if r["order"]:
            try:
                order = int(r["order"].translate(THAI_DIGITS))
                if order < 1:
                    raise ValueError
            except ValueError:
                errors.append(local_error(f"procedures[{i}].order", gettext_noop("Enter a whole number from 1.")))
                order = 1
        return {"window": r["window"], "order": order, "activity": r["activity"], "owner": r["owner"] or None,
                "process": r["process"] or None}, errors

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        groups = [{"window": w, "label": label, "id": f"f-procedures-{w}",
                   "rows": [r for r in rows if r.values["window"] == w]} for w, label in Window.choices]
        return {**self.shared(ctx), "groups": groups, "template_row": empty_row("procedures", self.fields)}

    def shared(self, ctx):
        members, processes = ctx.members, ctx.processes
        return {
            "members": members, "processes": processes,
            "lazy_members": len(members) > LAZY_SELECT_OVER, "lazy_processes": len(processes) > LAZY_SELECT_OVER,
        }


# ---- call tree


ROOT = "__root__"
LINK_FIELDS = ("caller", "callee", "order", "channel")


class CallTreeEditor(Editor):
    """One caller per member (a select each), plus any further links (someone alerted twice)."""

    component = "call_tree"
    template = "plans/edit/call_tree.html"

    def state_from_doc(self, data, ctx):
        primary, extra = {}, []
        for link in data:
            callee = link["callee"]
            values = {"caller": link["caller"] or ROOT, "order": str(link["order"]), "channel": link["channel"]}
            if callee in primary:
                extra.append({"callee": callee, **values})
            else:
                primary[callee] = values
        return {"primary": primary, "extra": extra}

    def state_from_post(self, post, ctx):
        kept = kept_tokens(post, "ct", MEMBER_KEY_RE)
        loaded = self.state_from_doc(ctx.as_loaded("call_tree") or [], ctx)["primary"] if kept else {}
        primary = {}
        for key, _label in ctx.members:
            if key in kept:  # a row nobody touched: as the page showed it
                primary[key] = loaded.get(key) or {"caller": "", "order": "", "channel": "phone"}
                continue
            primary[key] = {"caller": post.get(f"ct-{key}-caller", "").strip(),
                            "order": post.get(f"ct-{key}-order", "").strip(),
                            "channel": post.get(f"ct-{key}-channel", "").strip()}
        return {"primary": primary, "extra": post_rows(post, "links", LINK_FIELDS)}

    def _links(self, state, ctx):
        """(document links, element prefix of each), in the stored order where links already existed."""
        before = {(link["caller"], link["callee"]): i for i, link in enumerate(ctx.doc.get("call_tree", []))}
        members = [k for k, _l in ctx.members]
        rows = []
        for n, key in enumerate(members):
            v = state["primary"].get(key) or {}
            if not v.get("caller"):
                continue
            caller = None if v["caller"] == ROOT else v["caller"]
            rows.append((caller, key, v, f"f-call_tree-{key}", n))
        for i, v in enumerate(state["extra"]):
            if not v.get("callee"):
                continue
            caller = None if v.get("caller") in ("", ROOT) else v["caller"]
            rows.append((caller, v["callee"], v, f"f-links-{i}", 10_000 + i))
        rows.sort(key=lambda r: (before.get((r[0], r[1]), 100_000), r[4]))
        return rows

    def to_data(self, state, ctx):
        data, errors = [], []
        for i, (caller, callee, v, _prefix, _n) in enumerate(self._links(state, ctx)):
            order = 1
            if v.get("order"):
                try:
                    order = int(str(v["order"]).translate(THAI_DIGITS))
                    if order < 1:
                        raise ValueError
                except ValueError:
                    errors.append(local_error(f"call_tree[{i}].order", gettext_noop("Enter a whole number from 1.")))
            data.append({"caller": caller, "callee": callee, "order": order, "channel": v.get("channel") or "phone"})
        return data, errors

    def locator(self, state, ctx):
        prefixes = [r[3] for r in self._links(state, ctx)]
        return Locator({"call_tree": prefixes}, aliases={("call_tree", "caller"): "", ("call_tree", "callee"): ""})

    def member_row(self, n: int, m: dict, v: dict | None, by: dict) -> dict:
        """The row of the table of callers for the n-th member (v: what is chosen for them)."""
        key, label = m["key"], member_label(m)
        v = v or {"caller": "", "order": "", "channel": "phone"}
        fid = f"f-call_tree-{key}"
        return {
            "member": m, "number": n + 1,
            "labels": (_("Who alerts %(name)s") % {"name": label}, _("Order in which %(name)s is alerted") % {"name": label},
                       _("Channel used to alert %(name)s") % {"name": label}),
            "caller": Field(fid, f"ct-{key}-caller", v.get("caller", ""), by.get(fid)),
            "order": Field(f"{fid}-order", f"ct-{key}-order", v.get("order", ""), by.get(f"{fid}-order")),
            "channel": Field(f"{fid}-channel", f"ct-{key}-channel", v.get("channel") or "phone", by.get(f"{fid}-channel")),
        }

    def context(self, state, errors, ctx):
        by = errors.by_id
        rows = [self.member_row(n, m, state["primary"].get(m["key"]), by) for n, m in enumerate(ctx.doc.get("team", []))]
        extra = [make_row("links", i, v, LINK_FIELDS, by) for i, v in enumerate(state["extra"])]
        return {
            **self.shared(ctx), "rows": rows, "extra_rows": extra,
            "template_row": empty_row("links", LINK_FIELDS, {"channel": "phone"}),
        }

    def shared(self, ctx):
        members = ctx.members
        return {"channels": Channel.choices, "members": members, "root": ROOT, "lazy": len(members) > LAZY_SELECT_OVER}

    def in_place(self, post, state, before, after):
        """In place unless the further links were added, removed or became other links: the
        rows of the people are keyed by person, and only those whose choice, text or reach
        changed are drawn again (with the picture, by the view)."""
        from .pictures import unreached_keys

        shown, was = self.state_from_doc(after.doc["call_tree"], after), self.state_from_doc(before.doc["call_tree"], before)
        tokens = post_tokens(post, "links")
        if tokens != [str(i) for i in range(len(was["extra"]))] or len(shown["extra"]) != len(tokens):
            return None
        update = InPlace()
        for i, (posted, link) in enumerate(zip(state["extra"], shown["extra"], strict=True)):
            if (posted.get("caller") or ROOT, posted.get("callee")) != (link["caller"], link["callee"]):
                return None
            if link != was["extra"][i] or not same_text(posted, link, LINK_FIELDS):
                update.rows.append(("links", make_row("links", i, link, LINK_FIELDS, {}), "true"))
        update.unreached = unreached_keys(after.doc.get("team", []), after.doc.get("call_tree", []))
        unreached_before = unreached_keys(before.doc.get("team", []), before.doc.get("call_tree", []))
        blank = {"caller": "", "order": "", "channel": "phone"}
        for n, m in enumerate(after.doc.get("team", [])):
            key = m["key"]
            now = shown["primary"].get(key) or blank
            if (now == (was["primary"].get(key) or blank) and same_text(state["primary"].get(key, {}), now, ("caller", "order", "channel"))
                    and (key in update.unreached) == (key in unreached_before)):
                continue
            update.rows.append(("call_tree", self.member_row(n, m, now, {}), "true"))
        return update


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


# --------------------------------------------------------------------------- other forms


class StartPlanForm(forms.Form):
    """Start a plan: from a starter template, as a copy of an earlier plan, or empty."""

    fiscal_year = forms.IntegerField(label=gettext_lazy("Fiscal year (B.E.)"), min_value=2500, max_value=2800)
    source = forms.CharField(label=gettext_lazy("Start from"))
    classification = forms.ChoiceField(label=gettext_lazy("Classification"), choices=Classification.choices,
                                       initial=Classification.NORMAL)

    def __init__(self, *args, templates=(), plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {t.code: t for t in templates}
        self.plans = {str(p.pk): p for p in plans}

    def clean_source(self):
        value = self.cleaned_data["source"]
        kind, _sep, ref = value.partition(":")
        if kind == "template" and ref in self.templates:
            return ("template", self.templates[ref])
        if kind == "copy" and ref in self.plans:
            return ("copy", self.plans[ref])
        if value == "empty":
            return ("empty", None)
        raise forms.ValidationError(_("Choose how to start the plan."))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Original document (Word or PDF, at most 20 MB)"),
                           error_messages={"required": gettext_lazy("Choose a file to upload.")})

    def clean_file(self):
        """Type and size, told in the user's words before the model's own validators run."""
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ATTACHMENT_EXTENSIONS:
            raise forms.ValidationError(_("Upload a Word (.doc, .docx) or PDF (.pdf) file."))
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": ATTACHMENT_MAX_BYTES // 2**20})
        return upload


CHECKLIST_ANSWERS = [
    ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no")), ("na", gettext_lazy("not applicable")),
]
