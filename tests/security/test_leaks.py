"""A security-sensitive plan's content never leaves the agency: only its title and existence.

The agency keeps a sensitive plan full of distinctive strings (SECRETS), attaches a file named after
one, and declares the plan to OPDC's campaign; it also sends an ordinary plan, which is returned with
comments, so that collectors have real pages to look at. Then, as each outsider (OUTSIDERS), every
surface of SURFACES is fetched — and every link found on the pages fetched — and MESSAGES read; none
may contain the distinctive strings. PDFs, Word files and ZIPs are opened and searched too.

Adding a surface (statistics, search, events, alerts, an export…) is one entry:
- something fetched over HTTP: an entry of SURFACES, a function of the world returning the URLs to
  ask (with their query strings: every filter, grouping and search the surface has; SEARCHES are
  parts of the secrets, so that a page echoing the query does not count as a leak);
- something delivered otherwise (an e-mail, a notification, a file written for someone): an entry of
  MESSAGES, a function of the world returning (label, text) of what reaches people outside the agency.
test_every_surface_answers fails for a surface none of whose URLs answers 200 to any outsider (a
mistyped URL would otherwise pass as "no leak"). ZIP bundles of plans have their own test
(tests/bundles/test_build.py and test_never_sent.py): building one prints every plan.
"""

import copy
import datetime
import io
import re
import subprocess
import tempfile
import zipfile
from html import unescape
from itertools import product
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from phrom.accounts.models import Membership
from phrom.campaigns import services
from phrom.campaigns.inbox import INFORMED, TABS
from phrom.campaigns.mail import compose
from phrom.campaigns.models import Notice, Reminder, ReviewComment
from phrom.campaigns.reminders import queue_reminders
from phrom.exchange.importer import import_plans
from phrom.plans.codes import ALL_COMPONENTS
from phrom.plans.models import Scenario
from phrom.plans.services import attach_file
from phrom.results import services as results
from tests.factories import UserFactory
from tests.helpers.bundles import sensitive_document as secret_plan_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import FULL, exchange_plan, make_plan

pytestmark = pytest.mark.django_db

SECRETS = [
    "ZEBRA-LEAK-7781",
    "ห้องบัญชาการลับใต้ดินหมายเลขเจ็ด",
    "ท่อสื่อสารความถี่พิเศษ-4471",
    "พันเอกลับเฉพาะ นามสมมุติ",
    "leak-person-9@secret.example.go.th",
]
SECRET_TITLE = "แผนความต่อเนื่องภารกิจพิเศษ"
# Searches use a part of a secret, so that a page echoing the query does not count as a leak.
SEARCHES = ["ZEBRA", "ห้องบัญชาการ", "ท่อสื่อสาร", "พันเอกลับ", "leak-person"]
SKIP = re.compile(r"^/(static|media)/|^/admin/logout|^/accounts/(logout|password)|^/i18n/"
                  # The statistics pages' filter links are asked by the "statistics" surface itself; followed,
                  # their combinations would use up the crawl.
                  r"|^/statistics/.*[?&](province|kind|ministry|compare|page|format)=")
# Who is outside the agency (Rayong's provincial health office): its collectors, OPDC, an informed
# central unit's department, another province, an unrelated municipality, nobody signed in.
OUTSIDERS = ["opdc_coordinator", "rayong_office_coordinator", "dms_coordinator", "chonburi_office_coordinator",
             "municipality_coordinator", "anonymous", "administrator"]


