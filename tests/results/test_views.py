"""The results pages: bad input loses nothing; the home page lists overdue corrective actions."""

import datetime

import pytest
from django.utils import timezone

from phrom.results import services
from tests.helpers.plans import make_plan
from tests.results.helpers import event_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(structure, people):
    make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    return event_result(structure.rayong_unit, people.rayong_unit_coordinator)


def test_a_refused_result_keeps_everything_typed(client, people, result):
    client.force_login(people.rayong_unit_coordinator)
    answer = client.post(f"/results/{result.pk}/edit/", {
        "revision": result.revision, "observations": "ระบบไฟสำรองไม่ทำงาน", "proc-p1-amount": "-3", "proc-p1-unit": "hour",
        "find-count": "1", "find-0-component": "team", "find-0-text": "ขาดผู้สำรอง",
        "res-count": "1", "res-0-category": "it", "res-0-item": "โน้ตบุ๊ก", "res-0-needed": "มาก"}, HTTP_ACCEPT_LANGUAGE="th")
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "ยังไม่ได้บันทึก" in page
    assert "กรอกระยะเวลาฟื้นคืนเป็นตัวเลขตั้งแต่ 0 ขึ้นไป พร้อมหน่วย" in page
    assert "กรอกเป็นตัวเลข เช่น 12" in page  # beside "needed"
    for typed in ("ระบบไฟสำรองไม่ทำงาน", 'value="-3"', "ขาดผู้สำรอง", "โน้ตบุ๊ก", 'value="มาก"'):
        assert typed in page, typed
    result.refresh_from_db()
    assert (result.observations, result.revision) == ("", 0)


def test_the_event_form_refuses_an_end_before_the_start(client, structure, people):
    client.force_login(people.rayong_unit_coordinator)
    answer = client.post("/results/events/new/", {
        "organisation": structure.rayong_unit.pk, "title": "ไฟดับ", "hazard": "1", "started_on": "10/11/2569",
        "ended_on": "09/11/2569"}, HTTP_ACCEPT_LANGUAGE="th")
    assert answer.status_code == 200
    assert "เวลาสิ้นสุดของเหตุการณ์ต้องไม่ก่อนเวลาเริ่ม" in answer.content.decode()


def test_overdue_actions_wait_on_the_home_page_of_the_agency_and_its_collector(client, people, result):
    services.add_corrective_action(people.rayong_unit_coordinator, result, component="team", description="ผู้สำรอง",
                                   owner="หัวหน้าฝ่าย", due_on=timezone.localdate() - datetime.timedelta(days=2))
    client.force_login(people.rayong_unit_coordinator)
    assert "มาตรการแก้ไขของหน่วยงานเลยกำหนด 1 รายการ" in client.get("/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    client.force_login(people.rayong_office_coordinator)
    assert "มาตรการแก้ไขของหน่วยงานในความดูแลเลยกำหนด 1 รายการ" in client.get("/", HTTP_ACCEPT_LANGUAGE="th").content.decode()


def test_the_reporter_ends_an_ongoing_event_on_its_page(client, people, result):
    client.force_login(people.rayong_unit_coordinator)
    page = client.get(f"/results/{result.pk}/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "ยังไม่สิ้นสุด" in page and "เหตุการณ์สิ้นสุดแล้ว" in page
    client.post(f"/results/{result.pk}/end/", {"ended_on": "03/11/2569", "ended_time": "17:30"})
    result.event.refresh_from_db()
    assert timezone.localtime(result.event.ended_at).strftime("%Y-%m-%d %H:%M") == "2026-11-03 17:30"
    page = client.get(f"/results/{result.pk}/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "บันทึกว่าเหตุการณ์สิ้นสุดแล้ว" in page
    assert "ยังไม่สิ้นสุด" not in page and f'action="/results/{result.pk}/end/"' not in page
