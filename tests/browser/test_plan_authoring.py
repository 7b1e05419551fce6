"""Plan authoring end to end in headless Chromium: a new coordinator starts the hospital's plan from
its starter template, fills in a critical process with its RTO, adds a person to the team and to
the call tree by choosing their caller, and watches the completeness score rise beside the form.
Every page and every htmx swap is checked with axe-core.

Set PHROM_SCREENSHOTS=/some/dir to keep screenshots of the pages visited."""

import re

import pytest
from playwright.sync_api import Page, expect

from phrom.plans.content import component_document
from phrom.plans.models import Plan
from tests.helpers.browser import check_accessibility, login, shoot
from tests.helpers.people import member

pytestmark = pytest.mark.browser

PROCESS = "การรับแจ้งเหตุและสั่งการหน่วยปฏิบัติการฉุกเฉิน (1669)"
NEWCOMER = "นางสาวกนกพร ใจเย็น"


def score(page: Page) -> int:
    return int(page.locator("#findings-panel [data-score]").inner_text())


def save_part(page: Page) -> None:
    """Save the component through htmx and wait for the answer to be swapped in."""
    page.get_by_role("button", name="บันทึกส่วนนี้").click()
    expect(page.locator("#saved-status")).to_contain_text("บันทึกแล้ว")
    check_accessibility(page)


