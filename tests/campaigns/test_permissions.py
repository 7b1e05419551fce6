"""The campaign questions of phrom.accounts.permissions: the matrix of roles × relations, and the
access helpers built on them (403 outside the route, 409 inside it but not your turn)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from phrom.accounts import permissions as p
from phrom.accounts.models import Membership
from phrom.campaigns import access
from tests.factories import UserFactory
from tests.helpers.campaigns import send
from tests.helpers.people import member

R = Membership.Role
pytestmark = pytest.mark.django_db


@pytest.fixture
def users(structure):
    s = structure
    return {
        "unit_coordinator": member(s.rayong_unit, R.COORDINATOR),
        "unit_approver": member(s.rayong_unit, R.APPROVER),
        "unit_viewer": member(s.rayong_unit, R.VIEWER),
        "office_coordinator": member(s.rayong_office, R.COORDINATOR),
        "office_approver": member(s.rayong_office, R.APPROVER),
        "office_viewer": member(s.rayong_office, R.VIEWER),
        "other_office": member(s.chonburi_office, R.COORDINATOR),
        "opdc_coordinator": member(s.opdc, R.COORDINATOR),
        "opdc_viewer": member(s.opdc, R.VIEWER),
        "department": member(s.dms, R.COORDINATOR),
        "municipality": member(s.municipality, R.COORDINATOR),
        "child_hospital": member(s.hospital, R.COORDINATOR),
        "administrator": UserFactory(is_staff=True),
    }


# columns: review for the office, review for OPDC, follow up the office's part, manage OPDC's campaigns,
#          remind from the office, submit the unit's plan, approve it, view the unit's audit trail
MATRIX = {
    "unit_coordinator":   (False, False, False, False, False, True,  False, True),
    "unit_approver":      (False, False, False, False, False, True,  True,  True),
    "unit_viewer":        (False, False, False, False, False, False, False, True),
    "office_coordinator": (True,  False, True,  False, True,  False, False, False),
    "office_approver":    (True,  False, True,  False, True,  False, False, False),
    "office_viewer":      (False, False, True,  False, False, False, False, False),
    "other_office":       (False, False, False, False, False, False, False, False),
    "opdc_coordinator":   (False, True,  True,  True,  False, False, False, True),
    "opdc_viewer":        (False, False, True,  False, False, False, False, False),
    "department":         (False, False, False, False, False, False, False, False),
    "municipality":       (False, False, False, False, False, False, False, False),
    "child_hospital":     (False, False, False, False, False, False, False, False),
    "administrator":      (False, False, False, False, False, False, False, True),
}


@pytest.mark.parametrize("who", MATRIX)
def test_campaign_permissions(structure, users, who):
    s, user = structure, users[who]
    got = (
        p.can_review_at(user, s.rayong_unit, s.rayong_office),
        p.can_review_at(user, s.rayong_unit, s.opdc),
        p.can_follow_up(user, s.rayong_office),
        p.can_manage_campaign(user, s.opdc),
        p.can_send_reminders(user, s.rayong_office),
        p.can_submit(user, s.rayong_unit),
        p.can_approve_plan(user, s.rayong_unit),
        p.can_view_plan_audit(user, s.rayong_unit),
    )
    assert got == MATRIX[who]


def test_review_only_for_a_collector_on_the_route(structure, users):
    s = structure
    # The office is on the unit's route; it is not on the municipality's, nor on a central unit's (only informed).
    assert not p.can_review_at(users["office_coordinator"], s.municipality, s.rayong_office)
    assert not p.can_review_at(users["office_coordinator"], s.central_unit, s.rayong_office)
    assert p.can_review_at(users["department"], s.central_unit, s.dms)
    # A collector cannot review its own plan.
    assert not p.can_review_at(users["office_coordinator"], s.rayong_office, s.rayong_office)


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_reviewer_collector_403_outside_the_route_and_the_holder_inside(structure, people, users, national_campaign):
    sub = send(national_campaign, structure.rayong_unit, people)
    assert access.reviewer_collector(_request(users["office_approver"]), sub) == structure.rayong_office
    # OPDC is on the route but the plan is not with it yet: the service will answer 409.
    assert access.reviewer_collector(_request(users["opdc_coordinator"]), sub) == structure.opdc
    for who in ("other_office", "municipality", "department", "office_viewer", "opdc_viewer", "unit_approver",
                "child_hospital", "administrator"):
        with pytest.raises(PermissionDenied):
            access.reviewer_collector(_request(users[who]), sub)


def test_who_sees_a_submission_and_its_content(structure, people, users, national_campaign, unit_plan):
    from phrom.campaigns import services

    sub = services.submit(national_campaign, structure.rayong_unit, user=people.rayong_unit_coordinator, plan=unit_plan)
    # Waiting for the agency's approver: still inside the agency.
    assert p.can_see_submission(users["unit_viewer"], sub)
    assert not p.can_see_submission(users["office_coordinator"], sub)
    assert not p.can_see_submission(users["opdc_viewer"], sub)
    sub = services.approve(sub, user=people.rayong_unit_approver)
    for who in ("unit_viewer", "office_viewer", "opdc_viewer", "opdc_coordinator"):
        assert p.can_see_submission(users[who], sub) and p.can_read_submission(users[who], sub), who
    for who in ("other_office", "municipality", "department", "child_hospital", "administrator"):
        assert not p.can_see_submission(users[who], sub), who
        assert not p.can_read_submission(users[who], sub), who


def test_viewpoints(structure, users, national_campaign):
    assert access.viewpoints(users["office_viewer"], national_campaign) == [structure.rayong_office]
    assert access.viewpoints(users["opdc_viewer"], national_campaign) == [structure.opdc]
    assert access.viewpoints(users["municipality"], national_campaign) == []
    with pytest.raises(PermissionDenied):
        access.get_viewpoint(_request(users["municipality"]), national_campaign)
    with pytest.raises(PermissionDenied):
        access.get_viewpoint(_request(users["other_office"]), national_campaign, structure.rayong_office.code)
    # OPDC may look from any collector's side.
    assert access.get_viewpoint(_request(users["opdc_viewer"]), national_campaign, "PO21") == structure.rayong_office


def test_whoever_may_read_a_submission_may_see_it(structure, users):
    """access.get_submission_to_read asks can_read_submission first and can_see_submission only if not:
    that holds only while reading implies seeing, for every role and kind of submission."""
    s = structure
    for org in (s.rayong_unit, s.central_unit, s.municipality):
        for round_, declaration, sensitive in [(0, False, False), (1, False, False), (2, False, True), (1, True, True)]:
            sub = SimpleNamespace(organisation=org, round=round_, is_declaration=declaration,
                                  has_content=not declaration, plan=SimpleNamespace(is_sensitive=sensitive))
            for who, user in users.items():
                if p.can_read_submission(user, sub):
                    assert p.can_see_submission(user, sub), (who, org.code, round_, declaration, sensitive)


def test_a_submission_to_read_gives_both_answers(structure, people, users, national_campaign):
    sub = send(national_campaign, structure.rayong_unit, people)
    for who, user in users.items():
        seen, readable = p.can_see_submission(user, sub), p.can_read_submission(user, sub)
        if not seen:
            with pytest.raises(PermissionDenied):
                access.get_submission_to_read(_request(user), sub.pk)
            continue
        got, got_readable = access.get_submission_to_read(_request(user), sub.pk)
        assert (got.pk, got_readable) == (sub.pk, readable), who
