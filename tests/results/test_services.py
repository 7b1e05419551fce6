"""Recording exercises and events: one result per agency, bad input refused whole, conflicts refused,
corrective actions through to the plan's next version."""

import datetime

import pytest
from django.utils import timezone

from phrom.core.errors import InvalidInput, PhromError
from phrom.plans.content import apply_component, component_document
from phrom.results import services
from phrom.results.models import CorrectiveAction, Event, Exercise, ProcessRecovery, Result
from tests.helpers.plans import make_plan
from tests.results.helpers import NOV_2, event_result, flood, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(structure, coordinator):
    """The unit's plan of fiscal year 2570 (p1: RTO 4 h, MTPD 24 h; p2: RTO 1 week, MTPD 2 weeks)."""
    return make_plan(structure.rayong_unit, coordinator)


def test_a_multi_agency_exercise_gives_each_agency_its_own_result(structure, people, planned):
    office = structure.rayong_office
    exercise = services.record_exercise(
        people.coordinator(office), organiser=office, participants=[office, structure.rayong_unit], kind="tabletop",
        title="ซ้อมน้ำท่วม", held_on=datetime.date(2026, 11, 20), hazard=flood(),
        objectives=["แจ้งเหตุภายใน 30 นาที", " ", "ย้ายไปสถานที่สำรอง"])
    assert exercise.objectives == ["แจ้งเหตุภายใน 30 นาที", "ย้ายไปสถานที่สำรอง"]
    unit_result = exercise.results.get(organisation=structure.rayong_unit)
    office_result = exercise.results.get(organisation=office)
    # The unit's result is of its plan as it was, with the RTOs and MTPDs of that version.
    assert (unit_result.plan_id, unit_result.plan_version) == (planned.pk, planned.revision)
    assert [(p.process_key, p.rto_hours, p.mtpd_hours) for p in unit_result.processes.all()] == [
        ("p1", 4, 24), ("p2", 168, 336)]
    assert office_result.plan is None and not office_result.processes.exists()
    assert [o["objective"] for o in unit_result.objectives] == exercise.objectives
    # Each records its own results.
    save(people.rayong_unit_coordinator, unit_result, processes=[{"key": "p1", "recovered_hours": 6}])
    assert ProcessRecovery.objects.get(result=unit_result, process_key="p1").recovered_hours == 6
    assert not ProcessRecovery.objects.filter(result__organisation=office).exists()


def test_the_version_carried_out_is_kept_when_the_plan_changes(structure, coordinator, planned):
    result = event_result(structure.rayong_unit, coordinator)
    processes = component_document(planned, "processes")
    processes[0]["rto_hours"] = 1
    apply_component(planned, "processes", processes, expected_revision=planned.component_revision("processes"),
                    user=coordinator)
    result.refresh_from_db()
    assert result.processes.get(process_key="p1").rto_hours == 4
    assert result.plan_version < planned.revision


def test_an_event_ending_before_it_starts_is_refused_and_nothing_is_saved(structure, coordinator):
    with pytest.raises(InvalidInput) as refused:
        services.record_event(coordinator, reporter=structure.rayong_unit, organisations=[structure.rayong_unit],
                              title="ไฟดับ", hazard=flood(), area="", started_at=NOV_2,
                              ended_at=NOV_2 - datetime.timedelta(hours=1))
    assert [e["path"] for e in refused.value.errors] == ["ended_at"]
    assert "ก่อนเวลาเริ่ม" in refused.value.errors[0]["message_th"]
    assert not Event.objects.exists() and not Result.objects.exists()


@pytest.mark.parametrize("row, path", [
    ({"key": "p1", "recovered_hours": -2}, "processes[0].recovered_hours"),
    ({"key": "p1", "recovered_hours": "สองวัน"}, "processes[0].recovered_hours"),
    ({"key": "p1", "recovered_amount": "3"}, "processes[0].recovered_unit"),          # a time without a unit
    ({"key": "p1", "recovered_amount": "-3", "recovered_unit": "day"}, "processes[0].recovered_amount"),
    ({"key": "p1", "recovered_hours": 5, "still_down": True}, "processes[0].recovered_hours"),
    ({"key": "nope", "recovered_hours": 5}, "processes[0].key"),
])
def test_a_bad_recovery_time_refuses_the_whole_result(structure, coordinator, planned, row, path):
    result = event_result(structure.rayong_unit, coordinator)
    with pytest.raises(InvalidInput) as refused:
        save(coordinator, result, observations="ทุกอย่างดี", processes=[row],
             findings=[{"component": "team", "text": "ขาดผู้สำรอง"}])
    assert path in [e["path"] for e in refused.value.errors]
    result.refresh_from_db()
    assert (result.observations, result.findings, result.revision) == ("", [], 0)


