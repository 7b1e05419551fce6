"""The gap list through the command and the API: in the viewer's scope, sensitive plans never in it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from phrom.plans.content import apply_component, component_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.dependencies import civil_registration, on_civil, with_dependencies
from tests.helpers.people import member
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps_world(structure, people):
    """DOPA's civil registration (24 h) sent; the provincial health office (4 h on it) and the Chonburi
    provincial office (4 h on it, covered 2 h) sent too."""
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    civil_registration(structure, people, campaign=campaign)
    for org, dep in ((structure.rayong_unit, on_civil()), (structure.chonburi_office, on_civil(covered=2))):
        processes = with_dependencies(dep)
        processes[0]["name"] = f"{processes[0]['name']} ({org.name_th})"
        send(campaign, org, people, make_plan(org, people.coordinator(org), processes=processes))
    return structure


def _command(*args) -> list:
    out = StringIO()
    call_command("rto_gaps", "--json", "--fiscal-year", "2570", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_command_lists_every_gap_with_its_chain(gaps_world):
    items = _command()
    assert [(i["organisation"], i["process"], i["rto_hours"], i["achievable_hours"], i["severe"]) for i in items] == [
        ("PU21-HEALTH", "p1", 4, 24, False), ("PO20", "p1", 4, 22, False)]
    assert set(items[0]) >= {"organisation", "process", "rto_hours", "mtpd_hours", "achievable_hours", "severe", "chain"}
    assert items[0]["chain"][0]["organisation"] == "DOPA" and items[0]["chain"][0]["process"] == "civil"


def test_the_command_filters_by_province_and_organisation(gaps_world):
    assert [i["organisation"] for i in _command("--province", "20")] == ["PO20"]
    assert [i["organisation"] for i in _command("--organisation", "PU21-HEALTH")] == ["PU21-HEALTH"]
    assert _command("--fiscal-year", "2569") == []


def _api(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    return client.get("/api/v1/rto-gaps/", {"fiscal_year": 2570, **params})


def test_opdc_sees_every_gap_and_a_provincial_office_its_route(gaps_world, people):
    everything = _api(people.opdc_coordinator)
    assert everything.status_code == 200
    assert {g["organisation"] for g in everything.json()} == {"PU21-HEALTH", "PO20"}
    rayong = _api(people.coordinator(gaps_world.rayong_office)).json()
    assert {g["organisation"] for g in rayong} == {"PU21-HEALTH"}
    assert {g["organisation"] for g in _api(people.opdc_coordinator, dependency="electricity").json()} == set()
    assert {g["organisation"] for g in _api(people.opdc_coordinator, ministry="MOPH").json()} == set()


def test_an_agency_without_a_route_under_it_may_not_list_gaps(gaps_world):
    assert _api(member(gaps_world.municipality)).status_code == 403
    assert APIClient().get("/api/v1/rto-gaps/").status_code in (401, 403)


def test_a_plan_marked_sensitive_leaves_the_list_and_its_name_never_shows(gaps_world, people):
    unit = gaps_world.rayong_unit
    plan = unit.plans.get()
    header = component_document(plan, "header")
    apply_component(plan, "header", {**header, "classification": "sensitive"}, user=people.coordinator(unit),
                    expected_revision=plan.component_revision("header"))
    answer = _api(people.opdc_coordinator)
    assert [g["organisation"] for g in answer.json()] == ["PO20"]
    assert unit.name_th not in answer.content.decode()
    assert [i["organisation"] for i in _command()] == ["PO20"]


def test_the_api_is_documented(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/rto-gaps/" in schema["paths"]


def test_a_fiscal_year_that_is_not_a_year_is_refused_in_thai(gaps_world, people):
    answer = _api(people.opdc_coordinator, fiscal_year="ปีนี้")
    assert answer.status_code == 400
    # Checked against the OpenAPI document (an integer) before the view reads it.
    assert answer.json()["error"]["fields"]["fiscal_year"] == ["ต้องเป็นจำนวนเต็ม"]
