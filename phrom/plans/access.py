"""Fetching a plan for a user: every plan view and API endpoint starts here. The questions are
phrom.accounts.permissions (can_read_live_plan, can_edit_plan; listable_plans for lists)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions

from .models import Plan


def get_plan_for_user(request_or_user, pk, write: bool = False, related: tuple[str, ...] = ()) -> Plan:
    """The plan, if the user may read its live content (or, with write=True, edit it); else PermissionDenied.
    `related`: more relations the page shows, read in the same query."""
    user = getattr(request_or_user, "user", request_or_user)
    if not (user and user.is_authenticated):
        raise PermissionDenied
    plan = get_object_or_404(Plan.objects.select_related("organisation__kind", *related), pk=pk)
    allowed = permissions.can_edit_plan if write else permissions.can_read_live_plan
    if not allowed(user, plan.organisation):
        raise PermissionDenied
    return plan
