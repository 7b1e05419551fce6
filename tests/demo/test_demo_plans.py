"""`phrom demo`: the demo plans, built once for this module (about 4,300 plans over 14,658 organisations).

Every stored plan is read back once (`stored`), as the version-1 documents the command wrote, cleaned
by the backend and checked; the tests then look at what was read, and at samples in more depth.
"""

import datetime
import random
from collections import Counter, defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.core.thaidates import fiscal_year_bounds
from phrom.demo.builder import build
from phrom.demo.data import plans as data
from phrom.demo.data.local import COUNTS_2020
from phrom.demo.data.users import DEMO_USERS
from phrom.demo.plan_loader import required_scenarios
from phrom.demo.plans import base_code, make_plan, select, template_for
from phrom.dependencies.demo import add_demo_dependencies
from phrom.orgs.models import Organisation
from phrom.plans.checker import ERROR, WARNING, check_plan, one_year_before
from phrom.plans.codes import ALL_COMPONENTS
from phrom.plans.content import (
    assemble,
    bangkok_today,
    change_counts,
    clean_document,
    document_at,
    empty_component,
    export_document,
    normalise_phone,
)
from phrom.plans.data.scenarios import SCENARIOS
from phrom.plans.models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Strategy,
    TeamMember,
)
from phrom.plans.quality import check_stored_plan, scenario_names
from phrom.plans.services import create_plan, starter_templates

# Marked as database tests so that pytest-django runs them before the transactional tests,
# whose flush at teardown empties the reference data (provinces, kinds, scenarios) the demo needs.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CENTRAL = ["ministry", "department", "public_org", "state_enterprise", "independent_body", "university", "other_agency"]
AGENCY_KINDS = [*CENTRAL, "provincial_office", *COUNTS_2020]
UNIT_KINDS = ["provincial_unit", "central_unit", "district_office", "hospital", "school", "bma_unit"]
TABLES = [Plan, PlanScenario, Impact, TeamMember, Strategy, Process, ResourceRequirement, ProcedureStep,
          CallTreeLink, PlanVersion, PlanAudit]
