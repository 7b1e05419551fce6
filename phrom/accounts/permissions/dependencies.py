"""Dependencies between plans: who sees which recovery gaps, who sees who depends on a process.

Only sent, non-sensitive plans take part for anyone outside an agency (phrom.dependencies reads
nothing else); a sensitive plan's dependencies serve its own agency's findings only.
"""

from __future__ import annotations

from phrom.orgs.models import RouteEntry, RouteRule

from .plans import can_edit_plan, organisations_with_readable_plans
from .relations import collects_for, is_member, is_national, member_organisation_ids


def can_see_gap_list(user) -> bool:
    """The list of recovery gaps across agencies: OPDC and the collectors (for the agencies on their routes)."""
    if not (user and user.is_authenticated):
        return False
    return is_national(user) or RouteEntry.objects.filter(
        target_id__in=member_organisation_ids(user), role=RouteRule.Role.COLLECT).exists()


def gap_list_organisation_ids(user) -> set[int]:
    """The agencies whose gaps the user sees: their own and those whose sent plans they may read."""
    return set(organisations_with_readable_plans(user).values_list("pk", flat=True))


def can_see_dependants(user, org) -> bool:
    """Who depends on the agency's processes (agencies and their RTOs): the agency itself, its
    collectors, OPDC."""
    return is_member(user, org) or is_national(user) or collects_for(user, org)


def can_pick_dependencies(user, org) -> bool:
    """Declare the agency's dependencies, picking among other agencies' sent processes: its BCP coordinators."""
    return can_edit_plan(user, org)
