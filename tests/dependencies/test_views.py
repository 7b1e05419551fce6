"""The dependency pages: the plan's picture and editor, the picker, who depends on an agency, the gap list."""

import io

import pytest
from openpyxl import load_workbook

from phrom.plans.content import component_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.dependencies import civil_registration, on_civil, with_dependencies
from tests.helpers.people import member
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_plan(structure, people):
    civil_registration(structure, people)
    return make_plan(structure.rayong_unit, people.coordinator(structure.rayong_unit))


def _client(client, user):
    client.force_login(user)
    return client


HTMX = {"HX-Request": "true"}


def test_the_picker_lists_other_agencies_sent_processes(client, structure, people, unit_plan):
    c = _client(client, people.coordinator(structure.rayong_unit))
    page = c.get(f"/dependencies/plan/{unit_plan.pk}/picker/", {"q": "ทะเบียนราษฎร", "for": "p1"}, headers=HTMX)
    assert page.status_code == 200
    assert 'value="DOPA/civil"' in page.content.decode() and "กรมการปกครอง" in page.content.decode()
    by_agency = c.get(f"/dependencies/plan/{unit_plan.pk}/picker/", {"q": "การปกครอง", "for": "p1"},
                      headers=HTMX).content.decode()
    assert 'value="DOPA/civil"' in by_agency
    # Without htmx, the same search reloads the page with the results under the process.
    full = c.get(f"/dependencies/plan/{unit_plan.pk}/picker/", {"q": "ทะเบียนราษฎร", "for": "p1"}, follow=True)
    assert full.redirect_chain[0][0].startswith(f"/dependencies/plan/{unit_plan.pk}/?q=")
    assert 'value="DOPA/civil"' in full.content.decode()


def test_the_picker_is_for_the_plans_coordinators(client, structure, people, unit_plan):
    c = _client(client, people.approver(structure.rayong_unit))
    assert c.get(f"/dependencies/plan/{unit_plan.pk}/picker/", {"q": "ทะเบียน"}, headers=HTMX).status_code == 403
    assert c.get(f"/dependencies/plan/{unit_plan.pk}/").status_code == 200  # the picture: any member
    outsider = _client(client, people.opdc_coordinator)
    assert outsider.get(f"/dependencies/plan/{unit_plan.pk}/").status_code == 403


def test_adding_and_removing_a_dependency_saves_the_processes(client, structure, people, unit_plan):
    c = _client(client, people.coordinator(structure.rayong_unit))
    url = f"/dependencies/plan/{unit_plan.pk}/"
    revision = unit_plan.component_revision("processes")
    response = c.post(url, {"kind": "process", "process": "p1", "target": "DOPA/civil", "covered_hours": "2",
                            "covered_hours_unit": "hour", "covered_by": "รับคำร้องด้วยกระดาษ", "revision": revision})
    assert response.status_code == 302
    assert component_document(unit_plan, "processes")[0]["dependencies"] == [
        {"kind": "process", "organisation": "DOPA", "process": "civil", "covered_hours": 2,
         "covered_by": "รับคำร้องด้วยกระดาษ"}]
    page = c.get(url).content.decode()
    assert "RTO ทำไม่ได้จริง" in page and "ระบบทะเบียนราษฎร" in page and "<svg" in page
    unit_plan.refresh_from_db()
    c.post(url, {"kind": "utility", "process": "p1", "utility": "internet",
                 "revision": unit_plan.component_revision("processes")})
    unit_plan.refresh_from_db()
    assert [d["kind"] for d in component_document(unit_plan, "processes")[0]["dependencies"]] == ["process", "utility"]
    c.post(url, {"action": "remove", "process": "p1", "index": "0",
                 "revision": unit_plan.component_revision("processes")})
    assert [d["kind"] for d in component_document(unit_plan, "processes")[0]["dependencies"]] == ["utility"]


def test_a_stale_page_does_not_overwrite(client, structure, people, unit_plan):
    c = _client(client, people.coordinator(structure.rayong_unit))
    response = c.post(f"/dependencies/plan/{unit_plan.pk}/", {
        "kind": "utility", "process": "p1", "utility": "internet", "revision": 99}, follow=True)
    assert "dependencies" not in component_document(unit_plan, "processes")[0]
    assert "ระบบจึงไม่ได้บันทึกการแก้ไขของท่าน" in response.content.decode()


def test_a_supplier_needs_its_promised_time(client, structure, people, unit_plan):
    c = _client(client, people.coordinator(structure.rayong_unit))
    c.post(f"/dependencies/plan/{unit_plan.pk}/", {"kind": "supplier", "process": "p1", "name": "คลาวด์",
                                                   "revision": unit_plan.component_revision("processes")})
    assert "dependencies" not in component_document(unit_plan, "processes")[0]
    c.post(f"/dependencies/plan/{unit_plan.pk}/", {"kind": "supplier", "process": "p1", "name": "คลาวด์",
                                                   "recovery_hours": "2", "recovery_hours_unit": "day",
                                                   "revision": unit_plan.component_revision("processes")})
    assert component_document(unit_plan, "processes")[0]["dependencies"][0]["recovery_hours"] == 48


@pytest.fixture
def sent_gap(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    civil_registration(structure, people, campaign=campaign)
    send(campaign, structure.rayong_unit, people, make_plan(structure.rayong_unit, people.coordinator(
        structure.rayong_unit), processes=with_dependencies(on_civil())))
    return structure


def test_dopa_sees_who_depends_on_its_process(client, sent_gap, people):
    page = _client(client, people.coordinator(sent_gap.dopa)).get("/dependencies/agency/DOPA/?fiscal_year=2570")
    text = page.content.decode()
    assert page.status_code == 200
    assert "สำนักงานสาธารณสุขจังหวัดระยอง" in text and "RTO ทำไม่ได้จริง" in text
    assert _client(client, member(sent_gap.municipality)).get("/dependencies/agency/DOPA/").status_code == 403


def test_opdc_lists_gaps_exports_them_and_sees_the_services(client, sent_gap, people):
    c = _client(client, people.opdc_coordinator)
    page = c.get("/dependencies/gaps/?fiscal_year=2570&province=21").content.decode()
    assert "สำนักงานสาธารณสุขจังหวัดระยอง" in page and "ระบบทะเบียนราษฎร" in page
    assert "สำนักงานสาธารณสุขจังหวัดระยอง" not in c.get("/dependencies/gaps/?fiscal_year=2570&province=20").content.decode()
    csv = c.get("/dependencies/gaps/?fiscal_year=2570&format=csv").content.decode("utf-8-sig")
    assert "PU21-HEALTH" in csv.splitlines()[1]
    book = load_workbook(io.BytesIO(c.get("/dependencies/gaps/?fiscal_year=2570&format=xlsx").content))
    rows = list(book.active.values)
    assert rows[1][0] == "PU21-HEALTH" and rows[1][7] == 4 and rows[1][9] == 24
    services = c.get("/dependencies/services/?fiscal_year=2570").content.decode()
    assert "ระบบทะเบียนราษฎร" in services
    service = c.get("/dependencies/services/DOPA/civil/?fiscal_year=2570").content.decode()
    assert "<svg" in service and "สำนักงานสาธารณสุขจังหวัดระยอง" in service


def test_the_home_page_links_the_gap_list_for_those_who_see_it(client, sent_gap, people):
    assert "/dependencies/gaps/" in _client(client, people.opdc_coordinator).get("/").content.decode()
    home = _client(client, member(sent_gap.municipality)).get("/").content.decode()
    assert "/dependencies/gaps/" not in home and "/dependencies/agency/TM21-001/" in home
