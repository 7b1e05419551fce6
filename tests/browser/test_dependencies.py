"""Declaring a dependency in headless Chromium: the provincial health office's coordinator searches the
processes other agencies have sent, picks DOPA's civil registration system (back in a day) for a process
that must be back in 4 hours, and sees the plan's picture and the checker's finding say the RTO cannot
be met. Every page and htmx swap is checked with axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from phrom.plans.content import component_document
from tests.helpers.browser import check_accessibility, login, shoot
from tests.helpers.dependencies import civil_registration
from tests.helpers.people import member
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.browser


def test_picking_another_agencys_process_shows_the_gap(page: Page, live_server, structure, people):
    civil_registration(structure, people)  # DOPA's plan, sent, with its civil registration system (24 h)
    coordinator = member(structure.rayong_unit, username="health_bcp")
    plan = make_plan(structure.rayong_unit, coordinator)
    login(page, live_server, "health_bcp")

    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="การพึ่งพา").click()
    expect(page.get_by_role("heading", level=2, name="สิ่งที่กระบวนงานสำคัญต้องพึ่งพา")).to_be_visible()
    check_accessibility(page)

    process = page.locator("#dep-p1")
    process.get_by_text("เพิ่มการพึ่งพา").click()
    process.get_by_label("ค้นหาจากชื่อหน่วยงานหรือชื่อกระบวนงาน").fill("ทะเบียนราษฎร")
    choice = process.get_by_role("radio", name=re.compile("ระบบทะเบียนราษฎร"))
    expect(choice).to_be_visible()  # swapped in by htmx as the person types
    check_accessibility(page)
    choice.check()
    process.locator("form.dep-form").first.get_by_role("button", name="เพิ่ม", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("บันทึกการพึ่งพาแล้ว")
    check_accessibility(page)
    process = page.locator("#dep-p1")
    expect(process.locator(".badge.warn")).to_have_text("RTO ทำไม่ได้จริง")
    expect(process.locator(".alert")).to_contain_text("ของกรมการปกครอง (กลับมาใน 1 วัน)")
    expect(page.locator("svg.dep-map .dep-line.bad")).to_have_count(1)
    shoot(page, "plan-dependencies")
    assert component_document(plan, "processes")[0]["dependencies"][0]["organisation"] == "DOPA"

    # The checker's finding, in the plan's findings beside the business impact analysis.
    page.goto(f"{live_server.url}/plans/{plan.pk}/processes/")
    expect(page.get_by_text(re.compile("RTO ของ “การเฝ้าระวังและสอบสวนโรค” \\(4 ชั่วโมง\\) ทำไม่ได้จริง"))).to_be_visible()
