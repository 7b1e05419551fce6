"""import_plans: the schema first (every error with its path), then the plan rules; all or nothing."""

import copy

import pytest

from phrom.exchange.export import export_plans
from phrom.exchange.importer import as_envelope, import_plans
from phrom.plans.content import export_document
from phrom.plans.models import Plan, PlanAudit, PlanVersion, TeamMember
from tests.helpers.people import member
from tests.helpers.plans import exchange_plan


def paths(report):
    return [e["path"] for e in report.errors]


def test_a_single_plan_is_created_with_its_state_version_and_dates(structure, full_doc):
    item = exchange_plan(full_doc, "PU21-HEALTH", state="accepted", version=3)
    report = import_plans(item, user=None)
    assert report.ok, report.errors
    plan = Plan.objects.get(organisation=structure.rayong_unit, fiscal_year=2569)
    assert [c["plan"] for c in report.created] == [plan.pk]
    assert plan.status == "accepted" and plan.revision == 3
    assert plan.reviewed_on.isoformat() == "2025-11-01"
    assert export_document(plan) == full_doc
    assert set(PlanVersion.objects.filter(plan=plan).values_list("number", flat=True)) == {3}
    create = PlanAudit.objects.get(plan=plan, action="create")
    assert create.detail["state"] == "accepted" and create.detail["source_version"] == 3


def test_the_three_shapes_are_accepted(structure, full_doc):
    one = exchange_plan(full_doc, "PU21-HEALTH")
    assert as_envelope(one)["plans"] == [one]
    assert as_envelope([one])["plans"] == [one]
    env = {"format": "phrom-plan-exchange/1", "plans": [one]}
    assert as_envelope(env) is env
    assert import_plans([one, exchange_plan(full_doc, "HOSP21")], user=None).ok
    assert Plan.objects.count() == 2


def test_reimporting_the_same_file_changes_nothing(structure, full_doc):
    data = [exchange_plan(full_doc, "PU21-HEALTH", state="submitted"), exchange_plan(full_doc, "HOSP21", fiscal_year=2570)]
    assert len(import_plans(data, user=None).created) == 2
    counts = (Plan.objects.count(), PlanVersion.objects.count(), PlanAudit.objects.count(), TeamMember.objects.count())
    again = import_plans(copy.deepcopy(data), user=None)
    assert again.ok and len(again.unchanged) == 2 and not again.created and not again.updated
    assert (Plan.objects.count(), PlanVersion.objects.count(), PlanAudit.objects.count(),
            TeamMember.objects.count()) == counts


def test_a_changed_plan_becomes_a_new_version(structure, full_doc):
    import_plans(exchange_plan(full_doc, "PU21-HEALTH"), user=None)
    plan = Plan.objects.get()
    changed = exchange_plan(full_doc, "PU21-HEALTH", state="submitted")
    changed["processes"][0]["rto_hours"] = 8
    report = import_plans(changed, user=None)
    assert report.ok and len(report.updated) == 1
    plan.refresh_from_db()
    assert plan.revision == 2 and plan.status == "submitted"
    assert list(PlanVersion.objects.filter(plan=plan, number=2).values_list("component", flat=True)) == ["processes"]
    assert export_document(plan)["processes"][0]["rto_hours"] == 8
    assert PlanAudit.objects.filter(plan=plan, action="status", detail__to="submitted").exists()


def test_round_trip_through_export(plan, coordinator, structure):
    exported = export_plans([plan], user=coordinator)
    item = exported["plans"][0]
    item["organisation"] = "HOSP21"
    assert import_plans(exported, user=None).ok
    copy_ = Plan.objects.get(organisation=structure.hospital)
    again = export_plans([copy_], user=None)["plans"][0]
    assert {**again, "organisation": "x", "organisation_name": "x"} == {**item, "organisation": "x", "organisation_name": "x"}


# ---------------------------------------------------------------- bad files: refused whole, with paths


def refused(data, user=None):
    before = (Plan.objects.count(), PlanVersion.objects.count(), PlanAudit.objects.count())
    report = import_plans(data, user=user)
    assert not report.ok
    assert (Plan.objects.count(), PlanVersion.objects.count(), PlanAudit.objects.count()) == before
    return report


