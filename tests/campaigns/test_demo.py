"""`phrom demo_campaigns` over a small structure: campaigns opened, plans sent, reviewed, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from phrom.campaigns.demo import load_demo_campaigns
from phrom.campaigns.models import Campaign, Stage, Submission
from phrom.core.thaidates import fiscal_year
from phrom.plans.content import bangkok_today
from tests.helpers.plans import document, make_plan

pytestmark = pytest.mark.django_db


def test_without_the_national_structure_nothing_happens(db):
    out = StringIO()
    call_command("demo_campaigns", stdout=out)
    assert "phrom demo" in out.getvalue() and not Campaign.objects.exists()


def test_demo_campaigns(structure, people):
    year = fiscal_year(bangkok_today())
    s = structure
    for org in (s.moi, s.dopa, s.moph, s.dms, s.rayong_office, s.municipality, s.chonburi_office):
        make_plan(org, people.coordinator(org), fiscal_year=year)
    make_plan(s.rayong_unit, people.rayong_unit_coordinator, fiscal_year=year, classification="sensitive")
    make_plan(s.opdc, people.opdc_coordinator, fiscal_year=year)  # OPDC collects, it does not send to itself
    # Like the demo's BMA district: a plan without cyber threats, which the BMA disaster office requires.
    no_cyber = document()
    no_cyber["scope"]["scenarios"] = [x for x in no_cyber["scope"]["scenarios"] if x["code"] != "cyber"]
    no_cyber["impacts"] = [x for x in no_cyber["impacts"] if x["scenario"] != "cyber"]
    make_plan(s.bma_district, people.bma_district_coordinator, fiscal_year=year, scope=no_cyber["scope"],
              impacts=no_cyber["impacts"])

    result = load_demo_campaigns()
    national, bma = result.campaigns
    assert national.collector == s.opdc and bma.collector == s.bma_disaster
    assert [sc.code for sc in national.required_scenarios.all()] == ["epidemic"]
    assert national.deadline.month == 6 and bma.deadline.month == 4
    # MOI, DOPA, MOPH, DMS and Rayong's provincial office sent; the unit declared its sensitive plan;
    # the BMA district's plan lacks cyber threats: blocked. Chonburi's office and the town are neither
    # in the central batch nor in Rayong: they did not send.
    assert (result.sent, result.declared, result.blocked) == (5, 1, 1)
    assert Submission.objects.get(organisation=s.rayong_unit).state == "declared"
    assert not Submission.objects.filter(organisation__in=[s.chonburi_office, s.bma_district]).exists()
    assert result.returned >= 1 and result.accepted >= 1
    assert Stage.objects.filter(collector=s.opdc).count() == 6  # 5 plans and the declaration
    # A second run leaves everything as it is.
    again = load_demo_campaigns()
    assert again.skipped and Submission.objects.count() == 6 and Campaign.objects.count() == 2
