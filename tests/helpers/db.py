"""Database helpers for tests that bulk-load national-size data."""

from django.db import connection


def analyze(*models) -> None:
    """Tell PostgreSQL's planner how big the tables now are, as autovacuum does after a real bulk load.

    A test's rows are never committed, so autovacuum never sees them: the planner keeps the statistics
    of whatever an earlier test left committed (near-empty tables) and may pick nested loops that run
    for minutes over thousands of rows. ANALYZE inside the transaction counts its own rows (and is
    rolled back with it). SQLite plans without such statistics."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def database_url() -> str:
    """The test database's address, for a second process (a real worker) to open it (PostgreSQL)."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