@pytest.fixture
def world(structure, people, media):
    unit = structure.rayong_unit
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    document = secret_plan_document(SECRETS, SECRET_TITLE)
    # What the secret process depends on is its content too (phrom.dependencies).
    document["processes"][0]["dependencies"] = [{"kind": "supplier", "name": SECRETS[3], "recovery_hours": 48}]
    secret = make_plan(unit, people.rayong_unit_coordinator, fiscal_year=2570, **document)
    attach_file(secret, SimpleUploadedFile(f"{SECRETS[0]}.pdf", f"%PDF-1.4 {SECRETS[1]}".encode()),
                user=people.rayong_unit_coordinator)
    declaration = services.declare(campaign, unit, user=people.rayong_unit_approver, title=secret.title,
                                   reviewed_on=None, plan=secret, approve_now=True)
    ordinary = make_plan(unit, people.rayong_unit_coordinator, fiscal_year=2569)
    sub = send(campaign, unit, people, ordinary)
    services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="accept")
    sub.refresh_from_db()
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="return",
                    comments=[{"component": "team", "text": "เพิ่มผู้สำรอง"}])
    # Another agency's sent plan depends on the secret plan's process (of the same fiscal year).
    depending = copy.deepcopy(FULL["processes"])
    depending[0]["dependencies"] = [{"kind": "process", "organisation": unit.code, "process": "p1"}]
    other = send(campaign, structure.central_unit, people,
                 make_plan(structure.central_unit, people.coordinator(structure.central_unit), processes=depending))
    queue_reminders(campaign, structure.opdc, kind="manual-leak", user=people.opdc_coordinator)
    result = _secret_result(unit, people.rayong_unit_coordinator)
    activation = _secret_activation(secret, people.rayong_unit_coordinator)
    # An operator migrates the agency's sensitive plan of an earlier round with its state: a version of it
    # counts as sent (statistics, search), and still its content stays in the agency.
    assert import_plans([exchange_plan(document, unit.code, fiscal_year=2568, state="accepted")], user=None).ok
    agency_people = set(Membership.objects.filter(organisation=unit).values_list("user__email", flat=True))
    return SimpleNamespace(campaign=campaign, secret=secret, declaration=declaration, ordinary=ordinary, sub=sub,
                           other=other, structure=structure, agency_people=agency_people, result=result,
                           activation=activation)


def _secret_result(unit, coordinator):
    """A real event at the agency, carried out with the secret plan (phrom.results): the result, its
    processes, findings, training needs and corrective actions are the plan's content too."""
    hazard = Scenario.objects.get(code="flood")
    event = results.record_event(coordinator, reporter=unit, organisations=[unit], title="น้ำท่วม", hazard=hazard, area="",
                                 started_at=datetime.datetime(2026, 11, 2, 8, tzinfo=datetime.UTC), ended_at=None)
    result = event.results.get()
    assert result.sensitive and result.processes.exists()
    results.save_result(coordinator, result, {
        "observations": SECRETS[2], "findings": [{"component": "team", "text": SECRETS[1]}],
        "training_needs": [{"text": SECRETS[0], "people": 3}],
        "processes": [{"key": p.process_key, "recovered_hours": 5} for p in result.processes.all()],
    }, revision=result.revision)
    results.add_corrective_action(coordinator, result, component="team", description=SECRETS[3], owner=SECRETS[4],
                                  due_on=datetime.date(2026, 11, 30))
    return result


def _secret_activation(plan, coordinator):
    """The secret plan activated (phrom.crisis): the team, procedures and processes it copied, the answers
    and the steps ticked are the plan's content too."""
    from phrom.crisis import services as crisis

    activation = crisis.activate(coordinator, plan, scenario=plan.scenarios.first(), message=SECRETS[1])
    crisis.answer(activation.recipients.first(), "need_help", SECRETS[2])
    crisis.mark_step(coordinator, activation, 0, True)
    assert activation.sensitive
    return activation


# ------------------------------------------------------------------------------------------ surfaces

def _patterns(resolvers=None, prefix=""):
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = str(p.pattern)
        if route.startswith("^"):  # regex patterns (admin, printed documents): see "printed documents"
            continue
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route


def every_route(w):
    """Every URL pattern with every plausible argument: the ids of everything in the world."""
    ints = {w.campaign.pk, w.secret.pk, w.ordinary.pk, w.declaration.pk, w.sub.pk, w.other.pk,
            *ReviewComment.objects.values_list("pk", flat=True), *range(1, 4)}
    codes = ["PU21-HEALTH", "PO21", "OPDC", "CU21-DMS"]
    components = [*ALL_COMPONENTS, "call-tree"]
    by_name = {"code": codes, "component": components, "slug": components, "number": [1, 2, 3]}
    by_converter = {"int": sorted(ints), "str": codes + components, "slug": components, "path": ["x"]}
    out = set()
    for route in _patterns():
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        choices = [by_name.get(name) or by_converter.get(conv or "str", codes) for conv, name in params]
        for combo in product(*choices) if params else [()]:
            url = route
            for value in combo:
                url = re.sub(r"<(?:\w+:)?\w+>", str(value), url, count=1)
            out.add("/" + url)
    return out


def _viewpoints():
    return ("OPDC", "PO21", "DMS")


def inbox(w):
    c = w.campaign.pk
    return [url for org in _viewpoints() for tab in [*TABS, INFORMED] for url in (
        f"/campaigns/{c}/inbox/?org={org}&status={tab}",
        f"/api/v1/campaigns/{c}/inbox/?org={org}&status={tab}&page_size=500")]


