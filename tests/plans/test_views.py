"""The plan authoring pages: each component's form round trip, concurrency refusal with the input
kept, Thai errors beside their fields, findings linking to fields, versions, attachment, starting
a plan, and who may see and do what."""

import copy
import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from phrom.accounts.models import Membership
from phrom.plans.codes import Classification, Status
from phrom.plans.content import apply_component, component_document, export_document
from phrom.plans.formatting import format_thai_date
from phrom.plans.models import ChecklistAnswer, Plan, PlanAudit
from phrom.plans.quality import check_stored_plan
from phrom.plans.services import create_plan
from tests.helpers.people import member
from tests.helpers.plans import FULL

from .formdata import as_post, as_sent_by_script, element_ids, read_form, replace, value_of

SLUGS = {
    "header": "details", "scope": "scope", "impacts": "impacts", "team": "team", "strategies": "strategies",
    "processes": "processes", "resources": "resources", "procedures": "procedures", "call_tree": "call-tree",
}


def edit_url(plan, component):
    return reverse("plans:edit", args=[plan.pk, SLUGS[component]])


def page_form(client, plan, component):
    response = client.get(edit_url(plan, component))
    assert response.status_code == 200
    return response, read_form(response.content.decode())


def save(client, plan, component, fields, **kwargs):
    return client.post(edit_url(plan, component), as_post(fields), **kwargs)


