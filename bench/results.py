"""Benchmark: results of carrying plans out. Targets: saving an event's result with 50 processes, p95
under 150 ms server side; a collector's overview across 8,281 agencies with 20,000 exercises and
events, p95 under 500 ms.

    .venv/bin/python bench/results.py [--agencies 8281] [--results 20000] [--rounds 20]

Writes (SQLite, in a temporary directory) the agencies, a plan with 50 critical processes for one of
them, and 20,000 results of exercises and events spread over the agencies, each with four processes'
recovery times, findings, usability ratings and training needs. Then times:
- services.save_result for the 50-process plan (everything the edit page and the API's PUT do), and
  the bare writes underneath (one UPDATE of the result, one bulk UPDATE of its 50 processes);
- results.overview.overview as OPDC (every figure of the overview page), and the bare SQL aggregate
  underneath (processes within the RTO, grouped by hazard, in one statement).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from plan_checker import percentiles, setup_django  # noqa: E402

PROCESSES = 50


def build(agencies: int, results: int, seed: int = 2570):
    from django.utils import timezone

    from phrom.accounts.models import Membership
    from phrom.core.thaidates import fiscal_year
    from phrom.orgs.models import Organisation
    from phrom.plans.models import Scenario
    from phrom.plans.services import create_plan
    from phrom.results.models import Event, Exercise, ProcessRecovery, Result, TrainingNeed, TrainingSkill
    from tests.factories import UserFactory

    rnd = random.Random(seed)
    opdc = Organisation.objects.create(code="OPDC", name_th="สำนักงาน ก.พ.ร.", kind_id="department",
                                       collector="national", tree_path="/OPDC/")
    Organisation.objects.bulk_create([Organisation(code=f"A{i:05d}", name_th=f"หน่วยงาน {i}", kind_id="sao",
                                                   province_id="21", tree_path=f"/A{i:05d}/") for i in range(agencies)],
                                     batch_size=2000)
    orgs = list(Organisation.objects.filter(code__startswith="A").values_list("pk", flat=True))
    user = UserFactory(username="bench-coordinator")
    analyst = UserFactory(username="bench-opdc")
    Membership.objects.create(user=analyst, organisation=opdc, role="viewer")
    hazards = list(Scenario.objects.values_list("pk", flat=True))
    skills = list(TrainingSkill.objects.all())
    today = timezone.localdate()
    exercises = [Exercise.objects.create(organiser=opdc, kind=("tabletop", "functional")[i % 2], title=f"ซ้อม {i}",
                                         held_on=today, hazard_id=hazards[i % len(hazards)]) for i in range(40)]
    events = [Event.objects.create(reporter=opdc, title=f"เหตุการณ์ {i}", hazard_id=hazards[i % len(hazards)],
                                   started_at=timezone.now()) for i in range(40)]
    rows = []
    for i in range(results):
        kind = "exercise" if i % 2 else "event"
        day = today - datetime.timedelta(days=rnd.randint(0, 900))
        occasion = exercises[i % len(exercises)] if kind == "exercise" else events[i % len(events)]
        rows.append(Result(kind=kind, organisation_id=orgs[i % len(orgs)], occurred_on=day, hazard_id=occasion.hazard_id,
                           fiscal_year=fiscal_year(day),
                           exercise=exercises[i % len(exercises)] if kind == "exercise" else None,
                           event=None if kind == "exercise" else events[i % len(events)],
                           findings=[{"component": rnd.choice(["team", "call_tree", "strategies"]), "text": "ข้อค้นพบ"}],
                           usability={"call_tree": {"rating": rnd.choice(["usable", "partly", "unusable"]), "reason": ""}},
                           authority_affected=rnd.random() < 0.2))
    Result.objects.bulk_create(rows, batch_size=2000)
    ids = list(Result.objects.values_list("pk", flat=True))
    recoveries, needs = [], []
    for pk in ids:
        for k in range(4):
            rto = rnd.choice([4, 24, 168])
            down = rnd.random() < 0.05
            recoveries.append(ProcessRecovery(result_id=pk, position=k, process_key=f"p{k}", process_name="กระบวนงาน",
                                              rto_hours=rto, mtpd_hours=rto * 3, still_down=down,
                                              recovered_hours=None if down else round(rto * rnd.uniform(0.3, 2.5), 1)))
        needs.append(TrainingNeed(result_id=pk, skill=rnd.choice(skills), people=rnd.randint(1, 10)))
    ProcessRecovery.objects.bulk_create(recoveries, batch_size=5000)
    TrainingNeed.objects.bulk_create(needs, batch_size=5000)

    # The agency whose event with 50 processes is saved.
    agency = Organisation.objects.get(code="A00000")
    Membership.objects.create(user=user, organisation=agency, role="coordinator")
    processes = [{"key": f"p{k}", "name": f"กระบวนงานสำคัญที่ {k}", "impact_level": "high", "mtpd_hours": 72,
                  "rto_hours": 24, "rpo_hours": None, "depends_on_it": False, "eservice": False, "impact_over_time": {}}
                 for k in range(PROCESSES)]
    from tests.helpers.plans import document
    create_plan(agency, user=user, fiscal_year=2570, template=document(processes=processes, resources=[], procedures=[]))
    return user, analyst, agency, hazards


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=8281)
    parser.add_argument("--results", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, migrate=True)
        from django.db import connection
        from django.utils import timezone

        from phrom.results import overview, services
        from phrom.results.models import ProcessRecovery, Result

        started = time.perf_counter()
        user, analyst, agency, hazards = build(args.agencies, args.results)
        print(f"built {args.agencies:,} agencies, {args.results:,} results in {time.perf_counter() - started:.1f} s")

        # 1. Saving an event's result with 50 processes.
        from phrom.plans.models import Scenario
        event = services.record_event(user, reporter=agency, organisations=[agency], title="น้ำท่วม",
                                      hazard=Scenario.objects.get(pk=hazards[0]), area="", started_at=timezone.now(),
                                      ended_at=None)
        result = event.results.get()
        assert result.processes.count() == PROCESSES
        samples, bare = [], []
        rnd = random.Random(1)
        for _ in range(args.rounds):
            data = {"observations": "บันทึก", "processes": [
                {"key": f"p{k}", "recovered_hours": round(rnd.uniform(1, 60), 1)} for k in range(PROCESSES)],
                "findings": [{"component": "team", "text": "ขาดผู้สำรอง"}], "training_needs": [{"skill": "call_tree"}]}
            t = time.perf_counter()
            services.save_result(user, result, data, revision=result.revision)
            samples.append(time.perf_counter() - t)
            rows = list(ProcessRecovery.objects.filter(result=result))
            for r in rows:
                r.recovered_hours = round(rnd.uniform(1, 60), 1)
            t = time.perf_counter()
            Result.objects.filter(pk=result.pk).update(observations="บันทึก")
            ProcessRecovery.objects.bulk_update(rows, ["recovered_hours", "still_down"])
            bare.append(time.perf_counter() - t)
        p50, p95, worst = percentiles(samples)
        b50, b95, _ = percentiles(bare)
        print(f"save a result with {PROCESSES} processes: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
              f"(max {worst * 1000:.1f}); target p95 < 150 ms; bare writes p95 {b95 * 1000:.1f} ms, "
              f"ratio {p95 / b95:.1f}x")

        # 2. OPDC's overview across every agency.
        samples, bare = [], []
        for _ in range(args.rounds):
            t = time.perf_counter()
            o = overview.overview(analyst, overview.Filters())
            samples.append(time.perf_counter() - t)
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT COALESCE(x.hazard_id, e.hazard_id), COUNT(*), SUM(CASE WHEN NOT p.still_down AND "
                    "p.recovered_hours <= p.rto_hours THEN 1 ELSE 0 END) FROM results_processrecovery p "
                    "JOIN results_result r ON r.id = p.result_id LEFT JOIN results_exercise x ON x.id = r.exercise_id "
                    "LEFT JOIN results_event e ON e.id = r.event_id WHERE NOT r.sensitive GROUP BY 1")
                cursor.fetchall()
            bare.append(time.perf_counter() - t)
        p50, p95, worst = percentiles(samples)
        b50, b95, _ = percentiles(bare)
        print(f"overview over {o['agencies']:,} agencies and {args.results:,} results: p50 {p50 * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms (max {worst * 1000:.0f}); target p95 < 500 ms; bare SQL aggregate p95 "
              f"{b95 * 1000:.0f} ms, ratio {p95 / b95:.1f}x")


if __name__ == "__main__":
    main()
