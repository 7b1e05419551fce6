"""The pages of crisis mode as people use them: a coordinator activates the plan from its page, follows
the board (people, answers, RTO clocks, procedures ticked), closes it into a draft result and exports
it; the person alerted answers through their link, without an account, once."""

import datetime
import io
import re
import time

import pytest
from django.core import signing
from django.urls import reverse
from openpyxl import load_workbook

from phrom.accounts.models import Membership
from phrom.core.tabular import read_csv
from phrom.crisis import board, services, tokens
from phrom.crisis.models import Activation, Message
from phrom.plans.models import Scenario
from phrom.plans.services import create_plan
from phrom.results.models import Result
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def gateways(settings):
    """SMS and LINE configured (nothing is sent in these tests): every member of the plan has a channel."""
    settings.PHROM_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    settings.PHROM_LINE_CHANNEL_TOKEN = "token"


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def activate(plan, user, **kwargs):
    kwargs = {"scenario": plan.scenarios.first(), "message": "น้ำท่วมสำนักงาน ให้รายงานตัว", **kwargs}
    return services.activate(user, plan, **kwargs)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --------------------------------------------------------------------------- activating


def test_the_plan_page_offers_activation_to_coordinators_only(client, signed_in, plan, structure):
    page = text(signed_in.get(reverse("plans:overview", args=[plan.pk])))
    assert "เรียกใช้แผน" in page and reverse("crisis:activate", args=[plan.pk]) in page
    viewer = member(structure.rayong_unit, Membership.Role.VIEWER)
    client.force_login(viewer)
    page = text(client.get(reverse("plans:overview", args=[plan.pk])))
    assert reverse("crisis:activate", args=[plan.pk]) not in page
    assert client.get(reverse("crisis:activate", args=[plan.pk])).status_code == 403


def test_the_form_warns_of_people_without_contact_and_call_tree_problems(signed_in, structure, coordinator):
    doc = document()
    doc["team"][2].update(phone="", email="", line_id="")
    doc["call_tree"] = doc["call_tree"][:2]  # m3 is reached by nobody
    plan = create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2570, template=doc)
    page = text(signed_in.get(reverse("crisis:activate", args=[plan.pk])))
    assert "ไม่มีช่องทางติดต่อ" in page and "นายวิชัย มั่นคง" in page
    assert "ผังการแจ้งเหตุยังไปไม่ถึง นายวิชัย มั่นคง" in page  # the plan checker's finding


def test_activating_alerts_the_team_and_opens_the_board(signed_in, plan):
    response = signed_in.post(reverse("crisis:activate", args=[plan.pk]), {
        "scenario": plan.scenarios.first().pk, "is_test": "1", "message": "ทดสอบผังการติดต่อ", "mode": "tree",
        "answer_minutes": "15"})
    activation = Activation.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == reverse("crisis:detail", args=[activation.pk])
    assert (activation.is_test, activation.answer_minutes, activation.recipients.count()) == (True, 15, 3)
    assert Message.objects.filter(activation=activation).exists()  # the first alerts wait for the worker
    page = text(signed_in.get(response["Location"]))
    assert "การทดสอบ" in page and "ทดสอบผังการติดต่อ" in page and "นายแพทย์สมชาย ใจดี" in page
    assert "hx-trigger=\"every 5s\"" in page and 'type="application/json"' in page
    # the plan's page and the home page show the activation under way
    for url in (reverse("plans:overview", args=[plan.pk]), reverse("home")):
        assert reverse("crisis:detail", args=[activation.pk]) in signed_in.get(url).content.decode()


def test_a_second_activation_is_refused_with_a_link_to_the_open_one(signed_in, plan, coordinator):
    first = activate(plan, coordinator)
    response = signed_in.post(reverse("crisis:activate", args=[plan.pk]), {
        "scenario": plan.scenarios.first().pk, "is_test": "0", "message": "ซ้ำ", "mode": "all", "answer_minutes": "10"})
    page = text(response)
    assert "แผนนี้ถูกเรียกใช้อยู่แล้ว" in page and reverse("crisis:detail", args=[first.pk]) in page
    assert Activation.objects.filter(plan=plan).count() == 1


def test_a_form_with_an_empty_message_is_refused_on_its_field(signed_in, plan):
    response = signed_in.post(reverse("crisis:activate", args=[plan.pk]), {
        "scenario": plan.scenarios.first().pk, "is_test": "0", "message": " ", "mode": "tree", "answer_minutes": "0"})
    assert response.status_code == 200 and not Activation.objects.exists()
    assert response.context["form"].errors.keys() == {"message", "answer_minutes"}


# --------------------------------------------------------------------------- the board


