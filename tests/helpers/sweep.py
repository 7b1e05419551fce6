"""The permission sweep's world and its requests (tests/security/sweep_table.py holds the expectations).

One agency (Rayong's provincial health office, PU21-HEALTH) with a plan that was sent, returned with
a comment by the provincial office and sent again; a security-sensitive draft that never left it; an
attachment; a Word import; a ZIP bundle of the province asked for by the provincial office; an
organisation import by an administrator. Each role is one user standing towards that agency:

- own agency: coordinator, approver, viewer
- its route: collector (Rayong's provincial office, which collects its plans), opdc (OPDC's coordinator)
- unrelated: the coordinator of a municipality on another route
- admin (a superuser of no agency), anonymous (nobody signed in)

Every URL argument of a row names one of the world's objects (WORLD_KEYS); `fill` turns a row's
arguments into values, `outcome` sends one request and names what came back.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from phrom.accounts.models import Membership
from phrom.bundles.models import PlanBundle
from phrom.campaigns import services
from phrom.campaigns.models import ReviewComment
from phrom.exchange.services import start_word_import
from phrom.members.models import Invitation
from phrom.orgs.models import OrgImport
from phrom.plans.services import attach_file
from tests.factories import UserFactory
from tests.helpers.bundles import sensitive_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.people import member
from tests.helpers.plans import make_plan

ROLES = ("coordinator", "approver", "viewer", "collector", "opdc", "unrelated", "admin", "anonymous")

# What a URL argument may name (the values come from the world built below).
WORLD_KEYS = ("plan", "draft", "submission", "campaign", "comment", "org", "bundle", "word_import", "org_import",
              "version", "component", "process", "pdf", "docx", "uidb64", "token", "invitation", "membership",
              "result", "action", "event", "event_result", "activation", "answer_token", "member")
# Arguments whose value needs no choice: a row may leave them out.
DEFAULT_ARGS = {"code": "org", "component": "component", "slug": "component", "number": "version", "fmt": "docx", "key": "process",
                "uidb64": "uidb64", "token": "token"}

# Safe for API rate limits: the sweep asks hundreds of times as one user.
NO_LIMITS = {"anon": "100000/hour", "user": "100000/hour", "printing": "100000/hour", "bundles": "100000/hour",
             "imports": "100000/hour"}


def build_world(structure, people) -> SimpleNamespace:
    s = structure
    unit, office = s.rayong_unit, s.rayong_office
    coordinator = people.coordinator(unit)
    campaign = open_campaign(s.opdc, people.opdc_coordinator)
    plan = make_plan(unit, coordinator)
    attach_file(plan, SimpleUploadedFile("แผนฉบับลงนาม.pdf", b"%PDF-1.4\n%sweep\n"), user=coordinator)
    first = send(campaign, unit, people, plan)
    services.review(first, user=people.coordinator(office), collector=office, decision="return",
                    comments=[{"component": "team", "text": "เพิ่มผู้สำรองของหัวหน้าทีม"}])
    submission = send(campaign, unit, people, plan)
    draft = make_plan(unit, coordinator, fiscal_year=2571, **sensitive_document())
    users = {
        "coordinator": coordinator, "approver": people.approver(unit),
        "viewer": member(unit, Membership.Role.VIEWER, "pu21-viewer"),
        "collector": people.coordinator(office), "opdc": people.opdc_coordinator,
        "unrelated": people.coordinator(s.municipality),
        "admin": UserFactory(username="sweep-admin", is_staff=True, is_superuser=True), "anonymous": None,
    }
    word = start_word_import(unit, SimpleUploadedFile("แผน.docx", _word_file()), user=coordinator)
    org_import = OrgImport.objects.create(original_name="orgs.csv", created_by=users["admin"],
                                          file=ContentFile(b"code\n", name="orgs.csv"))
    bundle = PlanBundle.objects.create(
        requested_by=users["collector"], scope=PlanBundle.Scope.PROVINCE, province_id=unit.province_id,
        campaign=campaign, status=PlanBundle.Status.DONE, finished_at=timezone.now(), done=1, total=1,
        file=ContentFile(b"PK\x05\x06" + b"\0" * 18, name="bundle.zip"), size=22,
    )
    values = {
        "plan": plan.pk, "draft": draft.pk, "submission": submission.pk, "campaign": campaign.pk,
        "comment": ReviewComment.objects.filter(submission=submission).values_list("pk", flat=True).first(),
        "org": unit.code, "bundle": bundle.pk, "word_import": word.pk, "org_import": org_import.pk,
        "version": 1, "component": "team", "process": plan.processes.order_by("position").values_list("key", flat=True)[0],
        "pdf": "pdf", "docx": "docx", "member": plan.members.order_by("position").values_list("key", flat=True)[0],
        "uidb64": urlsafe_base64_encode(force_bytes(coordinator.pk)),
        "token": default_token_generator.make_token(coordinator),
        # the agency's pending invitation, and its viewer's membership (phrom.members)
        "invitation": Invitation.objects.create(organisation=unit, email="invited@example.org", role="approver",
                                                invited_by=coordinator,
                                                expires_at=timezone.now() + datetime.timedelta(days=14)).pk,
        "membership": Membership.objects.get(user=users["viewer"], organisation=unit).pk,
        # the agency's result of an exercise it held, with a corrective action (phrom.results)
        **_result(unit, coordinator),
        # the plan activated, still open, and the answer link of one person alerted (phrom.crisis)
        **_activation(plan, coordinator),
    }
    assert all(v is not None for v in values.values()), values
    return SimpleNamespace(users=users, values=values)


def _result(unit, coordinator) -> dict:
    from phrom.plans.models import Scenario
    from phrom.results import services as results

    exercise = results.record_exercise(coordinator, organiser=unit, participants=[unit], kind="tabletop",
                                       title="ซ้อมแผน", held_on=datetime.date(2026, 11, 1),
                                       hazard=Scenario.objects.get(code="flood"), objectives=["แจ้งเหตุภายใน 30 นาที"])
    result = exercise.results.get()
    action = results.add_corrective_action(coordinator, result, component="team", description="ปรับปรุงทีม",
                                           owner="ผู้ประสานงาน", due_on=datetime.date(2026, 12, 1))
    event = results.record_event(coordinator, organisations=[unit], reporter=unit, title="น้ำท่วม", area="",
                                 hazard=Scenario.objects.get(code="flood"), ended_at=None,
                                 started_at=timezone.make_aware(datetime.datetime(2026, 11, 2, 8, 0)))
    return {"result": result.pk, "action": action.pk, "event": event.pk, "event_result": event.results.get().pk}


def _activation(plan, coordinator) -> dict:
    from phrom.crisis import services as crisis
    from phrom.crisis.tokens import make_token

    activation = crisis.activate(coordinator, plan, scenario=plan.scenarios.first(), message="น้ำท่วมสำนักงาน")
    return {"activation": activation.pk, "answer_token": make_token(activation.recipients.first())}


def _word_file() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("แผนบริหารความพร้อมต่อสภาวะวิกฤต", 0)
    doc.add_paragraph("วัตถุประสงค์: ให้บริการต่อเนื่อง")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def fill(args: dict[str, str], params: list[str], values: dict) -> dict[str, str]:
    """The value of each parameter: the row's choice, else DEFAULT_ARGS'."""
    return {p: str(values[args.get(p) or DEFAULT_ARGS[p]]) for p in params}


def page_url(name: str, row, values: dict) -> str:
    """The address of a page row (tests/security/sweep_table.py PAGES) in the world."""
    route = next(r for r in django_routes() if r.name == name)
    url = reverse(name, kwargs=fill(row.args, route.params, values))
    return url + (f"?{row.query}" if row.query else "")


# ------------------------------------------------------------------------------ what the server said

@dataclass(frozen=True)
class Answer:
    status: int
    location: str = ""

    @property
    def kind(self) -> str:
        """The class of outcome a row expects (tests/security/sweep_table.py)."""
        if 200 <= self.status < 300:
            return "ok"
        if 300 <= self.status < 400:
            return "login" if "login" in self.location else "redirect"
        return str(self.status)


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def ask(client: Client, method: str, url: str, *, api: bool) -> Answer:
    """One request; anything but GET runs in a savepoint rolled back after, so that each request meets
    the same world (an approved submission stays unapproved for the next role)."""
    if method == "GET":
        response = client.get(url)
    else:
        cookies = copy.copy(client.cookies)  # a logout or a new login changes them; the rollback undoes the rest
        with transaction.atomic():
            if api:
                response = client.generic(method, url, b"{}", content_type="application/json")
            else:
                response = client.generic(method, url, b"", content_type="application/x-www-form-urlencoded")
            transaction.set_rollback(True)
        client.cookies = cookies
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return Answer(response.status_code, response.get("Location", ""))


# ------------------------------------------------------------------------------ the routes

@dataclass(frozen=True)
class Route:
    name: str  # "plans:overview"
    route: str  # "plans/<int:pk>/" as written in the URLconf
    params: list[str]


def django_routes(patterns=None, prefix="", namespace="") -> list[Route]:
    """Every URL pattern of the site, with its name (namespaced) and its parameters."""
    out = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            out += django_routes(p.url_patterns, route, ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name or ''}" if namespace else p.name or ""
            params = list(p.pattern.regex.groupindex)
            out.append(Route(name, route, params))
    return out


def openapi_operations() -> list[tuple[str, str]]:
    """Every operation of the OpenAPI document: ("GET", "/api/v1/plans/{id}/")."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    methods = {"get", "post", "put", "patch", "delete"}
    return [(m.upper(), path) for path, item in schema["paths"].items() for m in item if m in methods]


def path_params(path: str) -> list[str]:
    return re.findall(r"{(\w+)}", path)


def openapi_path_regex(path: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(path)) + "$")
