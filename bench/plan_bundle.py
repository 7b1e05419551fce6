"""Benchmark: the ZIP of a province's plans (issue 4). Target: 500 plans under 10 minutes on this
2-core machine, with memory under 1 GB.

    .venv/bin/python bench/plan_bundle.py [--plans 500] [--batch 50] [--stored]

Runs in a temporary data directory with its own SQLite file. Builds one province (Rayong, 21): a
provincial office and N provincial units, each with a typical plan (20 processes, 40 people) made
from the starter templates (phrom/plans/starter_templates) — people named, processes and members
added up to the typical size — sent to the provincial office. Then a collector of the office asks
for the province's bundle and the build is timed exactly as the background worker runs it
(phrom.bundles.build.build: Chromium for the PDFs, python-docx for Word, zipfile to a temporary
file, saved to the storage).

Prints the total time, the time per plan, CPU-seconds (this process and the browser), peak memory
— the Python process's peak RSS from resource.getrusage, and the peak of the whole process tree
(Python + Playwright's driver + Chromium) sampled from /proc as PSS, which does not count a page
shared by Chromium's processes twice — and, for N < 500, the figures scaled to 500 plans.

--stored (issue 9 §13): the plans were sent and accepted through a campaign, and their PDF and Word
files were printed when they were sent (phrom.documents.store), so the build copies them. The store
is filled before the timing with real prints of the first --distinct plans (default 10), each copied
to the plans after it (what is measured is the copying: every plan's files are as large as a real
print's); the time those prints took is printed too, per plan — the cost moved to the moment of sending.
"""

from __future__ import annotations

import argparse
import copy
import ctypes
import gc
import itertools
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plan_checker import setup_django  # noqa: E402
from plan_render import cpu_seconds  # noqa: E402

TARGET_PLANS, TARGET_SECONDS, TARGET_BYTES = 500, 600, 1024**3
FIRST = ["สมชาย", "สมหญิง", "วิชัย", "มาลี", "ประเสริฐ", "สุนีย์", "อนันต์", "กาญจนา", "ธนากร", "ปิยะ", "รัตนา", "สุรชัย",
         "วีระพงษ์", "นิภาพร", "ชัยวัฒน์", "ศิริพร"]
LAST = ["ใจดี", "รักงาน", "มั่นคง", "ทองคำ", "ศรีสุข", "แก้วมณี", "บุญมา", "วงศ์สวัสดิ์", "พึ่งน้ำใจ", "สายทอง", "ปัญญาดี"]
TITLES = ["นาย", "นาง", "นางสาว"]
EXTRA_POSITIONS = ["นักวิเคราะห์นโยบายและแผนชำนาญการ", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "เจ้าพนักงานธุรการชำนาญงาน",
                   "นักทรัพยากรบุคคลชำนาญการ", "นักวิชาการเงินและบัญชีชำนาญการ", "เจ้าพนักงานพัสดุปฏิบัติงาน"]


