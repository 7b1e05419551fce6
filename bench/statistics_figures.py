"""Benchmark: the national statistics (dashboard, API, `phrom stats`), at national scale and at 50,000
sent plan versions. Targets: p95 under 300 ms (national) and under 1 s (50,000), server side.

    .venv/bin/python bench/statistics_figures.py [--orgs N] [--versions V] [--rounds R]
    PHROM_BENCH_DATABASE_URL=postgres://phrom:phrom@127.0.0.1:5432/phrom_stats_bench .venv/bin/python bench/statistics_figures.py

Builds the organisations of bench/import_orgs.py (8,281 by default), then V sent plans spread over
the fiscal years from 2570 back (one per organisation and year; 3,616 by default, the 2020 count),
each with the facts of its sent version: ~6 scenarios, ~5 processes, ~4 findings; 1 in 200 sensitive.
Times figures() itself, the API and the dashboard page through Django's test Client with typical
filters, and the bare SQL: the very statements figures() runs, executed on a cursor. Prints p50/p95
and the ratio of figures() to its bare SQL.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_orgs import generate_rows, to_csv  # noqa: E402
from inbox import percentiles  # noqa: E402

YEAR = 2570
FILTERS = [{}, {"province": "50"}, {"kind": "sao"}, {"kind": "provincial_unit", "province": "30"}, {"province": "10"}]
SCENARIOS = ["epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber"]
SHARES = [0.97, 0.98, 0.95, 0.85, 0.60, 0.35, 0.31, 0.26]
FINDINGS = ["not_exercised_12_months", "member_without_alternate", "process_without_rpo", "no_digital_strategy",
            "rto_exceeds_mtpd", "calltree_unreached_member"]


def setup(tmp: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["PHROM_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = os.environ.get("PHROM_BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")
    import django
    from django.core.management import call_command

    django.setup()
    if os.environ.get("PHROM_BENCH_DATABASE_URL"):  # a database of your own: emptied first
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def build(orgs: int, versions: int):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from phrom.accounts.models import Membership
    from phrom.orgs.importer import import_organisations
    from phrom.orgs.models import Organisation
    from phrom.plans.models import Plan
    from phrom.statistics.models import SentFacts, SentFinding, SentProcess, SentScenario

    report = import_organisations(to_csv(generate_rows(orgs)), "orgs.csv")
    assert report.ok, report.errors[:3]
    opdc = Organisation.objects.get(code="OPDC")
    user = get_user_model().objects.create_user("opdc-bench", password="Bench-password-1")
    Membership.objects.create(user=user, organisation=opdc, role=Membership.Role.COORDINATOR)
    rng = random.Random(2563)
    ids = list(Organisation.objects.filter(kind__must_plan=True).values_list("pk", flat=True))
    plans, year = [], YEAR
    while len(plans) < versions:
        for pk in rng.sample(ids, min(len(ids), versions - len(plans))):
            plans.append(Plan(organisation_id=pk, title="แผน", fiscal_year=year, revision=1,
                              status=rng.choice(["submitted", "accepted", "accepted", "returned"]),
                              classification="sensitive" if rng.random() < 0.005 else "normal"))
        year -= 1
    Plan.objects.bulk_create(plans, batch_size=5000)
    now = timezone.now()
    pairs = list(Plan.objects.values_list("pk", "classification"))
    SentFacts.objects.bulk_create([SentFacts(plan_id=pk, version=1, sent_at=now, sensitive=c == "sensitive", score=70)
                                   for pk, c in pairs], batch_size=5000)
    scen, proc, find = [], [], []
    for pk, _c in pairs:
        scen += [SentScenario(facts_id=pk, code=c) for c, s in zip(SCENARIOS, SHARES, strict=True) if rng.random() < s]
        proc += [SentProcess(facts_id=pk, impact_level=rng.choice(["very_high", "high", "medium", "low", ""]),
                             rto_hours=rng.choice([2, 4, 24, 72, 168, 336, 720, 1000, None]),
                             rpo_hours=rng.choice([1, 4, 24, None]), depends_on_it=rng.random() < 0.6,
                             eservice=rng.random() < 0.5) for _ in range(rng.randint(3, 7))]
        find += [SentFinding(facts_id=pk, code=c) for c in rng.sample(FINDINGS, rng.randint(2, 5))]
    for model, rows in ((SentScenario, scen), (SentProcess, proc), (SentFinding, find)):
        model.objects.bulk_create(rows, batch_size=10000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return user, len(pairs), len(proc)


def timed(fn, rounds):
    wall = []
    for _ in range(rounds):
        for params in FILTERS:
            t0 = time.perf_counter()
            fn(params)
            wall.append((time.perf_counter() - t0) * 1000)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=8_281)
    parser.add_argument("--versions", type=int, default=3_616)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(tmp)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from phrom.statistics.figures import Query, figures
        from phrom.statistics.output import read_filters

        t0 = time.perf_counter()
        user, versions, processes = build(args.orgs, args.versions)
        print(f"{connection.vendor}: {args.orgs:,} organisations, {versions:,} sent plan versions, "
              f"{processes:,} processes (built in {time.perf_counter() - t0:.1f} s)")
        client = Client()
        client.force_login(user)

        def module(params):
            figures(Query(YEAR, filters=read_filters(params)))

        statements = {}
        for params in FILTERS:
            with CaptureQueriesContext(connection) as ctx:
                module(params)
            statements[tuple(sorted(params.items()))] = [q["sql"] for q in ctx.captured_queries]

        def bare(params):
            with connection.cursor() as cursor:
                for sql in statements[tuple(sorted(params.items()))]:
                    cursor.execute(sql)
                    cursor.fetchall()

        def api(params):
            assert client.get("/api/v1/statistics/", {"fiscal_year": YEAR, **params}, secure=True).status_code == 200

        def page(params):
            assert client.get("/statistics/", {"fiscal_year": YEAR, **params}, secure=True).status_code == 200

        module({})  # warm up
        target = 300 if versions <= 10_000 else 1000
        results = {}
        for label, fn in (("bare SQL", bare), ("figures()", module), ("API", api), ("dashboard page", page)):
            p50, p95, _max = percentiles(timed(fn, args.rounds))
            results[label] = (p50, p95)
            print(f"{label:<16} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        print(f"queries per figures(): {len(statements[()])}; ratio figures()/bare SQL: "
              f"p50 {results['figures()'][0] / results['bare SQL'][0]:.2f}x, "
              f"p95 {results['figures()'][1] / results['bare SQL'][1]:.2f}x")
        worst = max(p95 for label, (_p50, p95) in results.items() if label != "bare SQL")
        print(f"load average: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"target p95 < {target} ms: {'met' if worst < target else 'MISSED'} (worst {worst:.0f} ms)")


if __name__ == "__main__":
    main()
