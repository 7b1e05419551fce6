"""Crisis mode in the REST API: the same rules as the pages — a plan's coordinators and approvers
activate it (once at a time), tick steps and close; its members follow; nobody outside the agency;
the person alerted answers through their link's token, without an account."""

import io
import time

import pytest
from django.core import signing
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from phrom.accounts.models import Membership
from phrom.crisis import services, tokens
from phrom.crisis.models import Activation
from phrom.plans.services import create_plan
from phrom.results.models import Result
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def gateways(settings):
    settings.PHROM_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    settings.PHROM_LINE_CHANNEL_TOKEN = "token"


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_activate_follow_tick_and_close(plan, coordinator):
    api = api_as(coordinator)
    url = reverse("api-plan-activations", args=[plan.pk])
    created = api.post(url, {"scenario": plan.scenarios.first().pk, "message": "ไฟไหม้อาคาร", "is_test": True,
                             "mode": "all", "answer_minutes": 5}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["is_test"], body["mode"], body["answer_minutes"], body["hazard"]) == (True, "all", 5, "epidemic")
    assert body["figures"]["total"] == 3 and len(body["people"]) == 3
    assert [s["activity"] for s in body["steps"]][0] == "ประเมินสถานการณ์และแจ้งผู้บริหาร"
    pk = body["id"]
    again = api.post(url, {"scenario": plan.scenarios.first().pk, "message": "ซ้ำ"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "activation_open"
    assert [a["id"] for a in api.get(url).json()] == [pk]

    person = Activation.objects.get(pk=pk).recipients.get(key="m3")
    services.answer(person, "need_help", "ติดอยู่ในอาคาร")
    detail = api.get(reverse("api-activation", args=[pk])).json()
    assert detail["people"][0]["name"] == "นายวิชัย มั่นคง" and detail["people"][0]["answer"] == "need_help"
    assert detail["figures"]["need_help"] == 1 and detail["people"][1]["answer"] is None
    assert {c["name"]: c["state"] for c in detail["clocks"]}["การเฝ้าระวังและสอบสวนโรค"] == "ok"

    ticked = api.post(reverse("api-activation-steps", args=[pk]), {"step": 2, "done": True}, format="json")
    assert ticked.status_code == 200 and next(s for s in ticked.json() if s["step"] == 2)["done_at"]
    bad = api.post(reverse("api-activation-steps", args=[pk]), {"step": 99, "done": True}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["fields"] == {"step": [bad.json()["error"]["message"]]}

    closed = api.post(reverse("api-activation-close", args=[pk]), {}, format="json")
    assert closed.status_code == 200 and closed.json()["closed_at"]
    result = Result.objects.get(pk=closed.json()["result"])
    assert result.kind == Result.Kind.EXERCISE and result.procedures[2]["followed"] is True
    assert api.post(reverse("api-activation-close", args=[pk]), {}, format="json").status_code == 409


def test_a_plan_s_own_scenario_needs_the_hazard_to_close(plan, coordinator):
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.get(code="custom-1"), message="ก๊าซรั่ว")
    api = api_as(coordinator)
    refused = api.post(reverse("api-activation-close", args=[activation.pk]), {}, format="json")
    assert refused.status_code == 400 and "hazard" in refused.json()["error"]["fields"]
    done = api.post(reverse("api-activation-close", args=[activation.pk]), {"hazard": "fire"}, format="json")
    assert done.status_code == 200
    assert Result.objects.get(pk=done.json()["result"]).hazard.code == "fire"


def test_a_scenario_of_another_plan_is_refused(plan, coordinator, structure):
    other = create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2570, template=document())
    response = api_as(coordinator).post(reverse("api-plan-activations", args=[plan.pk]),
                                        {"scenario": other.scenarios.first().pk, "message": "x"}, format="json")
    assert response.status_code == 400 and "scenario" in response.json()["error"]["fields"]


def test_the_export_in_both_types(plan, coordinator):
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="x")
    api = api_as(coordinator)
    csv = api.get(reverse("api-activation-export", args=[activation.pk]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "นายแพทย์สมชาย ใจดี" in csv.content.decode("utf-8-sig")
    xlsx = api.get(reverse("api-activation-export", args=[activation.pk]) + "?type=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert api.get(reverse("api-activation-export", args=[activation.pk]) + "?type=pdf").status_code == 400


def test_members_follow_and_only_coordinators_and_approvers_act(plan, coordinator, structure, people):
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="x")
    viewer = api_as(member(structure.rayong_unit, Membership.Role.VIEWER))
    assert viewer.get(reverse("api-activation", args=[activation.pk])).status_code == 200
    assert viewer.post(reverse("api-activation-steps", args=[activation.pk]), {"step": 0, "done": True},
                       format="json").status_code == 403
    assert viewer.post(reverse("api-activation-close", args=[activation.pk]), {}, format="json").status_code == 403
    approver = api_as(people.approver(structure.rayong_unit))
    assert approver.post(reverse("api-activation-steps", args=[activation.pk]), {"step": 0, "done": True},
                         format="json").status_code == 200
    for outsider in (people.opdc_coordinator, people.rayong_office_coordinator):
        api = api_as(outsider)
        assert api.get(reverse("api-activation", args=[activation.pk])).status_code == 403
        assert api.get(reverse("api-plan-activations", args=[plan.pk])).status_code == 403
        assert api.get(reverse("api-activation-export", args=[activation.pk])).status_code == 403


def _answer_url(person) -> str:
    return reverse("api-alert-answer", args=[tokens.make_token(person)])


def test_an_alert_is_answered_through_the_link_s_token_without_an_account(plan, coordinator):
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="น้ำท่วม")
    person = activation.recipients.get(key="m3")
    api, url = APIClient(), _answer_url(person)  # nobody signed in, no CSRF token
    shown = api.get(url)
    assert shown.status_code == 200
    assert shown.json() == {"organisation": plan.organisation.name, "scenario": activation.scenario_name,
                            "message": "น้ำท่วม", "is_test": False, "name": person.name, "answer": None, "note": "",
                            "answered_at": None}
    refused = api.post(url, {"answer": "lost"}, format="json")
    assert refused.status_code == 400 and "answer" in refused.json()["error"]["fields"]
    answered = api.post(url, {"answer": "need_help", "note": " ติดอยู่ชั้น 3 "}, format="json")
    assert answered.status_code == 200
    assert (answered.json()["answer"], answered.json()["note"]) == ("need_help", "ติดอยู่ชั้น 3")
    person.refresh_from_db()
    assert (person.answer, person.escalate_at) == ("need_help", None)  # what the page's answer does
    again = api.post(url, {"answer": "safe"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "answer_given"
    assert api.get(url).json()["answer"] == "need_help"
    services.close(coordinator, activation)
    assert api.get(url).status_code == 200  # their answer still reads after the close


def test_the_answer_operation_refuses_links_as_the_page_does(plan, coordinator, monkeypatch):
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟไหม้")
    person = activation.recipients.first()
    api = APIClient()
    forged = api.get(_answer_url(person)[:-4] + "abc/")
    assert forged.status_code == 404 and forged.json()["error"]["code"] == "answer_link_invalid"
    past = time.time() - 73 * 3600
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: past)
        old = _answer_url(person)
    assert api.post(old, {"answer": "safe"}, format="json").json()["error"]["code"] == "answer_link_expired"
    services.close(coordinator, activation)
    closed = api.post(_answer_url(person), {"answer": "safe"}, format="json")
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "activation_closed"
    assert api.get(_answer_url(person)).json()["error"]["code"] == "activation_closed"
    for i in range(tokens.BAD_LINKS_PER_HOUR - 2):  # the page and the API count the same links
        assert api.get(reverse("api-alert-answer", args=[f"x{i}"])).status_code == 404
    assert api.get(reverse("crisis:answer", kwargs={"token": "y"})).status_code == 429
    assert api.get(reverse("api-alert-answer", args=["z"])).json()["error"]["code"] == "throttled"
