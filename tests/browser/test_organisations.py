"""The foundation end to end in headless Chromium: log in, search the directory in Thai, open an
organisation and its route, switch language, browse a ministry's tree, use it on a phone.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from phrom.core.thaidates import format_date
from tests.helpers.browser import check_accessibility, login, no_horizontal_scroll, shoot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def result_names(page: Page) -> list[str]:
    return page.locator("#results tbody tr td:first-child").all_inner_texts()


def test_search_in_thai_and_open_a_route(page: Page, live_server, structure, province_user):
    login(page, live_server, "rayong_office")
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="หน่วยงาน").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("หน่วยงาน")
    check_accessibility(page)

    # Live search: typing updates the results through htmx, without reloading the page.
    page.evaluate("window.phromNoReload = true")
    search = page.get_by_role("searchbox")
    search.press_sequentially("ระยอง", delay=30)
    expect(page).to_have_url(re.compile(r"q=%E0%B8%A3%E0%B8%B0%E0%B8%A2%E0%B8%AD%E0%B8%87"))
    expect(page.locator("#results tbody tr")).to_have_count(5)
    assert sorted(result_names(page)) == sorted([
        "สำนักงานจังหวัดระยอง", "ศูนย์การแพทย์ระยอง", "สำนักงานสาธารณสุขจังหวัดระยอง",
        "โรงพยาบาลระยอง", "เทศบาลเมืองระยอง",
    ])
    assert page.evaluate("window.phromNoReload") is True
    check_accessibility(page)
    shoot(page, "orgs-search-rayong")

    search.fill("")
    search.press_sequentially("เทศบาล", delay=30)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert result_names(page) == ["เทศบาลเมืองระยอง"]
    assert page.evaluate("window.phromNoReload") is True
    check_accessibility(page)

    # A central-agency unit: its plan goes to its department, then OPDC; the provincial office is informed.
    search.fill("ศูนย์การแพทย์")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="ศูนย์การแพทย์ระยอง").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ศูนย์การแพทย์ระยอง")
    check_accessibility(page)
    shoot(page, "org-detail")

    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("CU21-DMS")
    expect(facts).to_contain_text("หน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาค")  # kind
    expect(facts.get_by_role("link", name="กรมการแพทย์")).to_be_visible()  # parent
    expect(facts).to_contain_text("ระยอง (21)")  # province
    steps = page.locator("ol.route > li")
    expect(steps).to_have_count(3)
    assert [t.split("\n")[0] for t in steps.all_inner_texts()] == [
        "ศูนย์การแพทย์ระยอง", "กรมการแพทย์", "สำนักงาน ก.พ.ร.",
    ]
    route_card = page.locator("section", has=page.locator("#route-h"))
    expect(route_card.locator("ul").get_by_role("link", name="สำนักงานจังหวัดระยอง")).to_be_visible()

    # The route's links lead on to the collectors' own pages.
    steps.get_by_role("link", name="กรมการแพทย์").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("กรมการแพทย์")
    check_accessibility(page)


def test_language_switch_and_dates(page: Page, live_server, structure, province_user):
    login(page, live_server, "rayong_office")  # the browser asks for English; Phrom starts in Thai
    today = timezone.localdate()
    with translation.override("th"):
        thai_today = format_date(today)
    with translation.override("en"):
        english_today = format_date(today)
    assert re.fullmatch(r"\d{1,2} \S+ 25\d\d", thai_today)

    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("time")).to_have_text(thai_today)
    expect(page.get_by_text("ปีงบประมาณ พ.ศ.")).to_be_visible()
    shoot(page, "home-th")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    check_accessibility(page)
    expect(page.locator("time")).to_have_text(english_today)
    expect(page.get_by_role("link", name="Organisations", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    shoot(page, "home-en")

    # The choice sticks while browsing.
    page.get_by_role("link", name="Organisations", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    check_accessibility(page)

    page.get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text("หน่วยงาน")  # back on the same page
    check_accessibility(page)

    page.get_by_role("link", name="หน้าหลัก").click()
    expect(page.locator("time")).to_have_text(thai_today)
    check_accessibility(page)


def test_tree_of_a_ministry(page: Page, live_server, structure, province_user):
    login(page, live_server, "rayong_office")
    page.goto(f"{live_server.url}/orgs/MOPH/")
    page.locator("a[href$='/orgs/MOPH/tree/']").click()
    expect(page).to_have_url(re.compile(r"/orgs/MOPH/tree/$"))
    check_accessibility(page)
    tree = page.locator("ul.tree")
    expect(tree.get_by_role("link", name="กระทรวงสาธารณสุข")).to_be_visible()
    expect(tree.get_by_role("link", name="กรมการแพทย์")).to_be_visible()
    expect(tree.get_by_role("link", name="สำนักงานสาธารณสุขจังหวัดระยอง")).to_be_visible()
    # Deeper branches start closed and open from the keyboard.
    grandchild = tree.get_by_role("link", name="ศูนย์การแพทย์ระยอง")
    expect(grandchild).to_be_hidden()
    branch = tree.locator("xpath=.//li[a[normalize-space()='กรมการแพทย์']]/details/summary")
    branch.focus()
    page.keyboard.press("Enter")
    expect(grandchild).to_be_visible()
    check_accessibility(page)
    shoot(page, "tree-moph")
    grandchild.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ศูนย์การแพทย์ระยอง")
    check_accessibility(page)


def test_failed_login_shows_a_thai_error_and_logout_works(page: Page, live_server, structure, province_user):
    page.goto(f"{live_server.url}/")  # anonymous: sent to the login page
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    check_accessibility(page)
    page.get_by_label("ชื่อผู้ใช้").fill("rayong_office")
    page.get_by_label("รหัสผ่าน").fill("not-the-password-1")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("รหัสผ่านที่ถูกต้อง")
    expect(page.get_by_label("ชื่อผู้ใช้")).to_have_value("rayong_office")
    check_accessibility(page)
    shoot(page, "login-failed")

    page.get_by_label("รหัสผ่าน").fill("Phrom-test-2570")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page).to_have_url(f"{live_server.url}/")
    check_accessibility(page)
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    check_accessibility(page)
    page.goto(f"{live_server.url}/orgs/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/orgs/$"))


def test_lock_out_and_forgotten_password_pages(page: Page, live_server, structure, province_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(2):
        page.get_by_label("ชื่อผู้ใช้").fill("rayong_office")
        page.get_by_label("รหัสผ่าน").fill("not-the-password-1")
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        page.wait_for_load_state()
        check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("เข้าสู่ระบบไม่สำเร็จเกินจำนวนครั้งที่กำหนด")
    shoot(page, "locked-out")
    page.get_by_role("link", name="กลับไปหน้าเข้าสู่ระบบ").click()
    check_accessibility(page)
    page.get_by_role("link", name="ลืมรหัสผ่าน?").click()
    expect(page).to_have_url(re.compile(r"/accounts/password_reset/$"))
    check_accessibility(page)
    shoot(page, "password-reset")


def test_keyboard_user_can_skip_to_content(page: Page, live_server, structure, province_user):
    login(page, live_server, "rayong_office")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="ข้ามไปยังเนื้อหา")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_usable_on_a_phone(page: Page, live_server, structure, province_user):
    page.set_viewport_size(PHONE)
    login(page, live_server, "rayong_office")
    no_horizontal_scroll(page)
    shoot(page, "phone-home")
    for path, name in [
        ("/orgs/?q=ระยอง", "phone-search"),
        ("/orgs/CU21-DMS/", "phone-detail"),
        ("/orgs/MOPH/tree/", "phone-tree"),
    ]:
        page.goto(f"{live_server.url}{path}")
        no_horizontal_scroll(page)
        shoot(page, name)
    # On a phone the result table reads as a list of cards, each cell labelled.
    page.goto(f"{live_server.url}/orgs/?q=เทศบาล")
    row = page.locator("#results tbody tr").first
    expect(row.get_by_role("link", name="เทศบาลเมืองระยอง")).to_be_visible()
    expect(page.locator("#results thead")).not_to_be_in_viewport()
    no_horizontal_scroll(page)


def test_api_documentation_works_offline(page: Page, live_server, structure, province_user):
    login(page, live_server, "rayong_office")
    page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name="API").click()
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible(timeout=15_000)
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/organisations/{code}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Swagger UI (third-party) puts a focusable link inside each operation's toggle button; every
    # other rule, colour contrast included, is checked on its page.
    check_accessibility(page, skip_rules=("nested-interactive",))
    shoot(page, "api-docs")
