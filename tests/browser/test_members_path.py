"""The coordinator's whole path for a unit with no approver yet, in headless Chromium: warned on the
plan, the coordinator invites an approver by e-mail (over real SMTP); the approver accepts with a new
account, approves and sends; the provincial office returns the plan; the unit fixes it and sends it
again; the office accepts it. Every page is checked with axe-core; the members page and the
invitation page also at phone width.

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
from tests.helpers.browser import at_both_sizes, check_accessibility, login
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.browser

R = Membership.Role


def logout(page: Page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check_accessibility(page)


def review(page: Page, live_server, campaign, unit, decision: str) -> None:
    login(page, live_server, "office_bcp")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/inbox/?org=PO21")
    page.get_by_role("link", name=unit.name_th).click()
    check_accessibility(page)
    if decision == "ส่งคืนให้แก้ไข":
        page.locator("#c-processes").get_by_role("textbox").fill("โปรดทบทวน RTO ของการเฝ้าระวังโรค")
    page.get_by_label(decision, exact=True).check()
    page.get_by_role("button", name="บันทึกผลการพิจารณา").click()
    expect(page.locator(".messages")).to_contain_text("บันทึกผลการพิจารณาแล้ว")
    check_accessibility(page)
    logout(page)


def test_invite_accept_approve_send_return_fix_resend_accept(page: Page, live_server, structure, smtp_server):
    unit = structure.rayong_unit
    coordinator = member(unit, R.COORDINATOR, "unit_bcp")
    member(structure.rayong_office, R.COORDINATOR, "office_bcp")
    opdc = member(structure.opdc, R.COORDINATOR, "opdc_bcp")
    campaign = services.create_campaign(structure.opdc, user=opdc, title="ทบทวนแผน BCP ประจำปี 2570", fiscal_year=2570,
                                        deadline=timezone.localdate() + datetime.timedelta(days=21))
    plan = create_plan(unit, user=coordinator, fiscal_year=2570, template=document())

    # 1. The coordinator is warned on the plan that nobody can approve it, and invites an approver.
    login(page, live_server, "unit_bcp")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    warning = page.locator("#no-approver")
    expect(warning).to_contain_text("ยังไม่มีผู้ใดในหน่วยงานนี้อนุมัติแผนได้")
    warning.get_by_role("link").click()
    check_accessibility(page)
    page.locator("#id_email").fill("malee@moph.go.th")
    page.locator("#id_role").select_option("approver")
    page.get_by_role("button", name="ส่งคำเชิญ").click()
    expect(page.locator(".messages")).to_contain_text("ส่งคำเชิญถึง malee@moph.go.th แล้ว")
    check_accessibility(page)
    expect(page.get_by_role("region", name="คำเชิญที่รอการตอบรับ")).to_contain_text("malee@moph.go.th")
    at_both_sizes(page, "members-page")
    logout(page)

    # 2. The invited person opens the link from the e-mail and joins with a new account.
    [mail] = smtp_server.to("malee@moph.go.th")
    link = re.search(r"https?://\S+/members/join/\S+/", mail.text).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    expect(page.locator("main")).to_contain_text(unit.name_th)
    at_both_sizes(page, "members-accept")
    page.locator("#id_username").fill("malee")
    page.locator("#id_first_name").fill("มาลี")
    page.locator("#id_last_name").fill("ดีงาม")
    page.locator("#id_password1").fill("Kanchana-2570!")
    page.locator("#id_password2").fill("Kanchana-2570!")
    page.get_by_role("button", name="สร้างบัญชีและเข้าร่วม").click()
    expect(page.locator(".messages")).to_contain_text(f"ยินดีต้อนรับสู่ {unit.name_th}")
    check_accessibility(page)

    # 3. The new approver approves and sends the plan.
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/agency/{unit.code}/")
    expect(page.locator("#no-approver")).to_have_count(0)
    page.get_by_role("button", name="อนุมัติและส่งแผน", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("อนุมัติและส่งแผนไปยังสำนักงานจังหวัดระยองแล้ว")
    check_accessibility(page)
    logout(page)

    # 4. The provincial office returns it.
    review(page, live_server, campaign, unit, "ส่งคืนให้แก้ไข")
    sub = Submission.objects.get()
    assert sub.state == "returned"

    # 5. The unit fixes the plan and the approver sends it again.
    processes = document_at(plan)["processes"]
    processes[0]["rto_hours"] = 12
    plan.refresh_from_db()
    apply_component(plan, "processes", processes, user=coordinator, expected_revision=plan.component_revision("processes"))
    login(page, live_server, "malee", "Kanchana-2570!")
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/agency/{unit.code}/")
    page.get_by_role("button", name="อนุมัติและส่งแผนอีกครั้ง").click()
    expect(page.locator(".messages")).to_contain_text("อนุมัติและส่งแผนไปยังสำนักงานจังหวัดระยองแล้ว")
    check_accessibility(page)
    logout(page)

    # 6. The office accepts the corrected version.
    review(page, live_server, campaign, unit, "รับแผน")
    sub.refresh_from_db()
    assert (sub.state, sub.holder, sub.round) == ("in_review", structure.opdc, 2)
    assert list(unit.member_events.values_list("action", flat=True)) == ["joined", "invited"]
