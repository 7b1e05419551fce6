"""GET /api/v1/plans/{id}/export/ and POST /api/v1/plans/import/."""

import json

import pytest
from rest_framework.test import APIClient

from phrom.plans.models import Plan
from tests.helpers.people import member
from tests.helpers.plans import exchange_plan


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def set_plan(plan, **fields):
    Plan.objects.filter(pk=plan.pk).update(**fields)


def test_export_of_one_plan(plan, coordinator):
    response = client_for(coordinator).get(f"/api/v1/plans/{plan.pk}/export/")
    assert response.status_code == 200
    data = response.json()
    assert data["format"] == "phrom-plan-exchange/1" and data["plans"][0]["title"] == plan.title
    assert client_for(coordinator).get(f"/api/v1/plans/{plan.pk}/export/?version=1").status_code == 200
    assert client_for(coordinator).get(f"/api/v1/plans/{plan.pk}/export/?version=9").status_code == 404


@pytest.mark.parametrize("who,status,sensitive,code", [
    ("collector", "draft", False, 403),
    ("collector", "submitted", False, 403),  # outside the agency, plans are read as sent (campaigns)
    ("collector", "submitted", True, 403),
    ("opdc", "accepted", True, 403),
    ("stranger", "accepted", False, 403),
    ("member", "draft", True, 200),
])
def test_export_follows_the_reading_rules(plan, structure, opdc_user, province_user, municipality_user, who, status,
                                         sensitive, code):
    set_plan(plan, status=status, classification="sensitive" if sensitive else "normal")
    user = {"collector": province_user, "opdc": opdc_user, "stranger": municipality_user,
            "member": member(structure.rayong_unit, "viewer")}[who]
    assert client_for(user).get(f"/api/v1/plans/{plan.pk}/export/").status_code == code


def test_import(structure, coordinator, full_doc):
    body = {"format": "phrom-plan-exchange/1", "plans": [exchange_plan(full_doc, "PU21-HEALTH")]}
    response = client_for(coordinator).post("/api/v1/plans/import/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["created"][0]["organisation"] == "PU21-HEALTH"
    again = client_for(coordinator).post("/api/v1/plans/import/", body["plans"][0], format="json")
    assert again.status_code == 200 and len(again.json()["unchanged"]) == 1


def test_a_bad_import_is_400_with_every_path(structure, coordinator, full_doc):
    bad = exchange_plan(full_doc, "PU21-HEALTH")
    bad["processes"][0]["rto_hours"] = "4h"
    bad["team"][0]["alternate"] = "m9"
    other = exchange_plan(full_doc, "HOSP21")  # not this coordinator's agency
    response = client_for(coordinator).post("/api/v1/plans/import/", [bad, other], format="json",
                                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert {e["path"] for e in error["errors"]} == {"plans[0].processes[0].rto_hours", "plans[1].organisation"}
    assert "plans[0].processes[0].rto_hours" in error["fields"]
    assert Plan.objects.count() == 0


def test_a_semantic_error_once_the_schema_passes(structure, coordinator, full_doc):
    bad = exchange_plan(full_doc, "PU21-HEALTH")
    bad["team"][0]["alternate"] = "m9"
    response = client_for(coordinator).post("/api/v1/plans/import/", bad, format="json")
    assert response.status_code == 400
    assert [e["path"] for e in response.json()["error"]["errors"]] == ["plans[0].team[0].alternate"]


def test_import_needs_a_coordinator(structure, opdc_user, full_doc):
    body = json.dumps(exchange_plan(full_doc, "PU21-HEALTH"), ensure_ascii=False)
    assert client_for(opdc_user).post("/api/v1/plans/import/", body, content_type="application/json").status_code == 403
    assert APIClient().post("/api/v1/plans/import/", body, content_type="application/json").status_code in (401, 403)
