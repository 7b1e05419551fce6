"""Benchmark: organisation search over 10,000 organisations, server side. Target: p95 under 100 ms.

    .venv/bin/python bench/org_search.py [--rows N] [--rounds R]

Loads a national file of N organisations (Thai names, bench/import_orgs.py) into a temporary SQLite
database, then times typical searches two ways: the search page through Django's test Client (the
whole server side: middleware, query, first page of 50, template) and search_organisations() with
its first page evaluated. Prints p50/p95/max per way and the slowest query.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_orgs import generate_rows, setup_django, to_csv  # noqa: E402

QUERIES = [
    {"q": "ระยอง"}, {"q": "เทศบาล"}, {"q": "เทศบาลตำบล"}, {"q": "องค์การบริหารส่วนตำบล"}, {"q": "สำนักงานจังหวัด"},
    {"q": "บาง"}, {"q": "หนอง"}, {"q": "โรงพยาบาล"}, {"q": "กรม"}, {"q": "PO21"}, {"q": "rayong"},
    {"q": "municipality"}, {"q": "เทศบาล ระยอง"}, {"q": "สาธารณสุข เชียงใหม่"}, {"q": "ไม่มีหน่วยงานนี้"},
    {"q": "", "kind": "sao"}, {"q": "", "province": "50"}, {"q": "เทศบาล", "province": "30"}, {"q": "", "page": "40"},
    {"q": "สำนักงาน", "kind": "provincial_unit"},
]


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def verdict(wall_p95: float, cpu_p95: float, target_ms: float) -> str:
    if wall_p95 < target_ms:
        return f"target: p95 < {target_ms:.0f} ms: met"
    load = os.getloadavg()[0]
    if cpu_p95 < target_ms and load > (os.cpu_count() or 1):
        return (f"target: p95 < {target_ms:.0f} ms: MISSED in wall time while the machine was overloaded "
                f"(load {load:.1f}); the CPU-time p95 ({cpu_p95:.0f} ms) is within it: rerun on a quiet machine")
    return f"target: p95 < {target_ms:.0f} ms: MISSED"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from phrom.orgs.importer import import_organisations
        from phrom.orgs.models import Organisation
        from phrom.orgs.search import search_organisations

        report = import_organisations(to_csv(generate_rows(args.rows)), "orgs.csv")
        assert report.ok, report.errors[:3]
        print(f"organisations: {Organisation.objects.count():,}")
        user = get_user_model().objects.create_user("bench", password="Bench-password-1")
        client = Client()
        client.force_login(user)
        url = reverse("orgs:list")

        for params in QUERIES:  # warm up caches and the connection
            assert client.get(url, params).status_code == 200

        page_ms, cpu_ms, fn_ms, worst = [], [], [], (0.0, None)
        for _ in range(args.rounds):
            for params in QUERIES:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url, params, headers={"HX-Request": "true"})
                took = (time.perf_counter() - t0) * 1000
                cpu_ms.append((time.process_time() - c0) * 1000)
                assert response.status_code == 200
                page_ms.append(took)
                worst = max(worst, (took, params), key=lambda w: w[0])
                t0 = time.perf_counter()
                qs = search_organisations(params["q"], kind=params.get("kind", ""), province=params.get("province", ""))
                qs.count()
                list(qs[:50])
                fn_ms.append((time.perf_counter() - t0) * 1000)
        full_ms = []
        for params in QUERIES:  # the whole page, not the htmx fragment
            t0 = time.perf_counter()
            client.get(url, params)
            full_ms.append((time.perf_counter() - t0) * 1000)

        for label, samples in [
            ("search results (htmx fragment)", page_ms), ("  same, CPU time of this process", cpu_ms),
            ("search page (full)", full_ms),
            ("search_organisations() + page", fn_ms),
        ]:
            p50, p95, top = percentiles(samples)
            print(f"{label:<32} n={len(samples):<4} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {top:6.1f} ms")
        print(f"slowest request: {worst[0]:.1f} ms for {worst[1]}")
        # Wall time on a shared 2-core machine includes waiting for the CPU; the CPU time does not.
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
        print(verdict(percentiles(page_ms)[1], percentiles(cpu_ms)[1], 100))


if __name__ == "__main__":
    main()
