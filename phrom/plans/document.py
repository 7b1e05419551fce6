"""The plan document (`phrom-plan/1`): validation, reading and writing plans component by component.

Every write goes through `apply_component` (one component, from an editor that loaded it at a
known revision) or `apply_document` (all components: templates, copies, imports). Both validate
the whole input first, write the component tables in one transaction, bump the plan's version
counter and record one PlanVersion row per changed component and a PlanAudit row.

Validation errors carry a path per field, in the document's own terms: `processes[3].rto_hours`,
`scope.scenarios[0].code`, `title`.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from .codes import (
    ALL_COMPONENTS,
    COMPONENT_LABELS,
    COMPONENTS,
    FORMAT,
    HEADER,
    UNIT_ALIASES,
    UNIT_HOURS,
    Category,
    Channel,
    Classification,
    ImpactLevel,
    Period,
    TeamRole,
    Window,
)
from .messages import both, both_each, label_pair
from .models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Scenario,
    Strategy,
    TeamMember,
)

KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,32}$")
CUSTOM_SCENARIO_RE = re.compile(r"^custom-[A-Za-z0-9_.\-]{1,50}$")
PHONE_RE = re.compile(r"^(?:0\d{8,9}|\+66\d{8,9})$")
MAX_HOURS = 24 * 365 * 10

PERIODS = [p.value for p in Period]
CATEGORIES = {c.value for c in Category}

# Saving one component can change another through the references: removing a member empties
# the steps it owned and drops its call-tree links; removing a scenario drops its impact rows.
DEPENDENTS = {
    "scope": ("impacts",),
    "team": ("procedures", "call_tree"),
    "processes": ("resources", "procedures"),
}

EMPTY_SCOPE = {"objectives": "", "assumptions": "", "scope": "", "long_crisis": False, "scenarios": []}


def empty_component(component: str):
    if component == HEADER:
        return {"title": "", "classification": Classification.NORMAL.value, "reviewed_on": None, "exercised_on": None}
    if component == "scope":
        return {**EMPTY_SCOPE, "scenarios": []}
    return []


def empty_document() -> dict:
    return assemble({c: empty_component(c) for c in ALL_COMPONENTS})


def assemble(parts: dict) -> dict:
    """One document from its header and the eight components."""
    return {"format": FORMAT, **parts[HEADER], **{c: parts[c] for c in COMPONENTS}}


def split(doc: dict) -> dict:
    """The inverse of assemble: component -> its part of the document."""
    parts = {HEADER: {k: doc.get(k) for k in ("title", "classification", "reviewed_on", "exercised_on")}}
    for c in COMPONENTS:
        parts[c] = doc.get(c, empty_component(c))
    return parts


# --------------------------------------------------------------------------- errors


class PlanValidationError(Exception):
    """The input does not make a valid plan; `errors` lists {path, message_th, message_en}."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(f"{e['path']}: {e['message_en']}" for e in errors[:5]))

    def by_path(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for e in self.errors:
            out.setdefault(e["path"], []).append({"th": e["message_th"], "en": e["message_en"]})
        return out

    def as_validation_error(self, language: str = "th") -> ValidationError:
        """For Django forms: one message per path in the requested language."""
        key = "message_th" if language == "th" else "message_en"
        return ValidationError({e["path"] or "__all__": [e[key]] for e in self.errors})


class StaleComponent(Exception):
    """Someone saved the component after the editor loaded it: refuse rather than overwrite."""

    def __init__(self, component: str, expected, current: int, changed_by: str = "", changed_at=None):
        self.component, self.expected, self.current = component, expected, current
        self.changed_by, self.changed_at = changed_by, changed_at
        who = changed_by or "-"
        label_th, label_en = label_pair(COMPONENT_LABELS.get(component, component))
        common = {"who": who, "expected": expected, "current": current}
        self.message_th, self.message_en = both_each(
            gettext_noop("This part of the plan ({component}) was saved by {who} after you opened it "
               "(your copy is revision {expected}, the plan is now at revision {current}). "
               "Your changes were not saved: reload the part, check the other change and enter yours again."),
            {**common, "component": label_th}, {**common, "component": label_en},
        )
        super().__init__(self.message_en)

    def as_dict(self) -> dict:
        return {
            "code": "stale_component", "component": self.component, "expected_revision": self.expected,
            "current_revision": self.current, "changed_by": self.changed_by,
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "message_th": self.message_th, "message_en": self.message_en,
        }


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, path: str, msgid: str, **params):
        th, en = both(msgid, **params)
        self.items.append({"path": path, "message_th": th, "message_en": en})

    def raise_if_any(self):
        if self.items:
            raise PlanValidationError(self.items)


# --------------------------------------------------------------------------- field cleaners


def normalise_phone(value: str) -> str | None:
    """A Thai phone number as 0XXXXXXXXX, or None if it is not one (accepts dashes, spaces, +66)."""
    compact = re.sub(r"[\s\-().]", "", value or "")
    if not PHONE_RE.match(compact):
        return None
    return "0" + compact[3:] if compact.startswith("+66") else compact


