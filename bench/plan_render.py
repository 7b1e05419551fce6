"""Benchmark: a typical plan (20 processes, 40 people) as PDF and as Word. Targets (issue 4):
PDF under 2 s, Word under 0.5 s. Also the time per plan of a batch rendered with one browser.

    .venv/bin/python bench/plan_render.py [--batch N] [--rounds R]

Prints: the Word time (median of R rounds), the PDF time of one plan from a cold start (browser
launch included, as `phrom export_plan` does it), the PDF time of a download (the browser the web
process keeps warm), and the time per plan of N plans printed one at a time and two at a time (as a
ZIP of a province's plans does it).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds() -> float:
    """CPU time used so far by this process and everything it started (browser included): on a
    machine shared with other work, wall time says little, CPU time still says what a render costs."""
    me = os.getpid()
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [me]
    while todo:
        pid = todo.pop()
        if pid in stats:
            f = stats[pid]
            total += int(f[11]) + int(f[12]) + (int(f[13]) + int(f[14]) if pid == me else 0)
        todo.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    os.environ["PHROM_DATA_DIR"] = tempfile.mkdtemp(prefix="phrom-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-throwaway-key-nothing-is-served")  # settings refuse to start without one
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from phrom.documents.docx import render_docx
    from phrom.documents.pdf import PdfRenderer, kept, render_pdf
    from phrom.documents.sample import typical_header, typical_plan

    doc, header = typical_plan(processes=20, people=40), typical_header()
    render_docx(doc, header)  # imports and template caches warm, as in a running worker

    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        data = render_docx(doc, header)
        times.append(time.perf_counter() - start)
    word = statistics.median(times)
    print(f"Word (.docx), typical plan:          {word:6.3f} s  (median of {args.rounds}; "
          f"{len(data) // 1024} KiB)   target < 0.5 s")

    start, start_cpu = time.perf_counter(), cpu_seconds()
    data = render_pdf(doc, header)
    cold = time.perf_counter() - start
    print(f"PDF, one plan, browser launch incl.: {cold:6.3f} s  ({len(data) // 1024} KiB; "
          f"{cpu_seconds() - start_cpu:.2f} CPU-seconds)   target < 2 s")
    print(f"  (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work slows every figure)")

    times, cpu = [], []
    for _ in range(args.rounds):  # render_pdf keeps the browser it launched above
        start, start_cpu = time.perf_counter(), cpu_seconds()
        render_pdf(doc, header)
        times.append(time.perf_counter() - start)
        cpu.append(cpu_seconds() - start_cpu)
    kept.close_if_idle()
    print(f"PDF, one plan, warm browser:         {statistics.median(times):6.3f} s  (median of {args.rounds}; "
          f"{statistics.median(cpu):.2f} CPU-seconds, browser included)   a download from the plan page")

    per_plan = {}
    for pages in (1, 2):
        with PdfRenderer(pages=pages) as renderer:
            renderer.render(doc, header)
            start, start_cpu = time.perf_counter(), cpu_seconds()
            futures = [renderer.submit(doc, header) for _ in range(args.batch)]
            total = sum(len(f.result()) for f in futures)
            batch_cpu = cpu_seconds() - start_cpu  # read while the browser still runs
            elapsed = time.perf_counter() - start
        per_plan[pages] = elapsed / args.batch
        print(f"PDF, batch of {args.batch}, {pages} at once:      {elapsed / args.batch:6.3f} s per plan  "
              f"({elapsed:.1f} s in all, {total // 1024 // 1024} MiB; "
              f"{batch_cpu / args.batch:.2f} CPU-seconds per plan)")
    print(f"  → 500 plans, PDFs two at a time ≈ {500 * per_plan[2] / 60:.1f} min on this machine "
          "(the Word files are made meanwhile, on the other thread)")


if __name__ == "__main__":
    main()
