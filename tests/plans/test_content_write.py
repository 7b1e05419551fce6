"""The one writer of plan rows: its field table covers every stored column, and the plan's status
changes through one service function."""

from django.db.models import ForeignKey

from phrom.plans.codes import Status
from phrom.plans.content.fields import PLAN_COLUMNS, ROWS
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import set_status

# Plan columns that are not the document's content: its place, state, counters and bookkeeping.
NOT_CONTENT = {"id", "organisation_id", "fiscal_year", "status", "revision", "component_revisions", "attachment",
               "created_by_id", "updated_by_id", "created_at", "updated_at"}


def test_every_column_of_the_component_tables_is_in_the_field_table():
    for component, rows in ROWS.items():
        stored = {f.attname for f in rows.model._meta.concrete_fields} - {"id", "plan_id", "position"}
        assert {c.name for c in rows.columns} == stored, component


def test_every_content_column_of_the_plan_row_is_in_the_field_table():
    content = {f.attname for f in Plan._meta.concrete_fields} - NOT_CONTENT
    assert {c.name for columns in PLAN_COLUMNS.values() for c in columns} == content


def test_references_name_a_table_of_the_plan_or_the_catalogue():
    keyed = {rows.key for rows in ROWS.values() if rows.key}
    for rows in ROWS.values():
        for column in rows.columns:
            if column.ref is not None:
                assert column.ref in keyed | {"catalogue"}
                assert isinstance(rows.model._meta.get_field(column.name.removesuffix("_id")), ForeignKey)


def test_set_status_with_detail_records_the_change(plan, coordinator):
    revision = plan.revision
    set_status(plan, Status.ACCEPTED, user=coordinator, ip="10.0.0.1", detail={"imported": "phrom-plan-exchange/1"})
    assert plan.status == Status.ACCEPTED
    assert Plan.objects.get(pk=plan.pk).status == Status.ACCEPTED
    entry = PlanAudit.objects.filter(plan=plan, action=PlanAudit.Action.STATUS).get()
    assert entry.detail == {"from": "draft", "to": "accepted", "imported": "phrom-plan-exchange/1"}
    assert (entry.version, entry.username, entry.ip) == (revision, coordinator.get_username(), "10.0.0.1")


def test_set_status_by_id_records_nothing(plan):
    set_status(plan.pk, Status.SUBMITTED)
    assert Plan.objects.get(pk=plan.pk).status == Status.SUBMITTED
    assert not PlanAudit.objects.filter(plan=plan, action=PlanAudit.Action.STATUS).exists()
