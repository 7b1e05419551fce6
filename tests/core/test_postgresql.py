"""PostgreSQL with server-side binding (phrom/core/postgresql): a query run again is prepared, and a bulk
update larger than the protocol's 65,535 parameters still goes through whole."""

import pytest
from django.db import connection

from phrom.orgs.models import Organisation, OrgKind

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def prepared_statements() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_query_run_again_is_prepared():
    before = prepared_statements()
    for _ in range(6):
        list(Organisation.objects.filter(code="NO-SUCH-ORG"))
    assert prepared_statements() > before


@pytest.mark.django_db
def test_a_bulk_update_beyond_the_parameter_limit_goes_through_whole():
    kind = OrgKind.objects.first()
    rows = Organisation.objects.bulk_create(
        Organisation(code=f"BULK-{n:05}", name_th=f"หน่วยงาน {n}", kind=kind) for n in range(13_200))
    for row in rows:
        row.site, row.name_th = "ศาลากลาง", f"{row.name_th} (ย้าย)"
    Organisation.objects.bulk_update(rows, ["site", "name_th"])  # 5 parameters a row: 66,000 in all
    assert Organisation.objects.filter(site="ศาลากลาง", name_th__endswith="(ย้าย)").count() == 13_200