def typical(template: dict, n: int, org_name: str, rng: random.Random, processes: int = 20, people: int = 40) -> dict:
    """A starter template grown to a typical plan: people named with phones, members and processes
    added up to `people` and `processes`, each new process with its resources."""
    from phrom.documents.sample import PROCESSES, RTOS

    doc = copy.deepcopy(template)
    doc.pop("template", None)
    doc["title"] = f"แผนบริหารความพร้อมต่อสภาวะวิกฤต (BCP) ของ{org_name} ประจำปีงบประมาณ พ.ศ. 2570"
    team = doc["team"]
    leaders = [m["key"] for m in team if m["role"] in ("leader", "coordinator")] or [team[0]["key"]]
    for i in range(len(team), people):
        leader = leaders[i % len(leaders)]
        team.append({"key": f"b{i}", "name": "", "position": rng.choice(EXTRA_POSITIONS), "role": "member",
                     "team": next(m["team"] for m in team if m["key"] == leader), "phone": "", "email": "",
                     "line_id": "", "alternate": None})
        doc["call_tree"].append({"caller": leader, "callee": f"b{i}", "order": i, "channel": rng.choice(["phone", "line", "sms"])})
    for m in team:
        m["name"] = f"{rng.choice(TITLES)}{rng.choice(FIRST)} {rng.choice(LAST)}"
        m["phone"] = f"08{rng.randint(10000000, 99999999)}"
    names = itertools.cycle(PROCESSES)
    for i in range(len(doc["processes"]), processes):
        name, mission = next(names)
        rto = RTOS[i % len(RTOS)]
        doc["processes"].append({
            "key": f"q{i}", "name": name, "mission": mission, "impact_level": rng.choice(["very_high", "high", "medium", "low"]),
            "mtpd_hours": rto * 2, "rto_hours": rto, "rpo_hours": rng.choice([None, 4, 24]), "depends_on_it": rng.random() < 0.6,
            "eservice": rng.random() < 0.3,
            "impact_over_time": {"4h": "งานค้างสะสม", "1d": "ผู้รับบริการร้องเรียน", "1w": "กระทบต่อความเชื่อมั่นของหน่วยงาน"},
        })
        for category, item, unit in (("personnel", "บุคลากรหลักที่ต้องปฏิบัติงาน", "คน"),
                                     ("it", "คอมพิวเตอร์พกพาพร้อมระบบงาน", "เครื่อง")):
            base = rng.randint(1, 4)
            doc["resources"].append({"process": f"q{i}", "category": category, "item": item, "unit": unit,
                                     "quantities": {"4h": base, "1d": base * 2, "1w": base * 3, "2w": base * 3, "1m": base * 4}})
    return doc


class MemorySampler(threading.Thread):
    """The peak PSS of this process and everything it started (Playwright's driver, Chromium), and
    what each kind of process held at that moment."""

    def __init__(self, interval: float = 0.5):
        super().__init__(daemon=True)
        self.interval, self.peak, self.parts, self._done = interval, 0, {}, threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self._sample()

    def _sample(self) -> None:
        parts = tree_pss()
        if sum(parts.values()) > self.peak:
            self.peak, self.parts = sum(parts.values()), parts

    def stop(self) -> int:
        self._done.set()
        self.join()
        self._sample()
        return self.peak


def own_cpu_seconds() -> float:
    """CPU time of this Python process alone (the rest of cpu_seconds() is the browser and its driver)."""
    t = os.times()
    return t.user + t.system


