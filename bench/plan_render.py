"""Benchmark: a typical plan (20 processes, 40 people) as PDF and as Word. Targets (issue 4):
PDF under 2 s, Word under 0.5 s. Also the time per plan of a batch rendered with one browser.

    .venv/bin/python bench/plan_render.py [--batch N] [--rounds R]

Prints: the Word time (median of R rounds), the PDF time of one plan from a cold start (browser
launch included, as `phrom export_plan` does it), the PDF time per plan with a warm browser, and the
time per plan of N plans in one `render_pdfs` call (as a ZIP of a province's plans does it).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    os.environ["PHROM_DATA_DIR"] = tempfile.mkdtemp(prefix="phrom-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phrom.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from phrom.documents.docx import render_docx
    from phrom.documents.pdf import PdfRenderer, render_pdf, render_pdfs
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

    start = time.perf_counter()
    data = render_pdf(doc, header)
    cold = time.perf_counter() - start
    print(f"PDF, one plan, browser launch incl.: {cold:6.3f} s  ({len(data) // 1024} KiB)   target < 2 s")

    with PdfRenderer() as renderer:
        renderer.render(doc, header)
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            renderer.render(doc, header)
            times.append(time.perf_counter() - start)
    print(f"PDF, one plan, warm browser:         {statistics.median(times):6.3f} s  (median of {args.rounds})")

    start = time.perf_counter()
    total = sum(len(pdf) for pdf in render_pdfs((doc, header) for _ in range(args.batch)))
    elapsed = time.perf_counter() - start
    print(f"PDF, batch of {args.batch} in one browser:      {elapsed / args.batch:6.3f} s per plan  "
          f"({elapsed:.1f} s in all, {total // 1024 // 1024} MiB)")
    print(f"  → 500 plans (PDF + Word) ≈ {500 * (elapsed / args.batch + word) / 60:.1f} min "
          "on this machine, before zipping")


if __name__ == "__main__":
    main()
