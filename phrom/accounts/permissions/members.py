"""An agency's people: who may invite, change roles and remove, and who reads the history of it.

Seeing who the members are is can_view_members (orgs): collectors see the contacts of their agencies
but change nothing.
"""

from __future__ import annotations

from .relations import Role, is_administrator, is_member


def can_manage_members(user, org) -> bool:
    """Invite people, resend or cancel invitations, change roles, remove people: the agency's
    coordinators (and administrators)."""
    return is_member(user, org, Role.COORDINATOR) or is_administrator(user)


def can_view_member_history(user, org) -> bool:
    """The history of the agency's people: its own members (and administrators)."""
    return is_member(user, org) or is_administrator(user)


def can_view_export_log(user, org) -> bool:
    """Who downloaded the agency's plans with their team's contacts (phrom.privacy): its own members
    (and administrators)."""
    return is_member(user, org) or is_administrator(user)
