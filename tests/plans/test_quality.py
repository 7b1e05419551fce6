"""Collectors' rules: the scenarios required of a plan follow from its route."""

import datetime

from phrom.campaigns.targets import collectors_on_route
from phrom.plans.checker import CODES, ERROR, INFO, WARNING
from phrom.plans.models import RequiredScenario, Scenario
from phrom.plans.quality import check_stored_plan, must_fix_counts, required_scenarios_for
from phrom.plans.services import create_plan
from tests.helpers.people import member
from tests.helpers.plans import FULL


def test_bma_units_must_cover_cyber_threats(structure):
    # Shipped rule (data migration): the BMA collector requires the cyber-threat scenario.
    assert required_scenarios_for(structure.bma_district) == ["cyber"]
    assert required_scenarios_for(structure.bma_disaster) == ["cyber"]
    assert required_scenarios_for(structure.rayong_unit) == []


def test_a_collector_organisation_can_require_scenarios(structure):
    RequiredScenario.objects.create(collector=structure.rayong_office, scenario=Scenario.objects.get(code="flood"))
    assert required_scenarios_for(structure.rayong_unit) == ["flood"]
    assert required_scenarios_for(structure.hospital) == ["flood"]  # hospital → unit → province office
    assert required_scenarios_for(structure.municipality) == []
    assert required_scenarios_for(structure.rayong_office) == ["flood"]  # the collector's own plan too


def test_the_route_read_already_gives_the_same_scenarios(structure):
    RequiredScenario.objects.create(collector=structure.rayong_office, scenario=Scenario.objects.get(code="flood"))
    for org in (structure.rayong_unit, structure.hospital, structure.municipality, structure.rayong_office,
                structure.bma_district, structure.bma_disaster):
        assert required_scenarios_for(org, collectors_on_route(org)) == required_scenarios_for(org)


def test_stored_plan_check_applies_the_route_rules(structure):
    user = member(structure.bma_district)
    doc = {**FULL, "scope": {**FULL["scope"], "scenarios": FULL["scope"]["scenarios"][:2]}}
    doc["impacts"] = [r for r in doc["impacts"] if r["scenario"] in ("epidemic", "flood")]
    plan = create_plan(structure.bma_district, user=user, template=doc, fiscal_year=2569)
    codes = {f.code for f in check_stored_plan(plan, today=datetime.date(2026, 3, 1)).findings}
    assert "missing_required_scenario" in codes


def test_the_catalogue_is_loaded(db):
    codes = set(Scenario.objects.values_list("code", flat=True))
    assert {"epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber",
            "drought", "storm", "chemical", "building_collapse"} <= codes
    epidemic = Scenario.objects.get(code="epidemic")
    assert epidemic.lead_office_th == "สำนักอนามัย" and epidemic.is_builtin


def test_the_must_fix_count_is_the_checkers_count_of_errors(structure):
    """The home page's to-do list counts the errors from the document and the required scenarios only."""
    user = member(structure.bma_district)
    doc = {**FULL, "scope": {**FULL["scope"], "scenarios": FULL["scope"]["scenarios"][:2]}}
    doc["impacts"] = [r for r in doc["impacts"] if r["scenario"] in ("epidemic", "flood")]
    doc["processes"] = [dict(p, rto_hours=p["mtpd_hours"] * 2) if p.get("mtpd_hours") else p for p in doc["processes"]]
    plan = create_plan(structure.bma_district, user=user, template=doc, fiscal_year=2569)
    full = check_stored_plan(plan).counts()[ERROR]
    assert full >= 2 and must_fix_counts([plan]) == {plan.pk: full}
    # What it leaves out (today's date, exercises recorded, dependency gaps) only ever gives warnings.
    assert {CODES[c] for c in ("rto_unreachable", "not_reviewed_12_months", "not_exercised_12_months")} <= {WARNING, INFO}