def follow_up(w):
    c = w.campaign.pk
    out = []
    for org in _viewpoints():
        for by in ("province", "ministry", "kind"):
            out += [f"/campaigns/{c}/follow-up/?org={org}&by={by}", f"/api/v1/campaigns/{c}/follow-up/?org={org}&by={by}"]
        out += [f"/campaigns/{c}/follow-up/?org={org}&bucket={bucket}"
                for bucket in ("declared", "late", "never", "not_sent", "accepted", "in_review", "returned")]
        out.append(f"/api/v1/campaigns/{c}/reminders/?org={org}")
    return out


def search(w):
    c = w.campaign.pk
    return [url for q in SEARCHES for url in (
        f"/orgs/?q={q}", f"/api/v1/organisations/?q={q}", f"/campaigns/{c}/inbox/?org=OPDC&status=received&q={q}",
        f"/api/v1/plans/?q={q}", f"/plans/?q={q}")]


def plan_lists(w):
    return ["/api/v1/plans/?page_size=500", f"/api/v1/plans/?organisation={w.structure.rayong_unit.code}",
            f"/plans/org/{w.structure.rayong_unit.code}/", "/plans/"]


def printed_documents(w):
    """PDF and Word prints of every plan and submission, pages and API, and the plans' pocket cards."""
    pks = {w.secret.pk, w.ordinary.pk, w.declaration.pk, w.sub.pk, w.other.pk}
    return [*[url for pk in pks for fmt in ("pdf", "docx") for url in (
        f"/documents/plans/{pk}.{fmt}", f"/documents/submissions/{pk}.{fmt}",
        f"/api/v1/plans/{pk}/{fmt}/", f"/api/v1/submissions/{pk}/{fmt}/")],
        *[url for pk in pks for url in (
            f"/documents/plans/{pk}/pocket-cards/", f"/documents/plans/{pk}/pocket-cards/all.pdf",
            f"/documents/plans/{pk}/pocket-cards/m1.pdf", f"/api/v1/plans/{pk}/pocket-cards/pdf/",
            f"/api/v1/plans/{pk}/pocket-cards/m1/pdf/")]]


def exports(w):
    pks = {w.secret.pk, w.ordinary.pk, w.declaration.pk, w.sub.pk}
    return ["/orgs/import/export.csv", *[url for pk in pks for url in (
        f"/exchange/plans/{pk}/export.json", f"/api/v1/plans/{pk}/export/",
        f"/api/v1/submissions/{pk}/document/", f"/campaigns/submissions/{pk}/attachment/")]]


def django_admin(w):
    """Each model's list and the change page of each of its first objects (the admin's own links are
    not followed: its filters and sorts would be thousands of pages)."""
    out = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        out.append(reverse("admin:{}_{}_changelist".format(*info)))
        out += [reverse("admin:{}_{}_change".format(*info), args=[pk])
                for pk in model._default_manager.order_by("-pk").values_list("pk", flat=True)[:20]]
    return out


def statistics(w):
    """The figures, the lists behind them and their exports, the Cabinet report: the sensitive plan counts in
    coverage only, its scenarios and findings never."""
    year = w.secret.fiscal_year
    province = w.structure.rayong_unit.province.code
    lists = [f"/statistics/agencies/?fiscal_year={year}&metric={metric}{extra}"
             for metric, extra in [("with_plan", ""), ("accepted", ""), ("reviewed", ""), ("covers", "&code=flood"),
                                   ("misses", "&code=flood"), ("with_plan", f"&province={province}")]]
    return [f"/statistics/?fiscal_year={year}", f"/statistics/?fiscal_year={year}&province={province}",
            f"/api/v1/statistics/?fiscal_year={year}", f"/api/v1/statistics/?fiscal_year={year}&province={province}",
            *lists, *[url + f"&format={fmt}" for url in lists for fmt in ("csv", "xlsx")],
            *[f"/statistics/cabinet-report/?fiscal_year={year}&format={fmt}" for fmt in ("pdf", "docx")],
            *[f"{page}?fiscal_year={y}{extra}" for page in ("/statistics/sites/", "/api/v1/statistics/sites/")
              for y in (2569, 2570) for extra in ("", f"&province={province}")]]


