"""A coordinator records a real event in headless Chromium: one process back later than its RTO, a
corrective action added, found on the home page, closed — which opens the plan editor at the component
it changes. Every page is checked with axe-core; the result pages also at phone width.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from phrom.accounts.models import Membership
from phrom.core.thaidates import format_date
from phrom.plans.services import create_plan
from phrom.results.models import CorrectiveAction, ProcessRecovery
from tests.helpers.browser import at_both_sizes, check_accessibility, login
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.browser


def thai_day(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def test_record_an_event_a_late_process_and_a_corrective_action(page: Page, live_server, structure):
    unit = structure.rayong_unit
    member(unit, Membership.Role.COORDINATOR, "unit_bcp")
    plan = create_plan(unit, user=None, fiscal_year=2570, template=document())  # p1: RTO 4 h, MTPD 24 h
    today = timezone.localdate()

    login(page, live_server, "unit_bcp")
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="การฝึกซ้อมและเหตุการณ์").click()
    check_accessibility(page)
    page.get_by_role("link", name="บันทึกเหตุการณ์จริง").click()
    check_accessibility(page)
    page.get_by_label("ชื่อเรื่อง").fill("ไฟฟ้าดับทั้งอาคาร")
    page.get_by_label("ภัย", exact=True).select_option(label="ไฟฟ้าดับเป็นวงกว้าง")
    page.get_by_label("วันที่เริ่มเหตุการณ์").fill(thai_day(today - datetime.timedelta(days=3)))
    page.get_by_role("button", name="บันทึกและไปบันทึกผลต่อ").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกเหตุการณ์แล้ว")
    check_accessibility(page)

    # p1 back after 6 hours (its RTO is 4); a bad number first: refused, and nothing typed is lost.
    page.locator("#proc-p1-amount").fill("หกชั่วโมง")
    page.locator("#observations").fill("ระบบสำรองไฟทำงานไม่ครบ")
    page.get_by_role("button", name="บันทึกผล").click()
    expect(page.locator(".messages")).to_contain_text("ยังไม่ได้บันทึก")
    expect(page.locator("#observations")).to_have_value("ระบบสำรองไฟทำงานไม่ครบ")
    check_accessibility(page)
    page.locator("#proc-p1-amount").fill("6")
    page.locator("#proc-p1-unit").select_option("hour")
    page.get_by_role("button", name="บันทึกผล").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกผลแล้ว")
    check_accessibility(page)
    row = page.get_by_role("row").filter(has_text="การเฝ้าระวังและสอบสวนโรค")
    expect(row).to_contain_text("ช้ากว่า RTO")
    assert ProcessRecovery.objects.get(process_key="p1").recovered_hours == 6
    at_both_sizes(page, "result")

    # A corrective action on the team, already past its due date (the form is open: there is none yet).
    page.get_by_label("องค์ประกอบของแผนที่ต้องแก้ไข").select_option(label="ทีมงานบริหารความพร้อมต่อสภาวะวิกฤต")
    page.get_by_role("textbox", name="มาตรการแก้ไข", exact=True).fill("กำหนดผู้สำรองของหัวหน้าทีม")
    page.get_by_label("ผู้รับผิดชอบ").fill("หัวหน้าฝ่ายบริหารทั่วไป")
    page.get_by_label("กำหนดเสร็จ").fill(thai_day(today - datetime.timedelta(days=1)))
    page.get_by_role("button", name="เพิ่มมาตรการ").click()
    expect(page.locator(".messages")).to_contain_text("เพิ่มมาตรการแก้ไขแล้ว")
    check_accessibility(page)
    expect(page.locator("#actions")).to_contain_text(format_date(today - datetime.timedelta(days=1)))

    # Found on the home page, as overdue work.
    page.goto(f"{live_server.url}/")
    task = page.get_by_role("link", name="เปิดรายการมาตรการแก้ไข")
    expect(page.locator("main")).to_contain_text("มาตรการแก้ไขของหน่วยงานเลยกำหนด 1 รายการ")
    task.click()
    check_accessibility(page)
    at_both_sizes(page, "actions")

    # Closed: the plan editor opens at the team; the plan's next version answers the action.
    page.get_by_label("สถานะ").select_option("done")
    page.get_by_role("button", name="เปลี่ยน").click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/team/"))
    expect(page.locator(".messages")).to_contain_text("ปิดมาตรการแล้ว")
    check_accessibility(page)
    action = CorrectiveAction.objects.get()
    assert action.status == "done" and action.answered_in is None
