"""The checker applied to stored plans: the collectors' rules of an organisation, names from the catalogue."""

from __future__ import annotations

import datetime

from django.db.models import Q

from phrom.orgs.models import Organisation, RouteEntry, RouteRule

from .checker import CheckResult, check_plan
from .content import bangkok_today, document_at, export_document
from .models import Plan, RequiredScenario, Scenario


def required_scenarios_for(org: Organisation) -> list[str]:
    """Scenario codes required of this organisation's plan by the collectors on its route (and itself)."""
    collector_ids = set(
        RouteEntry.objects.filter(organisation=org, role=RouteRule.Role.COLLECT).values_list("target_id", flat=True)
    )
    collector_ids.add(org.pk)
    flags = set(
        Organisation.objects.filter(pk__in=collector_ids).exclude(collector="").values_list("collector", flat=True)
    )
    rules = RequiredScenario.objects.filter(Q(collector_id__in=collector_ids) | Q(collector_flag__in=flags))
    return sorted(set(rules.values_list("scenario__code", flat=True)))


def scenario_names() -> dict[str, tuple[str, str]]:
    return {code: (th, en) for code, th, en in Scenario.objects.values_list("code", "name_th", "name_en")}


def check_stored_plan(plan: Plan, *, version: int | None = None, today: datetime.date | None = None,
                      document: dict | None = None) -> CheckResult:
    """Findings and score of a plan now, or as it was at `version`."""
    if document is None:
        document = export_document(plan) if version is None else document_at(plan, version)
    return check_plan(
        document, today=today or bangkok_today(), required_scenarios=required_scenarios_for(plan.organisation),
        scenario_names=scenario_names(),
    )
