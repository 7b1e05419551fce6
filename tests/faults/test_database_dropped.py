"""The database connection dropped in the middle of a plan save: PostgreSQL ends the request's backend
(pg_terminate_backend, from a second connection, as an administrator or a failover would) just as the
save writes its audit entry, after the component's rows and its version were written. The answer is a
clean Thai page (or the API's envelope) with the code `database_unavailable`, not a traceback, and
nothing of the save is left: the plan's rows, versions and audit trail are as before.

PostgreSQL only: SQLite has no server connection to drop (the CI runs this file on PostgreSQL).
"""

import contextlib

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from phrom.plans.content import export_document
from phrom.plans.models import Plan, PlanAudit, PlanVersion
from tests.plans.formdata import as_post, read_form

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL connection to terminate"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@contextlib.contextmanager
def connection_dropped_at(table: str):
    """Terminate this connection's backend when it is about to insert into `table` (Django's own hook
    around every statement; the termination itself is PostgreSQL's)."""
    pid = connection.cursor().connection.info.backend_pid
    dropped = []

    def drop(execute, sql, params, many, context):
        if not dropped and sql.startswith(f'INSERT INTO "{table}"'):
            dropped.append(sql)
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            finally:
                other.close()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(drop):
        yield dropped


def state(plan):
    return (export_document(Plan.objects.get(pk=plan.pk)), Plan.objects.get(pk=plan.pk).revision,
            PlanVersion.objects.filter(plan=plan).count(), PlanAudit.objects.filter(plan=plan).count())


def test_a_plan_save_cut_off_by_the_database_answers_cleanly_and_writes_nothing(plan, coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    url = reverse("plans:edit", args=[plan.pk, "scope"])
    fields = [(n, v) for n, v in read_form(client.get(url).content.decode()) if n != "objectives"]
    fields.append(("objectives", "รักษาบริการประชาชนให้ต่อเนื่องแม้ฐานข้อมูลล่ม"))
    before = state(plan)

    with connection_dropped_at(PlanAudit._meta.db_table) as dropped:
        response = client.post(url, as_post(fields))

    assert dropped  # the save reached its audit entry before the connection went
    assert response.status_code == 503
    page = response.content.decode()
    assert "database_unavailable" in page and "ฐานข้อมูลไม่ตอบสนอง จึงยังไม่ได้บันทึกสิ่งใด" in page
    assert "Traceback" not in page
    assert state(plan) == before  # the next request's fresh connection finds nothing half-written

    # The same save once the database is back goes through.
    assert client.post(url, as_post(fields)).status_code == 302
    assert export_document(Plan.objects.get(pk=plan.pk))["scope"]["objectives"] == "รักษาบริการประชาชนให้ต่อเนื่องแม้ฐานข้อมูลล่ม"


def test_through_the_api_the_answer_is_the_envelope(plan, coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    url = reverse("api-plan-component", args=[plan.pk, "scope"])
    current = client.get(url).json()
    before = state(plan)
    body = {**current, "data": {**current["data"], "objectives": "บันทึกผ่าน API ขณะฐานข้อมูลล่ม"}}

    with connection_dropped_at(PlanAudit._meta.db_table) as dropped:
        response = client.put(url, body, content_type="application/json")

    assert dropped and response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"
    assert state(plan) == before
