"""Benchmark: the component editors of a large plan, server side. Target: an htmx save p95 under 150 ms.

    .venv/bin/python bench/plan_editors.py [--rounds 10] [--only team,processes]

Creates, in a temporary SQLite database, a plan of 200 processes, 500 team members and 1,000
procedure steps (bench/plan_checker.py), then, as its coordinator through Django's test Client
(the whole server side: middleware, session, access check, the page):

- GETs each component's editor page;
- saves each component the way the page does through htmx: the form as the page shows it, one
  field changed, posted url-encoded (as htmx sends it) with the HX-Request header;
- for the list editors, also a save that adds one row (the page answers with the new row only
  where it can, with the whole form where rows moved).

The saves post what plan-edit.js posts (tests/plans/formdata.py as_sent_by_script): the rows
nobody touched as "kept" (their token only) and each list's order as one value; --full-posts
posts every field instead, as a browser without JavaScript does.

Prints p50/p95 of wall time and of CPU time (the machine is shared: the CPU time is what the
request itself costs), the size of the answer and the number of SQL queries.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from plan_checker import large_plan_document, percentiles, setup_django  # noqa: E402

SLUGS = ["details", "scope", "impacts", "team", "strategies", "processes", "resources", "procedures", "call-tree"]


def edit(slug: str, fields, n: int):
    """One small change per save, as an author makes it (n varies it, so every save writes)."""
    from tests.plans.formdata import replace

    change = {
        "details": ("title", f"แผนบริหารความพร้อมต่อสภาวะวิกฤต ฉบับทบทวนครั้งที่ {n}"),
        "scope": ("objectives", f"ให้ภารกิจหลักดำเนินต่อได้ (ปรับปรุงครั้งที่ {n})"),
        "impacts": ("impact-flood-it-note", f"ห้องเซิร์ฟเวอร์ชั้น {n}"),
        "team": (f"team-{n * 7 % 500}-phone", f"08{10000000 + n}"),
        "strategies": ("strategies-0-strategy", f"ใช้สถานที่ปฏิบัติงานสำรอง แผนที่ {n}"),
        "processes": (f"processes-{n * 3 % 200}-rto_hours", str(1 + n % 3)),
        "resources": (f"resources-{n * 5 % 150}-quantities-1d", str(n % 9 + 1)),
        "procedures": (f"procedures-{n * 11 % 1000}-activity", f"ดำเนินการตามขั้นตอนที่ปรับปรุงครั้งที่ {n}"),
        "call-tree": (f"ct-m{2 + n * 13 % 400}-channel", ["phone", "line", "sms"][n % 3]),
    }[slug]
    name, value = change
    if slug == "processes":
        fields = replace(fields, f"{name}_unit", "hour")
    return replace(fields, name, value)


def add_row(slug: str, fields, n: int):
    """The fields of one row added in the browser (a new token), as plan-edit.js clones it."""
    token = f"nb{n}"
    row = {
        "team": ("team", {"key": "", "name": f"นายทดสอบ เพิ่มใหม่ {n}", "position": "นักจัดการงานทั่วไป", "role": "member",
                          "team": "ทีมบริหาร", "phone": "0812345678", "email": "", "line_id": "", "alternate": "m1"}),
        "processes": ("processes", {"key": "", "name": f"กระบวนการใหม่ {n}", "mission": "ภารกิจหลัก",
                                    "impact_level": "high", "mtpd_hours": "1", "mtpd_hours_unit": "day",
                                    "rto_hours": "4", "rto_hours_unit": "hour"}),
        "procedures": ("procedures", {"window": "day1", "order": "", "activity": f"ขั้นตอนใหม่ {n}", "owner": "m1",
                                      "process": ""}),
    }[slug]
    list_name, values = row
    return [*fields, (f"rows-{list_name}", token), *((f"{list_name}-{token}-{k}", v) for k, v in values.items())]


def timed(client, method, url, rounds, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu, queries, response = [], [], 0, None
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as ctx:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = getattr(client, method)(url, **kwargs)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    return wall, cpu, queries, response


def saves(client, url, slug, rounds, change, full=False):
    """Timed htmx saves, each of the form as the page shows it just before (not timed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.plans.formdata import as_sent_by_script, read_form

    wall, cpu, sizes, queries = [], [], [], 0
    for n in range(rounds + 1):
        page = read_form(client.get(url).content.decode())
        fields = change(slug, page, n)
        body = urlencode(fields if full else as_sent_by_script(page, fields))
        with CaptureQueriesContext(connection) as ctx:
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.post(url, body, content_type="application/x-www-form-urlencoded",
                                   headers={"HX-Request": "true"})
            elapsed, spent = (time.perf_counter() - start) * 1000, (time.process_time() - cpu_start) * 1000
        html = response.content.decode()
        assert response.status_code == 200 and 'id="saved-status"' in html, (slug, n, html[:2000])
        if n:  # the first save warms caches
            wall.append(elapsed)
            cpu.append(spent)
            sizes.append(len(response.content))
            queries = len(ctx.captured_queries)
    return wall, cpu, queries, max(sizes)


def line(label, wall, cpu, queries, size):
    (w50, w95, _w), (c50, c95, _c) = percentiles(wall), percentiles(cpu)
    return (f"{label:<28} wall p50 {w50:5.0f} p95 {w95:5.0f} ms   CPU p50 {c50:5.0f} p95 {c95:5.0f} ms   "
            f"{queries:3d} queries  {size / 1024:7.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--only", default="", help="comma-separated editor slugs (default: all)")
    parser.add_argument("--full-posts", action="store_true", help="post every field (no JavaScript)")
    args = parser.parse_args()
    slugs = [s for s in args.only.split(",") if s] or SLUGS
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
              f"{len(doc['call_tree'])} call-tree links, {len(doc['resources'])} resource rows; {args.rounds} rounds")

        all_saves = []
        for slug in slugs:
            url = reverse("plans:edit", args=[plan.pk, slug])
            client.get(url)  # warm up: templates, translations
            wall, cpu, queries, response = timed(client, "get", url, args.rounds)
            print(line(f"GET  {slug}", wall, cpu, queries, len(response.content)))
            wall, cpu, queries, size = saves(client, url, slug, args.rounds, edit, args.full_posts)
            all_saves += cpu
            print(line(f"save {slug}", wall, cpu, queries, size))
            if slug in ("team", "processes", "procedures"):
                wall, cpu, queries, size = saves(client, url, slug, max(3, args.rounds // 2), add_row, args.full_posts)
                print(line(f"save {slug} + 1 row", wall, cpu, queries, size))
        _c50, c95, cmax = percentiles(all_saves)
        print(f"every one-field htmx save: CPU p95 {c95:.0f} ms, max {cmax:.0f} ms  (target p95 < 150 ms)")
        load = os.getloadavg()[0]
        if load > (os.cpu_count() or 1):
            print(f"note: load average {load:.1f} on {os.cpu_count()} CPUs — wall times include waiting for a CPU; "
                  "the CPU times are what the requests themselves cost")


if __name__ == "__main__":
    main()
