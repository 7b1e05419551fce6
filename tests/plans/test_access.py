"""Who may open which plan: drafts stay in the agency; of a sensitive plan only the title leaves it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from phrom.accounts.models import Membership
from phrom.accounts.permissions import can_view_plan_audit, listable_plans
from phrom.plans.access import get_plan_for_user
from phrom.plans.models import Plan
from tests.helpers.people import member

R = Membership.Role


def set_plan(plan, **fields):
    Plan.objects.filter(pk=plan.pk).update(**fields)
    plan.refresh_from_db()


@pytest.fixture
def users(structure):
    s = structure
    return {
        "own_coordinator": member(s.rayong_unit, R.COORDINATOR),
        "own_viewer": member(s.rayong_unit, R.VIEWER),
        "province_collector": member(s.rayong_office, R.COORDINATOR),
        "opdc": member(s.opdc, R.VIEWER),
        "municipality": member(s.municipality, R.COORDINATOR),
    }


# user -> (read draft, read submitted, read submitted sensitive, edit, listed when draft, listed when submitted)
# Outside the agency a submitted plan is listed, but its content is read as sent, through the
# campaign's submission (phrom.campaigns), not live here.
MATRIX = {
    "own_coordinator":    (True,  True,  True,  True,  True,  True),
    "own_viewer":         (True,  True,  True,  False, True,  True),
    "province_collector": (False, False, False, False, False, True),
    "opdc":               (False, False, False, False, False, True),
    "municipality":       (False, False, False, False, False, False),
}


def can(user, plan, write=False):
    try:
        get_plan_for_user(user, plan.pk, write=write)
        return True
    except PermissionDenied:
        return False


@pytest.mark.parametrize("who", MATRIX)
def test_plan_access_matrix(plan, users, who):
    user = users[who]
    read_draft = can(user, plan)
    listed_draft = listable_plans(user).filter(pk=plan.pk).exists()
    set_plan(plan, status="submitted")
    read_submitted = can(user, plan)
    listed_submitted = listable_plans(user).filter(pk=plan.pk).exists()
    set_plan(plan, classification="sensitive")
    read_sensitive = can(user, plan)
    got = (read_draft, read_submitted, read_sensitive, can(user, plan, write=True), listed_draft, listed_submitted)
    assert got == MATRIX[who]


def test_missing_plan_is_404(users):
    with pytest.raises(Http404):
        get_plan_for_user(users["own_coordinator"], 999999)


def test_anonymous_is_refused(plan):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        get_plan_for_user(AnonymousUser(), plan.pk)


def test_the_request_is_accepted_too(plan, users, rf):
    request = rf.get("/")
    request.user = users["own_viewer"]
    assert get_plan_for_user(request, plan.pk) == plan


def test_audit_trail_is_the_agencys_own(plan, users):
    set_plan(plan, status="submitted")
    assert can_view_plan_audit(users["own_viewer"], plan.organisation)
    assert not can_view_plan_audit(users["province_collector"], plan.organisation)
