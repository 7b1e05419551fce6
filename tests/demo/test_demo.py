"""`phrom demo --no-plans`: the national demo data set, built once for this module (about 15,000 organisations).

The demo plans have their own module, tests/demo/test_demo_plans.py.
"""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from phrom.accounts.models import Membership
from phrom.demo.builder import DemoSet, apportion, build
from phrom.demo.data.local import COUNTS_2020
from phrom.demo.data.users import DEMO_PASSWORD, DEMO_USERS
from phrom.orgs.models import Organisation, Province, RouteEntry, RouteRule
from phrom.orgs.routes import RouteResolver
from phrom.plans.models import Plan

# Marked as database tests so that pytest-django runs them before the transactional tests,
# whose flush at teardown empties the reference data (provinces, kinds, scenarios) the demo needs.
pytestmark = [pytest.mark.django_db, pytest.mark.demo]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Run the command once; everything it wrote is rolled back after the module."""
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER), transaction.atomic():
        call_command("demo", no_plans=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def kind_counts() -> Counter:
    return Counter(Organisation.objects.values_list("kind_id", flat=True))


def snapshot():
    orgs = set(
        Organisation.objects.values_list(
            "pk", "code", "name_th", "name_en", "kind_id", "parent_id", "province_id", "site", "sector", "collector",
            "tree_path", "search_text",
        )
    )
    entries = set(RouteEntry.objects.values_list("pk", "organisation_id", "target_id", "role", "position"))
    rules = set(RouteRule.objects.values_list("pk", "kind_id", "when_collector", "role", "position", "target"))
    users = set(Membership.objects.values_list("pk", "user__username", "user__password", "organisation_id", "role"))
    return orgs, entries, rules, users


def test_local_organisations_in_their_2020_counts(demo, db):
    counts = kind_counts()
    for kind, expected in COUNTS_2020.items():
        assert counts[kind] == expected, kind
    assert sum(COUNTS_2020.values()) == 7852


def test_the_8281_agencies_of_the_2020_round(demo, db):
    counts = kind_counts()
    assert counts["department"] == 153  # seed 002
    assert counts["provincial_office"] == 76
    central = ["ministry", "department", "public_org", "state_enterprise", "independent_body", "university", "other_agency"]
    assert sum(counts[k] for k in central) + counts["provincial_office"] == 429
    assert sum(counts[k] for k in [*central, "provincial_office", *COUNTS_2020]) == 8281
    # Units inside provinces come on top.
    for kind in ["provincial_unit", "central_unit", "district_office", "hospital", "school", "bma_unit"]:
        assert counts[kind] > 0, kind


def test_every_province_is_covered(demo, db):
    covered = set(Organisation.objects.exclude(province=None).values_list("province_id", flat=True))
    assert covered == set(Province.objects.values_list("code", flat=True))
    assert len(covered) == 77
    offices = Organisation.objects.filter(kind_id="provincial_office")
    assert set(offices.values_list("province_id", flat=True)) == covered - {"10"}
    assert set(Organisation.objects.filter(kind_id="pao").values_list("province_id", flat=True)) == covered - {"10"}


def test_named_organisations(demo, db):
    opdc = Organisation.objects.get(code="OPDC")
    assert (opdc.kind_id, opdc.collector, opdc.parent.code) == ("department", "national", "OPM")
    assert Organisation.objects.get(code="MOI-DOPA").name_th == "กรมการปกครอง"
    rayong = Organisation.objects.get(code="PO-21")
    assert (rayong.name_th, rayong.parent.code, rayong.province_id) == ("สำนักงานจังหวัดระยอง", "MOI-OPS", "21")
    disaster = Organisation.objects.get(code="BMA-DDPM")
    assert (disaster.kind_id, disaster.collector, disaster.parent.code) == ("bma_unit", "bma", "BMA")
    pattaya = Organisation.objects.get(code="PATTAYA")
    assert (pattaya.kind_id, pattaya.province_id) == ("pattaya", "20")
    districts = Organisation.objects.filter(code__startswith="BMA-D1", parent__code="BMA", kind_id="bma_unit")
    assert districts.count() == 50
    assert districts.get(code="BMA-D1001").name_th == "สำนักงานเขตพระนคร"
    assert Organisation.objects.get(code="SOE-PEA").sector == "energy"
    assert Organisation.objects.filter(kind_id="state_enterprise", sector="water").exists()
    assert Organisation.objects.get(code="CM-RAYONG").name_th == "เทศบาลนครระยอง"
    # Local organisations are named after real places and stand on their own (no parent).
    sao = Organisation.objects.filter(kind_id="sao", province_id="21").first()
    assert sao.name_th.startswith("องค์การบริหารส่วนตำบล") and sao.parent is None
    assert sao.code.startswith("SAO-21")


def test_every_route_resolves_and_ends_at_opdc(demo, db):
    resolver = RouteResolver.load()
    for org in resolver.by_id.values():
        route = resolver.route(org)
        assert route.unresolved == [], org.code
        if org.code == "OPDC":
            assert route.collectors == []
        else:
            assert route.collectors and route.collectors[-1].code == "OPDC", org.code


def test_routes_of_each_level(demo, db):
    resolver = RouteResolver.load()

    def route(code):
        r = resolver.route(resolver.by_code[code])
        return [c.code for c in r.collectors], [i.code for i in r.informed]

    # Seed 003 §3.4 item 1: one rule row makes the provincial office inform the Ministry of Interior.
    assert route("PO-21") == (["OPDC"], ["MOI-OPS"])
    assert route("PU-21-PHO") == (["PO-21", "OPDC"], [])
    assert route("CU-21-PWA") == (["SOE-PWA", "OPDC"], ["PO-21"])
    assert route("DO-2102") == (["PU-21-DOPA", "PO-21", "OPDC"], [])
    assert route("BMA-D1001") == (["BMA-DDPM", "OPDC"], [])
    assert route("CM-RAYONG") == (["OPDC"], [])
    assert RouteRule.objects.filter(kind_id="provincial_office", role="inform", target="org:MOI-OPS").count() == 1


def test_route_entries_are_materialised(demo, db):
    assert RouteEntry.objects.filter(target__code="OPDC", role="collect").count() == Organisation.objects.count() - 1
    assert RouteEntry.objects.filter(target__code="PO-21", role="inform", organisation__kind_id="central_unit").exists()


def test_running_twice_changes_nothing(demo, db):
    before = snapshot()
    call_command("demo", no_plans=True, stdout=StringIO())
    assert snapshot() == before


def test_a_changed_demo_organisation_is_restored_and_others_kept(demo, db):
    Organisation.objects.filter(code="PO-21").update(name_th="ชื่อที่แก้ไข", parent=None)
    extra = Organisation.objects.create(code="MY-OWN", name_th="หน่วยงานที่นำเข้าเอง", kind_id="department")
    call_command("demo", no_plans=True, stdout=StringIO())
    rayong = Organisation.objects.get(code="PO-21")
    assert (rayong.name_th, rayong.parent.code, rayong.tree_path) == ("สำนักงานจังหวัดระยอง", "MOI-OPS", "/MOI/MOI-OPS/PO-21/")
    assert Organisation.objects.filter(pk=extra.pk).exists()
    assert RouteRule.objects.filter(kind_id="provincial_office", target="org:MOI-OPS").count() == 1


def test_demo_users_can_log_in(demo, db, client):
    for username, *_ in DEMO_USERS:
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"], username
        client.logout()


def test_demo_users_have_their_roles(demo, db):
    memberships = {m.user.username: m for m in Membership.objects.select_related("user", "organisation")}
    for username, _first, _last, org_code, role in DEMO_USERS:
        if org_code is None:
            continue
        assert (memberships[username].organisation.code, memberships[username].role) == (org_code, role)
    assert "Phrom-demo-2570" in demo
    for username, *_ in DEMO_USERS:
        assert username in demo


def test_no_plans_loads_organisations_and_users_only(demo, db):
    assert not Plan.objects.exists()


def test_scale_is_validated(demo, db):
    with pytest.raises(CommandError):
        call_command("demo", scale=0, stdout=StringIO())


# --- the builder, without the database ---------------------------------------------------------------


def test_scale_multiplies_local_organisations_and_units():
    demo_set = build()
    one, two = demo_set.specs(1), demo_set.specs(2)
    assert len(two) == len(one) + len(demo_set.scalable)
    assert 1.9 < len(two) / len(one) < 2.0
    codes = [s.code for s in two]
    assert len(codes) == len(set(codes))
    copies = {s.code: s for s in two if s.code.endswith("-X2")}
    # A copied unit hangs under the copy of its parent; fixed bodies are not copied.
    assert copies["DO-2102-X2"].parent == "PU-21-DOPA-X2"
    assert copies["PU-21-DOPA-X2"].parent == "MOI-DOPA"
    assert "OPDC-X2" not in copies and "PO-21-X2" not in copies
    assert all(len(s.code) <= 32 for s in demo_set.specs(3))


def test_build_is_deterministic():
    a, b = build(), build()
    assert isinstance(a, DemoSet)
    assert a.specs(1) == b.specs(1)


def test_apportion_is_proportional_and_respects_caps():
    assert apportion(10, [1, 1], [10, 10]) == [5, 5]
    assert apportion(100, [50, 209, 17], [50, 209, 17]) == [18, 76, 6]
    assert apportion(10, [9, 1], [3, 10]) == [3, 7]
    with pytest.raises(ValueError):
        apportion(5, [1, 1], [2, 2])
