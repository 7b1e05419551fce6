"""Benchmark: the tree page of a ministry with 1,000 descendants, server side. Target: under 300 ms.

    .venv/bin/python bench/org_tree.py [--descendants N] [--rounds R]

Loads the 10,000-organisation national file of bench/import_orgs.py plus a Ministry of Public Health
with N descendants (departments → regional centres → hospitals) into a temporary SQLite database,
then requests /orgs/MOPH/tree/ through Django's test Client. Prints p50/p95/max in wall and CPU time.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_orgs import generate_rows, setup_django, to_csv  # noqa: E402
from org_search import percentiles, verdict  # noqa: E402


def ministry_rows(rows: list[list[str]], descendants: int) -> list[list[str]]:
    """Organisations under MOPH until it has `descendants` of them (those of the national file included)."""
    import geothai

    provinces = [p for p in geothai.provinces() if p.code != "10"]
    parent_of = {r[0]: r[4] for r in rows}

    def under_moph(code):
        while code:
            code = parent_of.get(code, "")
            if code == "MOPH":
                return True
        return False

    existing = sum(1 for r in rows if under_moph(r[0]))
    extra = []
    centres = []
    for d in range(1, 9):
        for c in range(12):
            p = provinces[(d * 12 + c) % len(provinces)]
            code = f"MOPH-D{d:02d}-C{c:02d}"
            centres.append((code, p))
            extra.append([code, f"ศูนย์อนามัยที่ {c + 1} {p.name_th}", f"Health centre {c + 1}, {p.name_en}", "central_unit",
                          f"MOPH-D{d:02d}", p.code, "", "", "", "", ""])
    h = 0
    while existing + len(extra) < descendants:
        code, p = centres[h % len(centres)]
        extra.append([f"{code}-H{h:04d}", f"โรงพยาบาลส่งเสริมสุขภาพตำบล{p.name_th} แห่งที่ {h + 1}", f"Health promoting hospital {h + 1}",
                      "hospital", code, p.code, "", "", "", "", ""])
        h += 1
    return extra[: descendants - existing]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--descendants", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from phrom.orgs.importer import import_organisations
        from phrom.orgs.models import Organisation

        rows = generate_rows(10_000)
        rows += ministry_rows(rows, args.descendants)
        report = import_organisations(to_csv(rows), "orgs.csv")
        assert report.ok, report.errors[:3]
        moph = Organisation.objects.get(code="MOPH")
        print(f"organisations: {Organisation.objects.count():,}; MOPH descendants: {moph.descendants().count():,}")

        user = get_user_model().objects.create_user("bench", password="Bench-password-1")
        client = Client()
        client.force_login(user)
        url = reverse("orgs:tree", args=["MOPH"])
        response = client.get(url)
        assert response.status_code == 200
        print(f"page size: {len(response.content) / 1024:.0f} KiB")

        wall, cpu = [], []
        for _ in range(args.rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200
        for label, samples in [("tree page, wall time", wall), ("tree page, CPU time", cpu)]:
            p50, p95, top = percentiles(samples)
            print(f"{label:<22} n={len(samples):<3} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {top:6.1f} ms")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores)")
        print(verdict(percentiles(wall)[1], percentiles(cpu)[1], 300))


if __name__ == "__main__":
    main()
