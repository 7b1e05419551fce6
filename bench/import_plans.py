"""Benchmark: import the plans of a national round (3,616, as in 2020) from exchange JSON on SQLite.
Target: under 60 s.

    .venv/bin/python bench/import_plans.py [--plans 3616] [--seed 1]

Runs in a temporary data directory with its own SQLite file. Builds one organisation per plan, and
one plan per organisation from the seven starter templates with variations (names and phones of
people, processes dropped or added, RTOs, quantities, scenarios, states and dates), writes them as
one phrom-plan-exchange/1 file, then times `phrom import_plans`'s work: reading the file, the
schema, the plan rules and the writes. Prints the time of the first import (everything created)
and of a second import of the same file (nothing changes).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plan_checker import setup_django  # noqa: E402

FIRST = ["สมชาย", "สมหญิง", "วิชัย", "มาลี", "ประเสริฐ", "สุนีย์", "อนันต์", "กาญจนา", "ธนากร", "ปิยะ", "รัตนา", "สุรชัย"]
LAST = ["ใจดี", "รักงาน", "มั่นคง", "ทองคำ", "ศรีสุข", "แก้วมณี", "บุญมา", "วงศ์สวัสดิ์", "พึ่งน้ำใจ", "สายทอง"]
TITLES = ["นาย", "นาง", "นางสาว"]
EXTRA_PROCESSES = [
    "การให้บริการข้อมูลข่าวสารแก่ประชาชน", "การรับเรื่องร้องเรียนร้องทุกข์", "การเบิกจ่ายเงินงบประมาณ",
    "การจัดซื้อจัดจ้างพัสดุ", "การบริหารงานบุคคล", "การประสานงานกับหน่วยงานในพื้นที่", "การรายงานสถานการณ์",
]
RTO = [4, 24, 168, 336, 720]
STATES = ["draft", "submitted", "returned", "accepted", "accepted", "accepted"]
SCENARIOS = ["epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber"]


def vary(template: dict, n: int, rng: random.Random) -> dict:
    """A plausible plan of agency n from a starter template."""
    doc = copy.deepcopy(template)
    doc.pop("format", None)
    for m in doc["team"]:
        m["name"] = f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}"
        m["phone"] = f"08{rng.randint(10000000, 99999999)}"
    processes = doc["processes"]
    for i, name in enumerate(rng.sample(EXTRA_PROCESSES, rng.randint(0, 4))):
        processes.append({
            "key": f"x{i}", "name": name, "mission": "", "impact_level": rng.choice(["very_high", "high", "medium"]),
            "mtpd_hours": 720, "rto_hours": rng.choice(RTO), "rpo_hours": rng.choice([None, 4, 24]),
            "depends_on_it": rng.random() < 0.5, "eservice": rng.random() < 0.3, "impact_over_time": {},
        })
        doc["resources"].append({"process": f"x{i}", "category": "personnel", "item": "บุคลากรหลัก", "unit": "คน",
                                 "quantities": {"4h": 1, "1d": 2, "1w": rng.randint(2, 6)}})
    for p in processes:
        if p.get("rto_hours") and rng.random() < 0.3:
            p["rto_hours"] = min(rng.choice(RTO), p.get("mtpd_hours") or 720)
    for r in doc["resources"]:
        r["quantities"] = {k: v + rng.randint(0, 3) for k, v in r["quantities"].items() if v is not None}
    covered = {s["code"] for s in doc["scope"]["scenarios"]}
    for code in rng.sample([c for c in SCENARIOS if c not in covered], k=min(1, len(SCENARIOS) - len(covered))):
        doc["scope"]["scenarios"].append({"code": code, "note": ""})
    state = rng.choice(STATES)
    doc["reviewed_on"] = f"2020-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"
    doc["exercised_on"] = None if rng.random() < 0.4 else f"2020-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"
    doc["title"] = f"แผนบริหารความพร้อมต่อสภาวะวิกฤต (BCP) ของหน่วยงานทดสอบที่ {n} ประจำปีงบประมาณ พ.ศ. 2563"
    return {"organisation": f"B{n:05d}", "fiscal_year": 2563, "state": state, "version": rng.randint(1, 4),
            "submitted_on": None, "accepted_on": None, **doc}


def verdict(wall: float, cpu: float, target: float = 60) -> str:
    """The first import, scaled to 3,616 plans, against the target; a miss on a machine busy with
    other work is told apart from a miss of the code by the process's own CPU time."""
    load = os.getloadavg()[0]
    head = f"target: 3,616 plans under {target:.0f} s — first import {wall:.1f} s (CPU {cpu:.1f} s):"
    if wall < target:
        return f"{head} met"
    if cpu < target and load > (os.cpu_count() or 1):
        return (f"{head} MISSED in wall time while the machine was overloaded (load {load:.1f}); the CPU time is "
                f"within it: rerun on a quiet machine")
    return f"{head} NOT met"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=3616)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, migrate=True)
        from phrom.exchange.importer import import_plans
        from phrom.orgs.models import Organisation
        from phrom.plans.models import Plan, PlanVersion, Process, TeamMember
        from phrom.plans.services import starter_templates

        rng = random.Random(args.seed)
        templates = [t.document for t in starter_templates()]
        Organisation.objects.bulk_create([
            Organisation(code=f"B{n:05d}", name_th=f"หน่วยงานทดสอบที่ {n}", kind_id="department")
            for n in range(args.plans)
        ], batch_size=1000)
        data = {"format": "phrom-plan-exchange/1", "plans": [vary(templates[n % len(templates)], n, rng)
                                                             for n in range(args.plans)]}
        path = Path(tmp) / "plans.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        size = path.stat().st_size
        del data
        print(f"{args.plans:,} plans, {size / 1e6:.1f} MB of JSON; Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} cores")

        times, cpu_times = [], []
        for attempt in ("first import (all created)", "second import (nothing changes)"):
            start, cpu = time.perf_counter(), time.process_time()
            with path.open(encoding="utf-8") as f:
                loaded = json.load(f)
            report = import_plans(loaded, user=None)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            times.append(elapsed)
            cpu_times.append(cpu)
            assert report.ok, report.errors[:5]
            print(f"{attempt}: {elapsed:.1f} s (CPU {cpu:.1f} s) — created {len(report.created):,}, updated {len(report.updated):,}, "
                  f"unchanged {len(report.unchanged):,} ({args.plans / elapsed:,.0f} plans/s)")
        print(f"stored: {Plan.objects.count():,} plans, {Process.objects.count():,} processes, "
              f"{TeamMember.objects.count():,} team members, {PlanVersion.objects.count():,} versions")
        print(verdict(times[0] * 3616 / args.plans, cpu_times[0] * 3616 / args.plans))


if __name__ == "__main__":
    main()
