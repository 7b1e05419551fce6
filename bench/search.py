"""Benchmark: Thai search across plans over 50,000 sent plan versions. Target: p95 under 300 ms.

    .venv/bin/python bench/search.py [--orgs N] [--versions V] [--searches S]
    PHROM_BENCH_DATABASE_URL=postgres://phrom:phrom@127.0.0.1:5432/phrom_search_bench .venv/bin/python bench/search.py

Builds the organisations of bench/import_orgs.py (8,281 by default) and V sent plans spread over the
fiscal years from 2570 back (one per organisation and year), each with the index rows of its latest
sent version (phrom.search.models.SearchEntry, written in bulk: one row per component and the header, 9 a plan) of
synthetic Thai text: phrases of the starter templates and the demo plans, a few a component, and
in 1 plan of 200 a rarer phrase ("เครื่องกำเนิดไฟฟ้าสำรอง…"). Each phrase is cut into words once with
the same function the index uses, so the rows are what indexing them would write.

Then times S searches (common words, rare ones, phrases of several words, words found nowhere) as
OPDC (every plan) and as a provincial office (the plans of its route): search() itself, the API and
the page through Django's test Client, and the bare full-text query underneath (FTS5 MATCH or
to_tsvector @@ phraseto_tsquery on a cursor, the matching ids fetched). Prints p50/p95 and the ratio
of search() to the bare query.
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_orgs import generate_rows, to_csv  # noqa: E402
from inbox import percentiles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2570
RARE = ["ติดตั้งเครื่องกำเนิดไฟฟ้าสำรองขนาด 500 kVA ที่อาคารหลัก", "ย้ายไปสถานที่ปฏิบัติงานสำรองที่ศาลากลางจังหวัด",
        "นั่งตากลมที่ระเบียงชั้นสอง", "จัดหาน้ำมันดีเซลสำรองสำหรับสามวัน"]
SEARCHES = [
    # common words and phrases of the templates
    "ระบบ", "แผน", "ข้อมูล", "บุคลากร", "สำรองข้อมูล", "สถานที่ปฏิบัติงานสำรอง", "ประชุม", "ผู้บริหาร",
    "ระบบสารสนเทศ", "การให้บริการ", "คอมพิวเตอร์", "เจ้าหน้าที่",
    # rarer words and phrases
    "เครื่องกำเนิดไฟฟ้า", "เครื่องกำเนิดไฟฟ้าสำรอง", "น้ำมันดีเซล", "ตากลม", "ศาลากลางจังหวัด", "kVA",
    # found nowhere
    "ยานอวกาศ", "ภูเขาไฟระเบิด",
]


def setup(tmp: str) -> None:
    sys.path.insert(0, str(ROOT))
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


def vocabulary() -> list[str]:
    """Thai phrases of the starter templates and the demo data (names, strategies, activities, items)."""
    from phrom.demo.data import plans as demo

    phrases = set()

    def walk(value):
        if isinstance(value, str) and any("\u0e00" <= c <= "\u0e7f" for c in value) and len(value) > 3:
            phrases.add(value.strip())
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple | set):
            for v in value:
                walk(v)

    for path in sorted((ROOT / "phrom" / "plans" / "starter_templates").glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for name in ("PROCESS_NAMES", "OBJECTIVE_SUBJECTS", "HEAD_TITLES", "LOCAL_POSITIONS", "UNIT_POSITIONS"):
        walk(getattr(demo, name, None))
    return sorted(phrases)


def build(orgs: int, versions: int):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from phrom.accounts.models import Membership
    from phrom.orgs.importer import import_organisations
    from phrom.orgs.models import Organisation
    from phrom.plans.codes import ALL_COMPONENTS
    from phrom.plans.models import Plan
    from phrom.search.models import SearchEntry
    from phrom.search.text import indexed

    report = import_organisations(to_csv(generate_rows(orgs)), "orgs.csv")
    assert report.ok, report.errors[:3]
    User = get_user_model()
    opdc = User.objects.create_user("opdc-bench", password="Bench-password-1")
    Membership.objects.create(user=opdc, organisation=Organisation.objects.get(code="OPDC"),
                              role=Membership.Role.COORDINATOR)
    office = Organisation.objects.filter(kind_id="provincial_office").order_by("code").first()
    province = User.objects.create_user("province-bench", password="Bench-password-1")
    Membership.objects.create(user=province, organisation=office, role=Membership.Role.COORDINATOR)

    rng = random.Random(2563)
    phrases = vocabulary()
    cut = {p: indexed(p) for p in [*phrases, *RARE]}  # each phrase cut once, as indexing would
    ids = list(Organisation.objects.filter(kind__must_plan=True).values_list("pk", flat=True))
    plans, year = [], YEAR
    while len(plans) < versions:
        for pk in rng.sample(ids, min(len(ids), versions - len(plans))):
            plans.append(Plan(organisation_id=pk, title="แผน", fiscal_year=year, revision=1, status="accepted"))
        year -= 1
    Plan.objects.bulk_create(plans, batch_size=5000)
    rows = []
    for pk, org, fy in Plan.objects.values_list("pk", "organisation_id", "fiscal_year").iterator():
        for component in ALL_COMPONENTS:
            chosen = rng.sample(phrases, rng.randint(1, 4))
            if rng.random() < 0.005:
                chosen.append(rng.choice(RARE))
            rows.append(SearchEntry(plan_id=pk, organisation_id=org, fiscal_year=fy, version=1, component=component,
                                    text="\n".join(chosen), words=" ".join(cut[p] for p in chosen)))
        if len(rows) >= 20_000:
            SearchEntry.objects.bulk_create(rows, batch_size=2000)
            rows = []
    SearchEntry.objects.bulk_create(rows, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return opdc, province, len(phrases)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=8_281)
    parser.add_argument("--versions", type=int, default=50_000)
    parser.add_argument("--searches", type=int, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(tmp)
        from django.db import connection
        from django.test import Client

        from phrom.search.index import FTS_TABLE, search
        from phrom.search.models import SearchEntry
        from phrom.search.text import words

        t0 = time.perf_counter()
        opdc, province, vocab = build(args.orgs, args.versions)
        entries = SearchEntry.objects.count()
        plans = SearchEntry.objects.values("plan_id").distinct().count()
        print(f"{connection.vendor}: {args.orgs:,} organisations, {plans:,} sent plan versions, {entries:,} index rows "
              f"from {vocab:,} phrases (built in {time.perf_counter() - t0:.1f} s)")
        rng = random.Random(7)
        asked = [(rng.choice((opdc, province)), rng.choice(SEARCHES)) for _ in range(args.searches)]
        clients = {}
        for user in (opdc, province):
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)

        def bare(user, q):
            """The full-text query search() runs underneath, alone: the ids of the rows of the year that match."""
            phrase = " ".join(words(q))
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                                   [f'words : "{phrase}" AND fiscal_year : "{YEAR}"'])
                else:
                    cursor.execute("SELECT id FROM search_searchentry WHERE search_vector "
                                   "@@ phraseto_tsquery('simple', %s) AND fiscal_year = %s", [phrase, YEAR])
                return len(cursor.fetchall())

        def module(user, q):
            return search(user, q, YEAR).total

        def api(user, q):
            response = clients[user.pk].get("/api/v1/search/", {"q": q, "fiscal_year": YEAR}, secure=True)
            assert response.status_code == 200
            return response.json()["count"]

        def page(user, q):
            assert clients[user.pk].get("/search/", {"q": q, "fiscal_year": YEAR}, secure=True).status_code == 200

        for q in SEARCHES:  # warm up (the word list of PyThaiNLP, the database's pages)
            module(opdc, q)
        found = {q: (bare(opdc, q), module(opdc, q), module(province, q)) for q in SEARCHES}
        print("rows matched in 2570 / plans found in 2570 by OPDC / by a provincial office:")
        print("  " + ", ".join(f"{q} {b:,}/{o:,}/{p:,}" for q, (b, o, p) in found.items()))
        results = {}
        for label, fn in (("bare FTS", bare), ("search()", module), ("API", api), ("search page", page)):
            wall = []
            for user, q in asked:
                t0 = time.perf_counter()
                fn(user, q)
                wall.append((time.perf_counter() - t0) * 1000)
            p50, p95, worst = percentiles(wall)
            results[label] = (p50, p95)
            print(f"{label:<12} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {worst:7.1f} ms  ({len(wall)} searches)")
        print(f"ratio search()/bare FTS: p50 {results['search()'][0] / results['bare FTS'][0]:.2f}x, "
              f"p95 {results['search()'][1] / results['bare FTS'][1]:.2f}x")
        worst = max(p95 for label, (_p50, p95) in results.items() if label != "bare FTS")
        print(f"load average: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
        print(f"target p95 < 300 ms: {'met' if worst < 300 else 'MISSED'} (worst {worst:.0f} ms)")


if __name__ == "__main__":
    main()
