"""Benchmark: the plan overview page of a large plan, server side. Target: p95 under 400 ms.

    .venv/bin/python bench/plan_overview.py [--rounds 20] [--pages]

Creates, in a temporary SQLite database, a plan of 200 processes, 500 team members and 1,000
procedure steps (bench/plan_checker.py), then GETs /plans/<id>/ as its coordinator through
Django's test Client: the whole server side (middleware, access check, the plan read in one query
per component, the checker, the findings panel, the template). Prints p50/p95/max and the number
of SQL queries per page (constant: no N+1).

With --pages it also times the strategy map, versions, checklist and audit pages of the same
plan. The component editors and their htmx saves are timed by bench/plan_editors.py.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plan_checker import large_plan_document, percentiles, setup_django  # noqa: E402


def timed(client, method, url, rounds, **kwargs):
    """Wall-clock percentiles, CPU-time percentiles (what the page costs even on a busy machine),
    the number of queries of the last request, and its response."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples, cpu, queries = [], [], 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = getattr(client, method)(url, **kwargs)
            samples.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
        assert response.status_code in (200, 302), (url, response.status_code)
        queries = len(ctx.captured_queries)
    return percentiles(samples), percentiles(cpu), queries, response


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--pages", action="store_true", help="also time the other pages of the plan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, migrate=True)
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from phrom.accounts.models import Membership
        from phrom.orgs.models import Organisation
        from phrom.plans.services import create_plan

        org = Organisation.objects.create(code="BENCH", name_th="กรมทดสอบสมรรถนะ", kind_id="department")
        user = get_user_model().objects.create_user("bench", password="Bench-password-1")
        Membership.objects.create(user=user, organisation=org, role="coordinator")
        doc = large_plan_document()
        plan = create_plan(org, user=user, template=doc, fiscal_year=2569)
        client = Client()
        client.force_login(user)
        print(f"plan: {len(doc['processes'])} processes, {len(doc['team'])} members, {len(doc['procedures'])} steps, "
              f"{len(doc['call_tree'])} call-tree links, {len(doc['resources'])} resource rows")

        url = reverse("plans:overview", args=[plan.pk])
        client.get(url)  # warm up: templates, translations
        (p50, p95, worst), (c50, c95, _cmax), queries, response = timed(client, "get", url, args.rounds)
        print(f"overview page: p50 {p50:.0f} ms  p95 {p95:.0f} ms  max {worst:.0f} ms  (CPU p50 {c50:.0f} ms, "
              f"p95 {c95:.0f} ms; {queries} queries, {len(response.content) // 1024} KB)  (target p95 < 400 ms)")
        load = os.getloadavg()[0]
        if load > (os.cpu_count() or 1):
            print(f"note: load average {load:.1f} on {os.cpu_count()} CPUs — wall times include waiting for a CPU; "
                  "the CPU times are what the page itself costs")

        if not args.pages:
            return
        # The component editors and their saves: bench/plan_editors.py.
        for name in ("strategy_map", "versions", "checklist", "audit"):
            page = reverse(f"plans:{name}", args=[plan.pk])
            (p50, p95, worst), (c50, _c95, _cmax), queries, _r = timed(client, "get", page, max(3, args.rounds // 4))
            print(f"{name:<18} p50 {p50:.0f} ms  p95 {p95:.0f} ms  (CPU p50 {c50:.0f} ms; {queries} queries)")


if __name__ == "__main__":
    main()
