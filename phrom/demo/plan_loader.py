"""Writing the demo plans: every plan table in bulk, in one transaction, through the plans' bulk writer.

For each selected organisation this generates a plan (phrom.demo.plans), passes it through the
backend's `clean_document` (a demo plan is a valid plan or the command fails) and hands it to
phrom.plans.content.NewPlans, which writes what creating the plan and saving its whole document
would leave behind: the Plan row at revision 1, the component tables, one PlanVersion per component
(so version history, `document_at` and the checker read demo plans like any other) and the audit
trail (created, then each component saved).

An organisation that already has a plan for the fiscal year is left alone, so a second run writes
nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from phrom.core.planner import refresh_planner_statistics
from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.dependencies.counts import refresh as refresh_gap_counts
from phrom.dependencies.demo import add_demo_dependencies, mark_services_sent
from phrom.orgs.models import Organisation, RouteEntry, RouteRule
from phrom.plans.content import NewPlan, NewPlans, bangkok_today, catalogue_codes, clean_document
from phrom.plans.models import Plan, RequiredScenario
from phrom.plans.services import starter_templates

from .builder import OrgSpec
from .plans import make_plan, select, template_for

# Plans generated, cleaned and written per round: bounds the memory of a load.
CHUNK = 250


@dataclass
class PlanLoadResult:
    fiscal_year: int
    selected: int = 0
    created: int = 0
    existing: int = 0
    tiers: Counter = field(default_factory=Counter)
    sensitive: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created)


def required_scenarios(org_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """For each organisation, the scenarios its collectors require (phrom.plans.quality, in bulk)."""
    rules = list(RequiredScenario.objects.values_list("collector_id", "collector_flag", "scenario__code"))
    if not rules:
        return {}
    flags = dict(Organisation.objects.exclude(collector="").values_list("pk", "collector"))
    collectors: dict[int, set] = {i: {i} for i in org_ids}
    # Every collect entry (two or three per organisation) in one read: cheaper than a long IN list.
    for org_id, target_id in RouteEntry.objects.filter(role=RouteRule.Role.COLLECT).values_list(
        "organisation_id", "target_id"
    ):
        if org_id in collectors:
            collectors[org_id].add(target_id)
    out = {}
    for org_id, ids in collectors.items():
        org_flags = {flags[i] for i in ids if i in flags}
        codes = sorted({code for cid, flag, code in rules if cid in ids or (flag and flag in org_flags)})
        if codes:
            out[org_id] = tuple(codes)
    return out


def load_plans(specs: list[OrgSpec], *, today: datetime.date | None = None) -> PlanLoadResult:
    """Give the selected demo organisations their plan for the current fiscal year, if they have none."""
    today = today or bangkok_today()
    fiscal_year = fiscal_year_of(today)
    result = PlanLoadResult(fiscal_year=fiscal_year)
    chosen = select(specs)
    result.selected = len(chosen)
    org_ids = dict(Organisation.objects.filter(code__in=[s.code for s in chosen]).values_list("code", "pk"))
    having = set(
        Plan.objects.filter(fiscal_year=fiscal_year, organisation_id__in=org_ids.values())
        .values_list("organisation_id", flat=True)
    )
    todo = [s for s in chosen if s.code in org_ids and org_ids[s.code] not in having]
    result.existing = len(chosen) - len(todo)
    if not todo:
        return result
    templates = {t.code: t for t in starter_templates()}
    required = required_scenarios([org_ids[s.code] for s in todo])
    catalogue = catalogue_codes()
    with transaction.atomic():
        writer = NewPlans()
        for start in range(0, len(todo), CHUNK):
            for spec in todo[start:start + CHUNK]:
                org_id = org_ids[spec.code]
                plan = make_plan(spec, template_for(spec, templates), today=today, required=required.get(org_id, ()))
                add_demo_dependencies(spec, plan)
                cleaned = clean_document(plan.document, catalogue=catalogue, today=today)
                writer.add(NewPlan(org_id, fiscal_year, cleaned,
                                   detail={"template": plan.template, "demo": True, "demo_tier": plan.tier}))
                result.tiers[plan.tier] += 1
                result.sensitive += plan.sensitive
                result.created += 1
            writer.flush()
        # Tables that grew from nothing to a million rows, read again at once below, by the demo and its tests.
        refresh_planner_statistics(*writer.tables)
        mark_services_sent(fiscal_year)
        refresh_gap_counts(fiscal_year)  # the dashboards' gap figures, at once (the worker recounts after sendings)
    return result
