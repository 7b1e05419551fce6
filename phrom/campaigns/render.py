"""A frozen plan version laid out for reading on a page: one section per component, plain tables.

Labels come from the plan's code lists (translated by the plans app); values stay as the agency
wrote them. The reviewer comments beside each section by its component code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from phrom.plans.codes import (
    COMPONENT_LABELS,
    HEADER,
    Category,
    Channel,
    Classification,
    ImpactLevel,
    TeamRole,
    Window,
)
from phrom.plans.content import split

PERIODS = (("4h", _("4 hours")), ("1d", _("1 day")), ("1w", _("1 week")), ("2w", _("2 weeks")), ("1m", _("1 month")))


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


def _yes(value) -> str:
    return str(_("yes")) if value else str(_("no"))


def _hours(value) -> str:
    if value is None or value == "":
        return "—"
    number = float(value)
    return f"{int(number) if number.is_integer() else number:g} " + str(_("h"))


def layout(doc: dict, scenario_names: dict[str, tuple[str, str]], *, language: str = "th") -> list[dict]:
    """[{component, label, facts: [(label, value)], columns: [...], rows: [[...]]}] for the template."""
    parts = split(doc)
    team = {m.get("key"): m.get("name") or m.get("key") for m in parts["team"] or []}
    processes = {p.get("key"): p.get("name") or p.get("key") for p in parts["processes"] or []}
    scope_rows = {s.get("code"): s for s in (parts["scope"] or {}).get("scenarios") or []}

    def scenario(code):
        row = scope_rows.get(code) or {}
        if row.get("name_th"):
            return row["name_en"] if language == "en" and row.get("name_en") else row["name_th"]
        th, en = scenario_names.get(code, (code, code))
        return en if language == "en" and en else th

    header = parts[HEADER]
    scope = parts["scope"] or {}
    sections = [
        {"component": HEADER, "facts": [
            (_("Title"), header.get("title") or ""),
            (_("Classification"), _label(Classification, header.get("classification"))),
            (_("Last reviewed on"), header.get("reviewed_on") or "—"),
            (_("Last exercised on"), header.get("exercised_on") or "—"),
        ]},
        {"component": "scope", "facts": [
            (_("Objectives"), scope.get("objectives") or "—"),
            (_("Assumptions"), scope.get("assumptions") or "—"),
            (_("Scope"), scope.get("scope") or "—"),
            (_("Holds for a crisis longer than one month"), _yes(scope.get("long_crisis"))),
            (_("Scenarios covered"), ", ".join(scenario(s.get("code")) for s in scope.get("scenarios") or []) or "—"),
        ]},
        {"component": "impacts", "columns": [_("Scenario"), _("Resource category"), _("Affected"), _("Note")],
         "rows": [[scenario(r.get("scenario")), _label(Category, r.get("category")), _yes(r.get("impacted", True)),
                   r.get("note") or ""] for r in parts["impacts"]]},
        {"component": "team", "columns": [_("Name"), _("Position"), _("Role"), _("Team"), _("Phone"), _("E-mail"),
                                          _("LINE"), _("Alternate")],
         "rows": [[m.get("name"), m.get("position") or "", _label(TeamRole, m.get("role")), m.get("team") or "",
                   m.get("phone") or "", m.get("email") or "", m.get("line_id") or "",
                   team.get(m.get("alternate"), "—") if m.get("alternate") else "—"] for m in parts["team"]]},
        {"component": "strategies", "columns": [_("Resource category"), _("Continuity strategy"), _("Digital")],
         "rows": [[_label(Category, s.get("category")), s.get("strategy") or "", _yes(s.get("digital"))]
                  for s in parts["strategies"]]},
        {"component": "processes", "columns": [_("Critical process or service"), _("Impact level"), _("MTPD"), _("RTO"),
                                               _("RPO"), _("e-Service")],
         "rows": [[p.get("name"), _label(ImpactLevel, p.get("impact_level")), _hours(p.get("mtpd_hours")),
                   _hours(p.get("rto_hours")), _hours(p.get("rpo_hours")), _yes(p.get("eservice"))]
                  for p in parts["processes"]]},
        {"component": "resources", "columns": [_("Process"), _("Resource category"), _("Item"), _("Unit"),
                                               *[label for _code, label in PERIODS]],
         "rows": [[processes.get(r.get("process"), "—") if r.get("process") else "—", _label(Category, r.get("category")),
                   r.get("item") or "", r.get("unit") or "",
                   *[_qty((r.get("quantities") or {}).get(code)) for code, _label_ in PERIODS]]
                  for r in parts["resources"]]},
        {"component": "procedures", "columns": [_("Time window"), _("Order"), _("Step"), _("Responsible"), _("Process")],
         "rows": [[_label(Window, s.get("window")), s.get("order"), s.get("activity") or "",
                   team.get(s.get("owner"), "—") if s.get("owner") else "—",
                   processes.get(s.get("process"), "—") if s.get("process") else "—"] for s in parts["procedures"]]},
        {"component": "call_tree", "columns": [_("Caller"), _("Calls"), _("Order"), _("Channel")],
         "rows": [[team.get(c.get("caller"), c.get("caller")) if c.get("caller") else str(_("(starts the tree)")),
                   team.get(c.get("callee"), c.get("callee")), c.get("order"), _label(Channel, c.get("channel"))]
                  for c in parts["call_tree"]]},
    ]
    for section in sections:
        section["label"] = COMPONENT_LABELS[section["component"]]
    return sections


def _qty(value) -> str:
    if value is None:
        return ""
    number = float(value)
    return f"{int(number) if number.is_integer() else number:g}"
