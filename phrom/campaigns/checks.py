"""Is a plan version ready to be sent to a campaign? The quality checker, with the campaign's rules."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Q

from phrom.orgs.models import Organisation
from phrom.plans.checker import BUILTIN_SCENARIO_NAMES, ERROR, CheckResult, Finding, check_plan
from phrom.plans.content import bangkok_today, document_at
from phrom.plans.models import Plan, RequiredScenario, Scenario
from phrom.plans.quality import (
    dependency_gaps_for,
    last_exercised,
    required_scenario_rules,
    required_scenarios_for,
    scenario_names,
)

from .models import Campaign


@dataclass
class Readiness:
    result: CheckResult
    blocking: list[Finding] = field(default_factory=list)
    attachment_missing: bool = False

    @property
    def ok(self) -> bool:
        return not self.blocking and not self.attachment_missing

    @property
    def not_blocking(self) -> list[Finding]:
        """Must-fix findings (as the plan pages call them) that this campaign does not wait for: the
        campaign page names them too, so that it never says "nothing to fix" where the plan says otherwise."""
        return [f for f in self.result.findings if f.severity == ERROR and f not in self.blocking]


def required_scenarios(campaign: Campaign, plan: Plan, route: list[Organisation] | None = None) -> list[str]:
    """The campaign's scenarios and those the collectors on the plan's route require anyway (`route`: the
    plan's agency's collectors_on_route, if read already). One query for both unless the campaign's are known."""
    if "scenario_codes" in campaign.__dict__ or "required_scenarios" in getattr(campaign, "_prefetched_objects_cache", {}):
        return sorted(set(campaign.scenario_codes) | set(required_scenarios_for(plan.organisation, route)))
    asked = Campaign.required_scenarios.through.objects.filter(campaign_id=campaign.pk).values("scenario_id")
    required = RequiredScenario.objects.filter(required_scenario_rules(plan.organisation, route)).values("scenario_id")
    return sorted(set(Scenario.objects.filter(Q(pk__in=asked) | Q(pk__in=required)).values_list("code", flat=True)))


class _CatalogueNames(Mapping):
    """The catalogue's scenario names (quality.scenario_names), read only when a message names a scenario
    that the plan does not name itself: most checks name none, and the query is saved."""

    def __init__(self):
        self._names: dict | None = None

    def _read(self) -> dict:
        if self._names is None:
            self._names = scenario_names() or BUILTIN_SCENARIO_NAMES  # as check_plan does with an empty one
        return self._names

    def __getitem__(self, code):
        return self._read()[code]

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())

    def __bool__(self):  # the checker falls back to its built-in names on an empty mapping
        return True


def check_version(campaign: Campaign, plan: Plan, version: int, *, today: datetime.date | None = None,
                  document: dict | None = None, route: list[Organisation] | None = None) -> Readiness:
    """The checker's findings on the plan as it was at `version` (`document`, if the caller read it; `route`,
    the collectors on its agency's route, likewise), and those of them that block sending."""
    if document is None:
        document = document_at(plan, version)
    today = today or bangkok_today()
    result = check_plan(
        document, today=today,
        required_scenarios=required_scenarios(campaign, plan, route), scenario_names=_CatalogueNames(),
        dependency_gaps=dependency_gaps_for(plan, document.get("processes") or []),
        # As the plan page checks it: an exercise recorded in Phrom counts, so a campaign that blocks on
        # "not exercised in 12 months" does not refuse what the plan page shows as done.
        exercised_on=last_exercised(plan, document, today),
    )
    blocking_codes = set(campaign.blocking_codes or ())
    return Readiness(
        result=result,
        blocking=[f for f in result.findings if f.code in blocking_codes],
        attachment_missing=campaign.attachment_required and not plan.attachment,
    )
