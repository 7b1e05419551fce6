"""CPU time and queries per page of the deadline-day scenario, one request at a time in this process
(robust to a shared machine, unlike the latencies under load): the CPU of Django (this process) and of
the PostgreSQL backend that answered its queries, for the pages read and the forms posted (sign-in,
saving the scope, sending, approving, reviewing). Run with the environment of bench/deadline_day.py,
after its people file is written, on a database nobody else writes (it sends and reviews plans):

    LOAD_PEOPLE=…/people.json .venv/bin/python bench/load/page_cpu.py [--repeat 10] [--mix …/load/phrom_stats.csv]

--mix weighs the pages by a locust run's request counts (its phrom_stats.csv) and prints the mean CPU
per request of that mix and the capacity it leaves two cores: 2,000 ms of CPU a second / the mean.

Measured 5 December 2026 (--repeat 10, weighed by the deadline-day run's pages), Django + PostgreSQL
CPU ms, main 0bdb1f9 → h7-speed → session 8 (prepared statements, children ordered by their parent's
column, the pages' queries cut; main at 21:22 UTC on a quiet machine; queries: h7-speed → now):
  sign-in (POST) 176+1 → 179+1 → 174+1 (the password hash; kept)
  home 23+10 → 18+7 → 12+5 (37 → 22 queries)        agency page 18+6 → 15+4 → 9+3 (27 → 16)
  inbox 18+10 → 16+5 → 12+5 (20 → 14)                submission page 23+6 → 20+9 → 14+5 (25 → 12)
  statistics dashboard 43+33 → 9+2 → 4+1 (10 → 4; 23+18 when it counts, at most once a minute per scope)
  statistics list 16+14 → 13+9 → 7+1                 plan overview 13+5 → 12+3 → 9+1 (24 → 12)
  scope editor 15+4 → 13+3 → 8+2 (23 → 11)           scope save (h7-speed →) 9+4 → 7+1 (25 → 16)
  the mix: 29.0 ms → 19.5 ms → 12.9 ms a request, i.e. ~69 → ~103 → ~155 requests a second on two cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pages import APPROVE_RE, LOCK_RE, SUBMISSION_RE, drill_links, form_fields  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
# One connection for the whole run, so that its backend's CPU can be read from /proc.
connection.settings_dict["CONN_MAX_AGE"] = None


def database_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL backend so far (0 on SQLite)."""
    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    fields = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


