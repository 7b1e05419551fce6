"""Crisis mode: activating a plan, following an activation, answering an alert.

An activation holds the team's contacts and what the agency does in the crisis: it stays inside
the agency, whatever the plan's classification. The people alerted answer through their personal
signed link (phrom.crisis.tokens), not through an account.
"""

from __future__ import annotations

from .relations import Role, is_member


def can_activate_plan(user, org) -> bool:
    """Activate the agency's plan, tick its steps, close the activation: its BCP coordinators and its
    approvers (the head of the agency signs the plan, and may be the one who declares the crisis)."""
    return is_member(user, org, Role.COORDINATOR, Role.APPROVER)


def can_follow_activation(user, org) -> bool:
    """See an activation's board, who was alerted and answered, and its steps: the agency's members."""
    return is_member(user, org)