def dependencies(w):
    """The gap lists (and exports), the most depended-on services, who depends on the secret process."""
    unit = w.structure.rayong_unit.code
    pages = ["/dependencies/gaps/", "/dependencies/services/", "/api/v1/rto-gaps/",
             f"/dependencies/services/{unit}/p1/", f"/dependencies/agency/{unit}/"]
    return [*[f"{page}?fiscal_year={year}" for page in pages for year in (2569, 2570)],
            *[f"/dependencies/gaps/?fiscal_year=2570&format={fmt}" for fmt in ("csv", "xlsx")],
            f"/dependencies/plan/{w.other.plan_id}/"]


def results_surface(w):
    """Exercises and events: the agency's result of an event carried out with the secret plan, its
    reports, corrective actions, the overview across agencies and the training-needs roll-up."""
    pk = w.result.pk
    return [f"/results/{pk}/", f"/results/{pk}/edit/", f"/results/{pk}/report.pdf", f"/results/{pk}/report.docx",
            "/results/", "/results/actions/?status=all", "/results/overview/", "/results/training/",
            "/results/training/?format=csv", "/results/training/?format=xlsx", "/results/scenarios/",
            "/api/v1/results/", f"/api/v1/results/{pk}/", f"/api/v1/results/{pk}/actions/", f"/api/v1/results/{pk}/pdf/",
            "/api/v1/corrective-actions/?status=all", "/api/v1/training-needs/"]
def crisis_surface(w):
    """An activation of the secret plan: its board, live part, export, closing page, the plan's list and
    the API; the home page lists the open activations of the user's own agencies."""
    pk, plan = w.activation.pk, w.secret.pk
    return ["/", f"/crisis/{pk}/", f"/crisis/{pk}/live/", f"/crisis/{pk}/close/", f"/crisis/{pk}/export/?format=csv",
            f"/crisis/{pk}/export/?format=xlsx", f"/crisis/plans/{plan}/", f"/crisis/plans/{plan}/activate/",
            f"/api/v1/activations/{pk}/", f"/api/v1/activations/{pk}/export/", f"/api/v1/activations/{pk}/export/?type=xlsx",
            f"/api/v1/plans/{plan}/activations/"]


def plan_search(w):
    """Search across plans (phrom.search), page and API, for parts of the secrets, in both fiscal years and
    in each part of the plan: the sensitive plan is in no index, so none of its words is found."""
    parts = ["", "&component=strategies", "&component=team", "&component=resources", "&component=header"]
    return [url for q in [*SEARCHES, SECRET_TITLE] for year in (2568, 2569, 2570) for part in parts
            for url in (f"/search/?q={q}&fiscal_year={year}{part}", f"/api/v1/search/?q={q}&fiscal_year={year}{part}")]


# name -> the URLs of that surface, asked by every outsider (links on its pages followed)
SURFACES = {
    "every page and API route": every_route,
    "campaign inbox": inbox,
    "follow-up and reminders": follow_up,
    "search": search,
    "plan lists": plan_lists,
    "printed documents": printed_documents,
    "exports and attachments": exports,
    "Django admin": django_admin,
    "statistics": statistics,
    "dependencies": dependencies,
    "exercises and events": results_surface,
    "search across plans": plan_search,
    "crisis mode": crisis_surface,
}


def emails(w):
    """Every e-mail of the campaign (notices of each step, reminders) to someone outside the agency."""
    out = []
    for row in [*Notice.objects.all(), *Reminder.objects.all()]:
        if set(row.recipients) - w.agency_people:
            message = compose(row)
            out.append((f"{type(row).__name__} {row.pk}", f"{message.subject}\n{message.body}"))
    return out


# name -> (label, text) of what reaches people outside the agency other than over HTTP
MESSAGES = {
    "e-mails": emails,
}


# ------------------------------------------------------------------------------------------ reading

def _pdf_text(body: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(body)
        f.flush()
        return subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, text=True).stdout


