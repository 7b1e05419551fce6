"""Reading an agency's people: who is in it, who is invited, and whether anyone can approve its plan."""

from __future__ import annotations

from phrom.accounts.models import Membership

from .models import Invitation


def members_of(org):
    return org.memberships.select_related("user").order_by("role", "user__first_name", "user__username")


def pending_invitations(org):
    return org.invitations.filter(state=Invitation.State.PENDING).select_related("invited_by")


def has_approver(org) -> bool:
    """Someone in the agency may approve its plan before it is sent (without one, a plan put forward
    waits for approval forever)."""
    return org.memberships.filter(role=Membership.Role.APPROVER).exists()
