"""Changing organisations and rules through phrom.orgs.services: stored tree paths and routes follow at once,
for the organisations concerned only, in the same transaction as the change; the importer rebuilds too."""

import csv
import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from phrom.accounts.permissions import collects_for
from phrom.orgs.importer import COLUMNS, import_organisations
from phrom.orgs.models import Organisation, RouteEntry, RouteRule
from phrom.orgs.routes import rebuild_route_entries
from phrom.orgs.services import delete_organisations, save_organisation, save_route_rules
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.conftest import member
from tests.factories import OrganisationFactory


def changed(org, **values):
    org = Organisation.objects.get(pk=org.pk)
    for name, value in values.items():
        setattr(org, name, value)
    return org


# --- organisations -----------------------------------------------------------------------------

def test_new_parent_gives_the_organisation_and_its_collectors_the_new_route(structure, stored):
    hospital = structure.hospital
    old_collector, new_collector = member(structure.rayong_unit), member(structure.central_unit)
    assert collects_for(old_collector, hospital) and not collects_for(new_collector, hospital)
    save_organisation(changed(hospital, parent=structure.central_unit))
    assert stored.collectors(hospital) == ["CU21-DMS", "DMS", "OPDC"]
    assert collects_for(new_collector, hospital) and not collects_for(old_collector, hospital)
    assert Organisation.objects.get(code="HOSP21").tree_path == "/MOPH/DMS/CU21-DMS/HOSP21/"
    stored.assert_fresh()


def test_moving_an_organisation_moves_its_subtree(structure, stored):
    save_organisation(changed(structure.rayong_unit, parent=structure.dms))
    assert Organisation.objects.get(code="HOSP21").tree_path == "/MOPH/DMS/PU21-HEALTH/HOSP21/"
    stored.assert_fresh()


def test_new_province_reroutes_the_plans_that_pass_through(structure, province_user, stored):
    """The hospital itself does not change; its plan rolls up through a unit that moved province."""
    assert collects_for(province_user, structure.hospital)
    save_organisation(changed(structure.rayong_unit, province_id="20"))
    assert stored.collectors(structure.rayong_unit) == ["PO20", "OPDC"]
    assert stored.collectors(structure.hospital) == ["PU21-HEALTH", "PO20", "OPDC"]
    assert not collects_for(province_user, structure.hospital)
    assert collects_for(member(structure.chonburi_office), structure.hospital)
    stored.assert_fresh()


def test_new_kind(structure, province_user, stored):
    assert not collects_for(province_user, structure.municipality)
    save_organisation(changed(structure.municipality, kind_id="provincial_unit"))
    assert stored.collectors(structure.municipality) == ["PO21", "OPDC"]
    assert collects_for(province_user, structure.municipality)
    stored.assert_fresh()


def test_collector_flag_moves(structure, stored):
    district = structure.bma_district
    save_organisation(changed(structure.bma_disaster, collector=""))
    assert stored.collectors(district) == [] and stored.collectors(structure.bma_disaster) == []
    stored.assert_fresh()
    save_organisation(changed(district, collector="bma"))
    assert stored.collectors(structure.bma_disaster) == ["BMA-D01", "OPDC"]
    assert collects_for(member(district), structure.bma_disaster)
    stored.assert_fresh()


def test_new_provincial_office_collects_at_once_and_deleting_it_undoes_that(structure, stored):
    unit = OrganisationFactory(code="PU50-HEALTH", kind_id="provincial_unit", province_id="50")
    save_organisation(unit)
    assert stored.collectors(unit) == []
    office = Organisation(code="PO50", name_th="สำนักงานจังหวัดเชียงใหม่", kind_id="provincial_office", province_id="50",
                          parent=structure.dopa)
    save_organisation(office)
    assert office.tree_path == "/MOI/DOPA/PO50/" and "เชียงใหม่" in office.search_text
    assert stored.collectors(unit) == ["PO50", "OPDC"]
    assert collects_for(member(office), unit)
    stored.assert_fresh()
    delete_organisations([office])
    assert stored.collectors(unit) == []
    stored.assert_fresh()


def test_deleting_a_collector_reroutes_what_went_through_it(structure, stored):
    delete_organisations(Organisation.objects.filter(code="PO21"))
    assert stored.collectors(structure.rayong_unit) == []
    assert stored.collectors(structure.hospital) == ["PU21-HEALTH"]
    assert stored.informed(structure.central_unit) == []
    stored.assert_fresh()


