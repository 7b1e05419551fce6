"""The pocket cards offline (issue 15): a team member opens the plan's pocket cards page in headless
Chromium, saves it for offline reading, and with the network cut the service worker still serves the
page (with the date of the saved copy) and the cards' PDF; logging out empties the saved copies.
The page is checked with axe-core and at phone and desktop widths.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import re

import pytest
from playwright.sync_api import Page, expect

from phrom.accounts.models import Membership
from phrom.plans.services import create_plan
from tests.helpers.browser import check_accessibility, login, no_horizontal_scroll, shoot
from tests.helpers.people import member
from tests.helpers.plans import document

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def test_the_saved_pocket_cards_are_read_with_the_network_cut(page: Page, live_server, structure):
    unit = structure.rayong_unit
    member(unit, Membership.Role.COORDINATOR, "unit_bcp")
    plan = create_plan(unit, user=None, fiscal_year=2570, template=document())
    login(page, live_server, "unit_bcp")
    url = f"{live_server.url}/documents/plans/{plan.pk}/pocket-cards/"
    page.goto(url)
    expect(page.get_by_role("heading", name="นายวิชัย มั่นคง")).to_be_visible()
    for size, label in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page.set_viewport_size(size)
        no_horizontal_scroll(page)
        shoot(page, f"pocket-cards-{label}")

    page.get_by_role("button", name="บันทึกไว้อ่านแบบออฟไลน์").click()
    expect(page.locator("#offline-status")).to_contain_text("บันทึกแล้ว", timeout=60_000)

    page.context.set_offline(True)
    page.reload()
    check_accessibility(page)
    expect(page.get_by_role("heading", name="นายวิชัย มั่นคง")).to_be_visible()
    expect(page.locator("#offline-note")).to_be_visible()
    expect(page.locator("#offline-note")).to_contain_text(re.compile(r"บันทึกไว้เมื่อ \d+ \S+ 25\d\d"))
    page.set_viewport_size(PHONE)
    shoot(page, "pocket-cards-offline-phone")
    cards = page.evaluate("url => fetch(url).then(r => [r.status, r.headers.get('content-type')])",
                          f"/documents/plans/{plan.pk}/pocket-cards/all.pdf")
    assert cards == [200, "application/pdf"]
    elsewhere = page.evaluate("url => fetch(url).then(r => r.status, () => 'failed')", f"/plans/{plan.pk}/")
    assert elsewhere == "failed"  # only what was saved is there offline
    page.goto(f"{live_server.url}/plans/")  # where the installed app starts: the saved cards instead
    expect(page.get_by_role("heading", name="นายวิชัย มั่นคง")).to_be_visible()

    page.context.set_offline(False)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="ออกจากระบบ").click()
    check_accessibility(page)
    assert page.evaluate("caches.keys()") == []  # contact data does not stay on a shared phone
