"""The campaigns REST API: the same flows and permissions as the pages, with consistent JSON errors."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from phrom.campaigns.models import Campaign, Reminder, Submission
from phrom.plans.models import PlanAudit, Scenario
from tests.helpers.campaigns import send
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def test_open_a_campaign_and_read_it(structure, people):
    deadline = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    response = api(people.bma_disaster_coordinator).post("/api/v1/campaigns/", {
        "collector": "BMA-DPM", "title": "ทบทวนแผน BCP หน่วยงานกรุงเทพมหานคร 2570", "fiscal_year": 2570,
        "deadline": deadline, "required_scenarios": ["cyber"], "attachment_required": True,
        "reminder_days": [-3, 2],
    }, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["collector"] == "BMA-DPM" and body["required_scenarios"] == ["cyber"]
    assert body["blocking_codes"] == ["missing_required_scenario"] and body["reminder_days"] == [-3, 2]
    listed = api(people.municipality_coordinator).get("/api/v1/campaigns/", {"collector": "BMA-DPM"}).json()
    assert [c["id"] for c in listed["results"]] == [body["id"]]
    patched = api(people.bma_disaster_approver).patch(f"/api/v1/campaigns/{body['id']}/", {"kinds": ["bma_unit"]},
                                                      format="json")
    assert patched.json()["kinds"] == ["bma_unit"]


def test_campaign_errors(structure, people):
    assert_error(api(people.municipality_coordinator).post("/api/v1/campaigns/", {
        "collector": "OPDC", "title": "x", "fiscal_year": 2570, "deadline": "2027-01-01"}, format="json"), 403,
        "permission_denied")
    assert_error(api(people.opdc_coordinator).post("/api/v1/campaigns/", {"collector": "OPDC"}, format="json"),
                 400, "invalid")
    error = assert_error(api(people.opdc_coordinator).post("/api/v1/campaigns/", {
        "collector": "OPDC", "title": "x", "fiscal_year": 2570, "deadline": "2027-01-01",
        "blocking_codes": ["nope"]}, format="json"), 400, "invalid")
    assert "fields" in error
    assert not Campaign.objects.exists()


def test_submit_approve_review_through_the_api(structure, people, national_campaign, unit_plan):
    unit = structure.rayong_unit
    c = national_campaign.pk
    sub = api(people.rayong_unit_coordinator).post(f"/api/v1/campaigns/{c}/submissions/",
                                                   {"organisation": unit.code, "plan": unit_plan.pk}, format="json")
    assert sub.status_code == 201 and sub.json()["state"] == "awaiting_approval"
    sid = sub.json()["id"]
    # Approving is the approver's: the coordinator gets 403.
    assert_error(api(people.rayong_unit_coordinator).post(f"/api/v1/submissions/{sid}/approve/"), 403, "permission_denied")
    approved = api(people.rayong_unit_approver).post(f"/api/v1/submissions/{sid}/approve/", {}, format="json").json()
    assert approved["state"] == "in_review" and approved["holder"] == "PO21"
    assert [s["collector"] for s in approved["stages"]] == ["PO21"]

    office = api(people.rayong_office_coordinator)
    inbox = office.get(f"/api/v1/campaigns/{c}/inbox/").json()
    assert inbox["collector"] == "PO21" and inbox["count"] == 1 and inbox["counts"]["to_review"] == 1
    assert inbox["results"][0]["organisation"]["code"] == unit.code
    assert "document" not in inbox["results"][0]

    doc = office.get(f"/api/v1/submissions/{sid}/document/").json()
    assert doc["version"] == approved["version"] and doc["document"]["processes"][0]["key"] == "p1"
    assert PlanAudit.objects.filter(plan=unit_plan, action="read", username="po21-coordinator").exists()

    returned = office.post(f"/api/v1/submissions/{sid}/reviews/", {
        "decision": "return", "lock": approved["lock"],
        "comments": [{"component": "call_tree", "path": "call_tree[0]", "text": "เพิ่มช่องทางสำรอง"}],
    }, format="json")
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    comments = api(people.rayong_unit_coordinator).get(f"/api/v1/submissions/{sid}/comments/?open=true").json()
    assert [(x["component"], x["text"], x["collector"]) for x in comments] == [("call_tree", "เพิ่มช่องทางสำรอง", "PO21")]

    again = api(people.rayong_unit_approver).post(f"/api/v1/campaigns/{c}/submissions/",
                                                  {"organisation": unit.code, "plan": unit_plan.pk, "approve": True},
                                                  format="json")
    assert again.status_code == 201 and again.json()["round"] == 2
    lock = again.json()["lock"]
    accepted = office.post(f"/api/v1/submissions/{sid}/reviews/", {"decision": "accept", "lock": lock}, format="json")
    assert accepted.json()["holder"] == "OPDC"
    # A second reviewer with the old lock: 409 with who acted.
    error = assert_error(api(people.rayong_office_approver).post(
        f"/api/v1/submissions/{sid}/reviews/", {"decision": "accept", "lock": lock}, format="json"), 409, "conflict")
    assert "po21-coordinator" in error["message_th"]

    history = api(people.rayong_unit_coordinator).get(f"/api/v1/submissions/{sid}/history/").json()
    assert [h["action"] for h in history] == ["requested", "sent", "returned", "requested", "sent", "forwarded"]
    audit = api(people.rayong_unit_coordinator).get(f"/api/v1/submissions/{sid}/audit/").json()
    assert {"read", "status"} <= {a["action"] for a in audit["results"]}
    assert_error(office.get(f"/api/v1/submissions/{sid}/audit/"), 403, "permission_denied")


def test_refusals_carry_their_reason(structure, people, national_campaign, unit_plan):
    c = national_campaign.pk
    unit = structure.rayong_unit
    approver = api(people.rayong_unit_approver)
    body = {"organisation": unit.code, "plan": unit_plan.pk, "approve": True}
    assert approver.post(f"/api/v1/campaigns/{c}/submissions/", body, format="json").status_code == 201
    error = assert_error(approver.post(f"/api/v1/campaigns/{c}/submissions/", body, format="json"), 409, "already_sent")
    assert error["message_en"].startswith("The plan has already been sent")

    other = make_plan(structure.municipality, people.municipality_coordinator)
    national_campaign.required_scenarios.add(Scenario.objects.get(code="earthquake"))
    error = assert_error(api(people.municipality_approver).post(
        f"/api/v1/campaigns/{c}/submissions/", {"organisation": "TM21-001", "plan": other.pk, "approve": True},
        format="json"), 400, "blocked")
    assert error["findings"][0]["code"] == "missing_required_scenario"

    api(people.opdc_coordinator).post(f"/api/v1/campaigns/{c}/close/")
    assert_error(api(people.municipality_approver).post(
        f"/api/v1/campaigns/{c}/declarations/", {"organisation": "TM21-001", "title": "แผนลับ", "approve": True},
        format="json"), 409, "campaign_closed")
    # Submitting for someone else's agency: 403, and nothing is created.
    assert_error(api(people.municipality_approver).post(
        f"/api/v1/campaigns/{c}/submissions/", {"organisation": unit.code, "plan": unit_plan.pk}, format="json"),
        403, "permission_denied")


def test_review_outside_the_route_is_403_and_shows_nothing(structure, people, national_campaign):
    sub = send(national_campaign, structure.rayong_unit, people)
    stranger = api(people.chonburi_office_coordinator)
    for url in (f"/api/v1/submissions/{sub.pk}/", f"/api/v1/submissions/{sub.pk}/document/",
                f"/api/v1/submissions/{sub.pk}/history/", f"/api/v1/submissions/{sub.pk}/comments/"):
        response = stranger.get(url)
        assert response.status_code == 403 and "PU21" not in response.content.decode()
    assert_error(stranger.post(f"/api/v1/submissions/{sub.pk}/reviews/", {"decision": "accept"}, format="json"),
                 403, "permission_denied")
    assert_error(api(people.opdc_coordinator).post(f"/api/v1/submissions/{sub.pk}/reviews/", {"decision": "accept"},
                                                   format="json"), 409, "conflict")


def test_follow_up_and_reminders(structure, people, national_campaign):
    send(national_campaign, structure.municipality, people)
    opdc = api(people.opdc_coordinator)
    c = national_campaign.pk
    result = opdc.get(f"/api/v1/campaigns/{c}/follow-up/", {"by": "kind"}).json()
    total = result["total"]
    assert total["total"] == 13 and total["in_review"] == 1 and total["sent"] == 1
    assert total["percent_sent"] == round(100 / 13, 2)
    town = next(g for g in result["groups"] if g["key"] == "town_municipality")
    assert town["sent"] == 1 and town["percent_sent"] == 100.0
    queued = opdc.post(f"/api/v1/campaigns/{c}/reminders/", {"org": "OPDC"}, format="json")
    assert queued.status_code == 202 and queued.json()["queued"] == 12
    again = opdc.post(f"/api/v1/campaigns/{c}/reminders/", {}, format="json").json()
    assert again["queued"] == 0 and again["already"] == 12
    listed = opdc.get(f"/api/v1/campaigns/{c}/reminders/").json()
    assert listed["counts"]["waiting"] == 12 and listed["count"] == 12
    assert Reminder.objects.count() == 12
    # The provincial office sees and reminds its own part only.
    office = api(people.rayong_office_coordinator).get(f"/api/v1/campaigns/{c}/follow-up/").json()
    assert office["collector"] == "PO21" and office["total"]["total"] == 2
    assert_error(api(people.municipality_coordinator).get(f"/api/v1/campaigns/{c}/follow-up/"), 403, "permission_denied")


def test_agency_status_endpoint(structure, people, national_campaign, unit_plan):
    body = api(people.rayong_unit_coordinator).get(
        f"/api/v1/campaigns/{national_campaign.pk}/agencies/PU21-HEALTH/").json()
    assert body["must_send"] and body["route"] == ["PO21", "OPDC"]
    assert body["readiness"]["ok"] and body["readiness"]["plan"] == unit_plan.pk
    assert api(people.rayong_office_coordinator).get(
        f"/api/v1/campaigns/{national_campaign.pk}/agencies/PU21-HEALTH/").status_code == 403


def test_declaration_through_the_api(structure, people, national_campaign):
    response = api(people.municipality_approver).post(f"/api/v1/campaigns/{national_campaign.pk}/declarations/", {
        "organisation": "TM21-001", "title": "แผนรักษาความปลอดภัยศูนย์สั่งการ", "reviewed_on": "2026-01-10",
        "approve": True}, format="json")
    assert response.status_code == 201 and response.json()["state"] == "declared"
    sub = Submission.objects.get()
    assert api(people.opdc_coordinator).get(f"/api/v1/submissions/{sub.pk}/document/").status_code == 403
