"""Access helpers for plans: every plan view and API endpoint starts with one of these.

Drafts never leave the agency; of a security-sensitive plan only the title and its existence do.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions
from phrom.accounts.permissions import _memberships

from .codes import Status
from .models import Plan


def _user(request_or_user):
    return getattr(request_or_user, "user", request_or_user)


def get_plan_for_user(request_or_user, pk, write: bool = False) -> Plan:
    """The plan, if the user may read its content (or, with write=True, edit it); else PermissionDenied."""
    user = _user(request_or_user)
    if not (user and user.is_authenticated):
        raise PermissionDenied
    plan = get_object_or_404(Plan.objects.select_related("organisation__kind"), pk=pk)
    if write:
        if not permissions.can_edit_plan(user, plan.organisation):
            raise PermissionDenied
    elif not can_read_plan_content(user, plan):
        raise PermissionDenied
    return plan


def can_read_plan_content(user, plan: Plan) -> bool:
    """The live plan (its current draft included) is the agency's own. Outside the agency, content
    is read as it was sent: through the campaign's submission, which shows the frozen version and
    logs the read (phrom.campaigns), or in a ZIP of sent plans (phrom.bundles)."""
    return permissions.is_member(user, plan.organisation)


def can_see_plan_exists(user, plan: Plan) -> bool:
    """Title and existence: the agency itself, and outside readers once the plan has left the agency."""
    return permissions.can_read_plan(user, plan.organisation, draft=plan.is_draft)


def can_see_audit(user, plan: Plan) -> bool:
    """The audit trail is the agency's own record."""
    return permissions.is_member(user, plan.organisation)


def listable_plans(user) -> QuerySet[Plan]:
    """Plans whose existence the user may see: all of their own organisations', others' once submitted."""
    if not (user and user.is_authenticated):
        return Plan.objects.none()
    own = list(_memberships(user).keys())
    outside = permissions.organisations_with_readable_plans(user).values("pk")
    return Plan.objects.filter(
        Q(organisation_id__in=own) | (Q(organisation_id__in=outside) & ~Q(status=Status.DRAFT))
    ).select_related("organisation__kind")


def content_readable_in_list(user, plan: Plan) -> bool:
    """For a listed plan (see listable_plans): may its live content be opened here?"""
    return can_read_plan_content(user, plan)