def test_renaming_a_code_follows_the_steps_that_name_it(structure, stored):
    save_route_rules([RouteRule(kind_id="provincial_office", role="inform", position=1, target="org:MOI")])
    assert stored.informed(structure.rayong_office) == ["MOI"]
    save_organisation(changed(structure.moi, code="MOI-OLD"))
    assert stored.informed(structure.rayong_office) == []
    assert Organisation.objects.get(code="PO21").tree_path == "/MOI-OLD/DOPA/PO21/"
    stored.assert_fresh()
    save_organisation(Organisation(code="MOI", name_th="กระทรวงมหาดไทย", kind_id="ministry"))
    assert stored.informed(structure.rayong_office) == ["MOI"]
    stored.assert_fresh()


def test_new_name_changes_the_search_text_and_no_route(structure):
    entries = list(RouteEntry.objects.order_by("pk").values_list("pk", flat=True))
    save_organisation(changed(structure.opdc, name_en="Office of the Public Sector Development Commission"))
    assert "commission" in Organisation.objects.get(code="OPDC").search_text
    assert list(RouteEntry.objects.order_by("pk").values_list("pk", flat=True)) == entries


def test_a_parent_below_the_organisation_is_refused(structure, stored):
    for parent in (structure.moph, structure.hospital):
        with pytest.raises(ValidationError) as refused:
            save_organisation(changed(structure.moph, parent=parent))
        assert "parent" in refused.value.message_dict
    assert Organisation.objects.get(code="MOPH").parent is None
    stored.assert_fresh()


def test_only_the_routes_concerned_are_rewritten(structure, stored):
    for n in range(30):
        OrganisationFactory(code=f"SAO21-{n:03d}", kind_id="sao", province_id="21")
    refresh_tree_paths()
    rebuild_route_entries()
    before = dict(RouteEntry.objects.values_list("pk", "organisation__code"))
    save_organisation(changed(structure.rayong_unit, province_id="20"))
    rewritten = set(before.values()) - set(RouteEntry.objects.filter(pk__in=before).values_list("organisation__code", flat=True))
    assert rewritten == {"PU21-HEALTH", "HOSP21"}
    stored.assert_fresh()


# --- route rules -------------------------------------------------------------------------------

def test_rule_change_reroutes_the_organisations_of_its_kind(structure, unit_coordinator, province_user, stored):
    rule = RouteRule.objects.get(kind_id="hospital", role="collect")
    assert collects_for(unit_coordinator, structure.hospital)
    rule.target = "province:provincial_office"
    save_route_rules([rule])
    assert stored.collectors(structure.hospital) == ["PO21", "OPDC"]
    assert not collects_for(unit_coordinator, structure.hospital)
    assert collects_for(province_user, structure.hospital)
    stored.assert_fresh()


def test_rules_added_and_deleted(structure, stored):
    """A ministry collecting its departments' plans: its subtree's routes follow, and those rolling up through them."""
    general = RouteRule.objects.get(kind_id="department", when_collector="", role="collect")
    save_route_rules(
        [RouteRule(kind_id="department", role="collect", position=1, target="ancestor:ministry")], deleted=[general]
    )
    assert stored.collectors(structure.dms) == ["MOPH", "OPDC"]
    assert stored.collectors(structure.central_unit) == ["DMS", "MOPH", "OPDC"]
    stored.assert_fresh()
    save_route_rules([RouteRule(kind_id="ministry", role="inform", position=1, target="collector:national")])
    assert stored.informed(structure.moph) == ["OPDC"]
    stored.assert_fresh()


def test_ancestor_steps_follow_a_moved_or_rekinded_ancestor(structure, stored):
    """The hospital's plan did not pass through its unit, yet its `ancestor:` step looks up through it."""
    rule = RouteRule.objects.get(kind_id="hospital", role="collect")
    rule.target = "ancestor:department"
    save_route_rules([rule])
    assert stored.collectors(structure.hospital) == []
    save_organisation(changed(structure.rayong_unit, parent=structure.dms))
    assert stored.collectors(structure.hospital) == ["DMS", "OPDC"]
    stored.assert_fresh()
    save_organisation(changed(structure.rayong_unit, kind_id="department"))
    assert stored.collectors(structure.hospital) == ["PU21-HEALTH", "OPDC"]
    stored.assert_fresh()


def test_flagged_rules_concern_the_flagged_organisation(structure, stored):
    rule = RouteRule.objects.get(kind_id="bma_unit", when_collector="bma")
    save_route_rules(deleted=[rule])
    assert stored.collectors(structure.bma_disaster) == []  # the general bma_unit rule: to itself, skipped
    stored.assert_fresh()


# --- every change at once, in random order ------------------------------------------------------

