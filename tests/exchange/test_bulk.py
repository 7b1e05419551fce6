"""The bulk writer (create_plans) writes exactly the rows of the one-plan path (apply_document)."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings

from phrom.plans.codes import ALL_COMPONENTS
from phrom.plans.content import (
    NewPlan,
    apply_document,
    change_counts,
    clean_document,
    counts_from_empty,
    create_plans,
    document_at,
    empty_component,
    export_document,
    split,
)
from phrom.plans.models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Strategy,
    TeamMember,
)
from phrom.plans.services import starter_templates
from tests.helpers.people import member
from tests.helpers.plans import FULL, documents

PLAN_FIELDS = ["title", "fiscal_year", "classification", "status", "reviewed_on", "exercised_on", "objectives",
               "assumptions", "scope_text", "long_crisis", "revision", "component_revisions", "created_by_id",
               "updated_by_id"]
TABLES = {
    PlanScenario: ["position", "code", "scenario_id", "name_th", "name_en", "note"],
    Impact: ["position", "scenario__code", "category", "impacted", "note"],
    TeamMember: ["position", "key", "name", "job_title", "role", "team", "phone", "email", "line_id", "alternate__key"],
    Strategy: ["position", "category", "strategy", "digital"],
    Process: ["position", "key", "name", "mission", "impact_level", "mtpd_hours", "rto_hours", "rpo_hours",
              "depends_on_it", "eservice", "impact_over_time"],
    ResourceRequirement: ["position", "process__key", "category", "item", "unit", "qty_4h", "qty_1d", "qty_1w",
                          "qty_2w", "qty_1m"],
    ProcedureStep: ["position", "window", "order", "activity", "owner__key", "process__key"],
    CallTreeLink: ["position", "caller__key", "callee__key", "order", "channel"],
}


def rows(plan: Plan) -> dict:
    """Everything stored for the plan, without its ids and timestamps."""
    out = {"plan": Plan.objects.filter(pk=plan.pk).values(*PLAN_FIELDS).get()}
    for model, fields in TABLES.items():
        out[model.__name__] = list(model.objects.filter(plan=plan).order_by("position").values_list(*fields))
    out["versions"] = list(PlanVersion.objects.filter(plan=plan).order_by("number", "component").values_list(
        "number", "component", "data", "author_id", "summary", "changes"))
    out["audit"] = list(PlanAudit.objects.filter(plan=plan).order_by("id").values_list(
        "action", "component", "version", "detail", "username", "user_id"))
    return out


def create_plan_reference(item: NewPlan, *, user, summary: str) -> Plan:
    """One new plan through the one-plan writer (the slow path the bulk path must equal): an empty plan
    row with its counter just below the version to record, its "create" entry, then apply_document."""
    author = user if user is not None and user.is_authenticated else None
    plan = Plan.objects.create(
        organisation_id=item.organisation_id, title="", fiscal_year=item.fiscal_year, status=item.status,
        revision=item.version - 1, created_by=author, updated_by=author,
    )
    PlanAudit.objects.create(plan=plan, user=author, username=author.get_username() if author else "",
                             action=PlanAudit.Action.CREATE, detail={"fiscal_year": item.fiscal_year, **item.detail})
    apply_document(plan, item.cleaned, user=user, summary=summary, action=PlanAudit.Action.SAVE, record_all=True,
                   cleaned=True)
    item.plan = plan
    return plan


def both_ways(structure, doc, *, version=1, state="draft", user=None):
    cleaned = clean_document(doc)
    slow = NewPlan(structure.rayong_unit.pk, 2569, copy.deepcopy(cleaned), status=state, version=version,
                   detail={"imported": "test"})
    fast = NewPlan(structure.hospital.pk, 2569, copy.deepcopy(cleaned), status=state, version=version,
                   detail={"imported": "test"})
    create_plan_reference(slow, user=user, summary="นำเข้า")
    create_plans([fast], user=user, summary="นำเข้า")
    return slow.plan, fast.plan


@pytest.mark.parametrize("version,state", [(1, "draft"), (4, "accepted")])
def test_bulk_rows_equal_the_backend_rows(structure, version, state):
    user = member(structure.rayong_unit)
    slow, fast = both_ways(structure, copy.deepcopy(FULL), version=version, state=state, user=user)
    assert rows(fast) == rows(slow)
    assert export_document(fast) == export_document(slow) == FULL
    assert document_at(fast, version) == document_at(slow, version) == FULL


def test_every_starter_template_is_written_alike(structure):
    for template in starter_templates():
        Plan.objects.filter(fiscal_year=2569).delete()
        doc = copy.deepcopy(template.document)
        slow, fast = both_ways(structure, doc)
        assert rows(fast) == rows(slow), template.code
        assert export_document(fast) == export_document(slow), template.code


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_random_documents_are_written_alike(structure, doc):
    Plan.objects.filter(fiscal_year=2569).delete()
    slow, fast = both_ways(structure, doc)
    assert rows(fast) == rows(slow)
    assert export_document(fast) == doc


def test_many_plans_in_one_go(structure):
    orgs = [structure.rayong_unit, structure.hospital, structure.municipality]
    cleaned = clean_document(copy.deepcopy(FULL))
    items = [NewPlan(org.pk, year, copy.deepcopy(cleaned)) for org in orgs for year in (2568, 2569)]
    create_plans(items, user=None)
    assert Plan.objects.count() == 6
    for item in items:
        assert export_document(item.plan) == FULL
        assert PlanVersion.objects.filter(plan=item.plan).count() == len(ALL_COMPONENTS)


@settings(max_examples=60, deadline=None)
@given(doc=documents())
def test_change_counts_from_an_empty_plan(doc):
    cleaned = split(doc)
    for component in ALL_COMPONENTS:
        assert counts_from_empty(component, cleaned[component]) == change_counts(
            component, empty_component(component), cleaned[component])