def parse_duration(amount, unit: str) -> float:
    """Hours from a number and a unit (hour/day/week/month or their Thai names; a month is 30 days)."""
    unit_name = UNIT_ALIASES.get(str(unit).strip().lower(), str(unit).strip().lower())
    if unit_name not in UNIT_HOURS:
        raise ValueError(f"unknown unit {unit!r}")
    number = float(amount)
    if not math.isfinite(number) or number <= 0:
        raise ValueError("a duration must be a positive number")
    return _number(number * UNIT_HOURS[unit_name])


def _number(value):
    """JSON-friendly: 24.0 -> 24."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _text(item: dict, name: str, path: str, errors: _Errors, *, required=False, max_length=None) -> str:
    value = item.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(_join(path, name), gettext_noop("Enter text."))
        return ""
    value = value.strip()
    if required and not value:
        errors.add(_join(path, name), gettext_noop("This field is required."))
    if max_length and len(value) > max_length:
        errors.add(_join(path, name), gettext_noop("Enter at most {n} characters."), n=max_length)
    return value


def _bool(item: dict, name: str, path: str, errors: _Errors) -> bool:
    value = item.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        errors.add(_join(path, name), gettext_noop("Choose yes or no."))
        return False
    return value


def _choice(item: dict, name: str, path: str, errors: _Errors, choices, *, default=None, allow_null=False):
    value = item.get(name, default)
    if value in (None, "") and allow_null:
        return None
    if value not in choices:
        errors.add(_join(path, name), gettext_noop("Choose one of: {choices}."), choices=", ".join(choices))
        return default
    return value


def _hours(item: dict, name: str, path: str, errors: _Errors, *, allow_zero=False):
    value = item.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        errors.add(_join(path, name), gettext_noop("Enter a number of hours."))
        return None
    if value < 0 or (value == 0 and not allow_zero):
        errors.add(_join(path, name), gettext_noop("A duration must be a positive number."))
        return None
    if value > MAX_HOURS:
        errors.add(_join(path, name), gettext_noop("A duration cannot exceed ten years."))
        return None
    return _number(float(value))


def _date(item: dict, name: str, errors: _Errors, today: datetime.date):
    value = item.get(name)
    if value in (None, ""):
        return None
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        errors.add(name, gettext_noop("Enter a date as YYYY-MM-DD."))
        return None
    if day > today:
        errors.add(name, gettext_noop("The date cannot be in the future."))
        return None
    return day.isoformat()


MISSING_REF = {
    "scenario": gettext_noop("The scenario {key} is not among the scenarios this plan covers."),
    "member": gettext_noop("There is no team member with the key {key} in this plan."),
    "process": gettext_noop("There is no process with the key {key} in this plan."),
}


def _ref(item: dict, name: str, path: str, errors: _Errors, known: set, what: str, *, required=False):
    value = item.get(name)
    if value in (None, ""):
        if required:
            errors.add(_join(path, name), gettext_noop("This field is required."))
        return None
    if value not in known:
        errors.add(_join(path, name), MISSING_REF[what], key=value)
        return None
    return value


def _items(data, path: str, errors: _Errors) -> list[tuple[str, dict]]:
    if data is None:
        return []
    if not isinstance(data, list):
        errors.add(path, gettext_noop("Expected a list."))
        return []
    out = []
    for i, item in enumerate(data):
        p = f"{path}[{i}]"
        if not isinstance(item, dict):
            errors.add(p, gettext_noop("Expected an object."))
            continue
        out.append((p, item))
    return out


# --------------------------------------------------------------------------- component cleaners


@dataclass
class Refs:
    """The keys other components may refer to."""

    scenarios: set = field(default_factory=set)
    members: set = field(default_factory=set)
    processes: set = field(default_factory=set)
    catalogue: set = field(default_factory=set)


def clean_header(data, errors: _Errors, refs: Refs, today: datetime.date) -> dict:
    if not isinstance(data, dict):
        errors.add("", gettext_noop("Expected an object."))
        return empty_component(HEADER)
    return {
        "title": _text(data, "title", "", errors, required=True, max_length=500),
        "classification": _choice(
            {"classification": data.get("classification") or Classification.NORMAL.value}, "classification", "",
            errors, [c.value for c in Classification], default=Classification.NORMAL.value,
        ),
        "reviewed_on": _date(data, "reviewed_on", errors, today),
        "exercised_on": _date(data, "exercised_on", errors, today),
    }


def clean_scope(data, errors: _Errors, refs: Refs, today) -> dict:
    if not isinstance(data, dict):
        errors.add("scope", gettext_noop("Expected an object."))
        return empty_component("scope")
    out = {
        "objectives": _text(data, "objectives", "scope", errors),
        "assumptions": _text(data, "assumptions", "scope", errors),
        "scope": _text(data, "scope", "scope", errors),
        "long_crisis": _bool(data, "long_crisis", "scope", errors),
        "scenarios": [],
    }
    seen = set()
    for p, item in _items(data.get("scenarios"), "scope.scenarios", errors):
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            errors.add(f"{p}.code", gettext_noop("Choose a scenario."))
            continue
        code = code.strip()
        if code in seen:
            errors.add(f"{p}.code", gettext_noop("This scenario is listed twice."))
            continue
        seen.add(code)
        note = _text(item, "note", p, errors)
        if code in refs.catalogue:
            out["scenarios"].append({"code": code, "note": note})
        elif CUSTOM_SCENARIO_RE.match(code):
            out["scenarios"].append({
                "code": code,
                "name_th": _text(item, "name_th", p, errors, required=True, max_length=255),
                "name_en": _text(item, "name_en", p, errors, max_length=255),
                "note": note,
            })
        else:
            errors.add(f"{p}.code", gettext_noop("Unknown scenario {code}: choose one from the catalogue or add the agency's own."),
                       code=code)
    return out


def clean_impacts(data, errors: _Errors, refs: Refs, today) -> list:
    out, seen = [], set()
    for p, item in _items(data, "impacts", errors):
        row = {
            "scenario": _ref(item, "scenario", p, errors, refs.scenarios, "scenario", required=True),
            "category": _choice(item, "category", p, errors, sorted(CATEGORIES)),
            "impacted": _bool(item, "impacted", p, errors) if "impacted" in item else True,
            "note": _text(item, "note", p, errors),
        }
        cell = (row["scenario"], row["category"])
        if None not in cell:
            if cell in seen:
                errors.add(p, gettext_noop("This scenario and resource category are already in the table."))
                continue
            seen.add(cell)
        out.append(row)
    return out


def clean_team(data, errors: _Errors, refs: Refs, today) -> list:
    items = _items(data, "team", errors)
    keys = set()
    for p, item in items:
        key = item.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            errors.add(f"{p}.key", gettext_noop("A key is 1–32 Latin letters, digits, '.', '-' or '_'."))
        elif key in keys:
            errors.add(f"{p}.key", gettext_noop("The key {key} is used twice."), key=key)
        else:
            keys.add(key)
    out = []
    for p, item in items:
        row = {
            "key": item.get("key"),
            # Templates list positions whose holders the agency fills in: a name or a position will do.
            "name": _text(item, "name", p, errors, max_length=255),
            "position": _text(item, "position", p, errors, max_length=255),
            "role": _choice(item, "role", p, errors, [r.value for r in TeamRole], default=TeamRole.MEMBER.value),
            "team": _text(item, "team", p, errors, max_length=255),
            "phone": _text(item, "phone", p, errors, max_length=32),
            "email": _text(item, "email", p, errors, max_length=254),
            "line_id": _text(item, "line_id", p, errors, max_length=64),
            "alternate": _ref(item, "alternate", p, errors, keys, "member"),
        }
        if not row["name"] and not row["position"]:
            errors.add(f"{p}.name", gettext_noop("Give the member's name or at least their position."))
        if row["phone"] and normalise_phone(row["phone"]) is None:
            errors.add(f"{p}.phone", gettext_noop("Enter a Thai phone number: 0 and 8–9 more digits (e.g. 081-234-5678, "
                                        "02-123-4567) or +66…"))
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                errors.add(f"{p}.email", gettext_noop("Enter a valid e-mail address."))
        if row["alternate"] is not None and row["alternate"] == row["key"]:
            errors.add(f"{p}.alternate", gettext_noop("A person cannot be their own alternate."))
            row["alternate"] = None
        out.append(row)
    return out


def clean_strategies(data, errors: _Errors, refs: Refs, today) -> list:
    return [
        {
            "category": _choice(item, "category", p, errors, sorted(CATEGORIES)),
            "strategy": _text(item, "strategy", p, errors, required=True),
            "digital": _bool(item, "digital", p, errors),
        }
        for p, item in _items(data, "strategies", errors)
    ]


def clean_processes(data, errors: _Errors, refs: Refs, today) -> list:
    out, keys = [], set()
    for p, item in _items(data, "processes", errors):
        key = item.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            errors.add(f"{p}.key", gettext_noop("A key is 1–32 Latin letters, digits, '.', '-' or '_'."))
        elif key in keys:
            errors.add(f"{p}.key", gettext_noop("The key {key} is used twice."), key=key)
        else:
            keys.add(key)
        over_time = item.get("impact_over_time") or {}
        clean_over_time = {}
        if not isinstance(over_time, dict):
            errors.add(f"{p}.impact_over_time", gettext_noop("Expected an object."))
        else:
            for period in over_time:
                if period not in PERIODS:
                    errors.add(f"{p}.impact_over_time.{period}", gettext_noop("Unknown period: use 4h, 1d, 1w, 2w or 1m."))
            for period in PERIODS:
                text = _text(over_time, period, f"{p}.impact_over_time", errors)
                if text:
                    clean_over_time[period] = text
        out.append({
            "key": key,
            "name": _text(item, "name", p, errors, required=True, max_length=500),
            "mission": _text(item, "mission", p, errors, max_length=500),
            "impact_level": _choice(item, "impact_level", p, errors, [c.value for c in ImpactLevel], allow_null=True),
            "mtpd_hours": _hours(item, "mtpd_hours", p, errors),
            "rto_hours": _hours(item, "rto_hours", p, errors),
            "rpo_hours": _hours(item, "rpo_hours", p, errors, allow_zero=True),
            "depends_on_it": _bool(item, "depends_on_it", p, errors),
            "eservice": _bool(item, "eservice", p, errors),
            "impact_over_time": clean_over_time,
        })
    return out


def clean_resources(data, errors: _Errors, refs: Refs, today) -> list:
    out = []
    for p, item in _items(data, "resources", errors):
        quantities = item.get("quantities") or {}
        clean_q = {}
        if not isinstance(quantities, dict):
            errors.add(f"{p}.quantities", gettext_noop("Expected an object."))
        else:
            for period, value in quantities.items():
                qp = f"{p}.quantities.{period}"
                if period not in PERIODS:
                    errors.add(qp, gettext_noop("Unknown period: use 4h, 1d, 1w, 2w or 1m."))
                elif value is None or value == "":
                    continue
                elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                    errors.add(qp, gettext_noop("Enter a number."))
                elif value < 0:
                    errors.add(qp, gettext_noop("A quantity cannot be negative."))
                else:
                    clean_q[period] = _number(float(value))
            clean_q = {k: clean_q[k] for k in PERIODS if k in clean_q}
        out.append({
            "process": _ref(item, "process", p, errors, refs.processes, "process"),
            "category": _choice(item, "category", p, errors, sorted(CATEGORIES)),
            "item": _text(item, "item", p, errors, required=True, max_length=500),
            "unit": _text(item, "unit", p, errors, max_length=64),
            "quantities": clean_q,
        })
    return out


def _order(item, p, errors) -> int:
    value = item.get("order", 1)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        errors.add(f"{p}.order", gettext_noop("Enter a whole number from 1."))
        return 1
    return value


def clean_procedures(data, errors: _Errors, refs: Refs, today) -> list:
    return [
        {
            "window": _choice(item, "window", p, errors, [w.value for w in Window]),
            "order": _order(item, p, errors),
            "activity": _text(item, "activity", p, errors, required=True),
            "owner": _ref(item, "owner", p, errors, refs.members, "member"),
            "process": _ref(item, "process", p, errors, refs.processes, "process"),
        }
        for p, item in _items(data, "procedures", errors)
    ]


def clean_call_tree(data, errors: _Errors, refs: Refs, today) -> list:
    out, pairs = [], set()
    for p, item in _items(data, "call_tree", errors):
        row = {
            "caller": _ref(item, "caller", p, errors, refs.members, "member"),
            "callee": _ref(item, "callee", p, errors, refs.members, "member", required=True),
            "order": _order(item, p, errors),
            "channel": _choice(item, "channel", p, errors, [c.value for c in Channel], default=Channel.PHONE.value),
        }
        if row["callee"] is not None and row["caller"] == row["callee"]:
            errors.add(f"{p}.caller", gettext_noop("A person cannot alert themselves."))
        elif (row["caller"], row["callee"]) in pairs:
            errors.add(p, gettext_noop("This link is already in the call tree."))
        pairs.add((row["caller"], row["callee"]))
        out.append(row)
    return out


CLEANERS = {
    HEADER: clean_header, "scope": clean_scope, "impacts": clean_impacts, "team": clean_team,
    "strategies": clean_strategies, "processes": clean_processes, "resources": clean_resources,
    "procedures": clean_procedures, "call_tree": clean_call_tree,
}


def bangkok_today() -> datetime.date:
    return timezone.localdate()


def catalogue_codes() -> set[str]:
    return set(Scenario.objects.values_list("code", flat=True))


def clean_component(component: str, data, refs: Refs, today: datetime.date | None = None):
    """The canonical form of one component, or PlanValidationError with every problem found."""
    if component not in CLEANERS:
        raise PlanValidationError([_unknown_component(component)])
    errors = _Errors()
    cleaned = CLEANERS[component](data, errors, refs, today or bangkok_today())
    errors.raise_if_any()
    return cleaned


def _unknown_component(component) -> dict:
    th, en = both(gettext_noop("Unknown plan component {component}."), component=component)
    return {"path": "", "message_th": th, "message_en": en}


def clean_document(doc, *, catalogue: set | None = None, today: datetime.date | None = None) -> dict:
    """Validate a whole document; references are checked against the document itself."""
    if not isinstance(doc, dict):
        th, en = both(gettext_noop("Expected an object."))
        raise PlanValidationError([{"path": "", "message_th": th, "message_en": en}])
    errors = _Errors()
    today = today or bangkok_today()
    if doc.get("format", FORMAT) != FORMAT:
        errors.add("format", gettext_noop("Unknown document format {value}: expected {expected}."),
                   value=doc.get("format"), expected=FORMAT)
    refs = Refs(catalogue=catalogue if catalogue is not None else catalogue_codes())
    parts = split(doc)
    cleaned = {HEADER: clean_header(parts[HEADER], errors, refs, today)}
    cleaned["scope"] = clean_scope(parts["scope"], errors, refs, today)
    refs.scenarios = {s["code"] for s in cleaned["scope"]["scenarios"]}
    refs.members = {m.get("key") for m in parts["team"] if isinstance(m, dict)} if isinstance(parts["team"], list) else set()
    refs.processes = (
        {p.get("key") for p in parts["processes"] if isinstance(p, dict)} if isinstance(parts["processes"], list) else set()
    )
    for c in COMPONENTS[1:]:
        cleaned[c] = CLEANERS[c](parts[c], errors, refs, today)
    errors.raise_if_any()
    return cleaned


# --------------------------------------------------------------------------- reading


def component_document(plan: Plan, component: str):
    """One component of the plan as stored now, in the document's form."""
    if component == HEADER:
        return {
            "title": plan.title, "classification": plan.classification,
            "reviewed_on": plan.reviewed_on.isoformat() if plan.reviewed_on else None,
            "exercised_on": plan.exercised_on.isoformat() if plan.exercised_on else None,
        }
    if component == "scope":
        scenarios = []
        for code, scenario_id, name_th, name_en, note in PlanScenario.objects.filter(plan=plan).order_by(
            "position"
        ).values_list("code", "scenario_id", "name_th", "name_en", "note"):
            if scenario_id is not None:
                scenarios.append({"code": code, "note": note})
            else:
                scenarios.append({"code": code, "name_th": name_th, "name_en": name_en, "note": note})
        return {
            "objectives": plan.objectives, "assumptions": plan.assumptions, "scope": plan.scope_text,
            "long_crisis": plan.long_crisis, "scenarios": scenarios,
        }
    if component == "impacts":
        rows = Impact.objects.filter(plan=plan).order_by("position").values_list(
            "scenario__code", "category", "impacted", "note"
        )
        return [{"scenario": s, "category": c, "impacted": i, "note": n} for s, c, i, n in rows]
    if component == "team":
        rows = TeamMember.objects.filter(plan=plan).order_by("position").values_list(
            "key", "name", "job_title", "role", "team", "phone", "email", "line_id", "alternate__key"
        )
        names = ("key", "name", "position", "role", "team", "phone", "email", "line_id", "alternate")
        return [dict(zip(names, r, strict=True)) for r in rows]
    if component == "strategies":
        rows = Strategy.objects.filter(plan=plan).order_by("position").values_list("category", "strategy", "digital")
        return [{"category": c, "strategy": s, "digital": d} for c, s, d in rows]
    if component == "processes":
        rows = Process.objects.filter(plan=plan).order_by("position").values_list(
            "key", "name", "mission", "impact_level", "mtpd_hours", "rto_hours", "rpo_hours",
            "depends_on_it", "eservice", "impact_over_time",
        )
        return [
            {
                "key": k, "name": n, "mission": m, "impact_level": lvl or None, "mtpd_hours": _number(mtpd),
                "rto_hours": _number(rto), "rpo_hours": _number(rpo), "depends_on_it": it, "eservice": es,
                "impact_over_time": {p: iot[p] for p in PERIODS if iot.get(p)},
            }
            for k, n, m, lvl, mtpd, rto, rpo, it, es, iot in rows
        ]
    if component == "resources":
        rows = ResourceRequirement.objects.filter(plan=plan).order_by("position").values_list(
            "process__key", "category", "item", "unit", *[f"qty_{p}" for p in PERIODS]
        )
        return [
            {
                "process": r[0], "category": r[1], "item": r[2], "unit": r[3],
                "quantities": {p: _number(q) for p, q in zip(PERIODS, r[4:], strict=True) if q is not None},
            }
            for r in rows
        ]
    if component == "procedures":
        rows = ProcedureStep.objects.filter(plan=plan).order_by("position").values_list(
            "window", "order", "activity", "owner__key", "process__key"
        )
        return [{"window": w, "order": o, "activity": a, "owner": ow, "process": pr} for w, o, a, ow, pr in rows]
    if component == "call_tree":
        rows = CallTreeLink.objects.filter(plan=plan).order_by("position").values_list(
            "caller__key", "callee__key", "order", "channel"
        )
        return [{"caller": a, "callee": b, "order": o, "channel": ch} for a, b, o, ch in rows]
    raise ValueError(f"unknown component {component!r}")