def test_random_changes_keep_every_stored_route_fresh(structure, stored):
    rng = random.Random(9)
    kinds = ["department", "provincial_unit", "central_unit", "hospital", "provincial_office", "bma_unit", "ministry"]
    targets = ["parent", "ancestor:ministry", "province:provincial_office", "collector:national", "collector:bma",
               "org:DMS", "org:PO21"]
    for step in range(40):
        orgs = list(Organisation.objects.all())
        org = rng.choice(orgs)
        what = rng.choice(["parent", "kind", "province", "collector", "code", "rule", "new", "delete"])
        if what == "parent":
            below = set(org.descendants().values_list("pk", flat=True)) | {org.pk}
            org.parent = rng.choice([None, *(o for o in orgs if o.pk not in below)])
        elif what == "kind":
            org.kind_id = rng.choice(kinds)
        elif what == "province":
            org.province_id = rng.choice([None, "10", "20", "21"])
        elif what == "collector":
            org.collector = "" if org.collector else rng.choice(["bma", "national"])
        elif what == "code":
            org.code = f"{org.code}-{step}"
        elif what == "new":
            org = Organisation(code=f"NEW{step}", name_th="ใหม่", kind_id=rng.choice(kinds), province_id="21",
                               parent=rng.choice([None, *orgs]))
        if what == "rule":
            rule = rng.choice(list(RouteRule.objects.filter(kind_id__in=kinds)))
            rule.target = rng.choice(targets)
            save_route_rules([rule])
        elif what == "delete":
            delete_organisations([] if org.children.exists() else [org])
        else:
            save_organisation(org)
        stored.assert_fresh()


# --- one transaction ---------------------------------------------------------------------------

def test_a_change_that_fails_afterwards_takes_the_rebuild_with_it(structure, unit_coordinator, stored):
    before = stored.snapshot()
    with pytest.raises(RuntimeError), transaction.atomic():
        save_organisation(changed(structure.hospital, parent=structure.central_unit))
        rule = RouteRule.objects.get(kind_id="hospital", role="collect")
        rule.target = "collector:national"
        save_route_rules([rule])
        raise RuntimeError("the caller fails after the change")
    assert stored.snapshot() == before
    assert collects_for(unit_coordinator, structure.hospital)


def test_a_failing_rebuild_undoes_the_change(structure, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RouteEntry.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        save_organisation(changed(structure.hospital, parent=structure.central_unit))
    assert Organisation.objects.get(code="HOSP21").parent_id == structure.rayong_unit.pk


# --- the importer ------------------------------------------------------------------------------

FILE = [
    # code, name_th, name_en, kind, parent_code, province_code, site, sector, collector, latitude, longitude
    ["OPDC", "สำนักงาน ก.พ.ร.", "OPDC", "department", "", "10", "", "", "national", "", ""],
    ["MOI", "กระทรวงมหาดไทย", "", "ministry", "", "10", "", "", "", "", ""],
    ["DOPA", "กรมการปกครอง", "", "department", "MOI", "10", "", "", "", "", ""],
    ["PO21", "สำนักงานจังหวัดระยอง", "", "provincial_office", "DOPA", "21", "", "", "", "", ""],
    ["PU21-HEALTH", "สำนักงานสาธารณสุขจังหวัดระยอง", "", "provincial_unit", "", "21", "", "", "", "", ""],
    ["HOSP21", "โรงพยาบาลระยอง", "", "hospital", "PU21-HEALTH", "21", "", "", "", "", ""],
]


def import_file(hospital=None):
    """Import FILE, with the hospital's row changed by the `hospital` columns."""
    rows = [list(r) for r in FILE]
    for column, value in (hospital or {}).items():
        rows[-1][COLUMNS.index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows([COLUMNS, *rows])
    return import_organisations(out.getvalue().encode(), "orgs.csv")


def test_import_reroutes_at_once(db, stored):
    assert import_file().ok
    unit, office = member(Organisation.objects.get(code="PU21-HEALTH")), member(Organisation.objects.get(code="PO21"))
    hospital = Organisation.objects.get(code="HOSP21")
    assert stored.collectors(hospital) == ["PU21-HEALTH", "PO21", "OPDC"]
    report = import_file({"kind": "provincial_unit", "parent_code": ""})
    assert report.updated == 1
    assert stored.collectors(hospital) == ["PO21", "OPDC"]
    assert collects_for(office, hospital) and not collects_for(unit, hospital)
    stored.assert_fresh()


def test_a_failing_import_leaves_organisations_and_routes_as_they_were(db, monkeypatch, stored):
    import phrom.orgs.services

    assert import_file().ok
    before = stored.snapshot()
    rebuild = phrom.orgs.services.rebuild_route_entries

    def rebuild_then_fail(*args):
        rebuild(*args)
        raise RuntimeError("the import fails after the routes were rebuilt")

    monkeypatch.setattr(phrom.orgs.services, "rebuild_route_entries", rebuild_then_fail)
    with pytest.raises(RuntimeError):
        import_file({"parent_code": "PO21"})
    assert stored.snapshot() == before
    assert Organisation.objects.get(code="HOSP21").parent.code == "PU21-HEALTH"
