"""Every component editor of a full demo plan, as a phone (390 px) and a desktop (1366 px) show it:
no sideways scrolling, no label squeezed into a sliver, a team page of a sensible height, and on a
phone the editor before the list of parts, with the findings a link away from the top.

Set PHROM_SCREENSHOTS=/some/dir to keep a screenshot of every editor at both sizes."""

import pytest
from playwright.sync_api import Page, expect

from phrom.demo.builder import build
from phrom.demo.plans import make_plan, template_for
from phrom.plans.content import bangkok_today, component_document
from phrom.plans.editors import COMPONENT_SLUGS
from phrom.plans.editors.html import FOLD_OVER
from phrom.plans.services import create_plan, starter_templates
from tests.helpers.browser import login, no_horizontal_scroll, no_squeezed_labels, shoot
from tests.helpers.people import member

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TALLEST_TEAM_PAGE = 4000  # px: the demo team (12 people) once filled ~25,000 px


@pytest.fixture
def demo_plan(structure):
    """The demo plan of the Rayong provincial health office (PU-21-PHO), as `phrom demo` writes it,
    for the test structure's provincial health office; its coordinator is `health_bcp`."""
    spec = next(s for s in build().specs(1) if s.code == "PU-21-PHO")
    templates = {t.code: t for t in starter_templates()}
    document = make_plan(spec, template_for(spec, templates), today=bangkok_today()).document
    assert len(document["team"]) > FOLD_OVER and document["resources"] and document["procedures"]
    coordinator = member(structure.rayong_unit, username="health_bcp")
    return create_plan(structure.rayong_unit, user=coordinator, template=document)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_editor_fits_the_screen(page: Page, live_server, demo_plan, size):
    page.set_viewport_size(size)
    login(page, live_server, "health_bcp")
    for component, slug in COMPONENT_SLUGS.items():
        page.goto(f"{live_server.url}/plans/{demo_plan.pk}/{slug}/")
        page.evaluate("document.fonts.ready")
        shoot(page, f"editor-{size['width']}-{slug}")
        no_horizontal_scroll(page)
        no_squeezed_labels(page)
        if component == "team":
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height < TALLEST_TEAM_PAGE, height
        form, steps = page.locator("#component-form").bounding_box(), page.locator("#component-steps").bounding_box()
        findings = page.get_by_role("link", name="สิ่งที่แผนยังต้องเพิ่มเติม")
        if size is PHONE:
            # The person came to write this part: the editor first, the other parts after it.
            assert form["y"] < steps["y"], slug
            expect(findings).to_be_in_viewport()
        else:
            assert steps["y"] < form["y"], slug
            expect(findings).to_be_hidden()  # the findings are beside the form
            expect(page.locator("#findings-panel")).to_be_in_viewport()

    # On a phone the link at the top leads to the findings, below the form.
    if size is PHONE:
        page.get_by_role("link", name="สิ่งที่แผนยังต้องเพิ่มเติม").click()
        expect(page.locator("#findings-h")).to_be_in_viewport()


def test_a_folded_person_opens_with_the_fields_side_by_side(page: Page, live_server, demo_plan):
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "health_bcp")
    page.goto(f"{live_server.url}/plans/{demo_plan.pk}/team/")
    people = page.locator("#team-rows [data-row]")
    team = component_document(demo_plan, "team")
    expect(people).to_have_count(len(team))
    head = people.first
    # A long team is a list of people, each with their role and phone: one opens to be edited.
    expect(head).not_to_have_attribute("open", "")
    expect(head.locator("summary")).to_have_text(f"1. {team[0]['name']} หัวหน้าทีมงานบริหารความพร้อมต่อสภาวะวิกฤต · {team[0]['phone']}")
    head.locator("summary").click()
    name, position = head.get_by_label("ชื่อ-สกุล"), head.get_by_label("ตำแหน่ง")
    expect(name).to_be_visible()
    name_box, position_box = name.bounding_box(), position.bounding_box()
    assert name_box["width"] > 150 and position_box["x"] > name_box["x"] and position_box["y"] == name_box["y"]
    no_squeezed_labels(page)