def test_every_schema_error_is_listed_with_its_path(structure, full_doc):
    good = exchange_plan(full_doc, "PU21-HEALTH")
    bad = exchange_plan(full_doc, "HOSP21")
    bad["processes"][0]["rto_hours"] = "4 ชั่วโมง"
    bad["team"][1]["role"] = "boss"
    bad["impacts"][0]["category"] = "buildings"
    del bad["processes"][1]["name"]
    bad["processes"][1]["rto"] = 4
    bad["reviewed_on"] = "1/11/2568"
    report = refused([good, good | {"fiscal_year": 2570}, good | {"fiscal_year": 2571}, bad])
    by_path = {e["path"]: e["message_en"] for e in report.errors}
    assert by_path == {
        "plans[3].reviewed_on": "must be a date as YYYY-MM-DD",
        "plans[3].impacts[0].category": "must be one of: building, equipment, supply, it, personnel, stakeholders",
        "plans[3].team[1].role": "must be one of: head, coordinator, leader, member",
        "plans[3].processes[0].rto_hours": "must be a number or null",
        "plans[3].processes[1].name": "is required",
        "plans[3].processes[1].rto": "is not a field of this format",
    }
    th = {e["path"]: e["message_th"] for e in report.errors}
    assert th["plans[3].processes[0].rto_hours"] != by_path["plans[3].processes[0].rto_hours"]


@pytest.mark.parametrize("data,path", [
    ({"format": "phrom-plan-exchange/2", "plans": []}, "format"),
    ({"format": "phrom-plan-exchange/1", "plans": {}}, "plans"),
    ({"format": "phrom-plan-exchange/1", "plans": [], "extra": 1}, "extra"),
    ("not an object", "plans[0]"),
    ([{"organisation": "PU21-HEALTH", "title": "แผน"}], "plans[0].fiscal_year"),
    ([{"organisation": "PU21-HEALTH", "fiscal_year": "2569", "title": "แผน"}], "plans[0].fiscal_year"),
    ([{"organisation": "PU21-HEALTH", "fiscal_year": 2569, "title": ""}], "plans[0].title"),
    ([{"organisation": "PU21-HEALTH", "fiscal_year": 2569, "title": "แผน", "state": "approved"}], "plans[0].state"),
    ([{"organisation": "PU21-HEALTH", "fiscal_year": 2569, "title": "แผน", "version": 0}], "plans[0].version"),
    ([{"organisation": "PU21 HEALTH", "fiscal_year": 2569, "title": "แผน"}], "plans[0].organisation"),
])
def test_broken_files_are_refused(structure, data, path):
    assert path in paths(refused(data))


def test_semantic_errors_are_all_listed_and_nothing_is_stored(structure, full_doc):
    unknown = exchange_plan(full_doc, "NO-SUCH-ORG")
    first = exchange_plan(full_doc, "PU21-HEALTH")
    duplicate = exchange_plan(full_doc, "PU21-HEALTH")
    dangling = exchange_plan(full_doc, "HOSP21")
    dangling["procedures"][0]["owner"] = "m9"
    dangling["resources"][0]["process"] = "p9"
    cycle = exchange_plan(full_doc, "TM21-001")
    cycle["call_tree"].append({"caller": "m3", "callee": "m1", "order": 1, "channel": "phone"})
    report = refused([unknown, first, duplicate, dangling, cycle])
    assert paths(report) == [
        "plans[0].organisation",
        "plans[2].fiscal_year",
        "plans[3].resources[0].process",
        "plans[3].procedures[0].owner",
        "plans[4].call_tree[3].callee",
    ]
    by_path = {e["path"]: e["message_en"] for e in report.errors}
    assert "NO-SUCH-ORG" in by_path["plans[0].organisation"]
    assert "plans[1]" in by_path["plans[2].fiscal_year"]
    assert "circle" in by_path["plans[4].call_tree[3].callee"]


def test_a_coordinator_imports_only_their_own_agencys_plans(structure, full_doc):
    coordinator = member(structure.rayong_unit)
    report = refused([exchange_plan(full_doc, "PU21-HEALTH"), exchange_plan(full_doc, "HOSP21")], user=coordinator)
    assert paths(report) == ["plans[1].organisation"]
    assert import_plans(exchange_plan(full_doc, "PU21-HEALTH"), user=coordinator).ok
    assert Plan.objects.get().created_by == coordinator
