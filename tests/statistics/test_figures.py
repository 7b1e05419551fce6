"""The statistics against a data set with known answers: page, API and command agree exactly."""

import json
import re
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from phrom.accounts.models import Membership
from phrom.core.numbers import percent
from phrom.orgs.models import Organisation, OrgKind
from phrom.plans.content import apply_component, component_document
from phrom.plans.models import Plan
from phrom.statistics.figures import Query, figures
from phrom.statistics.models import SentFacts, SentScenario
from tests.helpers.db import analyze
from tests.helpers.people import member

YEAR = 2563
MUST, WITH_PLAN, ACCEPTED, SENSITIVE = 8281, 3616, 2000, 16
CONTENT = WITH_PLAN - SENSITIVE  # 3,600 plans whose content counts
SCENARIOS = {"epidemic": 3491, "fire": 3532, "flood": 3432, "riot": 3059, "power_outage": 2172, "terrorism": 1250,
             "earthquake": 1125, "cyber": 932}
PROVINCES = ["10", "20", "21", "30", "50"]


def test_percent_is_two_decimals_rounded_half_up():
    assert percent(3616, 8281) == Decimal("43.67")  # 43.6662…; the Cabinet report of 2020 printed 43.66
    assert percent(1, 32) == Decimal("3.13")  # 3.125: half up, not to even
    assert percent(1, 0) is None


@pytest.fixture
def national(db):
    """8,281 agencies that must have a plan (and 500 hospitals that need not), 3,616 with a plan of 2563
    (16 security-sensitive, 2,000 accepted), drafts and sub-units' plans that do not count."""
    opdc = Organisation.objects.create(code="OPDC", name_th="สำนักงาน ก.พ.ร.", kind_id="department",
                                       collector="national", tree_path="/OPDC/")
    ministries = [Organisation.objects.create(code=f"MIN{i}", name_th=f"กระทรวง {i}", kind_id="ministry",
                                              tree_path=f"/MIN{i}/") for i in (1, 2)]
    orgs = [Organisation(code=f"A{i:05d}", name_th=f"หน่วยงาน {i}", kind_id=("provincial_unit", "sao")[i % 2],
                         province_id=PROVINCES[i % len(PROVINCES)], parent=ministries[i % 2],
                         tree_path=f"/MIN{i % 2 + 1}/A{i:05d}/")
            for i in range(MUST - 3)]  # OPDC and the two ministries are the other three
    orgs += [Organisation(code=f"H{i:04d}", name_th=f"โรงพยาบาล {i}", kind_id="hospital", province_id="21",
                          tree_path=f"/H{i:04d}/") for i in range(500)]
    Organisation.objects.bulk_create(orgs, batch_size=2000)
    agencies = list(Organisation.objects.filter(code__startswith="A").order_by("code"))
    hospitals = list(Organisation.objects.filter(kind_id="hospital"))
    plans = []
    for i, org in enumerate(agencies[:WITH_PLAN]):
        plans.append(Plan(organisation=org, title="แผน", fiscal_year=YEAR,
                          status="accepted" if i < ACCEPTED else ("submitted", "returned")[i % 2],
                          classification="sensitive" if i >= WITH_PLAN - SENSITIVE else "normal"))
    plans += [Plan(organisation=org, title="ร่าง", fiscal_year=YEAR) for org in agencies[WITH_PLAN:WITH_PLAN + 300]]
    plans += [Plan(organisation=org, title="แผน", fiscal_year=YEAR, status="accepted") for org in hospitals[:100]]
    Plan.objects.bulk_create(plans, batch_size=2000)
    counted = list(Plan.objects.filter(fiscal_year=YEAR).exclude(status="draft")
                   .filter(organisation__kind__must_plan=True).order_by("organisation__code"))
    SentFacts.objects.bulk_create([SentFacts(plan=p, version=1, sent_at=timezone.now(),
                                             sensitive=p.classification == "sensitive") for p in counted],
                                  batch_size=2000)
    normal = [p for p in counted if p.classification == "normal"]
    sensitive = [p for p in counted if p.classification == "sensitive"]
    rows = [SentScenario(facts_id=p.pk, code=code) for code, n in SCENARIOS.items() for p in normal[:n]]
    rows += [SentScenario(facts_id=p.pk, code=code) for code in SCENARIOS for p in sensitive]  # never counted
    SentScenario.objects.bulk_create(rows, batch_size=5000)
    analyze(Organisation, Plan, SentFacts, SentScenario)
    return member(opdc, Membership.Role.VIEWER, "opdc_analyst")


def _api(client, user, **params):
    client.force_login(user)
    response = client.get("/api/v1/statistics/", {"fiscal_year": YEAR, **params})
    assert response.status_code == 200, response.content
    return response.json()


def _command(**options):
    out = StringIO()
    call_command("stats", "--json", "--fiscal-year", str(YEAR), *[f"--{k}={v}" for k, v in options.items()], stdout=out)
    return json.loads(out.getvalue())


def test_known_answers_page_api_and_command_agree(client, national):
    api = _api(client, national)
    assert (api["total"], api["with_plan"], api["accepted"], api["percent"]) == (MUST, WITH_PLAN, ACCEPTED, 43.67)
    assert api["content_plans"] == CONTENT and api["sensitive_plans"] == SENSITIVE
    assert api["scenarios"]["cyber"] == {"plans": 932, "percent": 25.89}
    assert api["scenarios"]["epidemic"] == {"plans": 3491, "percent": 96.97}
    assert {c: s["plans"] for c, s in api["scenarios"].items() if c in SCENARIOS} == SCENARIOS
    assert _command() == api

    page = client.get("/statistics/", {"fiscal_year": YEAR}).content.decode()
    assert re.search(r'id="stat-total"[^>]*>8,281<', page)
    assert re.search(r'id="stat-with-plan"[^>]*>3,616<', page)
    cyber = re.search(r'<tr data-code="cyber">.*?</tr>', page, re.S).group(0)
    assert ">932<" in cyber and ">25.89<" in cyber
    assert "3,600" in page and "16" in re.search(r'id="content-note">(.*?)</p>', page, re.S).group(1)