def export_document(plan: Plan) -> dict:
    """The plan as it is stored now, as one `phrom-plan/1` document."""
    return assemble({c: component_document(plan, c) for c in ALL_COMPONENTS})


def _latest_version_data(plan: Plan, components) -> dict:
    """component -> data of its latest PlanVersion (what the editor of that component last saw)."""
    out = {}
    for c in components:
        row = PlanVersion.objects.filter(plan=plan, component=c).order_by("-number").values_list("data", flat=True).first()
        out[c] = row if row is not None else component_document(plan, c)
    return out


def document_at(plan: Plan, number: int | None = None) -> dict:
    """The plan as it was at version `number` (the latest if None): per component, the latest row ≤ N."""
    if number is None:
        number = plan.revision
    latest: dict[str, int] = {}
    for component, pk in PlanVersion.objects.filter(plan=plan, number__lte=number).order_by("number").values_list(
        "component", "pk"
    ):
        latest[component] = pk
    data = dict(PlanVersion.objects.filter(pk__in=latest.values()).values_list("component", "data"))
    return assemble({c: data.get(c, empty_component(c)) for c in ALL_COMPONENTS})


# --------------------------------------------------------------------------- diffs

# Lists with a natural identity are compared by it; the others by sequence alignment.
IDENTITIES = {
    "impacts": lambda r: f"{r['scenario']}/{r['category']}",
    "team": lambda r: r["key"],
    "processes": lambda r: r["key"],
    "call_tree": lambda r: f"{r['caller'] or ''}>{r['callee']}",
    "scenarios": lambda r: r["code"],
}