def tree_pss() -> dict[str, int]:
    """Bytes of proportional set size of this process and its descendants, by kind of process
    (python, driver — Playwright's node —, and Chromium's browser, renderer, gpu-process, …)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, todo = set(), [os.getpid()]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(p for p, parent in parents.items() if parent == pid)
    parts: dict[str, int] = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                # Chromium rewrites its children's command lines with spaces between the arguments.
                cmdline = f.read().decode("utf-8", "replace").replace("\0", " ").split()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                pss = next(int(line.split()[1]) for line in f if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration):
            continue
        kind = next((a.split("=", 1)[1] for a in cmdline if a.startswith("--type=")), None)
        if kind is None:
            name = os.path.basename(cmdline[0]) if cmdline and cmdline[0] else "?"
            kind = "python" if pid == os.getpid() else "driver" if "node" in name else (
                "browser" if "chrom" in name else name)
        parts[kind] = parts.get(kind, 0) + pss
    return parts


def send_and_keep(units, office, distinct: int) -> None:
    """Each unit's plan sent to the office's campaign and accepted (submissions and their history
    written directly: the campaign services would be timed otherwise), and its documents kept."""
    import datetime

    from django.utils import timezone

    from phrom.bundles.build import BatchPrinter
    from phrom.campaigns.models import Campaign, Submission, SubmissionEvent
    from phrom.documents import store
    from phrom.documents.export import plan_document
    from phrom.plans.models import Plan

    now = timezone.now()
    campaign = Campaign.objects.create(collector=office, title="ทบทวนแผน BCP ประจำปี 2570", fiscal_year=2570,
                                       deadline=now.date() + datetime.timedelta(days=30))
    plans = list(Plan.objects.filter(organisation__in=units).select_related("organisation").order_by("organisation__code"))
    subs = Submission.objects.bulk_create([
        Submission(campaign=campaign, organisation=p.organisation, plan=p, version=p.revision,
                   state=Submission.State.ACCEPTED, holder=office, round=1, title=p.title, first_sent_at=now,
                   sent_at=now, decided_at=now)
        for p in plans
    ])
    SubmissionEvent.objects.bulk_create([
        SubmissionEvent(submission=sub, organisation=sub.organisation, action=action, from_state=before,
                        to_state=after, target=office if action == SubmissionEvent.Action.SENT else None,
                        version=sub.version, round=1)
        for sub in subs for action, before, after in (
            (SubmissionEvent.Action.SENT, "awaiting_approval", "in_review"),
            (SubmissionEvent.Action.ACCEPTED, "in_review", "accepted"))
    ])
    start = time.perf_counter()
    printed = []
    with BatchPrinter() as printer:
        items = ((p, lambda p=p: plan_document(p, p.revision)) for p in plans[:distinct])
        for _plan, pdf, docx, error in printer.print_all(items):
            assert not error, error
            printed.append({"pdf": pdf, "docx": docx})
    elapsed = time.perf_counter() - start
    approved_on = timezone.localdate(now)
    for n, plan in enumerate(plans):
        for fmt, data in printed[n % len(printed)].items():
            store.keep(plan.pk, plan.revision, fmt, data, approved_on=approved_on)
    print(f"{len(plans)} plans sent and accepted; {len(printed)} printed for real in {elapsed:.1f} s "
          f"({elapsed / len(printed):.2f} s a plan, PDF + Word: the cost moved to the moment of sending), "
          f"kept for all in {time.perf_counter() - start - elapsed:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=TARGET_PLANS)
    parser.add_argument("--batch", type=int, default=None, help="plans per browser (default: the build's own)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stored", action="store_true", help="the plans were sent: copy their kept prints")
    parser.add_argument("--distinct", type=int, default=10, help="--stored: plans printed for real to fill the store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="phrom-bench-") as tmp:
        setup_django(tmp, migrate=True)
        from django.contrib.auth import get_user_model
        from django.db import transaction

        from phrom.accounts.models import Membership
        from phrom.bundles import build as bundle_build
        from phrom.bundles.models import PlanBundle
        from phrom.orgs.models import Organisation
        from phrom.orgs.routes import rebuild_route_entries
        from phrom.orgs.tree_paths import refresh_tree_paths
        from phrom.plans.content import NewPlan, clean_document, create_plans
        from phrom.plans.services import starter_templates

        rng = random.Random(args.seed)
        start = time.perf_counter()
        dopa = Organisation.objects.create(code="DOPA", name_th="กรมการปกครอง", kind_id="department")
        office = Organisation.objects.create(code="PO21", name_th="สำนักงานจังหวัดระยอง", kind_id="provincial_office",
                                             province_id="21", parent=dopa)
        units = Organisation.objects.bulk_create([
            Organisation(code=f"PU21-{n:04d}", name_th=f"ส่วนราชการส่วนภูมิภาคจังหวัดระยองแห่งที่ {n}",
                         kind_id="provincial_unit", province_id="21")
            for n in range(1, args.plans + 1)
        ])
        refresh_tree_paths()
        rebuild_route_entries()
        templates = [t.document for t in starter_templates()]
        items = []
        for n, org in enumerate(units):
            doc = typical(templates[n % len(templates)], n, org.name_th, rng)
            items.append(NewPlan(organisation_id=org.pk, fiscal_year=2570, cleaned=clean_document(doc), status="accepted"))
        with transaction.atomic():
            create_plans(items, user=None)
        user = get_user_model().objects.create_user("rayong-collector", password=None)
        Membership.objects.create(user=user, organisation=office, role=Membership.Role.COORDINATOR)
        sizes = items[0].cleaned
        print(f"{args.plans} plans of province 21 ({len(sizes['processes'])} processes, {len(sizes['team'])} people "
              f"each) made in {time.perf_counter() - start:.1f} s; Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        if args.stored:
            send_and_keep(units, office, args.distinct)
        del items
        # The plans made above are garbage now; give their memory back to the system so that the
        # peak measured below is the build's, not this script's set-up.
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)

        bundle = PlanBundle.objects.create(requested_by=user, scope="province", province_id="21")
        sampler = MemorySampler()
        sampler.start()
        start, start_cpu, start_own = time.perf_counter(), cpu_seconds(), own_cpu_seconds()
        kwargs = {"batch": args.batch} if args.batch else {}
        bundle = bundle_build.build(bundle, **kwargs)
        peak_tree = sampler.stop()
        elapsed, cpu, own = time.perf_counter() - start, cpu_seconds() - start_cpu, own_cpu_seconds() - start_own
        load = os.getloadavg()[0]

        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        per_plan = elapsed / max(bundle.done, 1)
        mib = 1024 * 1024
        print(f"bundle: {bundle.done} of {bundle.total} plans, {bundle.failed} failed, {bundle.organisations} "
              f"organisations in the index; ZIP {bundle.size / mib:.1f} MiB")
        print(f"total time:            {elapsed:7.1f} s   ({cpu:.0f} CPU-seconds, this process and the browser)")
        done = max(bundle.done, 1)
        print(f"per plan (PDF + Word): {per_plan:7.2f} s   ({cpu / done:.2f} CPU-seconds: Python {own / done:.2f}, "
              f"browser and driver {(cpu - own) / done:.2f})")
        print(f"peak RSS, Python process (getrusage):        {self_rss / mib:6.0f} MiB")
        print(f"peak RSS, largest ended child (getrusage):   {child_rss / mib:6.0f} MiB")
        print(f"peak PSS, whole tree incl. Chromium (/proc): {peak_tree / mib:6.0f} MiB   target < 1024 MiB")
        print("  at the peak: " + ", ".join(f"{kind} {size / mib:.0f}" for kind, size in
                                           sorted(sampler.parts.items(), key=lambda kv: -kv[1])) + " (MiB)")
        print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores (other work slows every figure)")
        if args.plans < TARGET_PLANS:
            scaled = per_plan * TARGET_PLANS
            print(f"scaled to {TARGET_PLANS} plans (measured {args.plans}, extrapolated linearly): {scaled / 60:.1f} min")
        # Python and the browser work at the same time (the PDF of a plan is printed while its Word
        # file is made), so on two idle cores a plan takes between the larger of the two CPU costs
        # and their sum.
        low, high = max(own, cpu - own) / done * TARGET_PLANS, cpu / done * TARGET_PLANS
        print(f"on 2 idle cores, from the CPU cost: {TARGET_PLANS} plans in {low / 60:.1f}–{high / 60:.1f} min")
        total = per_plan * TARGET_PLANS
        if args.stored:
            print(f"target (kept prints): {TARGET_PLANS} plans well under a minute — {total:.0f} s; "
                  f"a few hundred MB — {max(peak_tree, self_rss) / mib:.0f} MiB")
            return
        print(f"target: {TARGET_PLANS} plans under {TARGET_SECONDS // 60} min — "
              f"{'met' if total < TARGET_SECONDS else 'NOT met'} ({total / 60:.1f} min); memory under 1 GB — "
              f"{'met' if max(peak_tree, self_rss) < TARGET_BYTES else 'NOT met'}")


if __name__ == "__main__":
    main()
