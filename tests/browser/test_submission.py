"""Submission and review end to end in headless Chromium: a provincial unit's approver approves and
sends the plan to OPDC's campaign; the provincial office returns it with a comment on the business
impact analysis; the unit sees the comment beside that component, fixes the plan and sends it
again; the office accepts it and it goes on to OPDC. Every page is checked with axe-core.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.campaigns.models import Submission
from phrom.plans.content import apply_component, document_at
from phrom.plans.services import create_plan
from tests.helpers.browser import check_accessibility, login, shoot
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.browser

COMMENT = "RTO ของการเฝ้าระวังโรค 4 ชั่วโมงไม่สอดคล้องกับทรัพยากรที่มี โปรดทบทวน"


def logout(page: Page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check_accessibility(page)


@pytest.fixture
def campaign(structure):
    opdc = member(structure.opdc, Membership.Role.COORDINATOR, "opdc_bcp")
    return services.create_campaign(structure.opdc, user=opdc, title="ทบทวนแผน BCP ประจำปี 2570", fiscal_year=2570,
                                    deadline=timezone.localdate() + datetime.timedelta(days=21))


def test_unit_submits_office_returns_unit_fixes_office_accepts(page: Page, live_server, structure, campaign):
    unit, office = structure.rayong_unit, structure.rayong_office
    coordinator = member(unit, Membership.Role.COORDINATOR, "unit_bcp")
    member(unit, Membership.Role.APPROVER, "unit_head")
    member(office, Membership.Role.COORDINATOR, "office_bcp")
    plan = create_plan(unit, user=coordinator, fiscal_year=2570, template=document())

    # 1. The unit's approver approves and sends the plan.
    login(page, live_server, "unit_head")
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name=f"{unit.name_th} ต้องส่งแผน").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(unit.name_th)
    check_accessibility(page)
    expect(page.get_by_role("region", name="เส้นทางการส่งแผน")).to_contain_text("สำนักงานจังหวัดระยอง")
    page.get_by_role("button", name="อนุมัติและส่งแผน", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("อนุมัติและส่งแผนไปยังสำนักงานจังหวัดระยองแล้ว")
    check_accessibility(page)
    shoot(page, "campaign-agency-sent")
    logout(page)

    # 2. The provincial office opens its inbox and returns the plan with a comment on one component.
    login(page, live_server, "office_bcp")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/inbox/?org=PO21")
    expect(page.get_by_role("heading", level=1)).to_contain_text("กล่องรับแผนของสำนักงานจังหวัดระยอง")
    page.get_by_role("link", name=unit.name_th).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(unit.name_th)
    check_accessibility(page)
    expect(page.locator("#c-processes")).to_contain_text("การเฝ้าระวังและสอบสวนโรค")
    page.locator("#c-processes").get_by_role("textbox").fill(COMMENT)
    page.get_by_label("ส่งคืนให้แก้ไข").check()
    shoot(page, "campaign-review-return")
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกผลการพิจารณาแล้ว")
    check_accessibility(page)
    logout(page)
    sub = Submission.objects.get()
    assert sub.state == "returned"

    # 3. The unit fixes the plan (in the plan editor; here through the same service) and sends it again.
    processes = document_at(plan)["processes"]
    processes[0]["rto_hours"] = 12
    plan.refresh_from_db()
    apply_component(plan, "processes", processes, user=coordinator,
                    expected_revision=plan.component_revision("processes"))
    login(page, live_server, "unit_head")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/agency/{unit.code}/")
    comments = page.get_by_role("region", name=re.compile("ความเห็นที่ต้องดำเนินการ 1 ข้อ"))
    expect(comments).to_contain_text(COMMENT)
    expect(comments).to_contain_text("การวิเคราะห์ผลกระทบ")  # beside the business impact analysis
    shoot(page, "campaign-agency-returned")
    page.get_by_role("button", name="อนุมัติและส่งแผนอีกครั้ง").click()
    expect(page.locator(".messages")).to_contain_text("อนุมัติและส่งแผนไปยังสำนักงานจังหวัดระยองแล้ว")
    check_accessibility(page)
    logout(page)

    # 4. The office accepts the corrected version: it goes on to OPDC.
    login(page, live_server, "office_bcp")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/inbox/?org=PO21")
    page.get_by_role("link", name=unit.name_th).click()
    check_accessibility(page)
    expect(page.locator("#c-processes")).to_contain_text(COMMENT)  # the earlier comment, now dealt with
    page.get_by_label("รับแผน", exact=True).check()
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกผลการพิจารณาแล้ว")
    check_accessibility(page)
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/inbox/?org=PO21&status=forwarded")
    expect(page.locator("tbody tr")).to_have_count(1)
    shoot(page, "campaign-inbox-forwarded")

    sub.refresh_from_db()
    assert (sub.state, sub.holder, sub.round, sub.version) == ("in_review", structure.opdc, 2, plan.revision)
    assert list(sub.events.values_list("action", flat=True)) == [
        "requested", "sent", "returned", "requested", "sent", "forwarded"]


def test_opdc_opens_a_campaign_and_follows_it_up(page: Page, live_server, structure):
    member(structure.opdc, Membership.Role.COORDINATOR, "opdc_head")
    approver = member(structure.municipality, Membership.Role.APPROVER, "town_head")
    member(structure.rayong_unit, Membership.Role.COORDINATOR, "unit_bcp")
    login(page, live_server, "opdc_head")
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="เปิดการรวบรวมแผน").click()
    check_accessibility(page)
    page.get_by_label("ชื่อเรื่อง").fill("ทบทวนแผน BCP ประจำปี 2570")
    page.get_by_label("กำหนดส่ง", exact=True).fill((timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("ส่วนราชการส่วนภูมิภาค", exact=True).check()
    page.get_by_label("เทศบาลเมือง", exact=True).check()
    page.get_by_label("โรคระบาด", exact=False).first.check()
    page.get_by_role("button", name="เปิดรับแผน").click()
    expect(page.locator(".messages")).to_contain_text("เปิดรับแผนแล้ว")
    check_accessibility(page)
    expect(page.get_by_role("region", name="สิ่งที่ขอ")).to_contain_text("รวม 2 หน่วยงาน")

    campaign = structure.opdc.campaigns.get()
    plan = create_plan(structure.municipality, user=approver, fiscal_year=2570, template=document())
    services.submit(campaign, structure.municipality, user=approver, plan=plan, approve_now=True)
    page.get_by_role("link", name="การติดตาม").first.click()
    check_accessibility(page)
    groups = page.get_by_role("region", name="การส่งแผนจำแนกตามกลุ่ม")
    expect(groups).to_contain_text("ระยอง")
    expect(page.locator(".cp-stats")).to_contain_text("ร้อยละ 50")
    page.get_by_role("button", name=re.compile("ส่งอีเมลแจ้งเตือน")).click()
    # A mass e-mail asks first, with the number of agencies (issue 10).
    check_accessibility(page)
    page.get_by_role("button", name="ยืนยัน ส่งอีเมลถึง 1 หน่วยงาน").click()
    expect(page.locator(".messages")).to_contain_text("จัดคิวอีเมลแจ้งเตือน 1 ฉบับ")
    check_accessibility(page)
    shoot(page, "campaign-follow-up")
    page.get_by_role("link", name="จังหวัด").first.click()
    check_accessibility(page)
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/inbox/?org=OPDC")
    page.get_by_role("link", name=structure.municipality.name_th).click()
    check_accessibility(page)
    page.get_by_role("link", name="บันทึกการตรวจสอบของแผน").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("บันทึกการตรวจสอบของแผน")
    check_accessibility(page)
