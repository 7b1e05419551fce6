"""The quality checker: a pure function over a plan document that lists what to fix, and a score.

`check_plan(doc, today=…, required_scenarios=…)` reads a `phrom-plan/1` document (any version of
any plan: it touches no database) and returns findings, each with a stable code, a severity, the
component it concerns, a path to the field and a message in Thai and English.

Paths: a field of a list item is `processes[3].rto_hours` (index in the list); something missing
for a keyed thing is `resources[p1]` (a process key), `impacts[flood]` (a scenario code),
`strategies[building]` (a category) or `call_tree[m7]` (a member key). The HTML anchor of a
finding (`Finding.anchor`) is the path with every run of other characters turned into "-",
prefixed "f-": `f-processes-3-rto_hours`, `f-impacts-flood`. Form fields carry these ids.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext_lazy, gettext_noop

from phrom.core.messages import both, label_pair

from .calltree import CallTree
from .codes import COMPONENTS, HEADER, Category
from .data.scenarios import SCENARIOS

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SEVERITY_WEIGHT = {ERROR: 1.0, WARNING: 0.5, INFO: 0.0}
# Share of the score per component (sums to 100); the header's findings deduct points.
WEIGHTS = {
    "scope": 15, "impacts": 10, "team": 15, "strategies": 10,
    "processes": 20, "resources": 10, "procedures": 10, "call_tree": 10,
}
HEADER_DEDUCTION = {ERROR: 10, WARNING: 5, INFO: 0}
CATEGORY_NAMES = {c.value: c.label for c in Category}
BUILTIN_SCENARIO_NAMES = {code: (th, en) for code, th, en, _lt, _le in SCENARIOS}

# Every code the checker can return, with its severity: a stable list for the API and docs.
CODES = {
    "component_empty": ERROR,
    "scope_without_scenarios": ERROR,
    "scope_without_objectives": WARNING,
    "missing_required_scenario": ERROR,
    "long_crisis_not_covered": WARNING,
    "scenario_without_impact": WARNING,
    "impact_without_strategy": WARNING,
    "no_digital_strategy": INFO,
    "team_without_head": WARNING,
    "team_without_coordinator": WARNING,
    "member_without_name": ERROR,
    "member_without_alternate": WARNING,
    "member_without_contact": ERROR,
    "process_without_impact_level": WARNING,
    "process_without_mtpd": WARNING,
    "process_without_rto": ERROR,
    "rto_exceeds_mtpd": ERROR,
    "rto_unreachable": WARNING,
    "process_without_rpo": WARNING,
    "process_without_resources": WARNING,
    "process_without_steps": INFO,
    "procedures_without_first_day": WARNING,
    "step_without_owner": WARNING,
    "calltree_no_root": ERROR,
    "calltree_unreached_member": ERROR,
    "calltree_cycle": ERROR,
    "not_reviewed_12_months": WARNING,
    "not_exercised_12_months": WARNING,
}

# What each code means, in the words of the checker's own messages: for the pages that list codes
# (a campaign's findings that stop sending), never the bare code.
CODE_LABELS = {
    "component_empty": gettext_lazy("A component of the plan is empty"),
    "scope_without_scenarios": gettext_lazy("No scenario is chosen"),
    "scope_without_objectives": gettext_lazy("The plan has no objectives"),
    "missing_required_scenario": gettext_lazy("A scenario the collectors require is not covered"),
    "long_crisis_not_covered": gettext_lazy("The long-crisis scenario is not covered"),
    "scenario_without_impact": gettext_lazy("A scenario has no impact on any resource"),
    "impact_without_strategy": gettext_lazy("An affected resource category has no strategy"),
    "no_digital_strategy": gettext_lazy("No digital strategy"),
    "team_without_head": gettext_lazy("The BCP team has no head"),
    "team_without_coordinator": gettext_lazy("The BCP team has no coordinator"),
    "member_without_name": gettext_lazy("A team member has no name"),
    "member_without_alternate": gettext_lazy("A team member has no alternate"),
    "member_without_contact": gettext_lazy("A team member has no phone, e-mail or LINE ID"),
    "process_without_impact_level": gettext_lazy("A critical process has no impact level"),
    "process_without_mtpd": gettext_lazy("A critical process has no MTPD"),
    "process_without_rto": gettext_lazy("A critical process has no RTO"),
    "rto_exceeds_mtpd": gettext_lazy("An RTO is longer than the MTPD"),
    "rto_unreachable": gettext_lazy("An RTO cannot be met because of what the process depends on"),
    "process_without_rpo": gettext_lazy("A process that depends on IT has no RPO"),
    "process_without_resources": gettext_lazy("A critical process has no resources"),
    "process_without_steps": gettext_lazy("A high-impact process has no procedure step"),
    "procedures_without_first_day": gettext_lazy("No procedure step in the first day"),
    "step_without_owner": gettext_lazy("A procedure step has no owner in the team"),
    "calltree_no_root": gettext_lazy("Nobody is alerted first in the call tree"),
    "calltree_unreached_member": gettext_lazy("A team member is not reached by the call tree"),
    "calltree_cycle": gettext_lazy("The call tree goes round in a circle"),
    "not_reviewed_12_months": gettext_lazy("Not reviewed in the last 12 months"),
    "not_exercised_12_months": gettext_lazy("Not exercised in the last 12 months"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    component: str
    path: str
    message_th: str
    message_en: str
    # What the finding is about, for scoring: (list name, item id); None for the component as a whole.
    subject: tuple | None = field(default=None, compare=False)

    @property
    def anchor(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", self.path).strip("-")

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("subject")
        d["anchor"] = self.anchor
        return d


@dataclass
class CheckResult:
    findings: list[Finding]
    score: int
    component_scores: dict[str, int]

    def counts(self) -> dict[str, int]:
        out = {ERROR: 0, WARNING: 0, INFO: 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def for_component(self, component: str) -> list[Finding]:
        return [f for f in self.findings if f.component == component]

    def as_dict(self) -> dict:
        return {
            "score": self.score, "component_scores": self.component_scores, "counts": self.counts(),
            "findings": [f.as_dict() for f in self.findings],
        }


def one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class _Collector:
    def __init__(self):
        self.findings: list[Finding] = []

    def add(self, code: str, component: str, path: str, msgid: str, subject=None, **params):
        th, en = both(msgid, **params)
        self.findings.append(Finding(code, CODES[code], component, path, th, en, subject))


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _scenario_name(code: str, scope_rows: dict, names: dict) -> tuple[str, str]:
    row = scope_rows.get(code) or {}
    if row.get("name_th"):
        return row["name_th"], row.get("name_en") or row["name_th"]
    th, en = names.get(code, (code, code))
    return th, en or th


def _list(doc: dict, name: str) -> list:
    value = doc.get(name)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def check_plan(doc: dict, *, today: datetime.date, required_scenarios=(), scenario_names: dict | None = None,
               dependency_gaps: dict | None = None, exercised_on: datetime.date | None = None) -> CheckResult:
    """Findings and the completeness score (0–100) of one plan document.

    dependency_gaps: process key -> its gap from phrom.dependencies (quality.dependency_gaps_for):
    {"rto_hours", "achievable_hours", "mtpd_hours", "severe", "chain_th", "chain_en"}.
    required_scenarios: scenario codes the plan's collectors require (see quality.required_scenarios_for).
    scenario_names: code -> (Thai, English) for messages; defaults to the built-in catalogue.
    exercised_on: the day of the agency's last recorded exercise (phrom.results), beside the plan's own date.
    today: the date in Asia/Bangkok.
    """
    names = scenario_names or BUILTIN_SCENARIO_NAMES
    out = _Collector()
    scope = doc.get("scope") if isinstance(doc.get("scope"), dict) else {}
    scenarios = _list(scope, "scenarios")
    impacts, team, strategies = _list(doc, "impacts"), _list(doc, "team"), _list(doc, "strategies")
    processes, resources = _list(doc, "processes"), _list(doc, "resources")
    procedures, call_tree = _list(doc, "procedures"), _list(doc, "call_tree")
    lists = {"impacts": impacts, "team": team, "strategies": strategies, "processes": processes,
             "resources": resources, "procedures": procedures, "call_tree": call_tree}
    member_names = {m.get("key"): m.get("name") or m.get("position") or m.get("key") for m in team}
    scope_rows = {s.get("code"): s for s in scenarios}

    # --- empty components
    scope_text = any((scope.get(k) or "").strip() for k in ("objectives", "assumptions", "scope") if isinstance(scope.get(k), str))
    empty = {c for c, rows in lists.items() if not rows}
    if not scenarios and not scope_text:
        empty.add("scope")
    for c in COMPONENTS:
        if c in empty:
            out.add("component_empty", c, c, EMPTY_MESSAGES[c])

    # --- scope
    if "scope" not in empty:
        if not scenarios:
            out.add("scope_without_scenarios", "scope", "scope.scenarios",
                    gettext_noop("Choose the crisis scenarios that the plan covers."))
        if not (scope.get("objectives") or "").strip():
            out.add("scope_without_objectives", "scope", "scope.objectives",
                    gettext_noop("State the objectives of the plan."))
    covered = set(scope_rows)
    for code in required_scenarios:
        if code not in covered:
            th, en = _scenario_name(code, scope_rows, names)
            _add_bilingual(out, "missing_required_scenario", "scope", f"scope.scenarios[{code}]",
                           gettext_noop("Your collector requires every plan to cover the scenario “{name}”: add it to the "
                              "scenarios and plan for it."), th, en)
    if not scope.get("long_crisis"):
        out.add("long_crisis_not_covered", "scope", "scope.long_crisis",
                gettext_noop("Make the plan hold for a crisis that lasts longer than one month (as OPDC asks), and tick it."))

    # --- impacts and strategies
    if scenarios and impacts:
        with_rows = {r.get("scenario") for r in impacts}
        for i, s in enumerate(scenarios):
            code = s.get("code")
            if code not in with_rows:
                th, en = _scenario_name(code, scope_rows, names)
                _add_bilingual(out, "scenario_without_impact", "impacts", f"impacts[{code}]",
                               gettext_noop("Mark which resources the scenario “{name}” affects."), th, en,
                               subject=("scenarios", i))
    impacted_categories = []
    for r in impacts:
        if r.get("impacted", True) and r.get("category") not in impacted_categories:
            impacted_categories.append(r.get("category"))
    strategy_categories = {s.get("category") for s in strategies}
    if strategies or impacted_categories:
        for cat in impacted_categories:
            if cat not in strategy_categories:
                th, en = label_pair(CATEGORY_NAMES[cat]) if cat in CATEGORY_NAMES else (cat, cat)
                _add_bilingual(out, "impact_without_strategy", "strategies", f"strategies[{cat}]",
                               gettext_noop("Resources of the category “{name}” are affected but no continuity strategy covers them."),
                               th, en, subject=("categories", cat))
    if strategies and not any(s.get("digital") for s in strategies):
        out.add("no_digital_strategy", "strategies", "strategies",
                gettext_noop("None of the strategies relies on e-Service or digital technology; OPDC asks agencies to favour them."))

    # --- team
    if team:
        roles = {m.get("role") for m in team}
        if "head" not in roles:
            out.add("team_without_head", "team", "team", gettext_noop("Name the head of the BCP team."))
        if "coordinator" not in roles:
            out.add("team_without_coordinator", "team", "team", gettext_noop("Name the BCP coordinator."))
    for i, m in enumerate(team):
        name = m.get("name") or m.get("position") or m.get("key")
        if not (m.get("name") or "").strip():
            out.add("member_without_name", "team", f"team[{i}].name",
                    gettext_noop("Give the name of team member {number} ({position})."), subject=("team", i),
                    number=i + 1, position=m.get("position") or "—")
        if not m.get("alternate"):
            out.add("member_without_alternate", "team", f"team[{i}].alternate",
                    gettext_noop("Choose an alternate for {name}."), subject=("team", i), name=name)
        if not (m.get("phone") or m.get("email") or m.get("line_id")):
            out.add("member_without_contact", "team", f"team[{i}].phone",
                    gettext_noop("Give a phone number, e-mail or LINE ID for {name}."), subject=("team", i), name=name)

    # --- processes
    with_resources = {r.get("process") for r in resources}
    with_steps = {s.get("process") for s in procedures}
    for i, p in enumerate(processes):
        name = p.get("name") or p.get("key")
        subject = ("processes", i)
        mtpd, rto, rpo = p.get("mtpd_hours"), p.get("rto_hours"), p.get("rpo_hours")
        if not p.get("impact_level"):
            out.add("process_without_impact_level", "processes", f"processes[{i}].impact_level",
                    gettext_noop("Rate the impact level of “{name}”."), subject=subject, name=name)
        if mtpd is None:
            out.add("process_without_mtpd", "processes", f"processes[{i}].mtpd_hours",
                    gettext_noop("Give the maximum tolerable period of disruption of “{name}”."), subject=subject, name=name)
        if rto is None:
            out.add("process_without_rto", "processes", f"processes[{i}].rto_hours",
                    gettext_noop("Give the recovery time objective (RTO) of “{name}”."), subject=subject, name=name)
        elif mtpd is not None and _num(rto) > _num(mtpd):
            out.add("rto_exceeds_mtpd", "processes", f"processes[{i}].rto_hours",
                    gettext_noop("The RTO of “{name}” ({rto} h) is longer than its maximum tolerable period of disruption "
                       "({mtpd} h): shorten the RTO or review the MTPD."),
                    subject=subject, name=name, rto=_fmt(rto), mtpd=_fmt(mtpd))
        gap = (dependency_gaps or {}).get(p.get("key"))
        if gap is not None:
            _add_gap(out, i, name, gap)
        if p.get("depends_on_it") and rpo is None:
            out.add("process_without_rpo", "processes", f"processes[{i}].rpo_hours",
                    gettext_noop("“{name}” depends on IT and data: give its recovery point objective (RPO)."),
                    subject=subject, name=name)
        if resources and p.get("key") not in with_resources:
            out.add("process_without_resources", "resources", f"resources[{p.get('key')}]",
                    gettext_noop("List the resources that “{name}” needs to recover."), subject=("processes", i), name=name)
        if procedures and p.get("impact_level") in ("very_high", "high") and p.get("key") not in with_steps:
            out.add("process_without_steps", "procedures", f"procedures[{p.get('key')}]",
                    gettext_noop("No procedure step is linked to the critical process “{name}”."), subject=None, name=name)

    # --- procedures
    if procedures and not any(s.get("window") == "day1" for s in procedures):
        out.add("procedures_without_first_day", "procedures", "procedures",
                gettext_noop("Plan the steps of the first day of the crisis."))
    for i, s in enumerate(procedures):
        if not s.get("owner") or s.get("owner") not in member_names:
            out.add("step_without_owner", "procedures", f"procedures[{i}].owner",
                    gettext_noop("Name the team member responsible for the step “{activity}”."),
                    subject=("procedures", i), activity=_short(s.get("activity") or ""))

    # --- call tree
    if call_tree:
        _check_call_tree(out, call_tree, team, member_names)

    # --- reviews and exercises
    year_ago = one_year_before(today)
    reviewed = _date(doc.get("reviewed_on"))
    exercised = max((d for d in (_date(doc.get("exercised_on")), exercised_on) if d), default=None)
    if reviewed is None or reviewed < year_ago:
        out.add("not_reviewed_12_months", HEADER, "reviewed_on",
                gettext_noop("The plan has not been reviewed in the last 12 months: review it and record the date."))
    if exercised is None or exercised < year_ago:
        out.add("not_exercised_12_months", HEADER, "exercised_on",
                gettext_noop("The plan has not been exercised in the last 12 months: hold a drill and record the date."))

    findings = sorted(out.findings, key=lambda f: (SEVERITY_ORDER[f.severity], _component_order(f.component)))
    score, component_scores = _score(findings, lists, scenarios, impacted_categories, empty)
    return CheckResult(findings, score, component_scores)


def _add_gap(out: _Collector, i: int, name: str, gap: dict):
    msgid = (gettext_noop("The RTO of “{name}” ({rto} h) cannot be met: it depends on {chain}, so it can be back in "
                          "{hours} h at the soonest, beyond its MTPD ({mtpd} h).") if gap["severe"] else
             gettext_noop("The RTO of “{name}” ({rto} h) cannot be met: it depends on {chain}, so it can be back in "
                          "{hours} h at the soonest."))
    params = {"name": name, "rto": _fmt(gap["rto_hours"]), "hours": _fmt(gap["achievable_hours"]),
              "mtpd": _fmt(gap.get("mtpd_hours"))}
    th, _ = both(msgid, chain=gap["chain_th"], **params)
    _, en = both(msgid, chain=gap["chain_en"], **params)
    out.findings.append(Finding("rto_unreachable", CODES["rto_unreachable"], "processes", f"processes[{i}].rto_hours",
                                th, en, ("processes", i)))


def _check_call_tree(out: _Collector, links: list, team: list, member_names: dict):
    tree = CallTree(team, links)
    if not tree.has_roots():
        out.add("calltree_no_root", "call_tree", "call_tree",
                gettext_noop("Nobody starts the call tree: choose who is alerted first (a person without a caller)."))
    reached = tree.reached()
    for i, m in enumerate(team):
        if m.get("key") not in reached:
            out.add("calltree_unreached_member", "call_tree", f"call_tree[{m.get('key')}]",
                    gettext_noop("{name} is not reached by the call tree: choose who alerts them."),
                    subject=("team", i), name=m.get("name") or m.get("position") or m.get("key"))
    for cycle in tree.cycles():
        names = " → ".join(str(member_names.get(k, k)) for k in [*cycle[:6], cycle[0]])
        first = tree.link_index.get((cycle[0], cycle[1 % len(cycle)]), 0)
        out.add("calltree_cycle", "call_tree", f"call_tree[{first}].caller",
                gettext_noop("The call tree goes round in a circle ({names}): each person should be alerted from above."),
                names=names)


def _score(findings, lists, scenarios, impacted_categories, empty) -> tuple[int, dict]:
    denominators = {
        "scenarios": len(scenarios), "categories": len(impacted_categories), "team": len(lists["team"]),
        "processes": len(lists["processes"]), "procedures": len(lists["procedures"]),
    }
    worst: dict[tuple, float] = {}
    whole: dict[str, float] = defaultdict(float)
    header = 0.0
    for f in findings:
        if f.component == HEADER:
            header += HEADER_DEDUCTION[f.severity]
        elif f.code == "component_empty":
            continue
        elif f.subject is None:
            whole[f.component] += 0.3 * SEVERITY_WEIGHT[f.severity]
        else:
            key = (f.component, f.subject[0], f.subject[1])
            worst[key] = max(worst.get(key, 0.0), SEVERITY_WEIGHT[f.severity])
    per_list: dict[tuple, float] = defaultdict(float)
    for (component, list_name, _item), weight in worst.items():
        per_list[(component, list_name)] += weight
    component_scores = {}
    total = 0.0
    for c in COMPONENTS:
        if c in empty:
            component_scores[c] = 0
            continue
        penalty = whole[c] + sum(w / max(1, denominators[ln]) for (comp, ln), w in per_list.items() if comp == c)
        quality = max(0.0, 1.0 - min(1.0, penalty))
        component_scores[c] = round(100 * quality)
        total += WEIGHTS[c] * quality
    return max(0, min(100, round(total - header))), component_scores


def _component_order(component: str) -> int:
    return -1 if component == HEADER else COMPONENTS.index(component)


def _add_bilingual(out: _Collector, code, component, path, msgid, name_th, name_en, subject=None):
    th, _ = both(msgid, name=name_th)
    _, en = both(msgid, name=name_en)
    out.findings.append(Finding(code, CODES[code], component, path, th, en, subject))


def _num(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _fmt(value) -> str:
    number = _num(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


EMPTY_MESSAGES = {
    "scope": gettext_noop("Write the objectives, assumptions and scope of the plan and choose the scenarios it covers."),
    "impacts": gettext_noop("Mark which resources each scenario affects (the scenario × resource table)."),
    "team": gettext_noop("List the BCP team: head, coordinator and teams, each person with contacts and an alternate."),
    "strategies": gettext_noop("Write the continuity strategies for each affected resource category."),
    "processes": gettext_noop("List the critical processes and services with their impact level, MTPD, RTO and RPO."),
    "resources": gettext_noop("List the resources each critical process needs, by period."),
    "procedures": gettext_noop("Write the steps to take in the first day, days 1–7, days 7–30 and beyond."),
    "call_tree": gettext_noop("Build the call tree: who alerts whom, in which order and by which channel."),
}
