"""The Django admin of organisations and route rules: a saved form changes the stored routes (and so
permissions, inboxes and the API) at once, in the same transaction as the change itself."""

import pytest
from rest_framework.authtoken.models import Token

from phrom.accounts.permissions import collects_for
from phrom.orgs.admin import OrganisationAdmin
from phrom.orgs.models import Organisation, OrgKind, RouteRule
from tests.conftest import member


@pytest.fixture
def as_admin(client, admin_user):
    client.force_login(admin_user)
    return client


def org_form(org, **changes) -> dict:
    """The admin change form of an organisation as the browser posts it, with `changes`."""
    data = {
        "code": org.code, "name_th": org.name_th, "name_en": org.name_en, "kind": org.kind_id,
        "parent": org.parent_id or "", "province": org.province_id or "", "site": org.site,
        "latitude": "", "longitude": "", "sector": org.sector, "collector": org.collector,
    }
    return {**data, **changes}


def change_org(client, org, **changes):
    return client.post(f"/admin/orgs/organisation/{org.pk}/change/", org_form(org, **changes))


def kind_form(kind: str, rules: list[dict]) -> dict:
    """The admin change form of a kind with its route-rule inline: `rules` are rows (with "id" for stored ones)."""
    k = OrgKind.objects.get(code=kind)
    data = {
        "code": k.code, "name_th": k.name_th, "name_en": k.name_en, "level": k.level, "sort_order": k.sort_order,
        "route_rules-TOTAL_FORMS": len(rules), "route_rules-MIN_NUM_FORMS": 0, "route_rules-MAX_NUM_FORMS": 1000,
        "route_rules-INITIAL_FORMS": sum(1 for r in rules if r.get("id")),
    }
    for n, rule in enumerate(rules):
        row = {"kind": kind, "when_collector": "", "position": 1, **rule}
        data.update({f"route_rules-{n}-{name}": value for name, value in row.items()})
    return data


def rule_row(rule: RouteRule, **changes) -> dict:
    return {"id": rule.pk, "when_collector": rule.when_collector, "role": rule.role, "position": rule.position,
            "target": rule.target, **changes}


# --- organisations -----------------------------------------------------------------------------

def test_admin_new_parent_reroutes_at_once(as_admin, structure, stored):
    hospital = structure.hospital
    old_collector, new_collector = member(structure.rayong_unit), member(structure.central_unit)
    response = change_org(as_admin, hospital, parent=structure.central_unit.pk)
    assert response.status_code == 302
    assert stored.collectors(hospital) == ["CU21-DMS", "DMS", "OPDC"]
    assert collects_for(new_collector, hospital) and not collects_for(old_collector, hospital)
    assert Organisation.objects.get(code="HOSP21").tree_path == "/MOPH/DMS/CU21-DMS/HOSP21/"
    stored.assert_fresh()


def test_admin_new_kind_and_province(as_admin, structure, province_user, stored):
    assert change_org(as_admin, structure.municipality, kind="provincial_unit").status_code == 302
    assert collects_for(province_user, structure.municipality)
    assert change_org(as_admin, structure.rayong_unit, province="20").status_code == 302
    assert stored.collectors(structure.hospital) == ["PU21-HEALTH", "PO20", "OPDC"]
    assert not collects_for(province_user, structure.hospital)
    stored.assert_fresh()


def test_admin_collector_flag(as_admin, structure, stored):
    assert change_org(as_admin, structure.bma_disaster, collector="").status_code == 302
    assert stored.collectors(structure.bma_district) == []
    stored.assert_fresh()


