"""Plans: the live plan (the agency's own), the plan as sent (its collectors, informed offices,
OPDC), editing, approving, reviewing, importing, and the audit trail.

Drafts never leave the agency; nor does the content of a security-sensitive plan.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phrom.orgs.models import Organisation, RouteEntry
from phrom.plans.codes import Status
from phrom.plans.models import Plan

from .relations import (
    Role,
    _memberships,
    _org_id,
    collects_for,
    is_administrator,
    is_informed_of,
    is_member,
    is_national,
    is_national_reviewer,
    member_organisation_ids,
)


def can_read_live_plan(user, org) -> bool:
    """The live plan (its current draft and unsent edits included) is the agency's own. Outside the
    agency, content is read as it was sent (can_read_sent_plan): through the campaign's submission,
    which shows the frozen version and logs the read, or in a ZIP of sent plans."""
    return is_member(user, org)


def can_read_sent_plan(user, org, *, draft: bool = False, sensitive: bool = False) -> bool:
    """May the user read the content of the organisation's plan as it left the agency?

    The agency always; outside it, once sent (never a draft) and never a sensitive plan's content:
    its collectors, the offices its route informs, OPDC.
    """
    if is_member(user, org):
        return True
    if draft or sensitive:
        return False
    return is_national(user) or collects_for(user, org) or is_informed_of(user, org)


def can_edit_plan(user, org) -> bool:
    """Write the agency's plan (editors, uploads, Word import): its BCP coordinators."""
    return is_member(user, org, Role.COORDINATOR)


def can_approve_plan(user, org) -> bool:
    """Approve the agency's plan before it is sent: its approvers."""
    return is_member(user, org, Role.APPROVER)


def can_review_plan(user, org) -> bool:
    """Return or accept a submitted plan: coordinators and approvers of a collector on its route."""
    ids = _reviewing_organisations(user, org)
    return bool(ids) and RouteEntry.objects.filter(organisation_id=_org_id(org), target_id__in=ids, role="collect").exists()


def _reviewing_organisations(user, org) -> list[int]:
    """The user's organisations that review the organisation's plan when they are on its route: those it
    coordinates or approves for, none if it does so in the organisation itself."""
    ids = [pk for pk, role in _memberships(user).items() if role in (Role.COORDINATOR, Role.APPROVER)]
    return [] if _org_id(org) in ids else ids


def can_import_plans(user) -> bool:
    """Use the exchange import at all: administrators, and BCP coordinators of any agency (each plan
    in the file is then checked with can_import_plan)."""
    return is_administrator(user) or Role.COORDINATOR in _memberships(user).values()


def can_import_plan(user, org) -> bool:
    """Write the organisation's plan from an exchange file: administrators and its BCP coordinators."""
    return is_administrator(user) or can_edit_plan(user, org)


def can_import_plan_states(user) -> bool:
    """Import a plan with a state other than draft (a historical round migrated): administrators, and
    the server's operator (the command line without --user). Anyone else's plans get their state from
    campaigns only: a coordinator must not make its own plan "accepted"."""
    return is_administrator(user)


def can_view_plan_audit(user, org) -> bool:
    """The audit trail of the organisation's plan (changes, status changes, reads from outside): the
    agency itself, administrators, OPDC's coordinators and approvers. Outside the agency the details
    of a sensitive plan's entries are hidden (can_see_audit_details)."""
    return is_member(user, org) or is_administrator(user) or is_national_reviewer(user)


def can_see_audit_details(user, org, *, sensitive: bool) -> bool:
    """An audit entry's details (file names, change counts) of a security-sensitive plan stay in the agency."""
    return is_member(user, org) or not sensitive


def organisations_with_readable_plans(user) -> QuerySet[Organisation]:
    """Organisations whose sent, non-sensitive plans the user may read (the bulk form of
    can_read_sent_plan), as one queryset."""
    if is_national(user):
        return Organisation.objects.all()
    ids = member_organisation_ids(user)
    # A subquery rather than a join on the routes: PostgreSQL answers it from the index on the route's
    # target instead of walking every route (~10 ms), and nothing is doubled, so no DISTINCT.
    on_route = RouteEntry.objects.filter(target_id__in=ids).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=ids) | Q(pk__in=on_route))


def listable_plans(user) -> QuerySet[Plan]:
    """Plans whose title and existence the user may see: all of their own organisations', others'
    once sent. Their content is opened here only with can_read_live_plan."""
    if not (user and user.is_authenticated):
        return Plan.objects.none()
    outside = organisations_with_readable_plans(user).values("pk")
    return Plan.objects.filter(
        Q(organisation_id__in=member_organisation_ids(user)) | (Q(organisation_id__in=outside) & ~Q(status=Status.DRAFT))
    ).select_related("organisation__kind")
