"""Dependencies in stored plans: across agencies over sent plans, in the checker, through the exchange format."""

import pytest

from phrom.dependencies.analysis import national_gaps
from phrom.exchange.export import export_plans
from phrom.exchange.importer import import_plans
from phrom.plans.content import apply_component, component_document, export_document
from phrom.plans.models import Plan
from phrom.plans.quality import check_stored_plan
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.dependencies import civil_registration, on_civil, with_dependencies
from tests.helpers.plans import document, exchange_plan, make_plan

pytestmark = pytest.mark.django_db


def _unit_plan(structure, people, *deps, sent=False, campaign=None, fiscal_year=2570):
    plan = make_plan(structure.rayong_unit, people.coordinator(structure.rayong_unit),
                     processes=with_dependencies(*deps), fiscal_year=fiscal_year)
    if sent:
        send(campaign, structure.rayong_unit, people, plan)
    return plan


def _finding(plan):
    return [f for f in check_stored_plan(plan).findings if f.code == "rto_unreachable"]


def test_a_4h_process_on_another_agencys_24h_process_is_found(structure, people):
    civil_registration(structure, people)
    plan = _unit_plan(structure, people, on_civil())
    [finding] = _finding(plan)
    assert finding.path == "processes[0].rto_hours"
    assert "ระบบทะเบียนราษฎร" in finding.message_th and "กรมการปกครอง" in finding.message_th
    assert "24" in finding.message_th and "1 วัน" in finding.message_th
    assert "Civil" not in finding.message_en and "24 h at the soonest" in finding.message_en
    assert "MTPD" not in finding.message_en  # 24 h is within p1's MTPD of 24 h: not severe


def test_covered_hours_are_taken_off(structure, people):
    civil_registration(structure, people)
    plan = _unit_plan(structure, people, on_civil(covered=21))
    assert _finding(plan) == []  # 24 h less 21 h covered = 3 h, within the 4 h RTO


def test_an_unsent_plan_is_not_read(structure, people):
    civil_registration(structure, people, sent=False)
    assert _finding(_unit_plan(structure, people, on_civil())) == []


def test_a_sensitive_plans_processes_are_not_read_by_others(structure, people):
    dopa = civil_registration(structure, people)  # sent as a normal plan…
    assert _finding(_unit_plan(structure, people, on_civil()))
    header = component_document(dopa, "header")  # …then marked security-sensitive: its content stays home
    apply_component(dopa, "header", {**header, "classification": "sensitive"}, user=people.coordinator(structure.dopa),
                    expected_revision=dopa.component_revision("header"))
    assert _finding(Plan.objects.get(organisation=structure.rayong_unit, fiscal_year=2570)) == []


def test_a_utility_dependency_in_the_agencys_own_plan(structure, people):
    plan = _unit_plan(structure, people, {"kind": "utility", "utility": "electricity", "covered_hours": 8})
    [finding] = _finding(plan)
    assert "ไฟฟ้า" in finding.message_th and "16" in finding.message_th


def test_the_national_list_reads_sent_plans_only(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    civil_registration(structure, people, campaign=campaign)
    _unit_plan(structure, people, on_civil(), sent=True, campaign=campaign)
    [gap] = national_gaps(2570)
    assert (gap.organisation, gap.process, gap.rto_hours, gap.achievable_hours) == ("PU21-HEALTH", "p1", 4, 24)
    assert [s["process"] for s in gap.chain] == ["civil"]


def test_saving_the_bia_editor_keeps_the_dependencies(structure, people):
    plan = _unit_plan(structure, people, on_civil())
    processes = component_document(plan, "processes")
    assert processes[0]["dependencies"] == [{"kind": "process", "organisation": "DOPA", "process": "civil",
                                             "covered_hours": None, "covered_by": ""}]
    processes[1]["name"] = "ชื่อใหม่"
    apply_component(plan, "processes", processes, user=people.coordinator(structure.rayong_unit),
                    expected_revision=plan.component_revision("processes"))
    assert component_document(plan, "processes")[0]["dependencies"] == processes[0]["dependencies"]


def test_dependencies_go_out_and_come_back_in_the_exchange_format(structure, people):
    coordinator = people.coordinator(structure.rayong_unit)
    plan = _unit_plan(structure, people, on_civil(covered=2), {"kind": "supplier", "name": "ผู้ให้บริการคลาวด์",
                                                             "recovery_hours": 12, "covered_by": "สำรองข้อมูลรายวัน"})
    first = export_plans(Plan.objects.filter(pk=plan.pk), user=coordinator)
    deps = first["plans"][0]["processes"][0]["dependencies"]
    assert deps == [
        {"kind": "process", "organisation": "DOPA", "process": "civil", "covered_hours": 2, "covered_by": ""},
        {"kind": "supplier", "name": "ผู้ให้บริการคลาวด์", "recovery_hours": 12, "covered_hours": None,
         "covered_by": "สำรองข้อมูลรายวัน"},
    ]
    moved = first["plans"][0] | {"organisation": structure.municipality.code}
    report = import_plans({**first, "plans": [moved]}, user=None)
    assert report.ok, report.errors
    again = Plan.objects.get(organisation=structure.municipality)
    assert export_document(again)["processes"][0]["dependencies"] == deps


def test_a_file_naming_an_unknown_utility_is_refused_with_its_path(structure):
    item = exchange_plan(document(processes=with_dependencies({"kind": "utility", "utility": "gas"})), "TM21-001")
    report = import_plans(item, user=None)
    assert not report.ok
    assert [e["path"] for e in report.errors] == ["plans[0].processes[0].dependencies[0].utility"]


def test_the_word_document_has_a_table_of_dependencies_under_the_bia(structure, people, full_doc):
    import io

    from django.utils import translation
    from docx import Document

    from phrom.documents.docx import render_docx
    from phrom.documents.sample import typical_header

    full_doc["processes"] = with_dependencies(
        on_civil(covered=2), {"kind": "utility", "utility": "electricity", "covered_hours": 8,
                              "covered_by": "เครื่องกำเนิดไฟฟ้าสำรอง"})
    with translation.override("th"):
        document = Document(io.BytesIO(render_docx(full_doc, typical_header())))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "ประเภทการพึ่งพา"
                 and len(t.columns) == 5)
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0][0] == rows[1][0] == "การเฝ้าระวังและสอบสวนโรค"  # one process, its cell spans its dependencies
    assert rows[0][2] == "กรมการปกครอง · civil" and rows[0][3] == "2 ชั่วโมง"
    assert rows[1][2] == "ไฟฟ้า (กลับมาใน 1 วัน)" and rows[1][4] == "เครื่องกำเนิดไฟฟ้าสำรอง"


def test_the_campaigns_readiness_check_sees_the_gap_too(structure, people):
    from phrom.campaigns.checks import check_version

    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    civil_registration(structure, people, campaign=campaign)
    plan = _unit_plan(structure, people, on_civil())
    readiness = check_version(campaign, plan, plan.revision)
    assert "rto_unreachable" in {f.code for f in readiness.result.findings}
