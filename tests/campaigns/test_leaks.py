"""A security-sensitive plan's content never leaves the agency (seed 003): only its title and existence.

The agency keeps a sensitive plan full of distinctive strings and declares it to OPDC's campaign;
it also sends an ordinary plan, which is returned with comments, so that collectors have real
pages to look at. Then every page and API response that a collector or an OPDC user can obtain is
fetched — every URL pattern of the site with every plausible parameter, the inbox tabs and filters,
the follow-up groupings, searches, the dependency pages and gap lists (another agency's plan depends
on the secret process), and every link found on the pages fetched — and none may contain the
distinctive strings. Word files and ZIPs are opened and searched too.
"""

import copy
import io
import re
import zipfile
from html import unescape
from itertools import product

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from phrom.campaigns import services
from phrom.campaigns.inbox import INFORMED, TABS
from phrom.campaigns.models import ReviewComment, Submission
from phrom.plans.codes import ALL_COMPONENTS
from phrom.plans.services import attach_file
from tests.helpers.bundles import sensitive_document as secret_plan_document
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import FULL, make_plan

pytestmark = pytest.mark.django_db

SECRETS = [
    "ZEBRA-LEAK-7781",
    "ห้องบัญชาการลับใต้ดินหมายเลขเจ็ด",
    "ท่อสื่อสารความถี่พิเศษ-4471",
    "พันเอกลับเฉพาะ นามสมมุติ",
    "leak-person-9@secret.example.go.th",
]
# Searches use a part of a secret, so that a page echoing the query does not count as a leak.
SEARCHES = ["ZEBRA", "ห้องบัญชาการ", "ท่อสื่อสาร", "พันเอกลับ", "leak-person"]
SKIP = re.compile(r"^/(static|media)/|^/admin/|^/accounts/(logout|password)|^/i18n/")


def sensitive_document():
    doc = secret_plan_document(SECRETS, "แผนความต่อเนื่องภารกิจพิเศษ")
    # What the secret process depends on is its content too (phrom.dependencies).
    doc["processes"][0]["dependencies"] = [{"kind": "supplier", "name": SECRETS[3], "recovery_hours": 48}]
    return doc


@pytest.fixture
def world(structure, people):
    unit = structure.rayong_unit
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    secret = make_plan(unit, people.rayong_unit_coordinator, fiscal_year=2570, **sensitive_document())
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
    return {"campaign": campaign, "secret": secret, "declaration": declaration, "ordinary": ordinary, "sub": sub,
            "other": other}


def _patterns(resolvers=None, prefix=""):
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = str(p.pattern)
        if route.startswith("^"):  # regex patterns: admin and static files
            continue
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route


def _urls(world, structure):
    ints = {
        world["campaign"].pk, world["secret"].pk, world["ordinary"].pk, world["declaration"].pk, world["sub"].pk,
        world["other"].pk, *ReviewComment.objects.values_list("pk", flat=True), *range(1, 4),
    }
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
    c = world["campaign"].pk
    for org in ("OPDC", "PO21", "DMS"):
        for tab in [*TABS, INFORMED]:
            out.add(f"/campaigns/{c}/inbox/?org={org}&status={tab}")
            out.add(f"/api/v1/campaigns/{c}/inbox/?org={org}&status={tab}&page_size=500")
        for by in ("province", "ministry", "kind"):
            out.add(f"/campaigns/{c}/follow-up/?org={org}&by={by}")
            out.add(f"/api/v1/campaigns/{c}/follow-up/?org={org}&by={by}")
        for bucket in ("declared", "late", "never", "not_sent", "accepted", "in_review", "returned"):
            out.add(f"/campaigns/{c}/follow-up/?org={org}&bucket={bucket}")
        out.add(f"/api/v1/campaigns/{c}/reminders/?org={org}")
    for q in SEARCHES:
        out.add(f"/orgs/?q={q}")
        out.add(f"/api/v1/orgs/?q={q}")
        out.add(f"/api/v1/organisations/?q={q}")
        out.add(f"/campaigns/{c}/inbox/?org=OPDC&status=received&q={q}")
        out.add(f"/api/v1/plans/?q={q}")
    for page in ("/dependencies/gaps/", "/dependencies/services/", "/api/v1/rto-gaps/",
                 f"/dependencies/services/{structure.rayong_unit.code}/p1/", f"/dependencies/agency/{structure.rayong_unit.code}/"):
        for year in (2569, 2570):
            out.add(f"{page}?fiscal_year={year}")
    for export in ("csv", "xlsx"):
        out.add(f"/dependencies/gaps/?fiscal_year=2570&format={export}")
    out.add("/api/v1/plans/?page_size=500")
    out.add(f"/api/v1/plans/?organisation={structure.rayong_unit.code}")
    return out


def _texts(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    texts = [body.decode("utf-8", "replace")]
    if body[:4] == b"PK\x03\x04":  # .docx, .xlsx, .zip: search inside every member
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            for name in z.namelist():
                texts.append(name)
                texts.append(z.read(name).decode("utf-8", "replace"))
    return [unescape(t) for t in texts]


def crawl(user, seeds, limit=1500):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    seen, queue, leaks = set(), list(seeds), []
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url, follow=False)
        for text in _texts(response):
            for secret in SECRETS:
                if secret in text:
                    leaks.append((url, response.status_code, secret))
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            for href in re.findall(r'href="(/[^"#]*)"', response.content.decode("utf-8", "replace")):
                queue.append(unescape(href))
    return seen, leaks


