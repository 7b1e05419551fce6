"""Reading and writing plans component by component: round trips, validation, concurrency, versions."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phrom.plans.codes import ALL_COMPONENTS, COMPONENTS
from phrom.plans.content import (
    PlanValidationError,
    StaleComponent,
    apply_component,
    apply_document,
    assemble,
    clean_document,
    component_document,
    components_at,
    diff_documents,
    diff_versions,
    document_at,
    export_document,
    normalise_phone,
    split,
)
from phrom.plans.models import CallTreeLink, Plan, PlanAudit, PlanVersion, ProcedureStep, TeamMember
from phrom.plans.services import create_plan
from tests.helpers.people import member
from tests.helpers.plans import CATEGORY, FULL, documents


def save(plan, component, data, user):
    return apply_component(plan, component, data, user=user, expected_revision=plan.component_revision(component))


def errors_of(exc_info) -> dict:
    return {e["path"]: e for e in exc_info.value.errors}


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("component", COMPONENTS)
def test_each_component_round_trips(plan, coordinator, component):
    data = copy.deepcopy(split(FULL)[component])
    # Change something in each, save, read back exactly what was saved.
    if component == "scope":
        data["objectives"] = "เพื่อรักษาความต่อเนื่องของงานบริการประชาชน"
        data["scenarios"].append({"code": "fire", "note": "อาคารเก่า"})
    elif component == "impacts":
        data.append({"scenario": "flood", "category": "it", "impacted": True, "note": "ห้องเซิร์ฟเวอร์ชั้นล่าง"})
    elif component == "team":
        data.append({"key": "m4", "name": "นางมาลี ศรีสุข", "position": "เจ้าพนักงานธุรการ", "role": "member",
                     "team": "ทีมสนับสนุน", "phone": "02-123-4567", "email": "malee@example.go.th",
                     "line_id": "malee", "alternate": "m3"})
    elif component == "strategies":
        data.insert(0, {"category": "supply", "strategy": "ทำสัญญาจัดซื้อสำรองกับผู้ขายรายที่สอง", "digital": False})
    elif component == "processes":
        data[1]["rpo_hours"] = 0
        data[1]["impact_level"] = None
        data.append({"key": "p3", "name": "การจ่ายเงินเดือน", "mission": "บริหารทั่วไป", "impact_level": "high",
                     "mtpd_hours": 72, "rto_hours": 24.5, "rpo_hours": 24, "depends_on_it": True, "eservice": True,
                     "impact_over_time": {"1w": "บุคลากรไม่ได้รับเงินเดือน"}})
    elif component == "resources":
        data.append({"process": None, "category": "building", "item": "พื้นที่ปฏิบัติงานสำรอง", "unit": "ตารางเมตร",
                     "quantities": {"1d": 40, "1m": 120.5}})
    elif component == "procedures":
        data.reverse()
    elif component == "call_tree":
        data[2] = {"caller": "m1", "callee": "m3", "order": 2, "channel": "sms"}
    saved = save(plan, component, data, coordinator)
    assert saved.changed
    assert component_document(plan, component) == data
    assert Plan.objects.get(pk=plan.pk).component_revision(component) == 2
    assert export_document(plan)[component] == data


def test_header_round_trips(plan, coordinator):
    header = {"title": "แผน BCP ฉบับทบทวน", "classification": "sensitive", "reviewed_on": "2025-10-01",
              "exercised_on": None}
    save(plan, "header", header, coordinator)
    assert component_document(plan, "header") == header
    assert Plan.objects.get(pk=plan.pk).is_sensitive


def test_the_whole_document_round_trips(plan, coordinator):
    doc = copy.deepcopy(FULL)
    apply_document(plan, doc, user=coordinator)
    assert export_document(plan) == doc


def test_text_is_stripped_and_numbers_normalised(plan, coordinator):
    team = copy.deepcopy(FULL["team"])
    team[0]["name"] = "  นายแพทย์สมชาย ใจดี  "
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = 4.0
    save(plan, "team", team, coordinator)
    save(plan, "processes", processes, coordinator)
    assert component_document(plan, "team")[0]["name"] == "นายแพทย์สมชาย ใจดี"
    assert component_document(plan, "processes")[0]["rto_hours"] == 4
    assert isinstance(component_document(plan, "processes")[0]["rto_hours"], int)


def test_unchanged_save_writes_nothing(plan, coordinator):
    before = PlanVersion.objects.count(), PlanAudit.objects.count()
    saved = save(plan, "team", copy.deepcopy(FULL["team"]), coordinator)
    assert not saved.changed
    assert (PlanVersion.objects.count(), PlanAudit.objects.count()) == before
    assert plan.component_revision("team") == 1


def test_unchanged_rows_keep_their_ids(plan, coordinator):
    ids = dict(TeamMember.objects.filter(plan=plan).values_list("key", "id"))
    team = copy.deepcopy(FULL["team"])
    team[2]["phone"] = "0899999999"
    save(plan, "team", team, coordinator)
    assert dict(TeamMember.objects.filter(plan=plan).values_list("key", "id")) == ids


def test_saving_one_step_of_a_large_plan_updates_one_row(plan, coordinator):
    steps = [{"window": "d1_7", "order": i, "activity": f"ขั้นตอนที่ {i}", "owner": "m1", "process": None}
             for i in range(1, 301)]
    save(plan, "procedures", steps, coordinator)
    steps[150]["activity"] = "ขั้นตอนที่แก้ไขแล้ว"
    with CaptureQueriesContext(connection) as queries:
        save(plan, "procedures", steps, coordinator)
    updates = [q for q in queries if q["sql"].startswith('UPDATE "plans_procedurestep"')]
    assert len(updates) == 1
    assert len(queries) < 40


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize("phone,normal", [
    ("0812345678", "0812345678"),
    ("081-234-5678", "0812345678"),
    ("081 234 5678", "0812345678"),
    ("02-123-4567", "021234567"),
    ("038 611 234", "038611234"),
    ("+66812345678", "0812345678"),
    ("+66 2 123 4567", "021234567"),
    ("(02) 123-4567", "021234567"),
])
def test_thai_phone_numbers_accepted(phone, normal):
    assert normalise_phone(phone) == normal


@pytest.mark.parametrize("phone", ["12345", "081234567890", "1812345678", "+1 202 555 0100", "โทร 081", "08123x5678"])
def test_bad_phone_numbers_refused(plan, coordinator, phone):
    assert normalise_phone(phone) is None
    team = copy.deepcopy(FULL["team"])
    team[1]["phone"] = phone
    with pytest.raises(PlanValidationError) as e:
        save(plan, "team", team, coordinator)
    err = errors_of(e)["team[1].phone"]
    assert "เบอร์โทรศัพท์" in err["message_th"] and "Thai phone number" in err["message_en"]


def test_every_error_has_a_path_and_both_languages(plan, coordinator):
    processes = copy.deepcopy(FULL["processes"])
    processes.append({"key": "p1", "name": "", "mtpd_hours": -3, "rto_hours": "4 ชั่วโมง", "rpo_hours": 0,
                      "impact_level": "extreme", "depends_on_it": "yes", "impact_over_time": {"3d": "x"}})
    with pytest.raises(PlanValidationError) as e:
        save(plan, "processes", processes, coordinator)
    errors = errors_of(e)
    assert set(errors) == {
        "processes[2].key", "processes[2].name", "processes[2].mtpd_hours", "processes[2].rto_hours",
        "processes[2].impact_level", "processes[2].depends_on_it", "processes[2].impact_over_time.3d",
    }
    for err in errors.values():
        assert err["message_th"] and err["message_en"] and err["message_th"] != err["message_en"]
    assert plan.component_revision("processes") == 1  # nothing saved


def test_rto_longer_than_mtpd_is_accepted(plan, coordinator):
    # A finding of the checker, not an input error.
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = 48
    assert save(plan, "processes", processes, coordinator).changed


@pytest.mark.parametrize("component,data,path", [
    ("impacts", [{"scenario": "earthquake", "category": "building"}], "impacts[0].scenario"),
    ("impacts", [{"scenario": "flood", "category": "roof"}], "impacts[0].category"),
    ("impacts", [{"scenario": "flood", "category": "it"}, {"scenario": "flood", "category": "it"}], "impacts[1]"),
    ("procedures", [{"window": "day1", "order": 1, "activity": "x", "owner": "m9"}], "procedures[0].owner"),
    ("procedures", [{"window": "day1", "order": 1, "activity": "x", "process": "p9"}], "procedures[0].process"),
    ("procedures", [{"window": "week2", "order": 1, "activity": "x"}], "procedures[0].window"),
    ("procedures", [{"window": "day1", "order": 0, "activity": "x"}], "procedures[0].order"),
    ("resources", [{"process": "p9", "category": "it", "item": "x"}], "resources[0].process"),
    ("resources", [{"process": "p1", "category": "it", "item": "x", "quantities": {"1d": -1}}],
     "resources[0].quantities.1d"),
    ("call_tree", [{"caller": "m1", "callee": "m1", "order": 1, "channel": "phone"}], "call_tree[0].caller"),
    ("call_tree", [{"caller": None, "callee": "m7", "order": 1, "channel": "phone"}], "call_tree[0].callee"),
    ("call_tree", [{"caller": None, "callee": "m1", "order": 1, "channel": "pigeon"}], "call_tree[0].channel"),
    ("team", [{"key": "m1", "name": "ก", "alternate": "m1"}], "team[0].alternate"),
    ("team", [{"key": "m1", "name": "ก", "alternate": "m5"}], "team[0].alternate"),
    ("team", [{"key": "m1", "name": "ก"}, {"key": "m1", "name": "ข"}], "team[1].key"),
    ("team", [{"key": "m1", "name": "ก", "email": "not-an-address"}], "team[0].email"),
    ("scope", {"scenarios": [{"code": "meteor"}]}, "scope.scenarios[0].code"),
    ("scope", {"scenarios": [{"code": "custom-x"}]}, "scope.scenarios[0].name_th"),
    ("scope", {"scenarios": [{"code": "flood"}, {"code": "flood"}]}, "scope.scenarios[1].code"),
    ("header", {"title": ""}, "title"),
    ("header", {"title": "x", "reviewed_on": "15/10/2568"}, "reviewed_on"),
    ("header", {"title": "x", "reviewed_on": "2999-01-01"}, "reviewed_on"),
    ("strategies", "not a list", "strategies"),
])
def test_invalid_input_is_refused_with_the_path(plan, coordinator, component, data, path):
    with pytest.raises(PlanValidationError) as e:
        save(plan, component, data, coordinator)
    assert path in errors_of(e)


def test_whole_document_errors_use_document_paths():
    doc = copy.deepcopy(FULL)
    doc["processes"][1]["rto_hours"] = 0
    doc["call_tree"].append({"caller": "m3", "callee": "m3", "order": 1, "channel": "phone"})
    with pytest.raises(PlanValidationError) as e:
        clean_document(doc, catalogue={"epidemic", "flood", "cyber"})
    assert {"processes[1].rto_hours", "call_tree[3].caller"} <= set(errors_of(e))


# ------------------------------------------------------------------ concurrency


def test_a_stale_revision_is_refused_and_nothing_is_overwritten(plan, coordinator, structure):
    other = member(structure.rayong_unit)
    loaded = plan.component_revision("processes")
    first = copy.deepcopy(FULL["processes"])
    first[0]["rto_hours"] = 2
    apply_component(plan, "processes", first, user=other, expected_revision=loaded)
    second = copy.deepcopy(FULL["processes"])
    second[1]["name"] = "การอนุญาตเปิดสถานพยาบาลเอกชน"
    with pytest.raises(StaleComponent) as e:
        apply_component(Plan.objects.get(pk=plan.pk), "processes", second, user=coordinator, expected_revision=loaded)
    assert e.value.current == loaded + 1
    assert "ไม่ได้บันทึก" in e.value.message_th and "not saved" in e.value.message_en
    assert e.value.changed_by
    assert component_document(plan, "processes")[0]["rto_hours"] == 2
    assert component_document(plan, "processes")[1]["name"] == FULL["processes"][1]["name"]


def test_components_are_locked_separately(plan, coordinator, structure):
    other = member(structure.rayong_unit)
    team_rev, strategies_rev = plan.component_revision("team"), plan.component_revision("strategies")
    team = copy.deepcopy(FULL["team"])
    team[0]["line_id"] = "somchai.j"
    apply_component(plan, "team", team, user=other, expected_revision=team_rev)
    strategies = copy.deepcopy(FULL["strategies"])[:2]
    assert apply_component(plan, "strategies", strategies, user=coordinator, expected_revision=strategies_rev).changed


def test_missing_revision_is_refused(plan, coordinator):
    with pytest.raises(StaleComponent):
        apply_component(plan, "team", [], user=coordinator, expected_revision=None)


# ------------------------------------------------------------------ cascades between components


def test_removing_a_member_empties_their_steps_and_links_and_versions_them(plan, coordinator):
    team = [m for m in copy.deepcopy(FULL["team"]) if m["key"] != "m3"]
    saved = save(plan, "team", team, coordinator)
    assert set(saved.revisions) == {"team", "procedures", "call_tree"}
    assert ProcedureStep.objects.get(plan=plan, activity="กู้คืนระบบสารสนเทศ").owner is None
    assert not CallTreeLink.objects.filter(plan=plan, callee__key="m3").exists()
    assert document_at(plan, saved.version) == export_document(plan)
    cascade = PlanAudit.objects.filter(plan=plan, action=PlanAudit.Action.CASCADE)
    assert {a.component for a in cascade} == {"procedures", "call_tree"}


def test_removing_a_scenario_removes_its_impacts(plan, coordinator):
    scope = copy.deepcopy(FULL["scope"])
    scope["scenarios"] = [s for s in scope["scenarios"] if s["code"] != "flood"]
    saved = save(plan, "scope", scope, coordinator)
    assert "impacts" in saved.revisions
    assert all(r["scenario"] != "flood" for r in component_document(plan, "impacts"))


def test_removing_a_process_removes_its_resources(plan, coordinator):
    processes = copy.deepcopy(FULL["processes"])[:1]
    save(plan, "processes", processes, coordinator)
    assert [r["process"] for r in component_document(plan, "resources")] == ["p1"]


# ------------------------------------------------------------------ versions and diffs


def test_versions_reconstruct_every_earlier_state(plan, coordinator):
    states = {plan.revision: export_document(plan)}
    team = copy.deepcopy(FULL["team"])
    team[0]["phone"] = "0811111111"
    save(plan, "team", team, coordinator)
    states[plan.revision] = export_document(plan)
    save(plan, "header", {**split(FULL)["header"], "title": "แผนฉบับปรับปรุง"}, coordinator)
    states[plan.revision] = export_document(plan)
    save(plan, "strategies", FULL["strategies"][:1], coordinator)
    states[plan.revision] = export_document(plan)
    assert plan.revision == 4
    for number, state in states.items():
        assert document_at(plan, number) == state


def test_components_at_reads_each_plans_component_as_at_its_version_in_one_query(plan, coordinator, structure):
    """Several saves of a component: each version gives the row it had then, for several plans at
    different versions at once; a component with no row at or below the version is absent."""
    strategies = {plan.revision: component_document(plan, "strategies")}
    for n in (1, 2, 3):
        save(plan, "strategies", FULL["strategies"][:n], coordinator)
        strategies[plan.revision] = component_document(plan, "strategies")
    team = component_document(plan, "team")
    changed = copy.deepcopy(FULL["team"])
    changed[0]["phone"] = "0811111111"
    save(plan, "team", changed, coordinator)
    strategies[plan.revision] = strategies[plan.revision - 1]
    other = create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2570, template=copy.deepcopy(FULL))
    save(other, "strategies", FULL["strategies"][:1], coordinator)
    other_at_2 = component_document(other, "strategies")
    save(other, "strategies", FULL["strategies"][:2], coordinator)
    for number, expected in strategies.items():
        with CaptureQueriesContext(connection) as queries:
            found = components_at({plan.pk: number, other.pk: 2}, ["strategies", "team"])
        assert len(queries) == 1
        assert found[plan.pk] == {"strategies": expected,
                                  "team": team if number < plan.revision else component_document(plan, "team")}
        assert found[other.pk] == {"strategies": other_at_2, "team": component_document(other, "team")}
    PlanVersion.objects.filter(plan=other, number=1, component="team").delete()
    assert components_at({other.pk: 3}, ["team", "strategies"]) == {other.pk: {"strategies": component_document(other, "strategies")}}


def test_diff_between_versions_by_component_and_key(plan, coordinator):
    team = copy.deepcopy(FULL["team"])
    team[0]["phone"] = "0811111111"
    team.append({"key": "m9", "name": "นายใหม่ มาแทน", "role": "member", "phone": "0822222222"})
    save(plan, "team", team, coordinator)
    save(plan, "strategies", FULL["strategies"][1:], coordinator)
    diff = diff_versions(plan, 1, plan.revision)
    assert set(diff["components"]) == {"team", "strategies"}
    t = diff["components"]["team"]
    assert [a["key"] for a in t["added"]] == ["m9"]
    assert [(c["key"], c["fields"]) for c in t["changed"]] == [("m1", ["phone"])]
    assert t["removed"] == []
    s = diff["components"]["strategies"]
    assert len(s["removed"]) == 1 and s["removed"][0]["row"] == FULL["strategies"][0]
    assert s["added"] == [] and s["changed"] == []
    assert diff_versions(plan, plan.revision, plan.revision)["components"] == {}


def test_diff_of_scalar_fields():
    a, b = copy.deepcopy(FULL), copy.deepcopy(FULL)
    b["title"] = "ชื่อใหม่"
    b["scope"]["long_crisis"] = False
    b["scope"]["scenarios"].append({"code": "fire", "note": ""})
    d = diff_documents(a, b)
    assert d["header"]["fields"] == {"title": {"before": FULL["title"], "after": "ชื่อใหม่"}}
    assert d["scope"]["fields"] == {"long_crisis": {"before": True, "after": False}}
    assert [x["key"] for x in d["scope"]["added"]] == ["fire"]


def test_version_rows_record_counts_and_author(plan, coordinator):
    save(plan, "strategies", FULL["strategies"][:1], coordinator)
    v = PlanVersion.objects.get(plan=plan, number=plan.revision)
    assert v.component == "strategies" and v.author == coordinator
    assert v.changes == {"added": 0, "removed": 2, "changed": 0}
    assert set(PlanVersion.objects.filter(plan=plan, number=1).values_list("component", flat=True)) == set(ALL_COMPONENTS)


# ------------------------------------------------------------------ audit


def test_every_save_is_audited(plan, coordinator):
    apply_component(plan, "strategies", FULL["strategies"][:1], user=coordinator, ip="10.1.2.3",
                    expected_revision=plan.component_revision("strategies"))
    entry = PlanAudit.objects.filter(plan=plan).order_by("-id").first()
    assert (entry.user, entry.username, entry.action, entry.component, entry.ip, entry.version) == (
        coordinator, coordinator.username, "save", "strategies", "10.1.2.3", plan.revision
    )
    assert entry.detail["changes"]["removed"] == 2


def test_audit_rows_cannot_be_changed_or_deleted(plan):
    entry = PlanAudit.objects.filter(plan=plan).first()
    entry.action = "save"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        PlanAudit.objects.filter(plan=plan).update(action="x")
    with pytest.raises(PermissionError):
        PlanAudit.objects.filter(plan=plan).delete()
    assert PlanAudit.objects.filter(plan=plan).count() >= 2


# ------------------------------------------------------------------ property: random documents round-trip

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_random_valid_documents_round_trip_exactly(plan, coordinator, doc):
    apply_document(plan, doc, user=coordinator)
    assert export_document(plan) == doc
    assert document_at(plan, plan.revision) == doc
    assert assemble(split(doc)) == doc


ROWS = st.lists(st.fixed_dictionaries({"category": CATEGORY, "strategy": st.sampled_from(["ก", "ข", "ค"]),
                                       "digital": st.booleans()}), max_size=12)


@settings(max_examples=200, deadline=None)
@given(before=ROWS, after=ROWS)
def test_diff_of_unkeyed_lists_accounts_for_every_row(before, after):
    from phrom.plans.content import diff_component

    d = diff_component("strategies", before, after)
    assert len(after) == len(before) + len(d["added"]) - len(d["removed"])
    assert all(after[a["key"]] == a["row"] for a in d["added"])
    assert all(before[r["key"]] == r["row"] for r in d["removed"])
    assert all(c["after"] == after[c["key"]] and c["before"] != c["after"] for c in d["changed"])
    assert (d == {"added": [], "removed": [], "changed": []}) == (before == after)


def test_a_member_needs_a_name_or_a_position(plan, coordinator):
    team = copy.deepcopy(FULL["team"])
    team[2]["name"] = ""
    save(plan, "team", team, coordinator)  # the position is enough (templates list positions)
    team[2]["position"] = ""
    with pytest.raises(PlanValidationError) as e:
        save(plan, "team", team, coordinator)
    assert "team[2].name" in errors_of(e)