def test_breakdowns_sum_to_the_totals(national):
    figs = figures(Query(YEAR))
    for name in ("by_kind", "by_province", "by_ministry"):
        groups = figs[name].values()
        assert sum(g["total"] for g in groups) == MUST, name
        assert sum(g["with_plan"] for g in groups) == WITH_PLAN, name
        assert sum(g["accepted"] for g in groups) == ACCEPTED, name
    assert "hospital" not in figs["by_kind"]
    assert set(figs["by_ministry"]) == {"MIN1", "MIN2", "none"}


def test_filters_narrow_the_same_way_in_api_and_command(client, national):
    api = _api(client, national, province="21", kind="sao")
    assert api == _command(province="21", kind="sao")
    assert api["total"] == Organisation.objects.filter(province_id="21", kind_id="sao").count()
    assert set(api["by_province"]) == {"21"} and set(api["by_kind"]) == {"sao"}


def test_drill_down_lists_and_exports_the_agencies_behind_a_number(client, national):
    client.force_login(national)
    page = client.get("/statistics/agencies/", {"fiscal_year": YEAR, "metric": "misses", "code": "cyber",
                                                 "province": "21"})
    assert page.status_code == 200
    csv = client.get("/statistics/agencies/", {"fiscal_year": YEAR, "metric": "misses", "code": "cyber",
                                                "province": "21", "format": "csv"})
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    expected = _api(client, national, province="21")
    assert len(lines) - 1 == expected["content_plans"] - expected["scenarios"]["cyber"]["plans"]
    xlsx = client.get("/statistics/agencies/", {"fiscal_year": YEAR, "metric": "with_plan", "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet.max_row - 1 == WITH_PLAN


def test_bad_fiscal_year_is_refused(client, national):
    client.force_login(national)
    response = client.get("/api/v1/statistics/", {"fiscal_year": "1999"})
    # The OpenAPI document gives the range, and the API checks query parameters against it.
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["fields"] == {"fiscal_year": ["ต้องไม่น้อยกว่า 2563"]}


# ------------------------------------------------------------------ sent versions, scope, sensitivity


def test_province_collector_sees_only_its_province_and_counts_the_sent_version(client, rayong, province_user, people,
                                                                               structure):
    unit_plan = rayong["plans"]["PU21-HEALTH"]
    sent = set(SentScenario.objects.filter(facts__plan=unit_plan).values_list("code", flat=True))
    assert sent  # recorded when it was sent
    unit_plan.refresh_from_db()
    scope = component_document(unit_plan, "scope")
    apply_component(unit_plan, "scope", {**scope, "scenarios": scope["scenarios"][:1]},
                    user=people.coordinator(structure.rayong_unit), expected_revision=unit_plan.component_revision("scope"))
    api = _api(client, province_user, fiscal_year=2570)
    assert set(api["by_province"]) == {"21"}
    assert api["total"] == Organisation.objects.filter(province_id="21", kind__must_plan=True).count()
    # Content: the plans of the province the office may read (its route), as sent, never the unsent edit.
    for code in sent:
        assert api["scenarios"][code]["plans"] >= 1
    national = _api(client, people.opdc_coordinator, fiscal_year=2570)
    assert national["total"] > api["total"]
    # Asking for another province narrows the office's scope to nothing, never widens it.
    assert _api(client, province_user, fiscal_year=2570, province="20")["total"] == 0
    client.force_login(province_user)
    listed = client.get("/statistics/agencies/", {"fiscal_year": 2570, "metric": "must", "format": "csv"})
    codes = {line.split(",")[0] for line in listed.content.decode("utf-8-sig").splitlines()[1:]}
    assert codes == set(Organisation.objects.filter(province_id="21", kind__must_plan=True).values_list("code", flat=True))


def test_sensitive_content_is_never_counted(client, rayong, people, structure):
    secret = rayong["plans"]["HOSP21"]
    OrgKind.objects.filter(code="hospital").update(must_plan=True)  # hospitals need no plan: count them here
    api = _api(client, people.opdc_coordinator, fiscal_year=2570)
    assert api["sensitive_plans"] == 1
    assert not SentFacts.objects.filter(plan=secret, sensitive=False).exists()
    figs = figures(Query(2570))
    assert figs["content_plans"] == SentFacts.objects.filter(plan__fiscal_year=2570, sensitive=False).exclude(
        plan__classification="sensitive").count()


def test_recording_again_gives_the_same_facts(rayong):
    from phrom.statistics.facts import record

    before = list(SentScenario.objects.order_by("facts_id", "code").values_list("facts_id", "code"))
    dates = dict(SentFacts.objects.values_list("plan_id", "sent_at"))
    SentFacts.objects.all().delete()
    call_command("record_sent_facts", stdout=StringIO())
    assert list(SentScenario.objects.order_by("facts_id", "code").values_list("facts_id", "code")) == before
    assert dict(SentFacts.objects.values_list("plan_id", "sent_at")) == dates  # when it was sent, not now
    assert record([]) == 0
