"""The checker applied to stored plans: the collectors' rules of an organisation, names from the catalogue."""

from __future__ import annotations

import datetime

from django.db.models import Max, Q
from django.utils import translation

from phrom.orgs.models import Organisation, RouteEntry, RouteRule

from .checker import ERROR, CheckResult, check_plan, one_year_before
from .content import bangkok_today, document_at, documents_at, export_document
from .formatting import dependency_chain_text
from .models import Plan, RequiredScenario, Scenario


def required_scenario_rules(org: Organisation, route: list[Organisation] | None = None) -> Q:
    """The RequiredScenario rows that apply to this organisation's plan: those of the collectors on its
    route (by organisation or by collector flag) and its own. `route`: its collectors (the campaigns'
    collectors_on_route), if the caller has read them; otherwise they are subqueries here."""
    if route is None:
        entries = RouteEntry.objects.filter(organisation=org, role=RouteRule.Role.COLLECT)
        rules = (Q(collector_id=org.pk) | Q(collector_id__in=entries.values("target_id"))
                 | Q(collector_flag__in=entries.exclude(target__collector="").values("target__collector")))
    else:
        rules = Q(collector_id__in=[org.pk, *(c.pk for c in route)])
        flags = sorted({c.collector for c in route if c.collector})
        if flags:
            rules |= Q(collector_flag__in=flags)
    if org.collector:
        rules |= Q(collector_flag=org.collector)
    return rules


def required_scenarios_for(org: Organisation, route: list[Organisation] | None = None) -> list[str]:
    """Scenario codes required of this organisation's plan by the collectors on its route (and itself)."""
    return sorted(set(RequiredScenario.objects.filter(required_scenario_rules(org, route))
                      .values_list("scenario__code", flat=True)))


def scenario_names(catalogue=None) -> dict[str, tuple[str, str]]:
    """code -> (Thai, English) name of the catalogue's scenarios (of the Scenario rows given, if read already)."""
    if catalogue is not None:
        return {s.code: (s.name_th, s.name_en) for s in catalogue}
    return {code: (th, en) for code, th, en in Scenario.objects.values_list("code", "name_th", "name_en")}


def check_stored_plan(plan: Plan, *, version: int | None = None, today: datetime.date | None = None,
                      document: dict | None = None, names: dict | None = None) -> CheckResult:
    """Findings and score of a plan now, or as it was at `version` (names: scenario_names(), if read already)."""
    if document is None:
        document = export_document(plan) if version is None else document_at(plan, version)
    today = today or bangkok_today()
    return check_plan(
        document, today=today, required_scenarios=required_scenarios_for(plan.organisation),
        scenario_names=scenario_names() if names is None else names,
        dependency_gaps=dependency_gaps_for(plan, document.get("processes") or []),
        exercised_on=last_exercised(plan, document, today),
    )


def must_fix_counts(plans: list[Plan]) -> dict[int, int]:
    """plan id -> how many must-fix findings (severity error) the checker finds in the plan now.

    Reads only what those findings depend on: the documents at the plans' revisions (two queries for all
    of them) and the scenarios each plan's collectors require. Today's date, the exercises recorded and
    the dependency gaps only ever give warnings (tests/plans/test_quality.py holds that), so the to-do
    list need not read them (organisation selected with the plans)."""
    documents = documents_at({p.pk: p.revision for p in plans})
    today = bangkok_today()
    return {p.pk: check_plan(documents[p.pk], today=today,
                             required_scenarios=required_scenarios_for(p.organisation)).counts()[ERROR]
            for p in plans}


def last_exercised(plan: Plan, document: dict, today: datetime.date) -> datetime.date | None:
    """The day of the agency's last exercise recorded in Phrom (phrom.results), which the plan need not repeat:
    the checker's `exercised_on`. Not read when the plan's own date already falls in the last 12 months."""
    try:
        own = datetime.date.fromisoformat(str(document.get("exercised_on") or ""))
    except ValueError:
        own = None
    if own and own >= one_year_before(today):
        return None
    from phrom.results.models import Result  # results read plans: imported when used

    return Result.objects.filter(organisation_id=plan.organisation_id, kind=Result.Kind.EXERCISE).aggregate(
        day=Max("occurred_on"))["day"]


def dependency_gaps_for(plan: Plan, processes: list) -> dict:
    """process key -> its recovery gap (phrom.dependencies), with the chain in Thai and English, for the checker."""
    if not any(p.get("dependencies") for p in processes):
        return {}
    from phrom.dependencies.analysis import gaps, plan_results  # the analysis reads plans: imported when used

    graph, results, _cycles = plan_results(plan, processes)
    out = {}
    for gap in gaps(graph, results, [(plan.organisation.code, p["key"]) for p in processes]):
        with translation.override("th"):
            chain_th = dependency_chain_text(gap.chain)
        with translation.override("en"):
            chain_en = dependency_chain_text(gap.chain)
        out[gap.process] = {"rto_hours": gap.rto_hours, "mtpd_hours": gap.mtpd_hours,
                            "achievable_hours": gap.achievable_hours, "severe": gap.severe,
                            "chain_th": chain_th, "chain_en": chain_en}
    return out