def test_the_board_shows_who_needs_help_first_and_updates_by_htmx(signed_in, plan, coordinator):
    activation = activate(plan, coordinator)
    people = {r.key: r for r in activation.recipients.all()}
    services.answer(people["m3"], "need_help", "ขาหัก อยู่ที่บ้าน")
    services.answer(people["m1"], "safe")
    rows = board.people(activation)
    assert [p.recipient.key for p in rows] == ["m3", "m2", "m1"]  # need help, silent, answered
    live = signed_in.get(reverse("crisis:live", args=[activation.pk]), **HX)
    page = text(live)
    assert live.status_code == 200 and "<html" not in page
    assert page.index("นายวิชัย มั่นคง") < page.index("นางสาวสมหญิง รักงาน") < page.index("นายแพทย์สมชาย ใจดี")
    assert "ขาหัก อยู่ที่บ้าน" in page
    assert "2 / 3" in page and "(66.67%)" in page  # answered, in the one style of shares
    # opened without htmx, the live part sends to the board
    assert signed_in.get(reverse("crisis:live", args=[activation.pk]))["Location"] == reverse(
        "crisis:detail", args=[activation.pk])


def test_an_alert_on_another_day_than_the_start_shows_its_date(signed_in, plan, coordinator):
    activation = activate(plan, coordinator)
    started = datetime.datetime(2026, 12, 4, 23, 50, tzinfo=datetime.UTC)  # 06:50 on 5 December in Bangkok
    Activation.objects.filter(pk=activation.pk).update(started_at=started)
    first, second, *_ = activation.recipients.order_by("position")
    first.__class__.objects.filter(pk=first.pk).update(alerted_at=started + datetime.timedelta(minutes=5))
    first.__class__.objects.filter(pk=second.pk).update(alerted_at=started + datetime.timedelta(hours=20))
    page = text(signed_in.get(reverse("crisis:live", args=[activation.pk]), **HX))
    assert ">06:55<" in page  # the day of the start: the time says it
    assert "6 ธ.ค. 69 02:50 น." in page  # the next day: with its date


def test_message_statuses_and_escalation_show_on_the_board(signed_in, plan, coordinator):
    activation = activate(plan, coordinator)
    Message.objects.filter(activation=activation).update(status=Message.Status.FAILED, last_error="SMTP down")
    page = text(signed_in.get(reverse("crisis:live", args=[activation.pk]), **HX))
    assert "ไม่สำเร็จ" in page


def test_rto_clocks_warn_near_and_past_the_rto(plan, coordinator):
    activation = activate(plan, coordinator)
    start = activation.started_at
    states = {c.name: c.state for c in board.clocks(activation, start + datetime.timedelta(hours=3.5))}
    assert states == {"การเฝ้าระวังและสอบสวนโรค": "near", "การอนุญาตสถานพยาบาล": "ok"}  # RTO 4 h and 168 h
    states = {c.name: c.state for c in board.clocks(activation, start + datetime.timedelta(hours=5))}
    assert states["การเฝ้าระวังและสอบสวนโรค"] == "passed"


def test_steps_are_ticked_with_who_and_when_through_htmx(signed_in, plan, coordinator, structure):
    activation = activate(plan, coordinator)
    response = signed_in.post(reverse("crisis:step", args=[activation.pk]), {"step": "1", "done": "1"}, **HX)
    page = text(response)
    assert response.status_code == 200 and "<html" not in page
    assert activation.steps_done.get().step == 1 and "ยกเลิก" in page
    groups = dict(board.procedures(activation))
    assert list(groups) == ["ภายใน 1 วัน", "วันที่ 1–7", "วันที่ 7–30"]
    assert [s.activity for s in groups["ภายใน 1 วัน"]] == ["ประเมินสถานการณ์และแจ้งผู้บริหาร", "เปิดใช้สถานที่ปฏิบัติงานสำรอง"]
    signed_in.post(reverse("crisis:step", args=[activation.pk]), {"step": "1", "done": "0"}, **HX)
    assert not activation.steps_done.exists()
    # a viewer follows the board but ticks nothing
    viewer = member(structure.rayong_unit, Membership.Role.VIEWER)
    signed_in.force_login(viewer)
    assert signed_in.get(reverse("crisis:detail", args=[activation.pk])).status_code == 200
    assert signed_in.post(reverse("crisis:step", args=[activation.pk]), {"step": "1", "done": "1"}).status_code == 403


def test_outside_the_agency_nobody_sees_the_board(client, plan, coordinator, people):
    activation = activate(plan, coordinator)
    client.force_login(people.opdc_coordinator)
    for name in ("crisis:detail", "crisis:export", "crisis:close"):
        assert client.get(reverse(name, args=[activation.pk])).status_code == 403


def test_the_export_reads_back_as_csv_and_xlsx(signed_in, plan, coordinator):
    activation = activate(plan, coordinator)
    services.answer(activation.recipients.get(key="m2"), "can_work", "=1+1")
    csv = signed_in.get(reverse("crisis:export", args=[activation.pk]) + "?format=csv")
    rows = read_csv(csv.content.decode("utf-8-sig"))
    assert rows[0][0] == "ชื่อ" and len(rows) == 4
    m2 = next(r for r in rows if r[0] == "นางสาวสมหญิง รักงาน")
    assert "พร้อมปฏิบัติงาน" in m2 and "=1+1" in m2
    assert "'=1+1" in csv.content.decode("utf-8-sig")  # written neutralised
    xlsx = signed_in.get(reverse("crisis:export", args=[activation.pk]) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))][:2] == ["ชื่อ", "ตำแหน่ง"]


