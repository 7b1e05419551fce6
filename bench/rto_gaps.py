"""Benchmark: the recovery-gap analysis over the whole country. Targets: 50,000 processes with 150,000
dependencies under 5 s for the whole country, under 200 ms for one agency.

    .venv/bin/python bench/rto_gaps.py [--processes 50000] [--dependencies 3] [--rounds 3]

Writes (SQLite, in a temporary directory) agencies with plans of four processes each, every plan a
round already sent (an operator's historical import): a few hundred central agencies whose services
depend on each other and on utilities, and the rest depending on those services, on utilities and on
suppliers, some covered. Then times phrom.dependencies.analysis.national_gaps (load the sent versions,
solve, list the gaps) and plan_results for one agency's plan (its processes and everything they
depend on), and prints the ratio to a bare graph walk: the same achievable times computed by a plain
memoised walk over adjacency lists already in memory (no loading, no chains, no cycle bookkeeping).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from plan_checker import percentiles, setup_django  # noqa: E402

FISCAL_YEAR = 2570
PER_PLAN = 4
SERVICE_SHARE = 0.04  # of the agencies: central agencies whose processes others depend on
UTILITIES = ["electricity", "internet", "mobile", "water", "fuel"]


def build(processes: int, per_process: int, seed: int = 2570):
    """Write the agencies and their sent plans; returns the organisation codes."""
    from django.db import transaction

    from phrom.orgs.models import Organisation
    from phrom.plans.codes import Status
    from phrom.plans.content import NewPlan, NewPlans, clean_document, empty_document

    rnd = random.Random(seed)
    agencies = processes // PER_PLAN
    services = max(10, int(agencies * SERVICE_SHARE))
    codes = [f"AG{i:05d}" for i in range(agencies)]
    Organisation.objects.bulk_create(
        [Organisation(code=c, name_th=f"หน่วยงาน {c}", kind_id="department" if i < services else "district_office",
                      tree_path=f"{c}/", search_text=c.lower()) for i, c in enumerate(codes)], batch_size=2000)
    ids = dict(Organisation.objects.values_list("code", "pk"))
    writer = NewPlans()
    with transaction.atomic():
        for i, code in enumerate(codes):
            doc = empty_document()
            doc["title"] = f"แผน {code}"
            doc["processes"] = []
            for k in range(PER_PLAN):
                deps = []
                seen = set()
                for _ in range(per_process):
                    roll = rnd.random()
                    if roll < 0.6:  # another agency's service (services depend on services with a lower number)
                        top = i if i < services else services
                        if top == 0:
                            continue
                        target = (codes[rnd.randrange(top)], f"p{rnd.randrange(PER_PLAN)}")
                        if target in seen:
                            continue
                        seen.add(target)
                        deps.append({"kind": "process", "organisation": target[0], "process": target[1]})
                    elif roll < 0.85:
                        utility = rnd.choice(UTILITIES)
                        if utility in seen:
                            continue
                        seen.add(utility)
                        deps.append({"kind": "utility", "utility": utility})
                    else:
                        deps.append({"kind": "supplier", "name": f"ผู้ให้บริการ {len(deps)}",
                                     "recovery_hours": rnd.choice([4, 8, 24, 72])})
                    if rnd.random() < 0.2:
                        deps[-1]["covered_hours"] = rnd.choice([4, 8, 24])
                doc["processes"].append({
                    "key": f"p{k}", "name": f"กระบวนงาน {k} ของ {code}", "rto_hours": rnd.choice([2, 4, 8, 24, 72]),
                    "mtpd_hours": 168, "dependencies": deps,
                })
            cleaned = clean_document(doc, catalogue=set(), utilities=set(UTILITIES))
            writer.add(NewPlan(ids[code], FISCAL_YEAR, cleaned, status=Status.ACCEPTED,
                               detail={"historical_version": 1}))
            if i % 2000 == 1999:
                writer.flush()
        writer.flush()
    return codes, services


def bare_walk(graph) -> dict:
    """The same achievable times by the plainest walk: adjacency lists of (target or hours, covered)."""
    adjacency = {}
    for node, facts in graph.processes.items():
        edges = []
        for d in facts.dependencies:
            if d["kind"] == "process":
                edges.append(((d["organisation"], d["process"]), d.get("covered_hours") or 0))
            elif d["kind"] == "utility":
                edges.append((graph.utilities[d["utility"]][1], d.get("covered_hours") or 0))
            else:
                edges.append((d["recovery_hours"], d.get("covered_hours") or 0))
        adjacency[node] = (facts.rto_hours, edges)
    memo = {}
    started = time.perf_counter()
    for start in adjacency:
        stack = [start]
        while stack:
            node = stack[-1]
            if node in memo:
                stack.pop()
                continue
            rto, edges = adjacency[node]
            pending = [t for t, _c in edges if isinstance(t, tuple) and t in adjacency and t not in memo]
            if pending:
                stack.extend(pending)
                continue
            best = rto or 0
            for t, covered in edges:
                hours = memo.get(t) if isinstance(t, tuple) else t
                if hours is not None:
                    best = max(best, hours - covered)
            memo[node] = best
            stack.pop()
    return memo, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=50_000)
    parser.add_argument("--dependencies", type=int, default=3, help="per process (before duplicates are dropped)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, migrate=True)
        from phrom.dependencies.analysis import fiscal_year_graph, national_gaps, plan_results, solve
        from phrom.plans.content import component_document
        from phrom.plans.models import Plan

        started = time.perf_counter()
        codes, services = build(args.processes, args.dependencies)
        print(f"written: {len(codes):,} agencies ({services:,} central services), {time.perf_counter() - started:.1f} s")
        graph = fiscal_year_graph(FISCAL_YEAR)
        edges = sum(len(f.dependencies) for f in graph.processes.values())
        print(f"graph: {len(graph.processes):,} processes, {edges:,} dependencies")

        national = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            gaps = national_gaps(FISCAL_YEAR)
            national.append(time.perf_counter() - start)
        walk_times = []
        for _ in range(args.rounds):
            memo, seconds = bare_walk(graph)
            walk_times.append(seconds)
        results, cycles = solve(graph)
        same = all(abs((results[n].hours or 0) - memo[n]) < 1e-9 for n in graph.processes)
        p50, _p95, worst = percentiles(national)
        walk = min(walk_times)
        print(f"national_gaps: p50 {p50:.2f} s, max {worst:.2f} s (target < 5 s); {len(gaps):,} gaps, "
              f"{sum(g.severe for g in gaps):,} severe, {len(cycles)} cycles")
        print(f"bare graph walk (in memory, no loading): {walk * 1000:.0f} ms; ratio {p50 / walk:.1f}×; "
              f"same achievable times: {same}")

        one = []
        plans = list(Plan.objects.filter(organisation__code__in=codes[-args.rounds * 5:]).select_related("organisation"))
        for plan in plans:
            processes = component_document(plan, "processes")
            start = time.perf_counter()
            plan_results(plan, processes)
            one.append((time.perf_counter() - start) * 1000)
        p50, p95, worst = percentiles(one)
        print(f"one agency (plan_results, its live processes and all they depend on): p50 {p50:.0f} ms, "
              f"p95 {p95:.0f} ms, max {worst:.0f} ms (target < 200 ms)")


if __name__ == "__main__":
    main()
