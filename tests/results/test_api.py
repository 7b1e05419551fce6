"""The results API: the same services and predicates as the pages, bad input refused in the envelope."""

import pytest
from rest_framework.test import APIClient

from phrom.results.models import Event, Result
from tests.helpers.plans import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(people):
    def as_user(user):
        client = APIClient()
        client.force_authenticate(user)
        return client
    return as_user


@pytest.fixture
def planned(structure, people):
    return make_plan(structure.rayong_unit, people.rayong_unit_coordinator)


def test_record_an_event_and_its_result_over_the_api(api, structure, people, planned):
    client = api(people.rayong_unit_coordinator)
    created = client.post("/api/v1/events/", {"reporter": structure.rayong_unit.code, "title": "ไฟไหม้ห้องเก็บเอกสาร",
                                              "hazard": "fire", "started_at": "2026-11-10T09:00:00+07:00"}, format="json")
    assert created.status_code == 201, created.content
    (row,) = created.json()["results"]
    url = f"/api/v1/results/{row['id']}/"
    result = client.get(url).json()
    assert [(p["key"], p["rto_hours"], p["outcome"]) for p in result["processes"]] == [
        ("p1", 4, "not_disrupted"), ("p2", 168, "not_disrupted")]
    saved = client.put(url, {"revision": result["revision"], "processes": [
        {"key": "p1", "recovered_hours": 4}, {"key": "p2", "still_down": True}],
        "training_needs": [{"skill": "evacuation_first_aid", "people": 5}]}, format="json")
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert [p["outcome"] for p in body["processes"]] == ["met", "still_down"]
    assert body["achievement"] == {"met": 1, "counted": 2, "percent": 50.0}
    assert body["training_needs"] == [{"skill": "evacuation_first_aid", "text": "", "people": 5}]
    # The same revision again: someone saved since.
    again = client.put(url, {"revision": result["revision"], "observations": "ทับ"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "results_conflict"


@pytest.mark.parametrize("body, field", [
    ({"processes": [{"key": "p1", "recovered_hours": -1}]}, "processes"),
    ({"processes": [{"key": "p1", "recovered_hours": 3, "still_down": True}]}, "processes[0].recovered_hours"),
    ({"training_needs": [{"skill": "no-such-skill"}]}, "training_needs[0].skill"),
])
def test_bad_input_is_refused_whole(api, structure, people, planned, body, field):
    client = api(people.rayong_unit_coordinator)
    created = client.post("/api/v1/events/", {"reporter": structure.rayong_unit.code, "title": "น้ำท่วม",
                                              "hazard": "flood", "started_at": "2026-11-10T09:00:00+07:00"}, format="json")
    pk = created.json()["results"][0]["id"]
    answer = client.put(f"/api/v1/results/{pk}/", {"revision": 0, "observations": "บันทึก", **body}, format="json")
    assert answer.status_code == 400
    assert field in answer.json()["error"]["fields"]
    assert Result.objects.get(pk=pk).observations == ""


def test_an_event_ending_before_it_starts_is_refused(api, structure, people):
    answer = api(people.rayong_unit_coordinator).post("/api/v1/events/", {
        "reporter": structure.rayong_unit.code, "title": "น้ำท่วม", "hazard": "flood",
        "started_at": "2026-11-10T09:00:00+07:00", "ended_at": "2026-11-10T08:00:00+07:00"}, format="json")
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "results_invalid"
    assert "ended_at" in answer.json()["error"]["fields"]
    assert not Event.objects.exists()


def test_no_exercise_for_an_agency_the_user_does_not_collect(api, structure, people):
    answer = api(people.rayong_unit_coordinator).post("/api/v1/exercises/", {
        "organiser": structure.rayong_unit.code, "participants": [structure.municipality.code], "kind": "tabletop",
        "title": "ซ้อม", "held_on": "2026-11-10", "hazard": "flood"}, format="json")
    assert answer.status_code == 403
    assert not Result.objects.exists()


def test_outsiders_do_not_read_a_result_and_collectors_do(api, structure, people, planned):
    client = api(people.rayong_unit_coordinator)
    pk = client.post("/api/v1/events/", {"reporter": structure.rayong_unit.code, "title": "น้ำท่วม", "hazard": "flood",
                                         "started_at": "2026-11-10T09:00:00+07:00"}, format="json").json()["results"][0]["id"]
    assert api(people.rayong_office_coordinator).get(f"/api/v1/results/{pk}/").status_code == 200
    assert api(people.coordinator(structure.municipality)).get(f"/api/v1/results/{pk}/").status_code == 403
    assert api(people.rayong_office_coordinator).put(f"/api/v1/results/{pk}/", {"revision": 0}, format="json").status_code == 403
    listed = api(people.coordinator(structure.municipality)).get("/api/v1/results/").json()
    assert listed == []


def test_an_ongoing_event_is_ended_by_its_reporter(api, structure, people):
    coordinator = api(people.rayong_unit_coordinator)
    created = coordinator.post("/api/v1/events/", {"reporter": structure.rayong_unit.code, "title": "ไฟดับ",
                                                   "hazard": "power_outage", "started_at": "2026-11-10T09:00:00+07:00"},
                               format="json").json()
    url = f"/api/v1/events/{created['id']}/end/"
    early = coordinator.post(url, {"ended_at": "2026-11-10T08:00:00+07:00"}, format="json")
    assert early.status_code == 400 and "ended_at" in early.json()["error"]["fields"]
    assert api(people.rayong_office_coordinator).post(url, {"ended_at": "2026-11-11T08:00:00+07:00"},
                                                      format="json").status_code == 403
    assert coordinator.post(url, {"ended_at": "2026-11-11T08:00:00+07:00"}, format="json").status_code == 200
    assert Event.objects.get().ended_at.isoformat() == "2026-11-11T01:00:00+00:00"