# --------------------------------------------------------------------------- closing


def test_closing_leads_to_the_draft_result(signed_in, plan, coordinator):
    activation = activate(plan, coordinator)
    assert "ปิดการเรียกใช้แผน" in text(signed_in.get(reverse("crisis:close", args=[activation.pk])))
    response = signed_in.post(reverse("crisis:close", args=[activation.pk]))
    activation.refresh_from_db()
    assert not activation.is_open
    assert response["Location"] == reverse("results:detail", args=[activation.result_id])
    assert Result.objects.get(pk=activation.result_id).kind == Result.Kind.EVENT
    # closed: the board stops polling and offers the result
    page = text(signed_in.get(reverse("crisis:detail", args=[activation.pk])))
    assert "every 5s" not in page and reverse("results:detail", args=[activation.result_id]) in page
    # closing it again (a second tab): told in Thai, on the board
    again = signed_in.get(reverse("crisis:close", args=[activation.pk]), follow=True)
    assert "การเรียกใช้แผนครั้งนี้ปิดแล้ว" in text(again)


def test_a_scenario_of_the_plan_s_own_asks_for_the_hazard(signed_in, plan, coordinator):
    own = plan.scenarios.get(code="custom-1")
    activation = activate(plan, coordinator, scenario=own, is_test=True)
    response = signed_in.post(reverse("crisis:close", args=[activation.pk]))
    assert response.status_code == 200 and "hazard" in response.context["form"].errors
    activation.refresh_from_db()
    assert activation.is_open
    signed_in.post(reverse("crisis:close", args=[activation.pk]),
                              {"hazard": Scenario.objects.get(code="fire").pk})
    activation.refresh_from_db()
    assert Result.objects.get(pk=activation.result_id).kind == Result.Kind.EXERCISE  # a test run: an exercise


# --------------------------------------------------------------------------- the answer page


def test_the_answer_page_takes_one_answer_without_login(client, plan, coordinator):
    activation = activate(plan, coordinator, is_test=True)
    person = activation.recipients.get(key="m2")
    url = reverse("crisis:answer", kwargs={"token": tokens.make_token(person)})
    page = client.get(url)
    body = text(page)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "นางสาวสมหญิง รักงาน" in body and "สำนักงานสาธารณสุขจังหวัดระยอง" in body and "น้ำท่วมสำนักงาน" in body
    assert body.count('name="answer"') == 4 and "การทดสอบ" in body
    assert "<script" not in body and "echarts" not in body and len(page.content) < 6000
    done = client.post(url, {"answer": "safe", "note": "อยู่บ้าน"})
    person.refresh_from_db()
    assert done.status_code == 200 and (person.answer, person.note) == ("safe", "อยู่บ้าน")
    assert "ขอบคุณ" in text(done)
    again = text(client.get(url))  # when and what they answered
    assert "ปลอดภัย" in again and "ท่านตอบรับแล้ว" in again
    client.post(url, {"answer": "need_help"})
    person.refresh_from_db()
    assert person.answer == "safe"


def test_forged_expired_and_closed_links_get_a_clear_page(client, plan, coordinator, monkeypatch):
    activation = activate(plan, coordinator)
    person = activation.recipients.get(key="m1")
    token = tokens.make_token(person)
    forged = client.get(reverse("crisis:answer", kwargs={"token": token[:-3] + "abc"}))
    assert forged.status_code == 404 and "ลิงก์ตอบรับนี้ไม่ถูกต้อง" in text(forged)
    past = time.time() - 73 * 3600
    with monkeypatch.context() as m:
        m.setattr(signing.time, "time", lambda: past)
        old = tokens.make_token(person)
    expired = client.get(reverse("crisis:answer", kwargs={"token": old}))
    assert expired.status_code == 410 and "หมดอายุ" in text(expired)
    services.close(coordinator, activation)
    closed = client.get(reverse("crisis:answer", kwargs={"token": token}))
    assert closed.status_code == 409 and "ปิดแล้ว" in text(closed)
    assert client.post(reverse("crisis:answer", kwargs={"token": token}), {"answer": "safe"}).status_code == 409


def test_an_address_trying_links_out_is_stopped(client, plan, coordinator):
    activation = activate(plan, coordinator)
    good = reverse("crisis:answer", kwargs={"token": tokens.make_token(activation.recipients.first())})
    for i in range(tokens.BAD_LINKS_PER_HOUR):
        assert client.get(reverse("crisis:answer", kwargs={"token": f"x{i}"})).status_code == 404
    assert client.get(reverse("crisis:answer", kwargs={"token": "y"})).status_code == 429
    assert client.get(good).status_code == 200  # a colleague behind the same address still answers


def test_an_answer_without_a_choice_is_asked_again(client, plan, coordinator):
    activation = activate(plan, coordinator)
    url = reverse("crisis:answer", kwargs={"token": tokens.make_token(activation.recipients.first())})
    response = client.post(url, {"note": "?"})
    assert response.status_code == 400 and "กรุณาเลือกคำตอบ" in text(response)
    assert activation.recipients.filter(answered_at__isnull=False).count() == 0
