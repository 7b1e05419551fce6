"""Benchmark: the quality checker over a large plan. Target: under 200 ms.

    .venv/bin/python bench/plan_checker.py [--processes 200] [--members 500] [--steps 1000] [--rounds 20]

Builds a plan document of 200 processes, 500 team members (with a call tree over all of them) and
1,000 procedure steps, with the typical gaps the checker finds in about one item in ten, and times
check_plan() on it (pure function: no database). Prints p50/p95/max and the number of findings.
`large_plan_document()` is also used by bench/plan_save_component.py.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CATEGORIES = ["building", "equipment", "supply", "it", "personnel", "stakeholders"]
SCENARIOS = ["epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber"]
FIRST = ["สมชาย", "สมหญิง", "วิชัย", "มาลี", "ประเสริฐ", "สุดา", "อนุชา", "กาญจนา", "ธนพล", "ปิยะนุช"]
LAST = ["ใจดี", "รักงาน", "มั่นคง", "ศรีสุข", "บุญมา", "แก้วใส", "ทองดี", "สายสุด", "พรหมมา", "วงศ์ไทย"]
TEAMS = ["ทีมบริหาร", "ทีมสารสนเทศ", "ทีมอาคารสถานที่", "ทีมบริการประชาชน", "ทีมการเงินและพัสดุ"]
PROCESS_NAMES = ["การออกใบอนุญาต", "การรับเรื่องร้องเรียน", "การจ่ายเงินสวัสดิการ", "การจัดเก็บรายได้",
                 "การให้บริการข้อมูลทะเบียน", "การเบิกจ่ายงบประมาณ", "การตรวจสอบมาตรฐาน", "การประสานงานภัยพิบัติ"]


def large_plan_document(processes: int = 200, members: int = 500, steps: int = 1000, seed: int = 2570) -> dict:
    rnd = random.Random(seed)
    keys = [f"m{i}" for i in range(1, members + 1)]
    team = []
    for i, k in enumerate(keys):
        gap = rnd.random()
        team.append({
            "key": k, "name": f"{rnd.choice(['นาย', 'นาง', 'นางสาว'])}{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            "position": "นักวิเคราะห์นโยบายและแผน", "role": "head" if i == 0 else "coordinator" if i == 1 else
            "leader" if i < 20 else "member", "team": rnd.choice(TEAMS),
            "phone": "" if gap < 0.02 else f"08{rnd.randint(10000000, 99999999)}", "email": "", "line_id": "",
            "alternate": None if gap < 0.1 else keys[(i + 1) % members],
        })
    links = [{"caller": None, "callee": keys[0], "order": 1, "channel": "phone"}]
    for i in range(1, members):
        if rnd.random() < 0.01:
            continue  # a few people the tree forgets
        links.append({"caller": keys[rnd.randint(max(0, i - 20), i - 1)], "callee": keys[i],
                      "order": rnd.randint(1, 5), "channel": rnd.choice(["phone", "line", "sms"])})
    procs = []
    for i in range(1, processes + 1):
        mtpd = rnd.choice([4, 24, 72, 168, 336, 720])
        gap = rnd.random()
        procs.append({
            "key": f"p{i}", "name": f"{rnd.choice(PROCESS_NAMES)} {i}", "mission": "ภารกิจหลัก",
            "impact_level": rnd.choice(["very_high", "high", "medium", "low"]), "mtpd_hours": mtpd,
            "rto_hours": None if gap < 0.05 else (mtpd * 2 if gap < 0.1 else max(1, mtpd // 2)),
            "rpo_hours": None if gap < 0.15 else 24, "depends_on_it": rnd.random() < 0.7, "eservice": rnd.random() < 0.4,
            "impact_over_time": {"4h": "ประชาชนรอรับบริการ", "1d": "เกิดเรื่องร้องเรียน", "1w": "เสียหายต่อภาพลักษณ์"},
        })
    resources = [
        {"process": f"p{i}", "category": rnd.choice(CATEGORIES), "item": "คอมพิวเตอร์พร้อมระบบงาน", "unit": "เครื่อง",
         "quantities": {"4h": 2, "1d": 4, "1w": 6, "2w": 6, "1m": 8}}
        for i in range(1, processes + 1) if rnd.random() > 0.1
    ]
    windows = ["day1", "d1_7", "d7_30", "beyond30"]
    procedures = [
        {"window": windows[i % 4], "order": i // 4 + 1, "activity": f"ดำเนินการตามขั้นตอนที่ {i + 1}",
         "owner": None if rnd.random() < 0.05 else rnd.choice(keys), "process": rnd.choice([None, f"p{rnd.randint(1, processes)}"])}
        for i in range(steps)
    ]
    impacts = [{"scenario": s, "category": c, "impacted": rnd.random() < 0.6, "note": ""} for s in SCENARIOS for c in CATEGORIES]
    return {
        "format": "phrom-plan/1", "title": "แผนบริหารความพร้อมต่อสภาวะวิกฤตของหน่วยงานขนาดใหญ่", "classification": "normal",
        "reviewed_on": "2025-10-15", "exercised_on": None,
        "scope": {"objectives": "ให้ภารกิจหลักดำเนินต่อได้", "assumptions": "อาคารหลักใช้งานไม่ได้", "scope": "ทุกกระบวนการหลัก",
                  "long_crisis": True, "scenarios": [{"code": s, "note": ""} for s in SCENARIOS]},
        "impacts": impacts, "team": team,
        "strategies": [{"category": c, "strategy": "ใช้สถานที่ปฏิบัติงานสำรองและระบบงานออนไลน์", "digital": c == "it"}
                       for c in CATEGORIES[:5]],
        "processes": procs, "resources": resources, "procedures": procedures, "call_tree": links,
    }


def setup_django(tmp: str, migrate: bool = False) -> None:
    os.environ["PHROM_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")  # settings refuse to start without one
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(round(0.95 * len(ordered))) - 1)], ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=200)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        import datetime

        from phrom.plans.checker import check_plan

        doc = large_plan_document(args.processes, args.members, args.steps)
        today = datetime.date(2026, 3, 1)
        result = check_plan(doc, today=today, required_scenarios=["cyber"])  # warm the translation cache
        samples = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            result = check_plan(doc, today=today, required_scenarios=["cyber"])
            samples.append((time.perf_counter() - start) * 1000)
        p50, p95, worst = percentiles(samples)
        print(f"plan: {args.processes} processes, {args.members} members, {args.steps} steps, "
              f"{len(doc['call_tree'])} call-tree links")
        print(f"findings: {len(result.findings)} {result.counts()}  score: {result.score}")
        print(f"check_plan: p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {worst:.1f} ms  (target < 200 ms)")


if __name__ == "__main__":
    main()