CATALOGUE = {code for code, *_ in SCENARIOS}
TITLES = ("นาย", "นาง", "นางสาว", "นายแพทย์", "แพทย์หญิง", "พล", "พัน", "ร้อย")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the command once; everything it wrote is rolled back after the module."""
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        call_command("demo", stdout=out)
        if connection.vendor == "postgresql":
            # Check the deferred foreign keys of the million rows once, here: a test's end would check
            # them again each time (its savepoint's rollback queues them anew).
            connection.check_constraints()
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def stored(demo, django_db_blocker):
    """Every demo plan as stored: its version-1 documents assembled, cleaned by the backend, checked.

    plan id -> {code, kind, tier, document facts, score, codes (warnings and errors), errors}
    """
    today = bangkok_today()
    out = {}
    with django_db_blocker.unblock():
        plans = list(Plan.objects.values_list("pk", "organisation_id", "organisation__code", "organisation__kind_id"))
        required = required_scenarios([org_id for _, org_id, _, _ in plans])
        tiers = dict(
            PlanAudit.objects.filter(action=PlanAudit.Action.CREATE).values_list("plan_id", "detail__demo_tier")
        )
        names = scenario_names()
        for start in range(0, len(plans), 400):
            chunk = plans[start:start + 400]
            parts = defaultdict(dict)
            rows = PlanVersion.objects.filter(plan_id__in=[p[0] for p in chunk], number=1)
            for plan_id, component, payload in rows.values_list("plan_id", "component", "data"):
                parts[plan_id][component] = payload
            for plan_id, org_id, code, kind in chunk:
                document = assemble({c: parts[plan_id][c] for c in ALL_COMPONENTS})
                cleaned = assemble(clean_document(document, catalogue=CATALOGUE, today=today))
                result = check_plan(document, today=today, required_scenarios=required.get(org_id, ()),
                                    scenario_names=names)
                out[plan_id] = {
                    "code": code, "kind": kind, "tier": tiers.get(plan_id), "canonical": cleaned == document,
                    "versions": sorted(parts[plan_id]), "classification": document["classification"],
                    "reviewed_on": document["reviewed_on"], "exercised_on": document["exercised_on"],
                    "scenarios": [s["code"] for s in document["scope"]["scenarios"]],
                    "score": result.score,
                    "codes": {f.code for f in result.findings if f.severity in (ERROR, WARNING)},
                    "errors": sum(f.severity == ERROR for f in result.findings),
                }
    return out


def counts_by_kind():
    return Counter(Organisation.objects.values_list("kind_id", flat=True))


def plans_by_kind():
    return Counter(Plan.objects.values_list("organisation__kind_id", flat=True))


# --- who has a plan -------------------------------------------------------------------------------------


def test_about_40_percent_of_the_8281_agencies_have_a_plan(demo, db):
    orgs, plans = counts_by_kind(), plans_by_kind()
    agencies = sum(orgs[k] for k in AGENCY_KINDS)
    assert agencies == 8281
    share = sum(plans[k] for k in AGENCY_KINDS) / agencies
    assert 0.37 <= share <= 0.43, share
    # Central bodies and provinces, which OPDC follows up directly, ahead of the local organisations.
    central = sum(plans[k] for k in [*CENTRAL, "provincial_office"]) / sum(orgs[k] for k in [*CENTRAL, "provincial_office"])
    local = sum(plans[k] for k in COUNTS_2020) / sum(orgs[k] for k in COUNTS_2020)
    assert central > local
    assert plans["provincial_office"] == 76
    assert plans["sao"] / orgs["sao"] < plans["city_municipality"] / orgs["city_municipality"]


def test_units_below_the_agencies_have_plans_at_a_lower_share(demo, db):
    orgs, plans = counts_by_kind(), plans_by_kind()
    for kind in UNIT_KINDS:
        assert plans[kind] > 0, kind
    units = sum(plans[k] for k in UNIT_KINDS) / sum(orgs[k] for k in UNIT_KINDS)
    agencies = sum(plans[k] for k in AGENCY_KINDS) / sum(orgs[k] for k in AGENCY_KINDS)
    assert 0.05 < units < agencies
    # Seed 000 §3.2: the Department of Medical Services' hospitals wrote the model plans.
    dms = Organisation.objects.filter(parent__code="MOPH-DMS", kind_id="hospital")
    assert dms.exists() and not dms.filter(plans=None).exists()


def test_plans_are_for_the_current_fiscal_year_from_the_fitting_template(demo, db):
    year = fiscal_year_of(bangkok_today())
    assert set(Plan.objects.values_list("fiscal_year", flat=True)) == {year}
    templates = {t.code: t for t in starter_templates()}
    for kind, template in PlanAudit.objects.filter(action="create").values_list(
        "plan__organisation__kind_id", "detail__template"
    ).distinct():
        assert kind in templates[template].kinds, (kind, template)
    assert Plan.objects.get(organisation__code="PO-21").title == (
        f"แผนบริหารความพร้อมต่อสภาวะวิกฤต (Business Continuity Plan: BCP) ของสำนักงานจังหวัดระยอง ประจำปีงบประมาณ พ.ศ. {year}"
    )


# --- what the plans hold -----------------------------------------------------------------------------


def test_every_demo_plan_document_is_valid(demo, stored):
    assert len(stored) > 4000
    for plan in stored.values():
        # Each component was recorded as version 1, in the form the backend's cleaning gives.
        assert plan["versions"] == sorted(ALL_COMPONENTS), plan["code"]
        assert plan["canonical"], plan["code"]


def test_stored_plans_are_the_documents_generated(demo, db):
    """For a sample: the tables give back the generated document (cleaned), as do the versions."""
    today = bangkok_today()
    templates = {t.code: t for t in starter_templates()}
    specs = {s.code: s for s in build().specs(1)}
    codes = [user[3] for user in DEMO_USERS if user[3]] + random.Random(2570).sample(
        sorted(Plan.objects.values_list("organisation__code", flat=True)), 40
    )
    plans = Plan.objects.filter(organisation__code__in=codes).select_related("organisation")
    required = required_scenarios([p.organisation_id for p in plans])
    assert len(plans) >= 45
    for plan in plans:
        spec = specs[plan.organisation.code]
        generated = make_plan(spec, template_for(spec, templates), today=today, required=required.get(plan.organisation_id, ()))
        add_demo_dependencies(spec, generated)
        document = assemble(clean_document(generated.document))
        assert export_document(plan) == document, spec.code
        assert document_at(plan, 1) == document, spec.code
        assert (plan.revision, plan.component_revisions) == (1, {c: 1 for c in ALL_COMPONENTS})
        for version in plan.versions.all():
            assert version.changes == change_counts(version.component, empty_component(version.component), version.data)
        audit = Counter(plan.audit.values_list("action", flat=True))
        sent = {"status": 1} if plan.status != "draft" else {}  # a round already sent (dependencies.demo)
        assert audit == {"create": 1, "save": len(ALL_COMPONENTS), **sent}


def test_the_checker_finds_the_gaps_intended(demo, db):
    """For a sample: exactly the warnings and errors the generator meant the plan to have."""
    today = bangkok_today()
    templates = {t.code: t for t in starter_templates()}
    specs = {s.code: s for s in build().specs(1)}
    sample = random.Random(17).sample(list(Plan.objects.select_related("organisation")), 150)
    required = required_scenarios([p.organisation_id for p in sample])
    seen = Counter()
    for plan in sample:
        spec = specs[plan.organisation.code]
        generated = make_plan(spec, template_for(spec, templates), today=today, required=required.get(plan.organisation_id, ()))
        result = check_stored_plan(plan)
        # What the plan depends on is phrom.dependencies.demo's to add (and may leave an RTO unreachable).
        found = {f.code for f in result.findings if f.severity in (ERROR, WARNING) and f.code != "rto_unreachable"}
        assert found == generated.intended, spec.code
        seen.update(generated.intended)
    # The typical gaps all occur.
    for code in ["member_without_alternate", "member_without_contact", "process_without_resources",
                 "step_without_owner", "calltree_unreached_member", "not_reviewed_12_months"]:
        assert seen[code] > 0, code


def test_complete_plans_have_no_errors_and_gappy_ones_have_the_typical_gaps(demo, stored):
    by_tier = defaultdict(list)
    for plan in stored.values():
        by_tier[plan["tier"]].append(plan)
    assert set(by_tier) == set(data.TIERS)
    assert all(p["errors"] == 0 and not p["codes"] for p in by_tier["complete"])
    assert all(p["errors"] == 0 and p["codes"] for p in by_tier["minor"])
    assert all(p["errors"] > 0 for p in by_tier["gappy"] + by_tier["draft"])
    assert all("component_empty" in p["codes"] for p in by_tier["draft"])
    gaps = Counter(code for p in stored.values() for code in p["codes"])
    for code in ["member_without_alternate", "member_without_contact", "process_without_resources",
                 "step_without_owner", "calltree_unreached_member", "not_reviewed_12_months", "rto_exceeds_mtpd"]:
        assert gaps[code] > 10, code
    assert gaps["missing_required_scenario"] > 0  # only the BMA requires one (cyber threat)


def test_scores_span_complete_and_gappy_plans(demo, stored):
    scores = defaultdict(list)
    for plan in stored.values():
        scores[plan["tier"]].append(plan["score"])
    everything = [s for tier in scores.values() for s in tier]
    assert max(everything) == 100 and min(everything) < 60
    assert len({s // 10 for s in everything}) >= 5

    def mean(values):
        return sum(values) / len(values)

    assert mean(scores["complete"]) > mean(scores["minor"]) > mean(scores["gappy"]) > mean(scores["draft"])
    # Some of every kind of plan: complete, with warnings only, with errors, early drafts.
    for tier in data.TIERS:
        assert len(scores[tier]) > 300, tier


def test_scenarios_covered_as_in_seed_000(demo, stored):
    covered = Counter(code for plan in stored.values() for code in plan["scenarios"])
    for code, share in data.SCENARIO_SHARES.items():
        assert abs(covered[code] / len(stored) - share) < 0.06, code


def test_reviews_and_exercises_over_the_last_two_fiscal_years(demo, stored):
    today = bangkok_today()
    earliest, _ = fiscal_year_bounds(fiscal_year_of(today) - 2)
    year_ago = one_year_before(today)
    reviewed = [datetime.date.fromisoformat(p["reviewed_on"]) for p in stored.values() if p["reviewed_on"]]
    exercised = [datetime.date.fromisoformat(p["exercised_on"]) for p in stored.values() if p["exercised_on"]]
    for day in reviewed + exercised:
        assert earliest <= day <= today
    assert sum(d >= year_ago for d in reviewed) > sum(d < year_ago for d in reviewed) > 100
    assert sum(d < year_ago for d in exercised) > 100
    assert sum(p["reviewed_on"] is None for p in stored.values()) > 100


def test_teams_have_thai_names_phones_and_e_mails(demo, db):
    members = list(TeamMember.objects.exclude(name="").values_list("name", "phone", "email")[:20000])
    assert len(members) == 20000
    assert all(name.startswith(TITLES) and " " in name for name, _, _ in members)
    phones = [phone for _, phone, _ in members if phone]
    assert all(normalise_phone(phone) for phone in phones)
    assert any(phone.startswith("08") for phone in phones) and any("-" in phone for phone in phones)
    assert any(phone.startswith("02-") for phone in phones) and any(phone.startswith("+66") for phone in phones)
    emails = [email for _, _, email in members if email]
    assert len(emails) > len(members) / 2
    assert all(email.endswith(".demo.phrom.localhost") for email in emails)
    # Members of drafts who are positions only, still to be named.
    assert TeamMember.objects.filter(name="").exclude(job_title="").exists()


def test_processes_vary_between_agencies(demo, db):
    rtos = Counter(Process.objects.values_list("rto_hours", flat=True))
    assert len(rtos) >= 8
    names = set(Process.objects.filter(plan__organisation__kind_id="sao").values_list("name", flat=True))
    assert any("องค์การบริหารส่วนตำบล" in name for name in names)  # renamed for the agency
    per_plan = Counter(Process.objects.values_list("plan_id", flat=True))
    assert len(set(per_plan.values())) >= 3


# --- the demo users ------------------------------------------------------------------------------------


def test_each_demo_user_meets_a_plan_of_their_organisation(demo, db):
    year = fiscal_year_of(bangkok_today())
    results = {}
    for _username, _first, _last, code, _role in DEMO_USERS:
        if code is None or code == "OPDC":
            continue
        plan = Plan.objects.get(organisation__code=code, fiscal_year=year)
        result = check_stored_plan(plan)
        results[code] = (result.score, {f.code for f in result.findings if f.severity in (ERROR, WARNING)})
    assert set(results) == {"PO-21", "PU-21-PHO", "CM-RAYONG", "MOPH-DDC", "BMA-D1001", "BMA-DDPM", "BMA-CSC"}
    assert results["PO-21"] == (100, set())  # the complete one
    assert "component_empty" in results["CM-RAYONG"][1]
    assert "missing_required_scenario" in results["BMA-D1001"][1]  # the BMA's cyber-threat rule
    assert {"member_without_contact", "calltree_unreached_member"} <= results["PU-21-PHO"][1]
    assert len({score for score, _ in results.values()}) >= 5


# --- sensitive plans ------------------------------------------------------------------------------------


def test_a_few_plans_of_security_agencies_are_sensitive(demo, db):
    sensitive = Plan.objects.filter(classification="sensitive").select_related("organisation__parent")
    assert 5 < sensitive.count() < Plan.objects.count() / 100
    for plan in sensitive:
        org = plan.organisation
        assert base_code(org.code) in data.SENSITIVE or (org.parent and org.parent.code in data.SENSITIVE), org.code
    for code in ["MOD-RTA", "MOD-RTN", "MOD-RTAF", "RTP", "OPM-NIA"]:
        assert Plan.objects.get(organisation__code=code).is_sensitive, code
    assert not Plan.objects.get(organisation__code="PO-21").is_sensitive


def test_the_disaster_office_s_plan_was_activated_twice(demo, db):
    """Crisis mode's demo (phrom.crisis.demo): a real flood closed into the event's draft result, and a
    test run of the call tree under way with some answers in."""
    from phrom.crisis.models import Activation

    real, test = (Activation.objects.get(organisation__code="BMA-DDPM", is_test=flag) for flag in (False, True))
    assert not real.is_open and real.result.kind == "event" and real.result.call_tree["reached"] > 0
    assert test.is_open and 0 < test.recipients.filter(answered_at__isnull=False).count() < test.recipients.count()
    assert test.recipients.filter(answer="need_help").exists() and test.recipients.filter(escalation_level=1).exists()


# --- running again ---------------------------------------------------------------------------------------


def test_a_second_run_creates_no_plan_and_no_version(demo, db):
    before = {m.__name__: (m.objects.count(), m.objects.order_by("-pk").values_list("pk", flat=True).first())
              for m in TABLES}
    out = StringIO()
    call_command("demo", stdout=out)
    after = {m.__name__: (m.objects.count(), m.objects.order_by("-pk").values_list("pk", flat=True).first())
             for m in TABLES}
    assert after == before


def test_an_agency_with_its_own_plan_is_left_alone(demo, db):
    plan = Plan.objects.get(organisation__code="PO-21")
    Plan.objects.filter(pk=plan.pk).update(title="แผนที่หน่วยงานแก้ไขเอง")
    call_command("demo", stdout=StringIO())
    assert Plan.objects.get(pk=plan.pk).title == "แผนที่หน่วยงานแก้ไขเอง"
    assert Plan.objects.filter(organisation__code="PO-21").count() == 1


def test_a_plan_made_by_hand_after_the_demo_gets_fresh_rows(demo, db):
    """The ids the loader gave leave the database's own numbering (sequences) ahead of them."""
    before = {m: m.objects.order_by("-pk").values_list("pk", flat=True).first() for m in TABLES}
    org = Organisation.objects.filter(plans=None, kind_id="sao").order_by("code").first()
    plan = create_plan(org, user=None, template="local_government")
    assert plan.pk > before[Plan]
    assert plan.members.order_by("pk").first().pk > before[TeamMember]
    assert export_document(plan)["team"]