def field_errors(html: str, element_id: str) -> str:
    """The text of the error list placed beside one field (id "<field>-err")."""
    match = re.search(rf'<ul class="errorlist" id="{re.escape(element_id)}-err">(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("component", list(SLUGS))
def test_each_page_posts_back_what_it_shows(logged_in, plan, component):
    """A page saved without touching anything changes nothing: the form shows the data exactly."""
    before = export_document(plan)
    _response, fields = page_form(logged_in, plan, component)
    response = save(logged_in, plan, component, fields, follow=True)
    assert response.status_code == 200
    assert "ไม่มีการเปลี่ยนแปลง" in response.content.decode()
    plan.refresh_from_db()
    assert export_document(plan) == before


@pytest.mark.parametrize("template", ["hospital", "province", "local_government"])
def test_pages_of_a_starter_template_plan_post_back_unchanged(client, structure, template):
    coordinator = member(structure.hospital)
    plan = create_plan(structure.hospital, user=coordinator, template=template, fiscal_year=2569)
    client.force_login(coordinator)
    before = export_document(plan)
    for component in SLUGS:
        _r, fields = page_form(client, plan, component)
        assert save(client, plan, component, fields).status_code == 302, component
    plan.refresh_from_db()
    assert export_document(plan) == before
    assert plan.revision == 1  # nothing was saved as a change


def test_header_round_trip_with_buddhist_era_dates(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "header")
    fields = replace(fields, "title", "แผน BCP ฉบับทบทวน พ.ศ. 2569")
    fields = replace(fields, "reviewed_on", "15/10/2568")
    fields = replace(fields, "exercised_on", "๒/๑๑/๒๕๖๘")  # Thai digits too
    response = save(logged_in, plan, "header", fields, follow=True)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.title == "แผน BCP ฉบับทบทวน พ.ศ. 2569"
    assert plan.reviewed_on.isoformat() == "2025-10-15" and plan.exercised_on.isoformat() == "2025-11-02"
    html = logged_in.get(edit_url(plan, "header")).content.decode()
    assert 'value="15/10/2568"' in html and 'value="02/11/2568"' in html


def test_scope_round_trip_keeps_notes_and_adds_scenarios(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "scope")
    fields = replace(fields, "objectives", "เพื่อให้บริการประชาชนได้ต่อเนื่อง")
    fields.append(("scenario", "fire"))
    fields = replace(fields, "scenario-note-fire", "อาคารเก่า")
    # The agency's own scenario, added in the browser: a new row token and no code yet.
    fields += [("rows-custom", "nx1"), ("custom-nx1-code", ""), ("custom-nx1-name_th", "สารเคมีรั่วไหลจากโรงงานข้างเคียง"),
               ("custom-nx1-name_en", ""), ("custom-nx1-note", "")]
    assert save(logged_in, plan, "scope", fields).status_code == 302
    plan.refresh_from_db()
    scope = component_document(plan, "scope")
    assert scope["objectives"] == "เพื่อให้บริการประชาชนได้ต่อเนื่อง"
    codes = [s["code"] for s in scope["scenarios"]]
    assert codes[:4] == ["epidemic", "flood", "cyber", "custom-1"]  # kept where they were
    assert "fire" in codes and {"code": "fire", "note": "อาคารเก่า"} in scope["scenarios"]
    assert any(s.get("name_th") == "สารเคมีรั่วไหลจากโรงงานข้างเคียง" and s["code"] == "custom-2" for s in scope["scenarios"])
    html = logged_in.get(edit_url(plan, "scope")).content.decode()
    assert 'id="f-scope-scenarios-fire" name="scenario" value="fire" checked' in html
    assert "สารเคมีรั่วไหลจากโรงงานข้างเคียง" in html


def test_impact_grid_round_trip(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "impacts")
    fields = replace(fields, "impact-flood-it", "on")
    fields = replace(fields, "impact-flood-it-note", "ห้องเซิร์ฟเวอร์อยู่ชั้นล่าง")
    fields = replace(fields, "impact-epidemic-personnel", None)  # untick
    fields = replace(fields, "impact-epidemic-personnel-note", "")
    assert save(logged_in, plan, "impacts", fields).status_code == 302
    cells = {(r["scenario"], r["category"]): r for r in component_document(plan, "impacts")}
    assert cells[("flood", "it")] == {"scenario": "flood", "category": "it", "impacted": True,
                                      "note": "ห้องเซิร์ฟเวอร์อยู่ชั้นล่าง"}
    assert ("epidemic", "personnel") not in cells
    html = logged_in.get(edit_url(plan, "impacts")).content.decode()
    assert 'id="f-impacts-flood-it" name="impact-flood-it" value="on" checked' in html


def test_team_round_trip_adds_a_person_with_a_new_key(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "team")
    new = {"key": "", "name": "นางมาลี ศรีสุข", "position": "เจ้าพนักงานธุรการ", "role": "member", "team": "ทีมสนับสนุน",
           "phone": "02-123-4567", "email": "malee@example.go.th", "line_id": "malee", "alternate": "m3"}
    fields += [("rows-team", "nabc")] + [(f"team-nabc-{k}", v) for k, v in new.items()]
    assert save(logged_in, plan, "team", fields).status_code == 302
    team = component_document(plan, "team")
    assert len(team) == 4
    assert team[3] | {"key": None} == {**new, "key": None}
    assert team[3]["key"] == "m4"
    html = logged_in.get(edit_url(plan, "team")).content.decode()
    assert 'value="นางมาลี ศรีสุข"' in html


def test_team_remove_a_person_empties_their_steps(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "team")
    token = next(v for n, v in fields if n == "rows-team" and value_of(fields, f"team-{v}-key") == "m3")
    fields = [(n, v) for n, v in fields if not (n == "rows-team" and v == token) and not n.startswith(f"team-{token}-")]
    fields = [(n, "" if v == "m3" and n.endswith("-alternate") else v) for n, v in fields]
    assert save(logged_in, plan, "team", fields).status_code == 302
    assert [m["key"] for m in component_document(plan, "team")] == ["m1", "m2"]
    steps = component_document(plan, "procedures")
    assert steps[2]["activity"] == "กู้คืนระบบสารสนเทศ" and steps[2]["owner"] is None


def test_strategies_round_trip_by_category(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "strategies")
    fields += [("rows-strategies", "nq"), ("strategies-nq-category", "supply"),
               ("strategies-nq-strategy", "ทำสัญญาจัดซื้อสำรองกับผู้ขายรายที่สอง"), ("strategies-nq-digital", "on")]
    assert save(logged_in, plan, "strategies", fields).status_code == 302
    assert {"category": "supply", "strategy": "ทำสัญญาจัดซื้อสำรองกับผู้ขายรายที่สอง", "digital": True} in component_document(
        plan, "strategies")
    html = logged_in.get(edit_url(plan, "strategies")).content.decode()
    supply = html[html.index('id="f-strategies-supply"'):html.index('id="f-strategies-it"')]
    assert "ทำสัญญาจัดซื้อสำรองกับผู้ขายรายที่สอง" in supply


def test_processes_round_trip_with_durations_in_units(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "processes")
    assert value_of(fields, "processes-1-mtpd_hours") == "2" and value_of(fields, "processes-1-mtpd_hours_unit") == "week"
    new = {"key": "", "name": "การจ่ายเงินเดือนบุคลากร", "mission": "บริหารงานบุคคล", "impact_level": "high",
           "mtpd_hours": "1", "mtpd_hours_unit": "month", "rto_hours": "2", "rto_hours_unit": "week",
           "rpo_hours": "1", "rpo_hours_unit": "day", "depends_on_it": "on", "impact_over_time-1w": "บุคลากรขาดรายได้"}
    fields += [("rows-processes", "np")] + [(f"processes-np-{k}", v) for k, v in new.items()]
    assert save(logged_in, plan, "processes", fields).status_code == 302
    p = component_document(plan, "processes")[2]
    assert p == {"key": "p3", "name": "การจ่ายเงินเดือนบุคลากร", "mission": "บริหารงานบุคคล", "impact_level": "high",
                 "mtpd_hours": 720, "rto_hours": 336, "rpo_hours": 24, "depends_on_it": True, "eservice": False,
                 "impact_over_time": {"1w": "บุคลากรขาดรายได้"}}
    _r, fields = page_form(logged_in, plan, "processes")
    assert value_of(fields, "processes-2-rto_hours") == "2" and value_of(fields, "processes-2-rto_hours_unit") == "week"


def test_resources_round_trip(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "resources")
    fields += [("rows-resources", "nr"), ("resources-nr-process", "p1"), ("resources-nr-category", "building"),
               ("resources-nr-item", "พื้นที่ปฏิบัติงานสำรอง"), ("resources-nr-unit", "ตร.ม."),
               ("resources-nr-quantities-1d", "1,500"), ("resources-nr-quantities-1m", "2000")]
    assert save(logged_in, plan, "resources", fields).status_code == 302
    # Stored with the other resources of its process.
    assert component_document(plan, "resources")[1] == {
        "process": "p1", "category": "building", "item": "พื้นที่ปฏิบัติงานสำรอง", "unit": "ตร.ม.",
        "quantities": {"1d": 1500, "1m": 2000}}
    html = logged_in.get(edit_url(plan, "resources")).content.decode()
    group = html[html.index('id="f-resources-p1"'):html.index('id="f-resources-p2"')]
    assert "พื้นที่ปฏิบัติงานสำรอง" in group


def test_procedures_round_trip_numbers_new_steps_in_their_window(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "procedures")
    fields += [("rows-procedures", "ns"), ("procedures-ns-window", "d1_7"), ("procedures-ns-order", ""),
               ("procedures-ns-activity", "แจ้งประชาชนถึงช่องทางบริการชั่วคราว"), ("procedures-ns-owner", "m2"),
               ("procedures-ns-process", "p2")]
    assert save(logged_in, plan, "procedures", fields).status_code == 302
    step = component_document(plan, "procedures")[3]  # after the other steps of days 1–7
    assert step == {"window": "d1_7", "order": 2, "activity": "แจ้งประชาชนถึงช่องทางบริการชั่วคราว", "owner": "m2",
                    "process": "p2"}


def test_call_tree_round_trip_by_choosing_callers(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "call_tree")
    fields = replace(fields, "ct-m3-caller", "m1")
    fields = replace(fields, "ct-m3-order", "2")
    fields = replace(fields, "ct-m3-channel", "sms")
    assert save(logged_in, plan, "call_tree", fields).status_code == 302
    links = component_document(plan, "call_tree")
    assert {"caller": "m1", "callee": "m3", "order": 2, "channel": "sms"} in links
    assert not any(link["caller"] == "m2" and link["callee"] == "m3" for link in links)
    html = logged_in.get(edit_url(plan, "call_tree")).content.decode()
    assert '<svg class="call-tree"' in html and 'data-key="m3"' in html


def test_call_tree_shows_unreached_people_and_circles(logged_in, plan, coordinator):
    links = [{"caller": None, "callee": "m1", "order": 1, "channel": "phone"},
             {"caller": "m2", "callee": "m3", "order": 1, "channel": "phone"},
             {"caller": "m3", "callee": "m2", "order": 1, "channel": "line"}]
    apply_component(plan, "call_tree", links, user=coordinator, expected_revision=plan.component_revision("call_tree"))
    html = logged_in.get(edit_url(plan, "call_tree")).content.decode()
    assert html.count('class="node unreached cycle"') == 2
    assert "ไม่มีผู้แจ้ง" in html or "ยังไม่มีใครแจ้ง" in html
    assert "วนเป็นวงกลม" in html or "วนกลับ" in html


def test_extra_call_tree_links_are_kept(logged_in, plan, coordinator):
    links = [*FULL["call_tree"], {"caller": "m1", "callee": "m3", "order": 2, "channel": "sms"}]
    apply_component(plan, "call_tree", links, user=coordinator, expected_revision=plan.component_revision("call_tree"))
    _r, fields = page_form(logged_in, plan, "call_tree")
    save(logged_in, plan, "call_tree", fields)
    assert component_document(plan, "call_tree") == links


# ------------------------------------------------------------------ htmx saves and the findings panel


def test_htmx_save_swaps_the_form_and_the_findings_panel(logged_in, plan):
    before = check_stored_plan(plan).score
    _r, fields = page_form(logged_in, plan, "header")
    fields = replace(fields, "reviewed_on", format_thai_date(timezone.localdate() - datetime.timedelta(days=10)))
    response = save(logged_in, plan, "header", fields, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="component-region">')
    assert 'id="findings-panel" aria-labelledby="findings-h" hx-swap-oob="true"' in html
    assert 'id="component-steps" aria-label' in html and 'hx-swap-oob="true"' in html
    plan.refresh_from_db()
    after = check_stored_plan(plan).score
    assert after > before
    assert f'data-score>{after}<' in html
    assert "บันทึกแล้ว" in html


# ------------------------------------------------------------------ htmx saves that leave the form in place

HTMX = {"HX-Request": "true"}


def htmx_save(client, plan, component, page_fields, fields):
    """Save as plan-edit.js does: untouched rows sent as kept, each list's order as one value."""
    return save(client, plan, component, as_sent_by_script(page_fields, fields), headers=HTMX)


def oob_rows(html: str) -> dict[str, str]:
    """The rows an in-place answer draws again: element id (or the id it replaces) -> its markup."""
    rows = {}
    for markup in re.findall(r"<template>(.*?)</template>", html, re.S):
        match = re.search(r'\bid="([^"]+)"[^>]*hx-swap-oob="([^"]+)"', markup)
        if match:
            target = match.group(2).split("#", 1)[1] if match.group(2).startswith("outerHTML:") else match.group(1)
            rows[target] = markup
    return rows


def test_htmx_save_of_a_list_sends_back_only_the_rows_it_changed(logged_in, plan):
    page, fields = page_form(logged_in, plan, "processes")
    revision = plan.component_revision("processes")
    changed = replace(fields, "processes-0-rto_hours", "48")  # two days: more than its MTPD, shown in days
    response = htmx_save(logged_in, plan, "processes", fields, changed)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#save-status" and response["HX-Reswap"] == "innerHTML"
    html = response.content.decode()
    assert html.startswith('<p class="alert success" role="status" id="saved-status">') and "บันทึกแล้ว" in html
    assert 'id="component-form"' not in html  # the form stays on the page
    plan.refresh_from_db()
    assert component_document(plan, "processes")[0]["rto_hours"] == 48
    assert re.search(rf'name="revision" id="component-revision" value="{revision + 1}" hx-swap-oob="true"', html)
    assert 'id="findings-panel" aria-labelledby="findings-h" hx-swap-oob="true"' in html
    assert f'data-score>{check_stored_plan(plan).score}<' in html
    assert 'id="component-steps"' in html
    rows = oob_rows(html)
    assert list(rows) == ["f-processes-0"]  # process 2 did not change
    row = rows["f-processes-0"]
    assert 'name="processes-0-rto_hours" value="2"' in row and '<option value="day" selected>' in row
    assert "RTO 2 วัน" in row  # the folded row's summary follows
    assert 'data-keep="processes:0"' in row


def test_htmx_save_of_a_row_added_at_the_end_draws_that_row_with_its_key(logged_in, plan):
    page, fields = page_form(logged_in, plan, "team")
    new = {"key": "", "name": "นางมาลี ศรีสุข", "position": "เจ้าพนักงานธุรการ", "role": "member", "team": "ทีมธุรการ",
           "phone": "02-123-4567", "email": "", "line_id": "", "alternate": "m3"}
    added = fields + [("rows-team", "nabc")] + [(f"team-nabc-{k}", v) for k, v in new.items()]
    html = htmx_save(logged_in, plan, "team", fields, added).content.decode()
    assert component_document(plan, "team")[3]["key"] == "m4"
    rows = oob_rows(html)
    assert list(rows) == ["f-team-nabc"]  # the browser's row, replaced by the stored one
    assert 'id="f-team-3"' in rows["f-team-nabc"] and 'name="team-3-key" value="m4"' in rows["f-team-nabc"]
    # The new person can now be chosen as an alternate: the list of people is sent again.
    people = re.search(r'<script id="options-members" type="application/json" hx-swap-oob="true" data-refresh>(.*?)</script>',
                       html).group(1)
    assert ["m4", "นางมาลี ศรีสุข (เจ้าพนักงานธุรการ)"] in json.loads(people)
    assert '<datalist id="team-names" hx-swap-oob="true">' in html and 'value="ทีมธุรการ"' in html


def test_htmx_save_that_moves_rows_draws_the_whole_form_again(logged_in, plan):
    """A step added to the first day takes a place before the later windows' steps: their ids
    (the findings' anchors) move, so the form is drawn again."""
    page, fields = page_form(logged_in, plan, "procedures")
    added = fields + [("rows-procedures", "ns"), ("procedures-ns-window", "day1"), ("procedures-ns-order", ""),
                      ("procedures-ns-activity", "ตั้งศูนย์ปฏิบัติการฉุกเฉิน"), ("procedures-ns-owner", "m1"),
                      ("procedures-ns-process", "")]
    response = htmx_save(logged_in, plan, "procedures", fields, added)
    html = response.content.decode()
    assert "HX-Retarget" not in response and html.startswith('<div id="component-region">')
    assert component_document(plan, "procedures")[2]["activity"] == "ตั้งศูนย์ปฏิบัติการฉุกเฉิน"
    assert re.search(r'id="f-procedures-2-activity"[^>]*>ตั้งศูนย์ปฏิบัติการฉุกเฉิน<', html)


def test_rows_sent_as_kept_are_saved_as_the_page_showed_them(logged_in, plan):
    before = component_document(plan, "team")
    page, fields = page_form(logged_in, plan, "team")
    changed = replace(fields, "team-1-phone", "089-999-8888")
    sent = as_sent_by_script(fields, changed)
    assert ("kept-team", "0,2") in sent and not any(n.startswith(("team-0-", "team-2-")) for n, _v in sent)
    assert save(logged_in, plan, "team", sent, headers=HTMX).status_code == 200
    after = component_document(plan, "team")
    assert after[1]["phone"] == "089-999-8888"
    assert after[0] == before[0] and after[2] == before[2]


def test_call_tree_rows_sent_as_kept(logged_in, plan):
    page, fields = page_form(logged_in, plan, "call_tree")
    changed = replace(fields, "ct-m3-caller", "m1")
    sent = as_sent_by_script(fields, changed)
    assert ("kept-ct", "m1,m2") in sent
    html = save(logged_in, plan, "call_tree", sent, headers=HTMX).content.decode()
    links = component_document(plan, "call_tree")
    assert links[:2] == FULL["call_tree"][:2] and {"caller": "m1", "callee": "m3", "order": 1, "channel": "phone"} in links
    assert list(oob_rows(html)) == ["ct-row-m3"]
    assert '<figure class="call-tree-figure" id="call-tree-picture" hx-swap-oob="true">' in html


def test_call_tree_save_redraws_the_rows_whose_reach_changed(logged_in, plan):
    page, fields = page_form(logged_in, plan, "call_tree")
    changed = replace(fields, "ct-m2-caller", "")  # m2 out of the tree: m3, alerted by m2, is not reached either
    html = htmx_save(logged_in, plan, "call_tree", fields, changed).content.decode()
    rows = oob_rows(html)
    assert set(rows) == {"ct-row-m2", "ct-row-m3"}
    assert 'class="not-reached"' in rows["ct-row-m3"] and "ยังไม่มีผู้แจ้ง" in rows["ct-row-m3"]
    assert html.count('class="node unreached') == 2


def test_renaming_a_person_sends_the_list_of_people_again(logged_in, plan):
    page, fields = page_form(logged_in, plan, "team")
    changed = replace(fields, "team-2-name", "นายวิชัย มั่นคงดี")
    html = htmx_save(logged_in, plan, "team", fields, changed).content.decode()
    assert list(oob_rows(html)) == ["f-team-2"]
    assert re.search(r'id="options-members"[^>]*data-refresh>[^<]*นายวิชัย มั่นคงดี', html)
    # A phone number changes no name: no list.
    page, fields = page_form(logged_in, plan, "team")
    html = htmx_save(logged_in, plan, "team", fields, replace(fields, "team-2-phone", "038-611-999")).content.decode()
    assert 'id="options-members"' not in html and 'id="team-names"' not in html


def test_stale_save_with_kept_rows_shows_them_as_the_page_had_them(logged_in, plan, structure):
    page, fields = page_form(logged_in, plan, "team")
    other = member(structure.rayong_unit, username="other_coordinator")
    theirs = component_document(plan, "team")
    theirs[2]["phone"] = "038-000-000"
    apply_component(plan, "team", theirs, user=other, expected_revision=plan.component_revision("team"))
    changed = replace(fields, "team-0-position", "นายแพทย์สาธารณสุขจังหวัดระยอง")
    html = htmx_save(logged_in, plan, "team", fields, changed).content.decode()
    assert 'id="stale-alert"' in html and 'value="นายแพทย์สาธารณสุขจังหวัดระยอง"' in html
    assert 'value="038 611 234"' in html and 'value="038-000-000"' not in html  # the untouched row as this page had it
    assert 'name="rerender" value="1"' in html  # the next save sends every field and draws the form again
    current = re.search(r'name="overwrite" value="(\d+)"', html).group(1)
    again = read_form(html.replace('<div id="component-region">', '<div>'))
    response = save(logged_in, plan, "team", [*again, ("overwrite", current)], headers=HTMX)
    assert response.content.decode().startswith('<div id="component-region">')
    team = component_document(plan, "team")
    assert team[0]["position"] == "นายแพทย์สาธารณสุขจังหวัดระยอง" and team[2]["phone"] == "038 611 234"


def test_after_an_error_the_next_save_draws_the_form_again(logged_in, plan):
    page, fields = page_form(logged_in, plan, "processes")
    html = htmx_save(logged_in, plan, "processes", fields, replace(fields, "processes-0-rto_hours", "สี่")).content.decode()
    assert 'id="error-summary"' in html and 'name="rerender" value="1"' in html
    again = replace(read_form(html), "processes-0-rto_hours", "6")
    response = save(logged_in, plan, "processes", again, headers=HTMX)
    html = response.content.decode()
    assert html.startswith('<div id="component-region">') and 'id="saved-status"' in html
    assert 'id="error-summary"' not in html and component_document(plan, "processes")[0]["rto_hours"] == 6


def test_every_finding_links_to_an_element_on_its_page(logged_in, structure, coordinator):
    doc = copy.deepcopy(FULL)
    doc["team"][2]["alternate"] = None
    doc["team"][2]["phone"] = ""
    doc["processes"][0]["rto_hours"] = 48  # longer than its MTPD
    doc["processes"][1]["rto_hours"] = None
    doc["procedures"][1]["owner"] = None
    doc["impacts"] = [r for r in doc["impacts"] if r["scenario"] != "flood"]
    doc["call_tree"] = doc["call_tree"][:2]
    doc["scope"]["long_crisis"] = False
    plan = create_plan(structure.dopa, user=member(structure.dopa), fiscal_year=2569, template=doc)
    logged_in.force_login(Membership.objects.get(organisation=structure.dopa).user)
    html = logged_in.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    links = set(re.findall(r'<a href="(/plans/\d+/[\w-]+/)#([\w-]+)" data-finding="(\w+)"', html))
    codes = {c for _u, _a, c in links}
    assert {"member_without_alternate", "member_without_contact", "rto_exceeds_mtpd", "process_without_rto",
            "step_without_owner", "scenario_without_impact", "calltree_unreached_member", "long_crisis_not_covered",
            "not_reviewed_12_months"} <= codes
    pages = {}
    for url, anchor, code in links:
        if url not in pages:
            pages[url] = element_ids(logged_in.get(url).content.decode())
        assert anchor in pages[url], (code, url, anchor)


def test_findings_of_an_empty_plan_link_to_their_parts(client, structure):
    coordinator = member(structure.dopa)
    plan = create_plan(structure.dopa, user=coordinator, fiscal_year=2569)
    client.force_login(coordinator)
    html = client.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    links = set(re.findall(r'<a href="(/plans/\d+/[\w-]+/)#([\w-]+)" data-finding="(\w+)"', html))
    assert {c for _u, _a, c in links} >= {"component_empty", "not_reviewed_12_months", "long_crisis_not_covered"}
    assert len({u for u, _a, c in links if c == "component_empty"}) == 8  # one link to each part
    for url, anchor, code in links:
        assert anchor in element_ids(client.get(url).content.decode()), (code, url, anchor)


def test_large_team_selects_are_filled_in_the_browser_and_still_post_back(logged_in, plan, coordinator):
    team = component_document(plan, "team")
    team += [{"key": f"x{i}", "name": f"เจ้าหน้าที่ทดสอบ {i}", "position": "", "role": "member", "team": "",
              "phone": "0812345678", "email": "", "line_id": "", "alternate": "m1"} for i in range(45)]
    apply_component(plan, "team", team, user=coordinator, expected_revision=plan.component_revision("team"))
    response, fields = page_form(logged_in, plan, "team")
    html = response.content.decode()
    assert 'data-options="options-members"' in html and 'id="options-members"' in html
    alternate = re.search(r'<select id="f-team-3-alternate".*?</select>', html, re.S).group(0)
    assert alternate.count("<option") == 2  # "nobody" and the one chosen; the rest come from the JSON list
    assert save(logged_in, plan, "team", fields).status_code == 302
    assert component_document(plan, "team") == team
    for component in ("procedures", "call_tree"):
        _r, fields = page_form(logged_in, plan, component)
        before = component_document(plan, component)
        save(logged_in, plan, component, fields)
        assert component_document(plan, component) == before


def test_the_page_of_a_component_lists_its_findings_first(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "processes")
    fields = replace(fields, "processes-1-rto_hours", "")
    html = save(logged_in, plan, "processes", fields, follow=True).content.decode()
    panel = html[html.index('id="findings-panel"'):]
    assert panel.index("ในส่วนนี้") < panel.index("การอนุญาตสถานพยาบาล")
    assert '#f-processes-1-rto_hours"' in panel


# ------------------------------------------------------------------ refusals: stale, invalid


def test_stale_save_is_refused_and_the_input_kept(logged_in, plan, structure):
    _r, fields = page_form(logged_in, plan, "processes")
    # Someone else saves the processes after this page was loaded.
    other = member(structure.rayong_unit, username="other_coordinator")
    theirs = component_document(plan, "processes")
    theirs[0]["name"] = "การเฝ้าระวังโรค (ฉบับของผู้อื่น)"
    saved = apply_component(plan, "processes", theirs, user=other,
                            expected_revision=plan.component_revision("processes"))
    fields = replace(fields, "processes-0-name", "การเฝ้าระวังและสอบสวนโรคติดต่อ")
    response = save(logged_in, plan, "processes", fields)
    assert response.status_code == 409
    html = response.content.decode()
    assert "ยังไม่ได้บันทึก" in html  # the refusal in Thai
    # The version quoted is the plan's, in the words of the message after saving ("บันทึกแล้ว เป็นแผนฉบับที่ N");
    # the part's name is not doubled.
    assert f"เป็นแผนฉบับที่ {saved.version} หลังจาก" in html and "ของแผนของแผน" not in html
    assert 'value="การเฝ้าระวังและสอบสวนโรคติดต่อ"' in html  # what the user typed is still there
    assert component_document(plan, "processes")[0]["name"] == "การเฝ้าระวังโรค (ฉบับของผู้อื่น)"
    # The user may then knowingly save theirs over the other change.
    current = re.search(r'name="overwrite" value="(\d+)"', html).group(1)
    fields.append(("overwrite", current))
    assert save(logged_in, plan, "processes", fields).status_code == 302
    assert component_document(plan, "processes")[0]["name"] == "การเฝ้าระวังและสอบสวนโรคติดต่อ"
    after = logged_in.get(reverse("plans:edit", args=[plan.pk, "processes"])).content.decode()
    assert f"บันทึกแล้ว เป็นแผนฉบับที่ {saved.version + 1}" in after  # the same words, the next version


def test_stale_save_through_htmx_keeps_the_input_too(logged_in, plan, coordinator):
    _r, fields = page_form(logged_in, plan, "team")
    apply_component(plan, "team", component_document(plan, "team")[:2], user=coordinator,
                    expected_revision=plan.component_revision("team"))
    fields = replace(fields, "team-0-position", "นายแพทย์สาธารณสุขจังหวัดระยอง")
    response = save(logged_in, plan, "team", fields, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps only 2xx answers
    html = response.content.decode()
    assert 'id="stale-alert"' in html and 'value="นายแพทย์สาธารณสุขจังหวัดระยอง"' in html
    assert 'value="นายวิชัย มั่นคง"' in html  # the row the other person removed is still on this page


def test_invalid_input_shows_thai_errors_beside_the_fields(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "processes")
    fields = replace(fields, "processes-0-rto_hours", "สี่")
    fields = replace(fields, "processes-1-name", "")
    response = save(logged_in, plan, "processes", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "กรอกตัวเลข" in field_errors(html, "f-processes-0-rto_hours")
    assert field_errors(html, "f-processes-1-name").strip()  # the document's own Thai message
    assert re.search(r'id="f-processes-0-rto_hours"[^>]*aria-invalid="true"', html)
    assert 'href="#f-processes-0-rto_hours"' in html  # the error summary links to the field
    assert 'value="สี่"' in html  # the wrong input is shown again to be corrected
    assert component_document(plan, "processes")[0]["rto_hours"] == 4


def test_invalid_phone_and_email_in_thai(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "team")
    fields = replace(fields, "team-1-phone", "12345")
    fields = replace(fields, "team-2-email", "not-an-email")
    html = save(logged_in, plan, "team", fields).content.decode()
    assert "เบอร์โทรศัพท์" in field_errors(html, "f-team-1-phone")
    assert field_errors(html, "f-team-2-email").strip()
    assert not re.search(r"[A-Za-z]{4,}", field_errors(html, "f-team-1-phone").replace("e.g", ""))


def test_invalid_date_in_thai(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "header")
    fields = replace(fields, "reviewed_on", "31/02/2568")
    html = save(logged_in, plan, "header", fields).content.decode()
    assert "พ.ศ." in field_errors(html, "f-reviewed_on")


# ------------------------------------------------------------------ permissions


def test_anonymous_is_sent_to_log_in(client, plan):
    response = client.get(reverse("plans:overview", args=[plan.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_viewer_reads_but_cannot_edit(client, plan, structure):
    viewer = member(structure.rayong_unit, Membership.Role.VIEWER, "viewer")
    client.force_login(viewer)
    html = client.get(edit_url(plan, "processes")).content.decode()
    assert 'id="component-form"' not in html and "การเฝ้าระวังและสอบสวนโรค" in html
    assert client.get(reverse("plans:audit", args=[plan.pk])).status_code == 200  # the agency's own record
    _r, fields = page_form(client, plan, "header")
    assert fields == []
    assert client.post(edit_url(plan, "header"), {"title": "x", "revision": "1"}).status_code == 403
    assert client.post(reverse("plans:classification", args=[plan.pk]),
                       {"classification": "sensitive", "revision": "1"}).status_code == 403
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(reverse("plans:attachment", args=[plan.pk]), {"file": upload}).status_code == 403
    assert client.post(reverse("plans:checklist", args=[plan.pk]), {"item": "budget", "answer-budget": "yes"}).status_code == 403
    assert client.post(reverse("plans:org", args=[structure.rayong_unit.code]), {"source": "empty"}).status_code == 403


def test_approver_reads_but_cannot_edit(client, plan, structure):
    client.force_login(member(structure.rayong_unit, Membership.Role.APPROVER, "approver"))
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 200
    assert client.post(edit_url(plan, "scope"), {"objectives": "x", "revision": "1"}).status_code == 403


@pytest.mark.parametrize("name", ["overview", "versions", "audit", "checklist", "strategy_map", "compare"])
def test_other_agency_is_refused(client, plan, municipality_user, name):
    client.force_login(municipality_user)
    assert client.get(reverse(f"plans:{name}", args=[plan.pk])).status_code == 403


def test_other_agency_cannot_open_or_save_a_component(client, plan, municipality_user):
    client.force_login(municipality_user)
    assert client.get(edit_url(plan, "team")).status_code == 403
    assert client.post(edit_url(plan, "team"), {"revision": "1"}).status_code == 403
    assert client.get(reverse("plans:version", args=[plan.pk, 1])).status_code == 403
    assert client.get(reverse("plans:attachment", args=[plan.pk])).status_code == 403


def test_collector_cannot_see_a_draft_and_reads_only_what_was_sent(client, plan, province_user):
    client.force_login(province_user)  # the provincial office collects this provincial unit's plan
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 403
    listing = client.get(reverse("plans:org", args=[plan.organisation.code])).content.decode()
    assert plan.title not in listing
    Plan.objects.filter(pk=plan.pk).update(status=Status.SUBMITTED)
    listing = client.get(reverse("plans:org", args=[plan.organisation.code])).content.decode()
    assert plan.title in listing
    # The live plan may hold unsent edits: outside the agency it is read through the submission.
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 403
    assert client.get(edit_url(plan, "team")).status_code == 403
    assert client.get(reverse("plans:audit", args=[plan.pk])).status_code == 403  # the agency's own record


def test_sensitive_plan_shows_only_its_title_outside(client, plan, province_user):
    Plan.objects.filter(pk=plan.pk).update(status=Status.SUBMITTED, classification=Classification.SENSITIVE)
    client.force_login(province_user)
    assert client.get(reverse("plans:overview", args=[plan.pk])).status_code == 403
    listing = client.get(reverse("plans:org", args=[plan.organisation.code])).content.decode()
    assert plan.title in listing
    assert reverse("plans:overview", args=[plan.pk]) not in listing


# ------------------------------------------------------------------ classification, attachment


def test_coordinator_switches_classification(logged_in, plan):
    html = logged_in.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
    response = logged_in.post(reverse("plans:classification", args=[plan.pk]),
                              {"classification": "sensitive", "revision": revision}, follow=True)
    plan.refresh_from_db()
    assert plan.classification == "sensitive"
    assert "เฉพาะชื่อ" in response.content.decode()
    assert PlanAudit.objects.filter(plan=plan, component="header").exists()


def test_attachment_upload_download_remove(logged_in, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("แผน BCP 2569.pdf", b"%PDF-1.4 the signed plan", content_type="application/pdf")
    response = logged_in.post(reverse("plans:attachment", args=[plan.pk]), {"file": upload}, follow=True)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.attachment.name.endswith(".pdf")
    assert "แผน BCP 2569.pdf" in response.content.decode() or "BCP_2569.pdf" in response.content.decode()
    download = logged_in.get(reverse("plans:attachment", args=[plan.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 the signed plan"
    logged_in.post(reverse("plans:attachment_remove", args=[plan.pk]))
    plan.refresh_from_db()
    assert not plan.attachment
    assert list(PlanAudit.objects.filter(plan=plan, action__in=["attach", "detach"]).values_list("action", flat=True)) == [
        "detach", "attach"]


def test_attachment_of_the_wrong_type_is_refused_in_thai(logged_in, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("plan.exe", b"MZ", content_type="application/octet-stream")
    response = logged_in.post(reverse("plans:attachment", args=[plan.pk]), {"file": upload})
    assert response.status_code == 400
    assert "นามสกุล" in response.content.decode() or "ไฟล์" in response.content.decode()
    plan.refresh_from_db()
    assert not plan.attachment


# ------------------------------------------------------------------ starting a plan


def test_start_from_the_best_fitting_template(client, structure):
    coordinator = member(structure.hospital)
    client.force_login(coordinator)
    url = reverse("plans:org", args=[structure.hospital.code])
    html = client.get(url).content.decode()
    fields = read_form(html.replace('<form method="post" novalidate>', '<form id="start" method="post">'), "start")
    assert value_of(fields, "source") == "template:hospital"  # the template made for hospitals, ticked
    response = client.post(url, as_post(fields))
    plan = Plan.objects.get(organisation=structure.hospital)
    assert response.status_code == 302 and response["Location"] == reverse("plans:overview", args=[plan.pk])
    assert PlanAudit.objects.get(plan=plan, action="create").detail["template"] == "hospital"
    assert component_document(plan, "processes")  # the template's content
    # A second plan for the same year is refused with a Thai message beside the year.
    html = client.post(url, as_post(fields)).content.decode()
    assert "มีแผน" in html and Plan.objects.filter(organisation=structure.hospital).count() == 1


def test_start_as_a_copy_of_last_years_plan(logged_in, plan):
    url = reverse("plans:org", args=[plan.organisation.code])
    html = logged_in.get(url).content.decode()
    assert f'value="copy:{plan.pk}" checked' in html
    logged_in.post(url, {"source": f"copy:{plan.pk}", "fiscal_year": "2570", "classification": "normal"})
    new = Plan.objects.get(organisation=plan.organisation, fiscal_year=2570)
    assert component_document(new, "team") == component_document(plan, "team")


def test_org_page_and_home_link_to_the_plan(logged_in, plan):
    html = logged_in.get(reverse("orgs:detail", args=[plan.organisation.code])).content.decode()
    assert reverse("plans:overview", args=[plan.pk]) in html
    assert reverse("plans:overview", args=[plan.pk]) in logged_in.get("/").content.decode()


# ------------------------------------------------------------------ versions, audit, checklist, map


def test_versions_list_and_the_difference_between_two(logged_in, plan):
    _r, fields = page_form(logged_in, plan, "processes")
    fields = replace(fields, "processes-0-rto_hours", "8")
    fields = replace(fields, "summary", "ทบทวน RTO ของงานเฝ้าระวังโรค")
    save(logged_in, plan, "processes", fields)
    _r, fields = page_form(logged_in, plan, "team")
    fields += [("rows-team", "nz"), ("team-nz-name", "นายสมปอง ทดแทน"), ("team-nz-role", "member"),
               ("team-nz-phone", "0891112222")]
    save(logged_in, plan, "team", fields)
    html = logged_in.get(reverse("plans:versions", args=[plan.pk])).content.decode()
    assert "ทบทวน RTO ของงานเฝ้าระวังโรค" in html
    diff = logged_in.get(reverse("plans:compare", args=[plan.pk]), {"from": 1, "to": 3}).content.decode()
    assert "นายสมปอง ทดแทน" in diff[diff.index('class="diff-list add"'):]
    changed = diff[diff.index('class="diff-list mod"'):]
    assert "การเฝ้าระวังและสอบสวนโรค" in changed and "4 ชั่วโมง" in changed and "8 ชั่วโมง" in changed
    version = logged_in.get(reverse("plans:version", args=[plan.pk, 1])).content.decode()
    assert "4 ชั่วโมง" in version and "นายสมปอง" not in version


def test_audit_trail_page(logged_in, plan):
    html = logged_in.get(reverse("plans:audit", args=[plan.pk])).content.decode()
    assert "starter" not in html
    assert html.count("<tr>") >= 9  # created, then the first version of every component


def test_checklist_answers(logged_in, plan):
    url = reverse("plans:checklist", args=[plan.pk])
    html = logged_in.get(url).content.decode()
    assert 'name="answer-budget"' in html and 'name="answer-objectives"' not in html  # answered from the plan
    logged_in.post(url, {"item": ["budget", "approved"], "answer-budget": "yes", "note-budget": "งบกลาง 2569",
                         "answer-approved": "no"})
    assert dict(ChecklistAnswer.objects.filter(plan=plan).values_list("item", "answer")) == {"budget": "yes",
                                                                                             "approved": "no"}
    html = logged_in.get(url).content.decode()
    assert 'value="งบกลาง 2569"' in html


def test_strategy_map_page(logged_in, plan):
    html = logged_in.get(reverse("plans:strategy_map", args=[plan.pk])).content.decode()
    assert '<svg class="strategy-map"' in html
    assert "ใช้ห้องประชุมโรงพยาบาลระยองเป็นสถานที่ปฏิบัติงานสำรอง" in html


def test_pages_in_english(logged_in, plan):
    logged_in.cookies["django_language"] = "en"
    html = logged_in.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert "Completeness score" in html and "The eight parts of the plan" in html
    html = logged_in.get(edit_url(plan, "processes")).content.decode()
    assert "Recovery time objective (RTO)" in html and "Save this part" in html


def test_pages_write_numbers_in_arabic_digits(logged_in, plan):
    """Periods, time windows and the checker's messages come from the catalogue in Arabic digits
    (Thai digits are an option of the printed documents only)."""
    thai_digit = re.compile("[\u0e50-\u0e59]")
    pages = [reverse("plans:overview", args=[plan.pk]), reverse("plans:checklist", args=[plan.pk]),
             *(edit_url(plan, c) for c in SLUGS)]
    for url in pages:
        html = logged_in.get(url).content.decode()
        assert not thai_digit.search(html), (url, thai_digit.search(html))
    resources = logged_in.get(edit_url(plan, "resources")).content.decode()
    assert "4 ชั่วโมง" in resources and "2 สัปดาห์" in resources
    assert "ภายใน 1 วัน" in logged_in.get(edit_url(plan, "procedures")).content.decode()


def test_the_word_import_is_linked_where_a_plan_is_started_and_written(logged_in, plan, structure):
    word = reverse("exchange:word_upload", args=[structure.rayong_unit.code])
    assert word in logged_in.get(reverse("plans:org", args=[structure.rayong_unit.code])).content.decode()
    assert word in logged_in.get(reverse("plans:overview", args=[plan.pk])).content.decode()
