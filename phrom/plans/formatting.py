"""A plan's values as people read and type them, one rule each: the plan pages, the editors, the
submission page, the printed documents and the review of a Word import all call these.

Durations: stored in hours (docs/plan-document.md: a month is 30 days), told in the largest whole
unit ('1 เดือน' for 720, '36 ชั่วโมง' for 36, '30 นาที' under an hour). Periods: the five columns of
the OPDC tables. Dates: Buddhist era, long in text, dd/mm/yyyy in an input field. Printing turns
the digits of everything it shows into Thai digits afterwards (phrom.documents.context).
"""

from __future__ import annotations

import datetime
import math

from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext_lazy

from phrom.core import thaidates
from phrom.core.errors import in_language
from phrom.core.numbers import count_text

from .codes import UNIT_ALIASES, UNIT_HOURS, Category, Period

# ---- periods: the columns of the OPDC tables (4 hours … 1 month)

PERIOD_LABELS = dict(Period.choices)


# ---- numbers


def number_text(value) -> str:
    """1500 -> '1500', 2.5 -> '2.5', None -> '': as typed, without a trailing '.0'."""
    if value is None or value == "":
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def quantity_text(value) -> str:
    """A quantity as pages and documents show it: 1500 -> '1,500' (phrom.core.numbers), None -> ''.
    The editors keep number_text: a field shows the number as it was typed."""
    return "" if value is None or value == "" else count_text(value)


def parse_number(text: str):
    """A number typed by a person ("1,500", "2.5"), or ValueError."""
    cleaned = (text or "").strip().replace(",", "")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return int(value) if value.is_integer() else value


# ---- durations

# The units a duration is typed in, largest last (their hours: codes.UNIT_HOURS).
UNIT_LABELS = {
    "hour": pgettext_lazy("duration unit", "hours"),
    "day": pgettext_lazy("duration unit", "days"),
    "week": pgettext_lazy("duration unit", "weeks"),
    "month": pgettext_lazy("duration unit", "months"),
}
UNIT_CHOICES = [(code, UNIT_LABELS[code]) for code in UNIT_HOURS]


def parse_duration(amount, unit: str):
    """Hours from a number and a unit (a word of codes.UNIT_ALIASES: hour, วัน, weeks, …; a month is
    30 days): 2 สัปดาห์ -> 336. ValueError unless the number is positive and the unit known."""
    name = str(unit).strip().lower()
    size = UNIT_HOURS.get(UNIT_ALIASES.get(name, name))
    if size is None:
        raise ValueError(f"unknown unit {unit!r}")
    number = float(amount)
    if not math.isfinite(number) or number <= 0:
        raise ValueError("a duration must be a positive number")
    hours = number * size
    return int(hours) if hours.is_integer() else hours


def split_duration(hours) -> tuple[str, str]:
    """Hours as the number and unit a person would type: 720 -> (1, month), 36 -> (36, hour)."""
    if hours is None or hours == "":
        return "", "hour"
    hours = float(hours)
    for code, size in reversed(UNIT_HOURS.items()):
        if size > 1 and hours >= size and math.isclose(hours / size, round(hours / size)):
            return number_text(round(hours / size)), code
    return number_text(hours), "hour"