def _texts(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    texts = [body.decode("utf-8", "replace")]
    if body[:4] == b"PK\x03\x04":  # .docx, .xlsx, .zip: search inside every member
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            for name in z.namelist():
                texts.append(name)
                texts.append(z.read(name).decode("utf-8", "replace"))
    if body[:5] == b"%PDF-":
        texts.append(_pdf_text(body))
    texts.append(response.get("Content-Disposition", ""))
    return [unescape(t) for t in texts]


def _client(people, who) -> Client:
    client = Client(raise_request_exception=False)
    if who == "administrator":  # a superuser of no agency
        client.force_login(UserFactory(username="leak-admin", is_staff=True, is_superuser=True))
    elif who != "anonymous":
        client.force_login(getattr(people, who))
    return client


def crawl(client, seeds: dict[str, str], limit=2000):
    """seeds: url -> the surface it comes from. Returns the answers {url: status} and the leaks."""
    seen, queue, leaks = {}, list(seeds), []
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen or SKIP.search(url):
            continue
        response = client.get(url, follow=False)
        seen[url] = response.status_code
        for text in _texts(response):
            leaks += [(seeds.get(url, "a link"), url, response.status_code, s) for s in SECRETS if s in text]
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            links = re.findall(r'href="(/[^"#]*)"', response.content.decode())
            queue += [unescape(href) for href in links if not href.startswith("/admin/")]
    return seen, leaks


def _seeds(world) -> dict[str, str]:
    return {url: name for name, urls in reversed(SURFACES.items()) for url in urls(world)}


# ------------------------------------------------------------------------------------------ tests

def test_the_agency_itself_sees_its_sensitive_plan(people, world):
    """The strings are really there for the agency: the crawl below would find them if they leaked."""
    client = _client(people, "rayong_unit_coordinator")
    # The crawl takes the last seed first: with limit=6 the links of the result's page are never followed.
    _seen, leaks = crawl(client, {f"/results/{world.result.pk}/": "its result",
                                  f"/api/v1/results/{world.result.pk}/": "its result in the API",
                                  f"/api/v1/plans/{world.secret.pk}/document/": "the plan",
                                  f"/documents/plans/{world.secret.pk}.docx": "its Word print",
                                  f"/documents/plans/{world.secret.pk}.pdf": "its PDF print",
                                  f"/documents/plans/{world.secret.pk}/pocket-cards/all.pdf": "its pocket cards"},
                           limit=6)
    _seen, more = crawl(client, {f"/crisis/{world.activation.pk}/": "its activation"}, limit=1)
    found = {(surface, secret) for surface, _url, _status, secret in leaks + more}
    assert ("its pocket cards", SECRETS[3]) in found  # the head's name, on every card
    for surface in ("the plan", "its Word print", "its PDF print"):
        assert {(surface, SECRETS[0]), (surface, SECRETS[3])} <= found
    assert {("its activation", SECRETS[1]), ("its activation", SECRETS[2]), ("its activation", SECRETS[3])} <= found
    assert {("its result", SECRETS[1]), ("its result", SECRETS[2]), ("its result", SECRETS[3]),
            ("its result in the API", SECRETS[0])} <= found


@pytest.mark.parametrize("who", OUTSIDERS)
def test_no_surface_shows_an_outsider_the_sensitive_content(people, world, who):
    seen, leaks = crawl(_client(people, who), _seeds(world))
    assert len(seen) > 200  # the crawl really went through the site
    assert leaks == [], "\n".join(f"{surface}: {url} ({status}) shows {secret!r}" for surface, url, status, secret
                                  in leaks)


@pytest.mark.parametrize("name", MESSAGES)
def test_no_message_to_an_outsider_holds_the_sensitive_content(world, name):
    messages = MESSAGES[name](world)
    assert messages, f"{name}: nothing reached anyone outside the agency, so nothing was checked"
    leaks = [(label, s) for label, text in messages for s in SECRETS if s in text]
    assert leaks == []


def test_every_surface_answers(people, world):
    """Each surface is really there: some outsider gets a 200 from at least one of its URLs."""
    clients = [_client(people, who) for who in ("opdc_coordinator", "rayong_office_coordinator", "administrator")]
    dead = [name for name, urls in SURFACES.items()
            if not any(client.get(url).status_code == 200 for url in sorted(urls(world)) for client in clients)]
    assert dead == []


def test_the_declaration_reports_only_title_and_existence(people, world):
    opdc = _client(people, "opdc_coordinator")
    c = world.campaign.pk
    inbox_page = opdc.get(f"/campaigns/{c}/inbox/?org=OPDC&status=declared").content.decode()
    assert SECRET_TITLE in inbox_page  # the name is reported...
    assert opdc.get(f"/api/v1/submissions/{world.declaration.pk}/document/").status_code == 403  # ...the content is not
    assert opdc.get(f"/api/v1/plans/{world.secret.pk}/document/").status_code == 403
    counts = opdc.get(f"/api/v1/campaigns/{c}/follow-up/").json()["total"]
    assert counts["declared"] == 1  # counted as sent, and nothing more
    assert counts["sent"] == 2  # the unit (declared) and the central unit (in review)
