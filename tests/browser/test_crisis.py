"""Crisis mode in headless Chromium: a coordinator activates a test run of the plan from its page and,
on the live board, sees a person's answer — given through that person's own link, in a browser with
no session — arrive without reloading. Every page is checked with axe-core and at 390 and 1366 px.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from phrom.accounts.models import Membership
from phrom.crisis import services, tokens
from phrom.crisis.models import Activation
from phrom.plans.services import create_plan
from tests.helpers.browser import PHONE, at_both_sizes, check_accessibility, login, no_horizontal_scroll
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.browser


def test_a_test_run_is_activated_and_an_answer_appears_on_the_board(page: Page, live_server, structure, settings):
    settings.PHROM_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"  # configured, never reached: no worker runs here
    unit = structure.rayong_unit
    member(unit, Membership.Role.COORDINATOR, "unit_bcp")
    plan = create_plan(unit, user=None, fiscal_year=2570, template=document())

    login(page, live_server, "unit_bcp")
    page.goto(live_server.url + reverse("plans:overview", args=[plan.pk]))
    page.get_by_role("link", name="เรียกใช้แผน", exact=True).click()
    check_accessibility(page)
    at_both_sizes(page, "crisis-activate")
    page.get_by_label("ทดสอบผังการติดต่อสื่อสาร").check()
    page.get_by_label("ข้อความถึงผู้ได้รับแจ้งเตือน").fill("ทดสอบผังการติดต่อ กรุณาตอบรับ")
    page.get_by_role("button", name="เรียกใช้แผนและแจ้งเตือนทีมงาน").click()
    expect(page.locator(".messages")).to_contain_text("เรียกใช้แผนแล้ว")
    check_accessibility(page)
    expect(page.locator(".crisis-head .badge.test")).to_have_text("การทดสอบ")
    expect(page.locator("#live")).to_contain_text("0 / 3")
    at_both_sizes(page, "crisis-board")
    page.evaluate("window.notReloaded = true")

    # The person answers from their message, on a phone, signed in nowhere.
    activation = Activation.objects.get(plan=plan)
    person = activation.recipients.get(key="m3")
    phone = page.context.browser.new_context(viewport=PHONE, locale="th-TH").new_page()
    phone._phrom_checked = set()
    phone.goto(live_server.url + reverse("crisis:answer", kwargs={"token": tokens.make_token(person)}))
    check_accessibility(phone)
    no_horizontal_scroll(phone)
    expect(phone.locator("body")).to_contain_text("การทดสอบ")
    phone.get_by_label(re.compile("หมายเหตุ")).fill("รถติดน้ำท่วม ไปสำนักงานไม่ได้")
    phone.get_by_role("button", name="ต้องการความช่วยเหลือ").click()
    expect(phone.locator(".done")).to_contain_text("นายวิชัย มั่นคง ตอบว่า “ต้องการความช่วยเหลือ”")
    check_accessibility(phone)
    phone.context.close()

    # The board shows it within a poll or two, the person who needs help first, without a reload.
    expect(page.locator("#live")).to_contain_text("รถติดน้ำท่วม ไปสำนักงานไม่ได้", timeout=15_000)
    expect(page.locator("#live")).to_contain_text("1 / 3")
    expect(page.locator(".crisis-people tbody tr").first).to_contain_text("นายวิชัย มั่นคง")
    assert page.evaluate("window.notReloaded") is True
    check_accessibility(page)
    at_both_sizes(page, "crisis-board-answered")

    # A step ticked after someone closed the activation in another window: the refusal is shown in place.
    services.close(None, activation)
    page.locator("#procedures").get_by_role("button", name=re.compile("ทำเครื่องหมายว่าเสร็จ")).first.click()
    expect(page.locator("#procedures-refused")).to_be_visible()
    expect(page.locator("#procedures-refused")).to_contain_text("ปิดแล้ว")
