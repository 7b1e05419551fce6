"""export_plans: the exchange file, its permission rules, and the exact round trip."""

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phrom.exchange.export import can_export, export_plans
from phrom.exchange.importer import import_plans
from phrom.exchange.schema import schema_errors
from phrom.plans.content import apply_component
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import create_plan
from tests.factories import OrganisationFactory
from tests.helpers.people import member
from tests.helpers.plans import documents


def set_plan(plan, **fields):
    Plan.objects.filter(pk=plan.pk).update(**fields)
    plan.refresh_from_db()


def test_the_export_is_valid_against_the_schema(plan, coordinator):
    data = export_plans([plan], user=coordinator)
    assert schema_errors(data) == []
    item = data["plans"][0]
    assert item["organisation"] == "PU21-HEALTH" and item["fiscal_year"] == 2569
    assert item["state"] == "draft" and item["version"] == 1
    assert item["submitted_on"] is None and item["accepted_on"] is None
    assert "format" not in item and item["processes"][0]["key"] == "p1"


def test_export_of_an_earlier_version(plan, coordinator):
    header = {"title": "ชื่อใหม่", "classification": "normal", "reviewed_on": None, "exercised_on": None}
    apply_component(plan, "header", header, user=coordinator, expected_revision=1)
    now = export_plans([plan], user=coordinator)["plans"][0]
    then = export_plans([plan], user=coordinator, version=1)["plans"][0]
    assert now["title"] == "ชื่อใหม่" and now["version"] == 2
    assert then["title"] != "ชื่อใหม่" and then["version"] == 1


@pytest.mark.parametrize("who,status,sensitive,allowed", [
    ("coordinator", "draft", False, True),
    ("coordinator", "draft", True, True),
    ("viewer", "submitted", True, True),
    ("collector", "draft", False, False),
    ("collector", "submitted", False, False),  # outside the agency, plans are read as sent (campaigns)
    ("collector", "submitted", True, False),
    ("opdc", "accepted", False, False),
    ("opdc", "accepted", True, False),
    ("stranger", "accepted", False, False),
    ("command line", "accepted", False, True),
    ("command line", "draft", True, False),
])
def test_who_may_export(plan, structure, opdc_user, province_user, municipality_user, coordinator,
                        who, status, sensitive, allowed):
    set_plan(plan, status=status, classification="sensitive" if sensitive else "normal")
    user = {
        "coordinator": coordinator, "viewer": member(structure.rayong_unit, "viewer"), "collector": province_user,
        "opdc": opdc_user, "stranger": municipality_user, "command line": None,
    }[who]
    assert can_export(user, plan) is allowed
    if allowed:
        assert export_plans([plan], user=user)["plans"][0]["title"] == plan.title
    else:
        with pytest.raises(PermissionDenied):
            export_plans([plan], user=user)


def test_an_outside_reader_cannot_export_the_live_plan(plan, province_user, coordinator):
    set_plan(plan, status="submitted")
    export_plans([plan], user=coordinator)
    with pytest.raises(PermissionDenied):
        export_plans([plan], user=province_user)
    assert not PlanAudit.objects.filter(plan=plan, action="read").exists()


def test_one_forbidden_plan_refuses_the_whole_export(plan, structure, province_user):
    set_plan(plan, status="submitted")
    other = create_plan(structure.hospital, user=None, fiscal_year=2569, classification="sensitive")
    set_plan(other, status="submitted")
    with pytest.raises(PermissionDenied):
        export_plans([plan, other], user=province_user)


# ---------------------------------------------------------------- property: export → import → export


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents(), state=st.sampled_from(["draft", "submitted", "returned", "accepted"]),
       version=st.integers(1, 40), year=st.integers(2560, 2575))
def test_round_trip_is_exact(db, doc, state, version, year):
    source = OrganisationFactory()
    agent = member(source)
    item = {"organisation": source.code, "fiscal_year": year, "state": state, "version": version,
            **{k: v for k, v in doc.items() if k != "format"}}
    assert import_plans(item, user=None).ok  # a state other than draft: an operator's import
    first = export_plans(Plan.objects.filter(organisation=source), user=agent)
    fresh = OrganisationFactory()
    moved = first["plans"][0] | {"organisation": fresh.code}
    report = import_plans({**first, "plans": [moved]}, user=None)
    assert report.ok, report.errors
    second = export_plans(Plan.objects.filter(organisation=fresh), user=member(fresh))
    assert second["plans"][0] == moved | {"organisation_name": fresh.name_th}
    assert first["plans"][0] | {"organisation": "", "organisation_name": ""} == item | {
        "organisation": "", "organisation_name": "", "submitted_on": None, "accepted_on": None}