def duration_text(hours) -> str:
    """24 -> '1 วัน', 336 -> '2 สัปดาห์', 36 -> '36 ชั่วโมง', 0.5 -> '30 นาที', None -> ''."""
    if hours is None or hours == "":
        return ""
    hours = float(hours)
    if hours < 1:
        minutes = round(hours * 60)
        return npgettext("duration", "%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    number, unit = split_duration(hours)
    count = int(float(number))
    if unit == "month":
        return npgettext("duration", "%(n)s month", "%(n)s months", count) % {"n": number}
    if unit == "week":
        return npgettext("duration", "%(n)s week", "%(n)s weeks", count) % {"n": number}
    if unit == "day":
        return npgettext("duration", "%(n)s day", "%(n)s days", count) % {"n": number}
    return npgettext("duration", "%(n)s hour", "%(n)s hours", count) % {"n": number}


# ---- dates

THAI_DIGITS = thaidates.THAI_DIGITS
# A date typed as day/month/year of the Buddhist era (15/10/2568), or ISO; ValueError if neither.
parse_thai_date = thaidates.parse_input


def as_date(value) -> datetime.date | None:
    """A document's ISO date (or a date) as a date; None when empty or not a date."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value[:10]) if value else None
    except (TypeError, ValueError):
        return None


def date_text(value) -> str:
    """'15 ตุลาคม 2568': a date for reading (phrom.core.thaidates)."""
    day = as_date(value)
    return thaidates.format_date(day) if day else ""


def format_thai_date(value) -> str:
    """An ISO date (or date) as dd/mm/yyyy in the Buddhist era, as it is typed in an input field."""
    return thaidates.input_text(as_date(value))


# ---- codes and yes/no


def choice_label(choices, value) -> str:
    """The label of a code of one of the plan's code lists; an unknown code as it is."""
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return value


def yes_no(value) -> str:
    return _("yes") if value else _("no")


def own_scenario_name(scenario: dict) -> str:
    """The name of a scenario the plan adds itself (scope.scenarios, with name_th and maybe name_en) in
    the request's language; '' for a scenario of the catalogue, which the catalogue names."""
    th, en = scenario.get("name_th") or "", scenario.get("name_en") or ""
    return in_language(th or en, en)


CATEGORY_LABELS = dict(Category.choices)  # the six resource categories, in the OPDC order


# --------------------------------------------------------------------------- the audit trail


def audit_details(action: str, detail) -> str:
    """What an audit entry's details say, as a Thai sentence for the plan's and the submission's
    audit pages ("" when there is nothing to add): never the stored dict itself."""
    from phrom.campaigns.models import Submission, SubmissionEvent

    from .codes import COMPONENT_LABELS, Status
    from .models import PlanAudit

    if not isinstance(detail, dict):
        return ""
    states = {**dict(Status.choices), **dict(Submission.State.choices)}
    parts = []
    if action == PlanAudit.Action.CREATE:
        parts.append(_creation(detail))
    changes = detail.get("changes") or {}
    for key, text in (("added", _("%(n)s added")), ("removed", _("%(n)s removed")), ("changed", _("%(n)s changed"))):
        if changes.get(key):
            parts.append(text % {"n": number_text(changes[key])})
    if detail.get("because_of"):
        part = COMPONENT_LABELS.get(detail["because_of"], detail["because_of"])
        parts.append(_("because of a change in %(part)s") % {"part": part})
    if detail.get("name"):
        parts.append(_("file “%(name)s”") % {"name": detail["name"].rsplit("/", 1)[-1]})
    if detail.get("replaced"):
        parts.append(_("in place of “%(name)s”") % {"name": detail["replaced"].rsplit("/", 1)[-1]})
    if detail.get("answers") is not None:
        parts.append(_("%(n)s answers") % {"n": number_text(len(detail["answers"]))})
    if action == PlanAudit.Action.STATUS:
        if detail.get("event"):
            parts.append(str(choice_label(SubmissionEvent.Action, detail["event"])))
        if detail.get("campaign_title"):
            parts.append(_("campaign “%(title)s”") % {"title": detail["campaign_title"]})
        old, new = detail.get("from"), detail.get("to")
        if old and new:
            parts.append(_("from “%(old)s” to “%(new)s”") % {"old": states.get(old, old), "new": states.get(new, new)})
        elif new:
            parts.append(_("now “%(new)s”") % {"new": states.get(new, new)})
    if detail.get("imported"):
        parts.append(_("imported from a file"))
    if action == PlanAudit.Action.READ:
        parts.append(_read_how(detail))
    return " · ".join(str(p) for p in parts if p)


def _creation(detail: dict) -> str:
    from .services import starter_templates

    if detail.get("template"):
        names = {t.code: t.name for t in starter_templates()}
        origin = _("from the starter template “%(name)s”") % {"name": names.get(detail["template"], detail["template"])}
    elif detail.get("copied_from_fiscal_year"):
        origin = _("as a copy of the plan of fiscal year %(year)s") % {"year": detail["copied_from_fiscal_year"]}
    else:
        origin = _("empty")
    year = _("fiscal year %(year)s") % {"year": detail["fiscal_year"]} if detail.get("fiscal_year") else ""
    return " · ".join(p for p in (year, origin) if p)


def _read_how(detail: dict) -> str:
    if detail.get("bundle"):
        return _("in a bundle of plans")
    if detail.get("attachment"):
        return _("the attached Word or PDF copy")
    if detail.get("format"):
        return _("downloaded as %(format)s") % {"format": {"pdf": "PDF", "docx": "Word"}.get(detail["format"], detail["format"])}
    if detail.get("via") == "api":
        return _("through the API")
    return _("on the submission page") if detail.get("submission") else ""


# ---- dependencies (phrom.dependencies): a step of the chain that sets a process's achievable time


def dependency_name(step: dict) -> str:
    """'“ระบบทะเบียนราษฎร” ของกรมการปกครอง', 'ไฟฟ้า', a supplier's name."""
    if step["kind"] == "process":
        return _("“%(name)s” of %(organisation)s") % {"name": step["name"], "organisation": step["organisation_name"]}
    return step.get("name") or ""


def dependency_step_text(step: dict) -> str:
    """'“ระบบทะเบียนราษฎร” ของกรมการปกครอง (กลับมาใน 1 วัน)'; a covered dependency says for how long."""
    hours, what = duration_text(step.get("hours")), dependency_name(step)
    if step.get("covered_hours"):
        return _("%(what)s (back in %(hours)s, covered for %(covered)s)") % {
            "what": what, "hours": hours, "covered": duration_text(step["covered_hours"])}
    return _("%(what)s (back in %(hours)s)") % {"what": what, "hours": hours}


def dependency_chain_text(chain: list) -> str:
    return " → ".join(dependency_step_text(step) for step in chain)


def declared_dependency_text(dep: dict, organisations: dict, utilities: dict) -> str:
    """A dependency as the plan declares it (the printed table): the agency's name and the process's key,
    the utility with its recovery target, the supplier with the time it promises."""
    if dep["kind"] == "process":
        return f"{organisations.get(dep['organisation'], dep['organisation'])} · {dep['process']}"
    if dep["kind"] == "utility":
        name, hours = utilities.get(dep["utility"], (dep["utility"], None))
        return _("%(what)s (back in %(hours)s)") % {"what": name, "hours": duration_text(hours)} if hours else name
    return _("%(what)s (back in %(hours)s)") % {"what": dep.get("name", ""), "hours": duration_text(dep.get("recovery_hours"))}