def _freeze(row):
    return repr(sorted(row.items())) if isinstance(row, dict) else repr(row)


def _diff_list(before: list, after: list, identity=None) -> dict:
    added, removed, changed = [], [], []
    if identity is not None:
        old = {identity(r): r for r in before}
        new = {identity(r): r for r in after}
        for k, r in new.items():
            if k not in old:
                added.append({"key": k, "row": r})
            elif old[k] != r:
                fields = sorted(f for f in set(r) | set(old[k]) if r.get(f) != old[k].get(f))
                changed.append({"key": k, "fields": fields, "before": old[k], "after": r})
        removed = [{"key": k, "row": r} for k, r in old.items() if k not in new]
    else:
        # Skip the common head and tail first: a typical save changes a few rows in the middle.
        head = 0
        while head < min(len(before), len(after)) and before[head] == after[head]:
            head += 1
        tail = 0
        while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
            tail += 1
        mid_b, mid_a = before[head:len(before) - tail], after[head:len(after) - tail]
        matcher = difflib.SequenceMatcher(None, [_freeze(r) for r in mid_b], [_freeze(r) for r in mid_a], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for n in range(paired):
                b, a = before[i1 + n], after[j1 + n]
                fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
                changed.append({"key": j1 + n, "fields": fields, "before": b, "after": a})
            removed += [{"key": i, "row": before[i]} for i in range(i1 + paired, i2)]
            added += [{"key": j, "row": after[j]} for j in range(j1 + paired, j2)]
    return {"added": added, "removed": removed, "changed": changed}


def diff_component(component: str, before, after) -> dict:
    """What changed in one component: {fields?, added, removed, changed}."""
    if component in (HEADER, "scope"):
        scalar = [k for k in (set(before) | set(after)) if k != "scenarios"]
        fields = {k: {"before": before.get(k), "after": after.get(k)} for k in sorted(scalar)
                  if before.get(k) != after.get(k)}
        out = {"fields": fields, "added": [], "removed": [], "changed": []}
        if component == "scope":
            out.update(_diff_list(before.get("scenarios", []), after.get("scenarios", []), IDENTITIES["scenarios"]))
        return out
    return _diff_list(before, after, IDENTITIES.get(component))


def _is_empty_diff(d: dict) -> bool:
    return not (d.get("fields") or d["added"] or d["removed"] or d["changed"])


def diff_documents(a: dict, b: dict) -> dict:
    """Component by component, what is added, removed or changed from document a to b."""
    pa, pb = split(a), split(b)
    out = {}
    for c in ALL_COMPONENTS:
        if pa[c] != pb[c]:
            d = diff_component(c, pa[c], pb[c])
            if not _is_empty_diff(d):
                out[c] = d
    return out


def diff_versions(plan: Plan, a: int, b: int) -> dict:
    return {"from": a, "to": b, "components": diff_documents(document_at(plan, a), document_at(plan, b))}


def change_counts(component: str, before, after) -> dict:
    d = diff_component(component, before, after)
    return {
        "added": len(d["added"]), "removed": len(d["removed"]),
        "changed": len(d["changed"]) + len(d.get("fields", {})),
    }


# --------------------------------------------------------------------------- writing


def _sync(model, plan: Plan, rows: list[dict], identity) -> tuple[dict, set]:
    """Make the plan's rows of `model` equal to `rows`, touching only what differs.

    Rows are matched by `identity` (a key, a natural key or the position), so that unchanged rows
    keep their ids (and the foreign keys pointing at them). Returns (identity -> id, removed identities).
    """
    fields = list(rows[0]) if rows else []
    existing = {}
    for r in model.objects.filter(plan=plan).values("id", *fields) if fields else model.objects.filter(plan=plan).values("id"):
        existing[identity(r) if fields else r["id"]] = r
    ids, to_update, to_create = {}, [], []
    for row in rows:
        ident = identity(row)
        old = existing.pop(ident, None)
        if old is None:
            to_create.append(model(plan=plan, **row))
        else:
            ids[ident] = old["id"]
            if any(old[f] != row[f] for f in fields):
                to_update.append(model(id=old["id"], plan=plan, **row))
    removed = set(existing)
    if existing:
        model.objects.filter(id__in=[r["id"] for r in existing.values()]).delete()
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    if to_create:
        created = model.objects.bulk_create(to_create, batch_size=500)
        for obj in created:
            ids[identity({f: getattr(obj, f) for f in fields})] = obj.pk
    return ids, removed


def _by_position(r):
    return r["position"]


def _key_ids(model, plan) -> dict:
    return dict(model.objects.filter(plan=plan).values_list("key", "id"))


def _store(plan: Plan, component: str, data) -> set:
    """Write one cleaned component to the tables; returns the identities removed."""
    if component == HEADER:
        plan.title = data["title"]
        plan.classification = data["classification"]
        plan.reviewed_on = datetime.date.fromisoformat(data["reviewed_on"]) if data["reviewed_on"] else None
        plan.exercised_on = datetime.date.fromisoformat(data["exercised_on"]) if data["exercised_on"] else None
        return set()
    if component == "scope":
        plan.objectives, plan.assumptions = data["objectives"], data["assumptions"]
        plan.scope_text, plan.long_crisis = data["scope"], data["long_crisis"]
        catalogue = dict(Scenario.objects.filter(code__in=[s["code"] for s in data["scenarios"]]).values_list("code", "id"))
        rows = [
            {
                "position": i, "code": s["code"], "scenario_id": catalogue.get(s["code"]),
                "name_th": s.get("name_th", ""), "name_en": s.get("name_en", ""), "note": s["note"],
            }
            for i, s in enumerate(data["scenarios"])
        ]
        return _sync(PlanScenario, plan, rows, lambda r: r["code"])[1]
    if component == "impacts":
        scenario_ids = dict(PlanScenario.objects.filter(plan=plan).values_list("code", "id"))
        rows = [
            {"position": i, "scenario_id": scenario_ids[r["scenario"]], "category": r["category"],
             "impacted": r["impacted"], "note": r["note"]}
            for i, r in enumerate(data)
        ]
        return _sync(Impact, plan, rows, lambda r: (r["scenario_id"], r["category"]))[1]
    if component == "team":
        rows = [
            {"position": i, "key": m["key"], "name": m["name"], "job_title": m["position"], "role": m["role"],
             "team": m["team"], "phone": m["phone"], "email": m["email"], "line_id": m["line_id"]}
            for i, m in enumerate(data)
        ]
        ids, removed = _sync(TeamMember, plan, rows, lambda r: r["key"])
        wanted = {ids[m["key"]]: (ids[m["alternate"]] if m["alternate"] else None) for m in data}
        current = dict(TeamMember.objects.filter(plan=plan).values_list("id", "alternate_id"))
        changed = [TeamMember(id=i, alternate_id=a) for i, a in wanted.items() if current.get(i) != a]
        if changed:
            TeamMember.objects.bulk_update(changed, ["alternate_id"], batch_size=500)
        return removed
    if component == "strategies":
        rows = [{"position": i, **r} for i, r in enumerate(data)]
        return _sync(Strategy, plan, rows, _by_position)[1]
    if component == "processes":
        rows = [
            {"position": i, "key": p["key"], "name": p["name"], "mission": p["mission"],
             "impact_level": p["impact_level"] or "", "mtpd_hours": p["mtpd_hours"], "rto_hours": p["rto_hours"],
             "rpo_hours": p["rpo_hours"], "depends_on_it": p["depends_on_it"], "eservice": p["eservice"],
             "impact_over_time": p["impact_over_time"]}
            for i, p in enumerate(data)
        ]
        return _sync(Process, plan, rows, lambda r: r["key"])[1]
    if component == "resources":
        process_ids = _key_ids(Process, plan)
        rows = [
            {"position": i, "process_id": process_ids.get(r["process"]), "category": r["category"], "item": r["item"],
             "unit": r["unit"], **{f"qty_{p}": r["quantities"].get(p) for p in PERIODS}}
            for i, r in enumerate(data)
        ]
        return _sync(ResourceRequirement, plan, rows, _by_position)[1]
    if component == "procedures":
        member_ids, process_ids = _key_ids(TeamMember, plan), _key_ids(Process, plan)
        rows = [
            {"position": i, "window": s["window"], "order": s["order"], "activity": s["activity"],
             "owner_id": member_ids.get(s["owner"]), "process_id": process_ids.get(s["process"])}
            for i, s in enumerate(data)
        ]
        return _sync(ProcedureStep, plan, rows, _by_position)[1]
    if component == "call_tree":
        member_ids = _key_ids(TeamMember, plan)
        rows = [
            {"position": i, "caller_id": member_ids.get(r["caller"]), "callee_id": member_ids[r["callee"]],
             "order": r["order"], "channel": r["channel"]}
            for i, r in enumerate(data)
        ]
        return _sync(CallTreeLink, plan, rows, _by_position)[1]
    raise ValueError(f"unknown component {component!r}")


def _refs_for(plan: Plan, component: str) -> Refs:
    refs = Refs()
    if component == "scope":
        refs.catalogue = catalogue_codes()
    if component == "impacts":
        refs.scenarios = set(PlanScenario.objects.filter(plan=plan).values_list("code", flat=True))
    if component in ("procedures", "call_tree"):
        refs.members = set(TeamMember.objects.filter(plan=plan).values_list("key", flat=True))
    if component in ("procedures", "resources"):
        refs.processes = set(Process.objects.filter(plan=plan).values_list("key", flat=True))
    return refs


@dataclass
class Saved:
    """What a save did: the plan's new version, and each changed component's new revision."""

    version: int
    revisions: dict  # component -> revision, for every component changed (incl. cascaded ones)
    changed: bool = True
    data: dict = field(default_factory=dict)  # component -> its document as saved

    def revision(self, component: str) -> int:
        return self.revisions[component]


def _username(user) -> str:
    return user.get_username() if user is not None and getattr(user, "is_authenticated", False) else ""


def _record(plan: Plan, new_docs: dict, previous: dict, *, user, action: str, ip=None, summary: str = "",
            primary: str | None = None, detail: dict | None = None) -> Saved:
    """Write the versions of the changed components and the audit entries; bump the counters."""
    number = plan.revision + 1
    author = user if user is not None and getattr(user, "is_authenticated", False) else None
    revisions = dict(plan.component_revisions)
    versions = []
    for c, data in new_docs.items():
        revisions[c] = int(revisions.get(c, 0)) + 1
        versions.append(PlanVersion(
            plan=plan, number=number, component=c, data=data, author=author, summary=summary[:500],
            changes=change_counts(c, previous.get(c, empty_component(c)), data),
        ))
    PlanVersion.objects.bulk_create(versions)
    plan.revision = number
    plan.component_revisions = revisions
    plan.updated_by = author
    plan.save()
    # New rows only: bulk_create is append-only like save() on a new PlanAudit.
    PlanAudit.objects.bulk_create([
        PlanAudit(
            plan=plan, user=author, username=_username(user), ip=ip, version=number, component=v.component,
            action=action if primary is None or v.component == primary else PlanAudit.Action.CASCADE,
            detail={**(detail or {}), "changes": v.changes,
                    **({"because_of": primary} if primary is not None and v.component != primary else {})},
        )
        for v in versions
    ])
    return Saved(version=number, revisions={c: revisions[c] for c in new_docs}, data=new_docs)


def apply_component(plan: Plan, component: str, data, *, user, expected_revision: int, ip=None,
                    summary: str = "") -> Saved:
    """Save one component from an editor that loaded it at `expected_revision`.

    Raises StaleComponent if the component was saved since, PlanValidationError if the data is
    not valid. Saving identical data changes nothing and returns `changed=False`.
    """
    if component not in ALL_COMPONENTS:
        raise PlanValidationError([_unknown_component(component)])
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        current = locked.component_revision(component)
        if expected_revision is None or int(expected_revision) != current:
            last = PlanVersion.objects.filter(plan=locked, component=component).order_by("-number").select_related(
                "author"
            ).first()
            raise StaleComponent(
                component, expected_revision, current,
                changed_by=last.author.get_full_name() or last.author.get_username() if last and last.author else "",
                changed_at=last.created_at if last else None,
            )
        cleaned = clean_component(component, data, _refs_for(locked, component))
        watched = (component, *DEPENDENTS.get(component, ()))
        previous = _latest_version_data(locked, watched)
        if cleaned == previous[component]:
            _copy_state(plan, locked)
            return Saved(version=locked.revision, revisions={component: current}, changed=False,
                         data={component: cleaned})
        removed = _store(locked, component, cleaned)
        # The cleaned input is exactly what the tables now give back (tests/plans: round trips).
        new_docs = {component: cleaned}
        if removed:
            for dep in DEPENDENTS.get(component, ()):
                dep_doc = component_document(locked, dep)
                if dep_doc != previous[dep]:
                    new_docs[dep] = dep_doc
        saved = _record(locked, new_docs, previous, user=user, action=PlanAudit.Action.SAVE, ip=ip,
                        summary=summary, primary=component)
    _copy_state(plan, locked)
    return saved


def _copy_state(target: Plan, source: Plan):
    """Keep the caller's Plan object in step with the row just written."""
    if target is not source:
        for f in Plan._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))


def apply_document(plan: Plan, doc: dict, *, user, ip=None, summary: str = "", action: str = PlanAudit.Action.SAVE,
                   record_all: bool = False, header: bool = True, cleaned: bool = False) -> Saved:
    """Replace the whole content of the plan by `doc` (templates, copies, imports), as one version.

    With header=False the document's title, classification and dates are left as they are.
    cleaned=True: `doc` is already the output of clean_document (component -> canonical data).
    """
    cleaned = doc if cleaned else clean_document(doc)
    components = ALL_COMPONENTS if header else COMPONENTS
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        previous = _latest_version_data(locked, components) if locked.revision else {
            c: empty_component(c) for c in components
        }
        for c in components:
            _store(locked, c, cleaned[c])
        # Cleaned data is exactly what the tables give back (round-trip tests), so no re-read.
        new_docs = {c: cleaned[c] for c in components if record_all or cleaned[c] != previous[c]}
        if not new_docs:
            _copy_state(plan, locked)
            return Saved(version=locked.revision, revisions={}, changed=False)
        saved = _record(locked, new_docs, previous, user=user, action=action, ip=ip, summary=summary)
    _copy_state(plan, locked)
    return saved
