"""Erasure (PDPA): a member removed from a plan's team is gone from the plan as it is now (team rows, call
tree, steps, exports of the live plan) while the versions and the audit trail keep the history; and
`phrom erase_person` does that for a data-subject request across every plan, through the one writer,
recorded as an erasure without the erased data."""

import io
import json

import pytest
from django.core.management import call_command

from phrom.plans.content import apply_component, component_document, document_at, export_document
from phrom.plans.models import CallTreeLink, PlanAudit, PlanVersion, ProcedureStep, TeamMember
from phrom.privacy.erasure import find_person
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db

# m2 of the FULL plan (tests/helpers/plans.py): on the call tree (m1 → m2 → m3), owner of two steps,
# alternate of m1 and m3.
M2 = {"name": "นางสาวสมหญิง รักงาน", "phone": "+66 81 765 4321", "line_id": "somying"}
M1_EMAIL = "somchai@example.go.th"


def text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_a_member_removed_from_the_team_is_gone_from_the_current_plan(structure, people):
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    before = plan.revision
    team = [dict(m, alternate=None if m["alternate"] == "m2" else m["alternate"])
            for m in component_document(plan, "team") if m["key"] != "m2"]
    apply_component(plan, "team", team, user=people.rayong_unit_coordinator,
                    expected_revision=plan.component_revision("team"))

    assert not TeamMember.objects.filter(plan=plan, name=M2["name"]).exists()
    assert not CallTreeLink.objects.filter(plan=plan).filter(callee__key="m2").exists()
    assert not CallTreeLink.objects.filter(plan=plan, caller__key="m2").exists()
    assert ProcedureStep.objects.filter(plan=plan, owner__isnull=True).count() == 2  # m2's steps, unowned
    now = text(export_document(plan))
    assert all(value not in now for value in M2.values())
    # The history keeps them: the version before the removal still names the person.
    assert M2["name"] in text(document_at(plan, before))


def test_find_person_by_email_or_by_phone_however_written(structure, people):
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    other = make_plan(structure.central_unit, people.central_unit_coordinator)
    assert {f.plan.pk for f in find_person(email=M1_EMAIL.upper())} == {plan.pk, other.pk}
    found = find_person(phone="0817654321")
    assert [(f.plan.pk, f.keys) for f in found] == [(plan.pk, ["m2"]), (other.pk, ["m2"])]
    assert find_person(phone="081-765-4320") == [] and find_person(email="") == []


def test_erase_person_dry_run_lists_and_changes_nothing(structure, people):
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    out = io.StringIO()
    call_command("erase_person", phone="081 765 4321", stdout=out)
    assert f"PU21-HEALTH 2570 (plan {plan.pk}): m2 {M2['name']}" in out.getvalue()
    assert "ทดลองดูเท่านั้น: มี 1 แผน" in out.getvalue() and "--erase" in out.getvalue()
    assert TeamMember.objects.filter(plan=plan, key="m2").exists()
    assert not PlanAudit.objects.filter(action=PlanAudit.Action.ERASE).exists()


def test_erase_person_removes_them_from_every_current_plan_and_keeps_what_was_sent(structure, people, admin_user,
                                                                                    settings, media):
    from tests.helpers.tasks import IMMEDIATE

    settings.TASKS = IMMEDIATE
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    sub = send(campaign, structure.rayong_unit, people, plan)
    other = make_plan(structure.central_unit, people.central_unit_coordinator)

    out = io.StringIO()
    call_command("erase_person", phone="+66817654321", erase=True, user="admin", stdout=out)
    assert out.getvalue().count("ลบแล้ว: แผนเป็นฉบับที่") == 2

    for p in (plan, other):
        p.refresh_from_db()
        now = text(export_document(p))
        assert all(value not in now for value in M2.values())
        assert not TeamMember.objects.filter(plan=p, key="m2").exists()
        assert not CallTreeLink.objects.filter(plan=p, callee__key="m2").exists()
        # m1's and m3's alternate was m2: now none (a reference to a removed member cannot stay)
        assert {m["key"]: m["alternate"] for m in component_document(p, "team")} == {"m1": None, "m3": None}
        erasure = PlanAudit.objects.get(plan=p, action=PlanAudit.Action.ERASE)
        assert erasure.user == admin_user and erasure.component == "team" and erasure.version == p.revision
        assert erasure.detail["reason"] == "data-subject request" and erasure.detail["entries_removed"] == 1
        assert all(value not in text(erasure.detail) for value in (*M2.values(), "m2"))
        # The cascade (call tree, procedures) is recorded as such, without personal data either.
        cascades = PlanAudit.objects.filter(plan=p, version=p.revision, action=PlanAudit.Action.CASCADE)
        assert {a.component for a in cascades} == {"call_tree", "procedures"}

    # What was sent to the campaign is the public-task record: kept as sent.
    assert M2["name"] in text(document_at(plan, sub.version))
    assert PlanVersion.objects.filter(plan=plan, number__lte=sub.version, data__icontains="somying").exists()

    again = io.StringIO()
    call_command("erase_person", phone="0817654321", erase=True, stdout=again)
    assert "ไม่มีแผนใดที่มีบุคคลนี้อยู่ในทีมงานในขณะนี้" in again.getvalue()