def test_the_agency_itself_sees_its_sensitive_plan(structure, people, world):
    """The strings are really there for the agency: the crawl below would find them if they leaked."""
    seen, leaks = crawl(people.rayong_unit_coordinator, [f"/api/v1/plans/{world['secret'].pk}/document/"], limit=1)
    assert leaks and {secret for _u, _s, secret in leaks} >= {SECRETS[0], SECRETS[1]}


@pytest.mark.parametrize("who", ["opdc_coordinator", "rayong_office_coordinator", "dms_coordinator",
                                 "chonburi_office_coordinator"])
def test_no_response_a_collector_can_obtain_contains_the_sensitive_content(structure, people, world, who):
    user = getattr(people, who)
    seeds = _urls(world, structure)
    seen, leaks = crawl(user, seeds)
    assert len(seen) > 200  # the crawl really went through the site
    assert f"/campaigns/{world['campaign'].pk}/inbox/?org=OPDC&status=declared" in seen
    assert "/dependencies/gaps/?fiscal_year=2570&format=xlsx" in seen
    assert leaks == []


def test_the_declaration_reports_only_title_and_existence(structure, people, world):
    opdc = Client()
    opdc.force_login(people.opdc_coordinator)
    c = world["campaign"].pk
    inbox = opdc.get(f"/campaigns/{c}/inbox/?org=OPDC&status=declared").content.decode()
    assert "แผนความต่อเนื่องภารกิจพิเศษ" in inbox  # the name is reported...
    declaration = world["declaration"]
    assert declaration.state == Submission.State.DECLARED
    assert opdc.get(f"/api/v1/submissions/{declaration.pk}/document/").status_code == 403  # ...the content is not
    assert opdc.get(f"/api/v1/plans/{world['secret'].pk}/document/").status_code == 403
    counts = opdc.get(f"/api/v1/campaigns/{c}/follow-up/").json()["total"]
    assert counts["declared"] == 1  # counted as sent, and nothing more
    assert counts["sent"] == 2  # the unit (declared) and the central unit (in review)


# ---------------------------------------------------------------- the agency's internal steps (issue 11)

DECLINE_COMMENT = "ยังไม่อนุมัติ-ภายในหน่วยงาน-5150"
AGENCY_IP, APPROVER_IP = "10.21.0.7", "10.21.0.8"


@pytest.fixture
def deliberated(structure, people):
    """The unit's approver declines the plan with a comment, then it is put forward again and sent."""
    unit = structure.rayong_unit
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(unit, people.rayong_unit_coordinator, fiscal_year=2569)
    sub = services.request_approval(campaign, unit, user=people.rayong_unit_coordinator, plan=plan, ip=AGENCY_IP)
    sub = services.decline(sub, user=people.rayong_unit_approver, comment=DECLINE_COMMENT, ip=APPROVER_IP)
    sub = services.request_approval(campaign, unit, user=people.rayong_unit_coordinator, plan=plan, ip=AGENCY_IP)
    return services.approve(sub, user=people.rayong_unit_approver, ip=APPROVER_IP)


def _history_texts(user, sub) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    urls = [f"/campaigns/submissions/{sub.pk}/", f"/campaigns/submissions/{sub.pk}/audit/",
            f"/api/v1/submissions/{sub.pk}/history/", f"/api/v1/submissions/{sub.pk}/audit/"]
    out = {}
    for url in urls:
        response = client.get(url)
        out[url] = response.content.decode() if response.status_code == 200 else ""
    return out


@pytest.mark.parametrize("who", ["rayong_office_coordinator", "opdc_coordinator"])
def test_collectors_see_neither_the_agencys_deliberation_nor_addresses(people, deliberated, who):
    texts = _history_texts(getattr(people, who), deliberated)
    assert texts[f"/api/v1/submissions/{deliberated.pk}/history/"]  # the history is theirs to see...
    for url, text in texts.items():
        for hidden in (DECLINE_COMMENT, AGENCY_IP, APPROVER_IP):
            assert hidden not in text, (url, hidden)  # ...not the approver's comment nor anyone's address
    client = Client()
    client.force_login(getattr(people, who))
    actions = [e["action"] for e in client.get(f"/api/v1/submissions/{deliberated.pk}/history/").json()]
    assert actions == ["sent"] and all(
        e["ip"] is None for e in client.get(f"/api/v1/submissions/{deliberated.pk}/history/").json())


def test_the_agency_sees_its_own_deliberation(people, deliberated):
    texts = _history_texts(people.rayong_unit_coordinator, deliberated)
    page, api = texts[f"/campaigns/submissions/{deliberated.pk}/"], texts[f"/api/v1/submissions/{deliberated.pk}/history/"]
    assert DECLINE_COMMENT in page and DECLINE_COMMENT in api
    assert APPROVER_IP in api and AGENCY_IP in texts[f"/campaigns/submissions/{deliberated.pk}/audit/"]
