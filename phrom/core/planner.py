"""Fresh statistics for PostgreSQL's query planner after a bulk load.

A table that autovacuum last saw empty (after a rollback, or before a first load) is recorded as holding
no rows per page: until autovacuum comes by again, the planner estimates one row in it however many the
load wrote, and joins it by scanning the other table once per row (25 s a query over the demo's 15,000
organisations). A load that writes thousands of rows and then reads them in the same transaction asks
for statistics first; ANALYZE counts the transaction's own new rows. SQLite plans without them.
"""

from django.db import connection


def refresh_planner_statistics(*models) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
