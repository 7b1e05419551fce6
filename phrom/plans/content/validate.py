"""Validating a plan document: each component cleaned to its canonical form, or every problem found.

Validation errors carry a path per field, in the document's own terms: `processes[3].rto_hours`,
`scope.scenarios[0].code`, `title`.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_noop

from phrom.core.messages import both

from ..codes import (
    COMPONENTS,
    FORMAT,
    HEADER,
    PERIODS,
    Channel,
    Classification,
    ImpactLevel,
    TeamRole,
    Window,
)
from ..models import Scenario
from .errors import PlanValidationError
from .shape import CATEGORIES, empty_component, plain_number, split

KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,32}$")
ORG_CODE_RE = KEY_RE  # an organisation's code (phrom.orgs: Latin letters, digits, '.', '-', '_', up to 32)
DEPENDENCY_KINDS = ("process", "utility", "supplier")
CUSTOM_SCENARIO_RE = re.compile(r"^custom-[A-Za-z0-9_.\-]{1,50}$")
PHONE_RE = re.compile(r"^(?:0\d{8,9}|\+66\d{8,9})$")
MAX_HOURS = 24 * 365 * 10


class _Errors:
    def __init__(self):
        self.items: list[dict] = []

    def add(self, path: str, msgid: str, **params):
        th, en = both(msgid, **params)
        self.items.append({"path": path, "message_th": th, "message_en": en})

    def raise_if_any(self):
        if self.items:
            raise PlanValidationError(self.items)


def normalise_phone(value: str) -> str | None:
    """A Thai phone number as 0XXXXXXXXX, or None if it is not one (accepts dashes, spaces, +66)."""
    compact = re.sub(r"[\s\-().]", "", value or "")
    if not PHONE_RE.match(compact):
        return None
    return "0" + compact[3:] if compact.startswith("+66") else compact


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
    return plain_number(float(value))


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


@dataclass
class Refs:
    """The keys other components may refer to."""

    scenarios: set = field(default_factory=set)
    members: set = field(default_factory=set)
    processes: set = field(default_factory=set)
    catalogue: set = field(default_factory=set)
    utilities: set | None = None  # the utility codes a dependency may name; None: read from the table

    def utility_codes(self) -> set:
        if self.utilities is None:
            from phrom.dependencies.models import Utility  # the table of utilities is data, in its own app

            self.utilities = set(Utility.objects.values_list("code", flat=True))
        return self.utilities


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


def _key(item: dict, p: str, errors: _Errors, keys: set):
    """The row's key, checked for its form and for being unique among `keys` (which it joins)."""
    key = item.get("key")
    if not isinstance(key, str) or not KEY_RE.match(key):
        errors.add(f"{p}.key", gettext_noop("A key is 1–32 Latin letters, digits, '.', '-' or '_'."))
    elif key in keys:
        errors.add(f"{p}.key", gettext_noop("The key {key} is used twice."), key=key)
    else:
        keys.add(key)
    return key


def clean_team(data, errors: _Errors, refs: Refs, today) -> list:
    items = _items(data, "team", errors)
    keys = set()
    for p, item in items:
        _key(item, p, errors, keys)
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
        key = _key(item, p, errors, keys)
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
        row = {
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
        }
        # Optional: a process without dependencies has no such key (documents written before it existed read the same).
        dependencies = clean_dependencies(item.get("dependencies"), f"{p}.dependencies", errors, refs)
        if dependencies:
            row["dependencies"] = dependencies
        out.append(row)
    return out


def clean_dependencies(data, path: str, errors: _Errors, refs: Refs) -> list:
    """What a process depends on: another agency's process (by the agency's code and the process's key
    in its plan of the same fiscal year), a utility (by its code) or a supplier (named, with the
    recovery time it promises); each maybe covered for some hours by the agency's own arrangement."""
    out, seen = [], set()
    for p, item in _items(data, path, errors):
        kind = _choice(item, "kind", p, errors, DEPENDENCY_KINDS)
        if kind == "process":
            row = {"kind": kind}
            for name in ("organisation", "process"):
                value = item.get(name)
                if not isinstance(value, str) or not ORG_CODE_RE.match(value):
                    errors.add(f"{p}.{name}", gettext_noop("A key is 1–32 Latin letters, digits, '.', '-' or '_'."))
                row[name] = value if isinstance(value, str) else None
            identity = (kind, row["organisation"], row["process"])
        elif kind == "utility":
            code = item.get("utility")
            if code not in refs.utility_codes():
                errors.add(f"{p}.utility", gettext_noop("Choose one of: {choices}."),
                           choices=", ".join(sorted(refs.utility_codes())))
            row = {"kind": kind, "utility": code if isinstance(code, str) else None}
            identity = (kind, row["utility"])
        elif kind == "supplier":
            row = {"kind": kind, "name": _text(item, "name", p, errors, required=True, max_length=255),
                   "recovery_hours": _hours(item, "recovery_hours", p, errors)}
            if row["recovery_hours"] is None and not any(e["path"] == f"{p}.recovery_hours" for e in errors.items):
                errors.add(f"{p}.recovery_hours", gettext_noop("This field is required."))
            identity = (kind, row["name"])
        else:
            continue
        row["covered_hours"] = _hours(item, "covered_hours", p, errors)
        row["covered_by"] = _text(item, "covered_by", p, errors, max_length=500)
        if identity in seen:
            errors.add(p, gettext_noop("This dependency is listed twice."))
            continue
        seen.add(identity)
        out.append(row)
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
                    clean_q[period] = plain_number(float(value))
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
        raise PlanValidationError([unknown_component(component)])
    errors = _Errors()
    cleaned = CLEANERS[component](data, errors, refs, today or bangkok_today())
    errors.raise_if_any()
    return cleaned


def unknown_component(component) -> dict:
    th, en = both(gettext_noop("Unknown plan component {component}."), component=component)
    return {"path": "", "message_th": th, "message_en": en}


def clean_document(doc, *, catalogue: set | None = None, today: datetime.date | None = None,
                   utilities: set | None = None) -> dict:
    """Validate a whole document; references are checked against the document itself (and the
    catalogue of scenarios and the table of utilities, read when not given)."""
    if not isinstance(doc, dict):
        th, en = both(gettext_noop("Expected an object."))
        raise PlanValidationError([{"path": "", "message_th": th, "message_en": en}])
    errors = _Errors()
    today = today or bangkok_today()
    if doc.get("format", FORMAT) != FORMAT:
        errors.add("format", gettext_noop("Unknown document format {value}: expected {expected}."),
                   value=doc.get("format"), expected=FORMAT)
    refs = Refs(catalogue=catalogue if catalogue is not None else catalogue_codes(), utilities=utilities)
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