def test_admin_adds_and_deletes_an_organisation(as_admin, structure, stored):
    def add(**values):
        assert as_admin.post("/admin/orgs/organisation/add/", org_form(Organisation(**values))).status_code == 302
        return Organisation.objects.get(code=values["code"])

    unit = add(code="PU50-HEALTH", name_th="สาธารณสุขเชียงใหม่", kind_id="provincial_unit", province_id="50")
    assert stored.collectors(unit) == []
    office = add(code="PO50", name_th="สำนักงานจังหวัดเชียงใหม่", kind_id="provincial_office", province_id="50",
                 parent=structure.dopa)
    assert office.tree_path == "/MOI/DOPA/PO50/"
    assert stored.collectors(unit) == ["PO50", "OPDC"]
    assert collects_for(member(office), unit)
    stored.assert_fresh()
    deleted = as_admin.post(f"/admin/orgs/organisation/{office.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert stored.collectors(unit) == []
    stored.assert_fresh()


def test_admin_bulk_delete(as_admin, structure, stored):
    response = as_admin.post("/admin/orgs/organisation/", {
        "action": "delete_selected", "_selected_action": [structure.rayong_office.pk, structure.chonburi_office.pk],
        "post": "yes",
    })
    assert response.status_code == 302
    assert stored.collectors(structure.rayong_unit) == [] and stored.collectors(structure.hospital) == ["PU21-HEALTH"]
    stored.assert_fresh()


def test_admin_refuses_a_parent_below_the_organisation(as_admin, structure, stored):
    before = stored.snapshot()
    response = change_org(as_admin, structure.moph, parent=structure.hospital.pk)
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert stored.snapshot() == before


# --- route rules, through the kind's inline ----------------------------------------------------

def test_admin_rule_change_reroutes_at_once(as_admin, structure, unit_coordinator, province_user, stored):
    rule = RouteRule.objects.get(kind_id="hospital", role="collect")
    assert collects_for(unit_coordinator, structure.hospital)
    response = as_admin.post(
        "/admin/orgs/orgkind/hospital/change/", kind_form("hospital", [rule_row(rule, target="province:provincial_office")])
    )
    assert response.status_code == 302
    assert stored.collectors(structure.hospital) == ["PO21", "OPDC"]
    assert not collects_for(unit_coordinator, structure.hospital) and collects_for(province_user, structure.hospital)
    stored.assert_fresh()


def test_admin_rules_added_and_deleted(as_admin, structure, stored):
    rule = RouteRule.objects.get(kind_id="hospital", role="collect")
    rows = [rule_row(rule, DELETE="on"), {"role": "collect", "target": "ancestor:ministry"},
            {"role": "inform", "target": "province:provincial_office"}]
    assert as_admin.post("/admin/orgs/orgkind/hospital/change/", kind_form("hospital", rows)).status_code == 302
    assert stored.collectors(structure.hospital) == ["MOPH", "OPDC"]
    assert stored.informed(structure.hospital) == ["PO21"]
    stored.assert_fresh()


# --- the API reads what the admin changed ------------------------------------------------------

def test_api_shows_the_route_the_admin_just_changed(client, as_admin, structure, province_user):
    change_org(as_admin, structure.hospital, parent=structure.central_unit.pk)
    token = Token.objects.create(user=province_user).key
    client.logout()
    response = client.get("/api/v1/organisations/HOSP21/", HTTP_AUTHORIZATION=f"Token {token}")
    assert [o["code"] for o in response.json()["route"]["collectors"]] == ["CU21-DMS", "DMS", "OPDC"]


# --- one transaction ---------------------------------------------------------------------------

def test_admin_change_that_fails_after_saving_takes_the_rebuild_with_it(as_admin, structure, unit_coordinator, monkeypatch, stored):
    """The admin logs the change after saving it: if that fails, the organisation and its routes stay as they were."""
    def fail(*args, **kwargs):
        raise RuntimeError("the log of the change could not be written")

    monkeypatch.setattr(OrganisationAdmin, "log_change", fail)
    before = stored.snapshot()
    with pytest.raises(RuntimeError):
        change_org(as_admin, structure.hospital, parent=structure.central_unit.pk)
    assert stored.snapshot() == before
    assert Organisation.objects.get(code="HOSP21").parent_id == structure.rayong_unit.pk
    assert collects_for(unit_coordinator, structure.hospital)
