"""Benchmark: `phrom demo` with its plans at scale 1 on SQLite. Target: within a couple of minutes.

    .venv/bin/python bench/demo_plans.py [--scale 1] [--keep]

In a temporary PHROM_DATA_DIR (never ./data): migrate, time `phrom demo` on the empty database and
a second run, then read every demo plan back as stored (its version-1 documents), pass it through the
backend's cleaning, run the checker on it, compare the findings with the ones the generator intended,
and print the completeness scores by tier and kind, and the database's size.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PHROM = str(ROOT / ".venv" / "bin" / "phrom")


def run(args: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run([PHROM, *args], env=env, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - started, out


def inside(out: str) -> str:
    match = re.search(r"(?:Done in|เสร็จสิ้นใน) ([\d.]+)", out)
    return match.group(1) if match else "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="phrom-bench-demo-")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")  # settings refuse to start without one
    env = {**os.environ, "PHROM_DATA_DIR": data_dir}
    env.pop("DATABASE_URL", None)
    try:
        run(["migrate", "-v0"], env)
        first, out = run(["demo", "--scale", str(args.scale)], env)
        plans_line = next((line for line in out.splitlines() if line.startswith(("Demo plans", "แผนสาธิต"))), "")
        print(f"phrom demo --scale {args.scale}, empty database: {first:.1f} s wall clock ({inside(out)} s in the command)")
        print(f"  {plans_line.strip()}")
        second, out = run(["demo", "--scale", str(args.scale)], env)
        print(f"second run: {second:.1f} s wall clock ({inside(out)} s in the command)")
        size = sum(p.stat().st_size for p in Path(data_dir).glob("phrom.sqlite3*"))
        print(f"database: {size / 1e6:.0f} MB")
        os.environ["PHROM_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        analyse(args.scale)
    finally:
        if args.keep:
            print(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def analyse(scale: int):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    import django

    django.setup()
    from phrom.demo.builder import build
    from phrom.demo.plan_loader import required_scenarios
    from phrom.demo.plans import make_plan, template_for
    from phrom.plans.checker import ERROR, WARNING, check_plan
    from phrom.plans.codes import ALL_COMPONENTS
    from phrom.plans.content import assemble, bangkok_today, clean_document
    from phrom.plans.models import Plan, PlanVersion
    from phrom.plans.quality import scenario_names
    from phrom.plans.services import starter_templates

    today = bangkok_today()
    specs = {s.code: s for s in build().specs(scale)}
    templates = {t.code: t for t in starter_templates()}
    plans = list(Plan.objects.filter(organisation__code__in=specs).values_list("pk", "organisation_id", "organisation__code"))
    required = required_scenarios([org_id for _, org_id, _ in plans])
    names = scenario_names()
    started = time.perf_counter()
    scores: dict[str, list[int]] = defaultdict(list)
    by_kind: dict[str, list[int]] = defaultdict(list)
    mismatched, errors_in_complete = 0, 0
    for start in range(0, len(plans), 500):
        chunk = plans[start:start + 500]
        parts: dict[int, dict] = defaultdict(dict)
        rows = PlanVersion.objects.filter(plan_id__in=[p for p, _, _ in chunk], number=1)
        for plan_id, component, data in rows.values_list("plan_id", "component", "data"):
            parts[plan_id][component] = data
        for plan_id, org_id, code in chunk:
            spec = specs[code]
            document = assemble({c: parts[plan_id][c] for c in ALL_COMPONENTS})
            assert assemble(clean_document(document, today=today)) == document, code
            result = check_plan(document, today=today, required_scenarios=required.get(org_id, ()), scenario_names=names)
            intended = make_plan(spec, template_for(spec, templates), today=today, required=required.get(org_id, ()))
            found = {f.code for f in result.findings if f.severity in (ERROR, WARNING)}
            mismatched += found != set(intended.intended)
            errors_in_complete += intended.tier == "complete" and any(f.severity == ERROR for f in result.findings)
            scores[intended.tier].append(result.score)
            by_kind[spec.kind].append(result.score)
    elapsed = time.perf_counter() - started
    everything = [s for tier in scores.values() for s in tier]
    print(f"\n{len(everything):,} demo plans read back, cleaned and checked in {elapsed:.1f} s: "
          f"{mismatched} with findings other than intended, {errors_in_complete} complete plans with an error")

    def line(label, values):
        bands = Counter(min(s // 10 * 10, 90) for s in values)
        cells = "  ".join(f"{b:>2}-{b + 9 if b < 90 else 100}: {bands[b]:>5,}" for b in range(0, 100, 10))
        mean = sum(values) / len(values)
        return f"{label:<24} {len(values):>6,}  mean {mean:5.1f}  min {min(values):>3}  max {max(values):>3}  {cells}"

    print("\ncompleteness score (checker, 0-100)")
    for tier in ("complete", "minor", "gappy", "draft"):
        if scores[tier]:
            print(line(tier, scores[tier]))
    print(line("all", everything))
    print("\nby kind")
    for kind, values in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        print(line(kind, values))


if __name__ == "__main__":
    main()