def test_new_coordinator_starts_from_a_template_and_the_score_rises(page: Page, live_server, structure):
    member(structure.hospital, username="hospital_bcp")
    login(page, live_server, "hospital_bcp")

    # The home page offers to start the organisation's plan.
    page.get_by_role("link", name="เริ่มจัดทำแผน BCP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("แผน BCP")
    check_accessibility(page)
    template = page.get_by_role("radio", name=re.compile("โรงพยาบาล"))
    expect(template).to_be_checked()  # the hospital template, as the best fit
    shoot(page, "plan-start")
    page.get_by_role("button", name="เริ่มจัดทำแผน").click()
    expect(page.locator(".messages")).to_contain_text("สร้างแผนแล้ว")
    check_accessibility(page)
    shoot(page, "plan-overview")
    plan = Plan.objects.get(organisation=structure.hospital)
    before = score(page)
    page.evaluate("window.phromNoReload = true")

    # Part 5: a new critical process with its MTPD and RTO, as number and unit.
    page.locator(".part-card").get_by_role("link", name=re.compile("การวิเคราะห์ผลกระทบ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("การวิเคราะห์ผลกระทบ")
    check_accessibility(page)
    page.evaluate("window.phromNoReload = true")
    page.get_by_role("button", name="เพิ่มกระบวนการ").click()
    process = page.locator("#process-rows details[data-row]").last
    process.get_by_label("กระบวนการหรืองานบริการ").fill(PROCESS)
    process.get_by_label("ระดับผลกระทบ").select_option("very_high")
    process.get_by_label("ระยะเวลาหยุดชะงักสูงสุดที่ยอมรับได้ (MTPD)", exact=True).fill("1")
    process.get_by_label("หน่วยเวลาของระยะเวลาหยุดชะงักสูงสุดที่ยอมรับได้ (MTPD)").select_option("day")
    process.get_by_label("เป้าหมายระยะเวลาในการฟื้นคืน (RTO)", exact=True).fill("2")
    process.get_by_label("หน่วยเวลาของเป้าหมายระยะเวลาในการฟื้นคืน (RTO)").select_option("hour")
    process.get_by_label("เป้าหมายจุดเวลาในการกู้คืนข้อมูล (RPO)", exact=True).fill("1")
    process.get_by_label("พึ่งพาระบบสารสนเทศและข้อมูล").check()
    check_accessibility(page)
    save_part(page)
    assert page.evaluate("window.phromNoReload") is True  # saved by htmx, the page stayed
    saved = [p for p in component_document(plan, "processes") if p["name"] == PROCESS]
    assert saved and saved[0]["rto_hours"] == 2 and saved[0]["mtpd_hours"] == 24 and saved[0]["rpo_hours"] == 1
    expect(page.locator("#process-rows")).to_contain_text("RTO 2 ชั่วโมง")
    shoot(page, "plan-processes")

    # Part 3: the head's name and phone, and a new person with an alternate.
    page.locator("#component-steps").get_by_role("link", name=re.compile("ทีมงานบริหาร")).click()
    check_accessibility(page)
    head = page.locator("#team-rows [data-row]").first
    head.get_by_label("ชื่อ-สกุล").fill("นายแพทย์ประเสริฐ รักษาดี")
    head.get_by_label("โทรศัพท์").fill("081-234-5678")
    page.get_by_role("button", name="เพิ่มรายชื่อ").click()
    newcomer = page.locator("#team-rows [data-row]").last
    newcomer.get_by_label("ชื่อ-สกุล").fill(NEWCOMER)
    newcomer.get_by_label("ตำแหน่ง").fill("พยาบาลวิชาชีพ ศูนย์รับแจ้งเหตุและสั่งการ")
    newcomer.get_by_label("โทรศัพท์").fill("089-111-2222")
    newcomer.get_by_label("ผู้ปฏิบัติหน้าที่แทน").select_option("m4")
    save_part(page)
    team = component_document(plan, "team")
    assert team[0]["name"] == "นายแพทย์ประเสริฐ รักษาดี" and team[-1]["name"] == NEWCOMER
    newcomer_key = team[-1]["key"]

    # Part 8: the new person is not reached yet; choose who alerts them.
    page.locator("#component-steps").get_by_role("link", name=re.compile("แจ้งเหตุ")).click()
    check_accessibility(page)
    row = page.locator("table.calltree-table tbody tr").filter(has=page.locator("th", has_text=NEWCOMER))
    expect(row).to_contain_text("ยังไม่มีผู้แจ้ง")
    expect(page.locator(f"svg.call-tree g.node.unreached[data-key='{newcomer_key}']")).to_have_count(1)
    caller = row.get_by_label(re.compile(f"ผู้แจ้งเหตุถึง {NEWCOMER}"))
    head_option = caller.locator("option", has_text="นายแพทย์ประเสริฐ รักษาดี").text_content()
    caller.select_option(label=head_option)
    row.get_by_label(re.compile("ลำดับที่")).fill("3")
    row.get_by_label(re.compile("ช่องทางที่ใช้แจ้ง")).select_option("line")
    save_part(page)
    assert {"caller": "m1", "callee": newcomer_key, "order": 3, "channel": "line"} in component_document(plan, "call_tree")
    expect(page.locator(f"svg.call-tree g.node[data-key='{newcomer_key}']")).to_have_count(1)
    expect(page.locator("svg.call-tree g.node.unreached")).to_have_count(0)
    shoot(page, "plan-call-tree")

    after = score(page)
    assert after > before, (before, after)

    # The overview agrees with the panel beside the forms.
    page.get_by_role("navigation", name="แผน").get_by_role("link", name="ภาพรวม").click()
    check_accessibility(page)
    assert score(page) == after
    shoot(page, "plan-overview-after")


def test_errors_are_shown_in_thai_beside_the_field_and_nothing_is_lost(page: Page, live_server, structure):
    from phrom.plans.services import create_plan

    coordinator = member(structure.hospital, username="hospital_bcp")
    plan = create_plan(structure.hospital, user=coordinator, template="hospital")
    login(page, live_server, "hospital_bcp")
    page.goto(f"{live_server.url}/plans/{plan.pk}/processes/")
    first = page.locator("#process-rows details[data-row]").first
    first.evaluate("d => d.open = true")
    first.get_by_label("เป้าหมายระยะเวลาในการฟื้นคืน (RTO)", exact=True).fill("-3")
    page.get_by_role("button", name="เพิ่มกระบวนการ").click()
    added = page.locator("#process-rows details[data-row]").last
    added.get_by_label("กระบวนการหรืองานบริการ").fill("งานที่พิมพ์ไว้แล้วต้องไม่หาย")
    page.get_by_role("button", name="บันทึกส่วนนี้").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("ยังไม่ได้บันทึก")
    check_accessibility(page)
    shoot(page, "plan-errors")
    # The summary links to the field, and the message sits beside it.
    summary.get_by_role("link").first.click()
    rto = page.locator("#f-processes-0-rto_hours")
    expect(rto).to_be_focused()
    expect(page.locator("#f-processes-0-rto_hours-err")).to_contain_text("มากกว่าศูนย์")
    expect(page.get_by_label("กระบวนการหรืองานบริการ").last).to_have_value("งานที่พิมพ์ไว้แล้วต้องไม่หาย")


def test_drag_a_person_onto_their_caller_in_the_picture(page: Page, live_server, structure):
    from phrom.plans.services import create_plan

    coordinator = member(structure.hospital, username="hospital_bcp")
    plan = create_plan(structure.hospital, user=coordinator, template="hospital")
    login(page, live_server, "hospital_bcp")
    page.goto(f"{live_server.url}/plans/{plan.pk}/call-tree/")
    caller = page.locator("select[data-caller-of='m9']")
    expect(caller).to_have_value("m7")
    page.locator("svg.call-tree").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('svg.call-tree').scrollIntoView({block: 'start'})")
    source = page.locator("svg.call-tree g.node[data-key='m9'] rect").bounding_box()
    target = page.locator("svg.call-tree g.node[data-key='m2'] rect").bounding_box()
    page.mouse.move(source["x"] + 30, source["y"] + 20)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 20, steps=10)
    page.mouse.up()
    expect(page.locator("#saved-status")).to_contain_text("บันทึกแล้ว")
    check_accessibility(page)
    expect(page.locator("select[data-caller-of='m9']")).to_have_value("m2")
    links = component_document(plan, "call_tree")
    assert any(link["caller"] == "m2" and link["callee"] == "m9" for link in links)
    assert not any(link["caller"] == "m7" and link["callee"] == "m9" for link in links)


def test_saves_in_place_keep_the_page_open_rows_and_send_only_touched_rows(page: Page, live_server, structure):
    """A save that changes no row's place leaves the form on the page: the row's summary follows,
    an opened row stays open, the next save carries the new revision, nothing is marked unsaved,
    and rows nobody touched travel as "kept" (their token only)."""
    from phrom.plans.services import create_plan

    coordinator = member(structure.hospital, username="hospital_bcp")
    plan = create_plan(structure.hospital, user=coordinator, template="hospital")
    login(page, live_server, "hospital_bcp")
    page.goto(f"{live_server.url}/plans/{plan.pk}/processes/")
    page.evaluate("window.phromNoReload = true")
    first = page.locator("#process-rows details[data-row]").first
    first.evaluate("d => d.open = true")
    rto = first.get_by_label("เป้าหมายระยะเวลาในการฟื้นคืน (RTO)", exact=True)
    rto.fill("3")
    first.get_by_label("หน่วยเวลาของเป้าหมายระยะเวลาในการฟื้นคืน (RTO)").select_option("hour")
    with page.expect_request(lambda r: r.method == "POST") as sent:
        page.get_by_role("button", name="บันทึกส่วนนี้").click()
    body = sent.value.post_data
    assert "kept-processes=" in body and "processes-1-name" not in body and "processes-0-rto_hours=3" in body
    expect(page.locator("#saved-status")).to_contain_text("บันทึกแล้ว")
    check_accessibility(page)
    expect(first).to_have_attribute("open", "")
    expect(first.locator("summary")).to_contain_text("RTO 3 ชั่วโมง")
    assert page.evaluate("window.phromNoReload") is True
    assert page.evaluate("document.getElementById('component-form').dataset.dirty") is None
    assert component_document(plan, "processes")[0]["rto_hours"] == 3

    rto.fill("5")  # a second save on the same page: it carries the revision of the first
    page.get_by_role("button", name="บันทึกส่วนนี้").click()
    expect(page.locator("#saved-status")).to_contain_text("บันทึกแล้ว")
    expect(first.locator("summary")).to_contain_text("RTO 5 ชั่วโมง")
    assert component_document(plan, "processes")[0]["rto_hours"] == 5

    # A person renamed: the other rows' alternate choices follow without reloading the page.
    page.goto(f"{live_server.url}/plans/{plan.pk}/team/")
    second = page.locator("#team-rows [data-row]").nth(1)
    second.get_by_label("ชื่อ-สกุล").fill("นางสาวกนกพร ใจเย็น")
    page.get_by_role("button", name="บันทึกส่วนนี้").click()
    expect(page.locator("#saved-status")).to_contain_text("บันทึกแล้ว")
    check_accessibility(page)
    key = component_document(plan, "team")[1]["key"]
    expect(page.locator(f"#f-team-0-alternate option[value='{key}']")).to_contain_text("นางสาวกนกพร ใจเย็น")