def test_still_down_is_a_state_and_a_duration_may_be_typed_in_days(structure, coordinator, planned):
    result = event_result(structure.rayong_unit, coordinator)
    save(coordinator, result, processes=[{"key": "p1", "still_down": True},
                                         {"key": "p2", "recovered_amount": "2", "recovered_unit": "day"}])
    rows = {p.process_key: (p.recovered_hours, p.still_down) for p in result.processes.all()}
    assert rows == {"p1": (None, True), "p2": (48, False)}


def test_a_conflicting_edit_is_refused_not_overwritten(structure, coordinator, planned):
    result = event_result(structure.rayong_unit, coordinator)
    stale = result.revision
    save(coordinator, result, observations="บันทึกแรก")
    with pytest.raises(PhromError) as refused:
        services.save_result(coordinator, result, {"observations": "บันทึกทับ"}, revision=stale)
    assert refused.value.code == "results_conflict" and refused.value.status == 409
    result.refresh_from_db()
    assert result.observations == "บันทึกแรก"


def test_an_activation_before_the_event_started_is_refused(structure, coordinator, planned):
    result = event_result(structure.rayong_unit, coordinator)
    with pytest.raises(InvalidInput) as refused:
        save(coordinator, result, activated_at=NOV_2 - datetime.timedelta(minutes=5))
    assert [e["path"] for e in refused.value.errors] == ["activated_at"]


@pytest.mark.parametrize("field, value", [("owner", " "), ("due_on", None), ("description", ""), ("component", "x")])
def test_a_corrective_action_needs_an_owner_a_due_date_and_a_component(structure, coordinator, planned, field, value):
    result = event_result(structure.rayong_unit, coordinator)
    given = {"component": "team", "description": "เพิ่มผู้สำรอง", "owner": "หัวหน้าฝ่าย",
             "due_on": datetime.date(2026, 12, 31), field: value}
    with pytest.raises(InvalidInput) as refused:
        services.add_corrective_action(coordinator, result, **given)
    assert [e["path"] for e in refused.value.errors] == [field]
    assert not CorrectiveAction.objects.exists()


def test_a_closed_action_is_answered_by_the_plans_next_version(structure, coordinator, planned):
    result = event_result(structure.rayong_unit, coordinator)
    action = services.add_corrective_action(coordinator, result, component="team", description="เพิ่มผู้สำรอง",
                                            owner="หัวหน้าฝ่าย", due_on=timezone.localdate() - datetime.timedelta(days=1))
    still_open = services.add_corrective_action(coordinator, result, component="call_tree", description="ผังใหม่",
                                                owner="ผู้ประสานงาน", due_on=timezone.localdate())
    assert action.overdue and not still_open.overdue
    before = planned.revision
    services.set_action_status(coordinator, action, CorrectiveAction.Status.IN_PROGRESS)
    services.set_action_status(coordinator, action, CorrectiveAction.Status.DONE)
    action.refresh_from_db()
    assert action.closed_at is not None and action.answered_in is None and not action.overdue
    team = component_document(planned, "team")
    team[0]["phone"] = "038-000-111"
    saved = apply_component(planned, "team", team, expected_revision=planned.component_revision("team"), user=coordinator)
    action.refresh_from_db()
    still_open.refresh_from_db()
    assert action.answered_in == saved.version == before + 1
    assert still_open.answered_in is None
    # Reopened, it waits for another version.
    services.set_action_status(coordinator, action, CorrectiveAction.Status.OPEN)
    action.refresh_from_db()
    assert (action.answered_in, action.closed_at) == (None, None)
    with pytest.raises(PhromError) as refused:
        services.set_action_status(coordinator, action, "finished")
    assert refused.value.code == "results_invalid_status"


def test_a_sensitive_plans_result_is_marked_sensitive(structure, coordinator):
    from tests.helpers.bundles import sensitive_document

    make_plan(structure.rayong_unit, coordinator, **sensitive_document())
    assert event_result(structure.rayong_unit, coordinator).sensitive
    assert not Exercise.objects.exists()


def test_a_recorded_exercise_clears_the_checkers_warning(structure, coordinator, planned):
    from phrom.plans.quality import check_stored_plan

    assert "not_exercised_12_months" in {f.code for f in check_stored_plan(planned).findings}
    services.record_exercise(coordinator, organiser=structure.rayong_unit, participants=[structure.rayong_unit],
                             kind="call_tree", title="ทดสอบผังการติดต่อ", held_on=timezone.localdate(), hazard=flood())
    assert "not_exercised_12_months" not in {f.code for f in check_stored_plan(planned).findings}
