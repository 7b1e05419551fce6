"""The last day of a national campaign, as locust users (run by bench/deadline_day.py).

LOAD_PEOPLE names the JSON of bench/load/people.py. Every user signs in once through the login form,
then, paced so that the whole crowd makes about LOAD_RATE requests a second:

- Coordinator: home, plan list, plan overview; opens the scope editor and saves it with a changed
  objective (the form as the page shows it, with its revision field), and sends the plan to the
  campaign from the agency page (it then waits for the approver);
- Approver: opens each of its agencies' campaign page and approves what waits for it;
- Collector: its inbox at the provincial office, opens a submission and accepts it or returns it
  with a comment (two collectors per office: one of them sometimes finds it already decided);
- Overseer: the national statistics dashboard, now and then narrowed to a province or a kind, and
  the list of agencies behind one of its numbers.

MinimalUser (LOAD_TARGET=minimal, run on its own) asks bench/load/minimal.py's one view at the same pace.
Request names group the addresses by page ("/plans/[id]/scope/").

The users are locust's FastHttpUser (geventhttpclient): it needs a fifth of HttpUser's (requests') CPU
a request, and locust shares the two cores with the server it measures.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from urllib.parse import urlencode

from locust import FastHttpUser, constant_throughput, task
from pages import APPROVE_RE, LOCK_RE, SUBMISSION_RE, drill_links, form_fields

RATE = float(os.environ.get("LOAD_RATE", "100"))
USERS = int(os.environ.get("LOAD_USERS", "300"))
TARGET = os.environ.get("LOAD_TARGET", "phrom")
# Each user's task pace, so that the crowd makes about RATE requests a second: the tasks average 1.35
# requests (a coordinator's 12 in 9 tasks by their weights; a collector's inbox is followed by a submission
# and a review while there are some; approvers and overseers mostly one). Measured 5 December 2026: paced
# for 1.5 a task, the 300 users made 90 requests a second, the server not saturated.
PACE = constant_throughput(RATE / USERS / 1.35)

PEOPLE = {}
if TARGET == "phrom":
    with open(os.environ["LOAD_PEOPLE"], encoding="utf-8") as f:
        PEOPLE = json.load(f)
_next = {role: itertools.cycle(PEOPLE.get(role, [])) for role in ("coordinators", "approvers", "collectors", "overseers")}

PROVINCES = ["10", "30", "50", "40", "90", "20", "65", "34"]
KINDS = ["provincial_unit", "sao", "central_unit", "hospital"]


class Signed(FastHttpUser):
    abstract = True
    wait_time = PACE
    role = ""

    def on_start(self):
        self.me = next(_next[self.role])
        self.client.get("/accounts/login/", name="/accounts/login/")
        self.post("/accounts/login/", {"username": self.me["username"], "password": PEOPLE["password"], "next": "/"},
                  "/accounts/login/")

    def csrf_token(self) -> str:
        return next((cookie.value for cookie in self.client.cookiejar if cookie.name == "csrftoken"), "")

    def post(self, url, data, name, ok=(302,)):
        """Posts a form as the browser does (urlencoded, with the CSRF token); a refusal is a failure."""
        headers = {"X-CSRFToken": self.csrf_token(), "Referer": self.host + url,
                   "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(url, urlencode(data), headers=headers, name=name, allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code not in ok:
                response.failure(f"{response.status_code}")
            return response


class Coordinator(Signed):
    fixed_count = len(PEOPLE.get("coordinators", []))
    role = "coordinators"

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(1)
    def plan_list(self):
        self.client.get("/plans/", name="/plans/")

    @task(2)
    def overview(self):
        self.client.get(f"/plans/{self.me['plan']}/", name="/plans/[id]/")

    @task(3)
    def edit_scope(self):
        url = f"/plans/{self.me['plan']}/scope/"
        page = self.client.get(url, name="/plans/[id]/scope/")
        if page.status_code != 200:
            return
        fields = [(n, v) for n, v in form_fields(page.text, "component-form") if n != "objectives"]
        objective = f"รักษาบริการประชาชนให้ต่อเนื่อง รอบแก้ไขที่ {random.randint(1, 10**6)}"
        self.post(url, [*fields, ("objectives", objective)], "/plans/[id]/scope/")

    @task(1)
    def send(self):
        url = f"/campaigns/{PEOPLE['campaign']}/agency/{self.me['org']}/"
        page = self.client.get(url, name="/campaigns/[id]/agency/[code]/")
        if page.status_code == 200 and "/submit/" in page.text:
            self.post(url + "submit/", {"plan": self.me["plan"]}, "/campaigns/[id]/agency/[code]/submit/")


class Approver(Signed):
    fixed_count = len(PEOPLE.get("approvers", []))
    role = "approvers"

    @task
    def approve(self):
        code = random.choice(self.me["orgs"])
        page = self.client.get(f"/campaigns/{PEOPLE['campaign']}/agency/{code}/", name="/campaigns/[id]/agency/[code]/")
        match = APPROVE_RE.search(page.text) if page.status_code == 200 else None
        if match:
            self.post(match.group(1), {}, "/campaigns/submissions/[id]/approve/")


class Collector(Signed):
    fixed_count = len(PEOPLE.get("collectors", []))
    role = "collectors"

    @task
    def review(self):
        inbox = self.client.get(f"/campaigns/{PEOPLE['campaign']}/inbox/?org={self.me['org']}&status=received",
                                name="/campaigns/[id]/inbox/")
        links = SUBMISSION_RE.findall(inbox.text) if inbox.status_code == 200 else []
        if not links:
            return
        url, _pk = random.choice(links)
        page = self.client.get(url, name="/campaigns/submissions/[id]/")
        if page.status_code != 200 or "review-form" not in page.text:
            return  # decided meanwhile by the other collector of the office
        lock = LOCK_RE.search(page.text)
        data = {"lock": lock.group(1) if lock else "0", "decision": "accept"}
        if random.random() < 0.3:
            data.update(decision="return", comment_processes="โปรดทบทวนระยะเวลาเป้าหมาย (RTO) ของกระบวนการหลัก")
        self.post(url + "review/", data, "/campaigns/submissions/[id]/review/")


class Overseer(Signed):
    fixed_count = len(PEOPLE.get("overseers", []))
    role = "overseers"

    @task(3)
    def dashboard(self):
        narrowed = random.random()
        query = (f"?province={random.choice(PROVINCES)}" if narrowed < 0.3 else
                 f"?kind={random.choice(KINDS)}" if narrowed < 0.5 else "")
        page = self.client.get(f"/statistics/{query}", name="/statistics/")
        self.links = drill_links(page.text) if page.status_code == 200 else []

    @task(1)
    def drill_down(self):
        if getattr(self, "links", None):
            self.client.get(random.choice(self.links), name="/statistics/agencies/")


class MinimalUser(FastHttpUser):
    """The same crowd against one minimal Django view (bench/load/minimal.py)."""

    wait_time = constant_throughput(RATE / USERS)

    @task
    def hello(self):
        self.client.get("/", name="minimal /")