class Meter:
    """Requests measured one by one, grouped by the scenario's page names."""

    def __init__(self):
        self.rows: dict[str, list[tuple[float, float, float, int]]] = defaultdict(list)

    def __call__(self, name: str, client: Client, url: str, data=None, ok=(200,)):
        with CaptureQueriesContext(connection) as captured:
            d0, c0, w0 = database_cpu(), time.process_time(), time.perf_counter()
            response = (client.get(url) if data is None else  # posted as the browser (and locust) posts a form
                        client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded"))
            cpu, wall, db = time.process_time() - c0, time.perf_counter() - w0, database_cpu() - d0
        assert response.status_code in ok, (name, url, response.status_code)
        self.rows[name].append((cpu * 1000, db * 1000, wall * 1000, len(captured)))
        return response

    def medians(self) -> dict[str, dict]:
        # Backend CPU is counted in 10 ms ticks: its mean over the repeats, not its median.
        return {name: {"cpu": statistics.median(r[0] for r in rows), "db": statistics.mean(r[1] for r in rows),
                       "wall": statistics.median(r[2] for r in rows), "queries": max(r[3] for r in rows), "n": len(rows)}
                for name, rows in self.rows.items()}


# One client, so one request handler for the whole run, as in a server's process: a new Client loads
# the middleware again, and WhiteNoise's reads every static file's headers (~9 ms) on its first request.
CLIENT = Client()


def signed_out() -> Client:
    CLIENT.cookies.clear()
    return CLIENT


def signed_in(username: str) -> Client:
    signed_out().force_login(get_user_model().objects.get(username=username))
    return CLIENT


def run(people: dict, repeat: int) -> Meter:
    meter = Meter()
    campaign = people["campaign"]
    coordinators, approvers = people["coordinators"][:repeat], people["approvers"]
    collector, overseer = people["collectors"][0], people["overseers"][0]
    signed_out().get("/accounts/login/")  # the first request loads the middleware
    for _ in range(repeat):
        client = signed_out()
        meter("/accounts/login/", client, "/accounts/login/")
        meter("POST /accounts/login/", client, "/accounts/login/",
              {"username": overseer["username"], "password": people["password"], "next": "/"}, ok=(302,))
    me = coordinators[0]
    client = signed_in(me["username"])
    for _ in range(repeat):
        meter("/", client, "/")
        meter("/plans/", client, "/plans/")
        meter("/plans/[id]/", client, f"/plans/{me['plan']}/")
        page = meter("/plans/[id]/scope/", client, f"/plans/{me['plan']}/scope/")
        fields = [(n, v) for n, v in form_fields(page.content.decode(), "component-form") if n != "objectives"]
        meter("POST /plans/[id]/scope/", client, f"/plans/{me['plan']}/scope/",
              [*fields, ("objectives", f"รักษาบริการประชาชนให้ต่อเนื่อง รอบ {time.time()}")], ok=(302,))
    for n, me in enumerate(coordinators):  # each sends its plan once; the approver of each three approves
        client = signed_in(me["username"])
        agency = f"/campaigns/{campaign}/agency/{me['org']}/"
        meter("/campaigns/[id]/agency/[code]/", client, agency)
        meter("POST /campaigns/[id]/agency/[code]/submit/", client, agency + "submit/", {"plan": me["plan"]}, ok=(302,))
        approver = signed_in(approvers[n // 3]["username"])
        page = meter("/campaigns/[id]/agency/[code]/", approver, agency)
        meter("POST /campaigns/submissions/[id]/approve/", approver, APPROVE_RE.search(page.content.decode()).group(1),
              {}, ok=(302,))
    reviewed = 0
    for person in people["collectors"]:  # the offices the sent plans went to review them
        client = signed_in(person["username"])
        inbox = f"/campaigns/{campaign}/inbox/?org={person['org']}&status=received"
        links = SUBMISSION_RE.findall(meter("/campaigns/[id]/inbox/", client, inbox).content.decode())
        for url, _pk in links[:repeat - reviewed]:
            page = meter("/campaigns/submissions/[id]/", client, url).content.decode()
            if "review-form" in page:
                meter("POST /campaigns/submissions/[id]/review/", client, url + "review/",
                      {"lock": LOCK_RE.search(page).group(1), "decision": "accept"}, ok=(302,))
                reviewed += 1
        if reviewed >= repeat:
            break
    client = signed_in(overseer["username"])
    links = []
    # Counted once a minute at most (STATISTICS_CACHE_SECONDS): the first view of each scope counts, the
    # others read the figures as counted (the scenario's 13 dashboards: ~13 counts a minute in ~240 views).
    for n, query in enumerate(("", "?province=30", "?kind=sao", "?province=50", "?kind=hospital", "?province=10") * 3):
        name = "/statistics/ (counting)" if n < 6 else "/statistics/"
        links += drill_links(meter(name, client, f"/statistics/{query}").content.decode())
    for url in links[::max(1, len(links) // repeat)][:repeat]:
        meter("/statistics/agencies/", client, url)
    meter("(collector's inbox, for comparison)", signed_in(collector["username"]),
          f"/campaigns/{campaign}/inbox/?org={collector['org']}&status=received")
    return meter


def mix(path: Path) -> dict[str, int]:
    """Requests per page name in a locust run (its *_stats.csv)."""
    with path.open(encoding="utf-8") as f:
        return {(r["Name"] if r["Type"] == "GET" else f"{r['Type']} {r['Name']}"): int(r["Request Count"])
                for r in csv.DictReader(f) if r["Name"] != "Aggregated"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--mix", type=Path, help="a locust run's phrom_stats.csv: weigh the pages by its requests")
    args = parser.parse_args()
    with open(os.environ["LOAD_PEOPLE"], encoding="utf-8") as f:
        people = json.load(f)
    pages = run(people, args.repeat).medians()
    weights = mix(args.mix) if args.mix else {}
    total = sum(weights.get(name, 0) for name in pages)
    print(f"{'page':46} {'n':>3} {'Django CPU ms':>13} {'DB CPU ms':>9} {'wall ms':>7} {'queries':>7} {'share':>6}")
    for name, p in pages.items():
        share = f"{weights.get(name, 0) / total:6.1%}" if total else ""
        print(f"{name[:46]:46} {p['n']:>3} {p['cpu']:>13.1f} {p['db']:>9.1f} {p['wall']:>7.0f} {p['queries']:>7} {share}")
    if total:
        app = sum(pages[n]["cpu"] * weights.get(n, 0) for n in pages) / total
        db = sum(pages[n]["db"] * weights.get(n, 0) for n in pages) / total
        print(f"\nmix of {args.mix}: {app:.1f} ms Django + {db:.1f} ms PostgreSQL = {app + db:.1f} ms CPU a request; "
              f"two cores: ~{2000 / (app + db):.0f} requests a second (before locust's own CPU and the WSGI server's)")
        heavy = sorted(pages, key=lambda n: -(pages[n]["cpu"] + pages[n]["db"]) * weights.get(n, 0))
        print("heaviest (CPU x share): " + ", ".join(
            f"{n} {(pages[n]['cpu'] + pages[n]['db']) * weights.get(n, 0) / total:.1f} ms" for n in heavy[:6]))


if __name__ == "__main__":
    main()
