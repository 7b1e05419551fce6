"""CPU time and queries per page of the deadline-day scenario, one request at a time in this process
(robust to a shared machine, unlike the latencies under load). Run with the environment of
bench/deadline_day.py, after its people file is written:

    LOAD_PEOPLE=…/people.json .venv/bin/python bench/load/page_cpu.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    cpu, wall, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            c0, w0 = time.process_time(), time.perf_counter()
            response = client.get(url)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(cpu) * 1000, statistics.median(wall) * 1000, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with open(os.environ["LOAD_PEOPLE"], encoding="utf-8") as f:
        people = json.load(f)
    campaign = people["campaign"]
    coordinator, approver = people["coordinators"][0], people["approvers"][0]
    collector, overseer = people["collectors"][0], people["overseers"][0]
    pages = [
        (coordinator, "/"), (coordinator, "/plans/"), (coordinator, f"/plans/{coordinator['plan']}/"),
        (coordinator, f"/plans/{coordinator['plan']}/scope/"),
        (coordinator, f"/campaigns/{campaign}/agency/{coordinator['org']}/"),
        (approver, f"/campaigns/{campaign}/agency/{approver['orgs'][0]}/"),
        (collector, f"/campaigns/{campaign}/inbox/?org={collector['org']}&status=received"),
        (overseer, "/statistics/"), (overseer, "/statistics/?province=30"), (overseer, "/statistics/?kind=sao"),
        (overseer, "/statistics/agencies/?measure=sent"),
    ]
    print(f"{'page':70} {'CPU ms':>7} {'wall ms':>8} {'queries':>7}")
    for person, url in pages:
        client = Client()
        client.force_login(django.contrib.auth.get_user_model().objects.get(username=person["username"]))
        cpu, wall, queries = measure(client, url, args.repeat)
        print(f"{url[:70]:70} {cpu:>7.0f} {wall:>8.0f} {queries:>7}")


if __name__ == "__main__":
    main()
