"""Results across agencies with known answers: who exercised, RTO achievement by hazard, lessons by year,
the training-needs roll-up; sensitive plans' results never counted outside their agency."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from phrom.accounts import permissions
from phrom.results import overview, services
from phrom.results.overview import Filters
from tests.factories import UserFactory
from tests.helpers.bundles import sensitive_document
from tests.helpers.plans import make_plan
from tests.results.helpers import event_result, flood, save

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def recorded(structure, people):
    """The unit (RTOs 4 h and 1 week) and the central unit record an exercise and an event each; the
    municipality's plan is sensitive and its event is never counted outside it."""
    unit, central, municipality = structure.rayong_unit, structure.central_unit, structure.municipality
    make_plan(unit, people.rayong_unit_coordinator)
    make_plan(central, people.coordinator(central))
    make_plan(municipality, people.coordinator(municipality), **sensitive_document())
    for org, recovered in ((unit, (4, 200)), (central, (30, None))):
        user = people.coordinator(org)
        exercise = services.record_exercise(user, organiser=org, participants=[org], kind="tabletop", title="ซ้อม",
                                            held_on=datetime.date(2026, 10, 1), hazard=flood())
        result = exercise.results.get()
        save(user, result, processes=[{"key": "p1", "recovered_hours": recovered[0]},
                                      *([{"key": "p2", "recovered_hours": recovered[1]}] if recovered[1] else
                                        [{"key": "p2", "still_down": True}])],
             training_needs=[{"skill": "call_tree", "people": 3}, {"text": "การใช้วิทยุสื่อสาร", "people": 2}],
             findings=[{"component": "team", "text": "ขาดผู้สำรอง"}],
             usability={"call_tree": {"rating": "unusable", "reason": "เบอร์ผิด"}})
        event = event_result(org, user)
        save(user, event, processes=[{"key": "p1", "recovered_hours": 2}], authority_affected=org == unit,
             training_needs=[{"skill": "call_tree", "people": 1}])
    secret = event_result(municipality, people.coordinator(municipality))
    save(people.coordinator(municipality), secret, processes=[{"key": "p1", "recovered_hours": 1}],
         training_needs=[{"skill": "call_tree", "people": 50}], findings=[{"component": "scope", "text": "ลับ"}])
    return structure


def test_opdc_overview_with_known_counts(recorded, people):
    o = overview.overview(people.opdc_coordinator, Filters(), today=TODAY)
    assert o["exercised"] == 2
    # Exercises: p1 met at 4 h (RTO 4), late at 30 h; p2 met at 200 h? no: 200 > 168 late; still down counts.
    assert o["exercises_achievement"] == {"met": 1, "counted": 4, "percent": pytest.approx(25)}
    assert o["events_achievement"]["met"] == 2 and o["events_achievement"]["counted"] == 2  # the sensitive one left out
    assert [(h["code"], h["met"], h["counted"]) for h in o["by_hazard"]] == [("flood", 3, 6)]
    assert [f["count"] for f in o["findings"]] == [2]  # the team, twice; the sensitive plan's finding never
    assert o["unusable"][0]["count"] == 2
    (year,) = o["lessons"]
    assert (year["fy"], year["events"], year["agencies"], year["authority"], year["n"]) == (2570, 2, 2, 1, 2)
    assert str(year["authority_percent"]) == "50.00"


def test_a_collector_counts_only_its_route(recorded, people):
    # The provincial office collects the unit's plans and is informed of the central unit's; the
    # municipality reports elsewhere (and its plan is sensitive).
    o = overview.overview(people.rayong_office_coordinator, Filters(), today=TODAY)
    assert o["exercised"] == 2
    assert o["events_achievement"]["counted"] == 2
    only_unit = overview.overview(people.rayong_office_coordinator, Filters(kind=recorded.rayong_unit.kind_id), today=TODAY)
    assert only_unit["exercised"] == 1 and only_unit["exercises_achievement"]["counted"] == 2


def test_training_needs_roll_up_with_known_counts(recorded, people):
    training = UserFactory(username="bma-training")
    training.user_permissions.add(Permission.objects.get(codename="view_trainingneed"))
    assert permissions.can_read_training_needs(training)
    rollup = overview.training_needs(training, Filters())
    by_skill = {s["label"]: (s["people"], s["agencies"], s["results"]) for s in rollup["skills"]}
    # 3 + 1 for each of two agencies; the sensitive plan's 50 never count.
    assert by_skill == {"การแจ้งเหตุและการใช้ผังการติดต่อ": (8, 2, 4), "การใช้วิทยุสื่อสาร": (4, 2, 2)}
    assert rollup["people"] == 12
    assert {r["group"] for r in rollup["split"]["hazard"]} == {"อุทกภัย"}
    narrowed = overview.training_needs(training, Filters(kind=recorded.rayong_unit.kind_id))
    assert narrowed["people"] == 6
    header, rows = overview.training_table(rollup)
    assert len(header) == 4 and rows[0][:2] == ["การแจ้งเหตุและการใช้ผังการติดต่อ", 8]


def test_the_agency_itself_counts_its_sensitive_result(recorded, people):
    mine = overview.training_needs(people.coordinator(recorded.municipality), Filters())
    assert mine["people"] == 50


def test_the_training_office_command_grants_and_takes_back_the_roll_up(db):
    from io import StringIO

    from django.core.management import CommandError, call_command

    office = UserFactory(username="bma-training-office")
    call_command("training_office", "bma-training-office", stdout=StringIO())
    office = type(office).objects.get(pk=office.pk)  # a fresh object: permissions are cached per object
    assert permissions.can_read_training_needs(office) and not permissions.can_see_results_overview(office)
    call_command("training_office", "bma-training-office", "--remove", stdout=StringIO())
    assert not permissions.can_read_training_needs(type(office).objects.get(pk=office.pk))
    with pytest.raises(CommandError):
        call_command("training_office", "nobody", stdout=StringIO())
