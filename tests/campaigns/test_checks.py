"""A campaign's check of a plan version: the scenarios it requires (the campaign's own and those of the
collectors on the plan's route, read in one query: the agency page passes the route it has read), and the
same findings as the plan page's check."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phrom.campaigns.checks import check_version, required_scenarios
from phrom.campaigns.models import Campaign
from phrom.campaigns.targets import collectors_on_route
from phrom.plans.models import RequiredScenario, Scenario
from phrom.results import services as results
from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("with_route", [False, True])
def test_the_campaign_s_scenarios_and_the_route_s_in_one_query(structure, national_campaign, unit_plan, with_route):
    RequiredScenario.objects.create(collector=structure.rayong_office, scenario=Scenario.objects.get(code="flood"))
    route = collectors_on_route(structure.rayong_unit) if with_route else None
    campaign = Campaign.objects.get(pk=national_campaign.pk)  # as a page reads it: its scenarios not read yet
    with CaptureQueriesContext(connection) as queries:
        assert required_scenarios(campaign, unit_plan, route) == ["epidemic", "flood"]
    assert len(queries) == 1
    assert campaign.scenario_codes == ["epidemic"]  # known now: asked again, only the route's are read
    assert required_scenarios(campaign, unit_plan, route) == ["epidemic", "flood"]


def test_a_bma_plan_in_a_campaign_asking_for_nothing(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.bma_district, people.coordinator(structure.bma_district))
    for route in (None, collectors_on_route(structure.bma_district)):
        assert required_scenarios(Campaign.objects.get(pk=campaign.pk), plan, route) == ["cyber"]


def test_an_exercise_recorded_in_phrom_counts_for_a_campaign_that_blocks_on_it(structure, people, unit_plan):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, blocking_codes=["not_exercised_12_months"])

    def blocking():
        return [f.code for f in check_version(campaign, unit_plan, unit_plan.revision).blocking]

    assert blocking() == ["not_exercised_12_months"]
    results.record_exercise(people.rayong_unit_coordinator, organiser=structure.rayong_unit,
                            participants=[structure.rayong_unit], kind="call_tree", title="ทดสอบผังการติดต่อ",
                            held_on=timezone.localdate(), hazard=Scenario.objects.get(code="flood"))
    assert blocking() == []
