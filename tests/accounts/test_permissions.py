"""The permission matrix: roles × relations between a user's organisation and a plan's."""

import pytest

from phrom.accounts import permissions as p
from phrom.accounts.models import Membership
from tests.helpers.people import member

R = Membership.Role


@pytest.fixture
def users(structure):
    s = structure
    return {
        "own_coordinator": member(s.rayong_unit, R.COORDINATOR),
        "own_approver": member(s.rayong_unit, R.APPROVER),
        "own_viewer": member(s.rayong_unit, R.VIEWER),
        "province_collector": member(s.rayong_office, R.COORDINATOR),
        "other_province": member(s.chonburi_office, R.COORDINATOR),
        "opdc": member(s.opdc, R.VIEWER),
        "municipality": member(s.municipality, R.COORDINATOR),
        "child_hospital": member(s.hospital, R.COORDINATOR),
    }


# rows: user; columns: read accepted, read draft, read sensitive, edit, approve, review
MATRIX = {
    "own_coordinator":    (True,  True,  True,  True,  False, False),
    "own_approver":       (True,  True,  True,  False, True,  False),
    "own_viewer":         (True,  True,  True,  False, False, False),
    "province_collector": (True,  False, False, False, False, True),
    "other_province":     (False, False, False, False, False, False),
    "opdc":               (True,  False, False, False, False, False),
    "municipality":       (False, False, False, False, False, False),
    "child_hospital":     (False, False, False, False, False, False),
}


@pytest.mark.parametrize("who", MATRIX)
def test_plan_permissions_of_a_provincial_unit(structure, users, who):
    user, org = users[who], structure.rayong_unit
    got = (
        p.can_read_sent_plan(user, org),
        p.can_read_sent_plan(user, org, draft=True),
        p.can_read_sent_plan(user, org, sensitive=True),
        p.can_edit_plan(user, org),
        p.can_approve_plan(user, org),
        p.can_review_plan(user, org),
    )
    assert got == MATRIX[who]


def test_opdc_reviews_by_rollup(structure):
    opdc_coordinator = member(structure.opdc, R.COORDINATOR)
    assert p.can_review_plan(opdc_coordinator, structure.hospital)  # hospital → unit → province → OPDC


def test_informed_office_reads_but_does_not_review(structure):
    office = member(structure.rayong_office, R.COORDINATOR)
    assert p.can_read_sent_plan(office, structure.central_unit)
    assert not p.can_review_plan(office, structure.central_unit)
    assert not p.can_read_sent_plan(office, structure.central_unit, draft=True)


def test_parent_department_collects_central_unit(structure):
    dms = member(structure.dms, R.APPROVER)
    assert p.can_review_plan(dms, structure.central_unit)
    assert not p.can_review_plan(dms, structure.rayong_unit)


def test_bma_disaster_office_collects_districts_not_municipalities(structure):
    dpm = member(structure.bma_disaster, R.COORDINATOR)
    assert p.can_review_plan(dpm, structure.bma_district)
    assert not p.can_review_plan(dpm, structure.municipality)


def test_anonymous_sees_nothing(structure):
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    assert not p.can_view_organisation(anon, structure.moi)
    assert not p.can_read_sent_plan(anon, structure.moi)


def test_readable_organisations(structure, users):
    readable = set(p.organisations_with_readable_plans(users["province_collector"]).values_list("code", flat=True))
    assert readable == {"PO21", "PU21-HEALTH", "HOSP21", "CU21-DMS"}
    assert p.organisations_with_readable_plans(users["opdc"]).count() == 14


def test_members_visible_to_collectors_not_strangers(structure, users):
    assert p.can_view_members(users["province_collector"], structure.rayong_unit)
    assert not p.can_view_members(users["municipality"], structure.rayong_unit)