# --- the generator, without the database -----------------------------------------------------------------


def test_the_choice_of_organisations_is_deterministic_and_stands_at_any_scale():
    demo_set = build()
    one = [s.code for s in select(demo_set.specs(1))]
    assert one == [s.code for s in select(demo_set.specs(1))]
    two = {s.code for s in select(demo_set.specs(2))}
    assert set(one) <= two
    assert any(code.endswith("-X2") for code in two)


def test_plans_are_deterministic_and_valid_for_every_kind():
    today = datetime.date(2026, 11, 23)
    templates = {t.code: t for t in starter_templates()}
    chosen = select(build().specs(1))
    by_kind = defaultdict(list)
    for spec in chosen:
        by_kind[spec.kind].append(spec)
    for kind, specs in by_kind.items():
        for spec in random.Random(kind).sample(specs, min(8, len(specs))):
            template = template_for(spec, templates)
            assert kind in template.kinds
            required = ("cyber",) if base_code(spec.code).startswith("BMA-") else ()
            a = make_plan(spec, template, today=today, required=required)
            b = make_plan(spec, template, today=today, required=required)
            assert a == b
            document = assemble(clean_document(a.document, catalogue=CATALOGUE, today=today))
            assert document == a.document
            result = check_plan(document, today=today, required_scenarios=required)
            assert {f.code for f in result.findings if f.severity in (ERROR, WARNING)} == a.intended, spec.code
