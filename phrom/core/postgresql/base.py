"""Django's PostgreSQL backend with the parameters bound by the server (settings.DATABASES).

Server-side binding lets psycopg prepare a statement the connection has run a few times, which halves
PostgreSQL's CPU on the pages (bench/load/page_cpu.py). It also caps a statement at 65,535 parameters
(the protocol's limit), which Django 5.2 does not split its batches for: bulk_update() sends two
parameters per field and row plus the row's key, so 20,000 memberships or organisations updated at once
would be refused. Batches are cut under the cap here (bulk inserts use UNNEST, a parameter per column).
"""

from django.db.backends.postgresql import base, operations

MAX_PARAMETERS = 65_535


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        # bulk_update() passes ["pk", "pk", *fields] and sends 2 x fields + 1 a row: twice the fields is safe.
        return max(1, min(len(objs), MAX_PARAMETERS // (2 * max(1, len(fields)))))


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
