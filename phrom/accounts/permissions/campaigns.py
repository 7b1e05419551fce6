"""Submission campaigns: managing and following them, sending a plan, reviewing it, and reading a
submission. A declaration (title and date of a security-sensitive plan) has no content to read."""

from __future__ import annotations

from phrom.campaigns.models import Submission
from phrom.orgs.models import RouteEntry

from .plans import _reviewing_organisations, can_read_sent_plan
from .relations import Role, _org_id, collects_for, is_member, is_national


def _collects_plans(org) -> bool:
    """The organisation is a collector: flagged as one, or on some agency's route as a collector."""
    if not isinstance(org, int) and org.collector:
        return True
    return RouteEntry.objects.filter(target_id=_org_id(org), role="collect").exists()


def can_manage_campaign(user, collector) -> bool:
    """Open, change and close the collector's campaigns: its coordinators and approvers (an agency that
    collects nobody's plans opens none)."""
    return is_member(user, collector, Role.COORDINATOR, Role.APPROVER) and _collects_plans(collector)


def can_follow_up(user, collector) -> bool:
    """See a campaign from a collector's side (inbox, who has sent, who is late): its members, and OPDC."""
    return is_member(user, collector) or is_national(user)


def can_send_reminders(user, collector) -> bool:
    """Remind the agencies a collector is waiting for: its coordinators and approvers."""
    return is_member(user, collector, Role.COORDINATOR, Role.APPROVER)


def can_open_agency_page(user, org) -> bool:
    """The agency's own page of a campaign (what it sent, what came back): its members."""
    return is_member(user, org)


def can_submit(user, org) -> bool:
    """Put the agency's plan (or declaration) forward to a campaign: its coordinators and approvers."""
    return is_member(user, org, Role.COORDINATOR, Role.APPROVER)


def can_review_at(user, org, collector, route=()) -> bool:
    """Return or accept the organisation's plan on behalf of `collector`, one of the collectors on its route.
    `route`: collectors the caller has just read from that route (they need not be asked about again)."""
    # can_review_plan narrowed to `collector`: one route question, not two.
    if _org_id(collector) not in _reviewing_organisations(user, org):
        return False
    if any(_org_id(c) == _org_id(collector) for c in route):
        return True
    return RouteEntry.objects.filter(organisation_id=_org_id(org), target_id=_org_id(collector), role="collect").exists()


def can_see_submission(user, sub) -> bool:
    """That the submission exists (its title, state and history): the agency; once sent, whoever may
    read the sent plan, and for a declaration the collectors on its route and OPDC."""
    org = sub.organisation
    if is_member(user, org):
        return True
    if sub.round == 0:  # never sent: still inside the agency
        return False
    if sub.is_declaration:
        return is_national(user) or collects_for(user, org)
    return can_read_sent_plan(user, org)


def can_see_internal_steps(user, org) -> bool:
    """The agency's own deliberation in its submissions' history (asked the approver, did not approve,
    and their comments) and the IP addresses in its histories and audit trails: its members only.
    Collectors and OPDC see what was sent and the review, and nobody's address."""
    return is_member(user, org)


def can_read_submission(user, sub) -> bool:
    """The frozen plan itself: never a declaration's, never before it was first sent, and a sensitive
    plan's content never leaves the agency."""
    if not sub.has_content:
        return False
    if is_member(user, sub.organisation):
        return True
    return sub.round > 0 and can_read_sent_plan(user, sub.organisation, sensitive=sub.plan.is_sensitive)


def can_review_now(user, sub, route=()) -> bool:
    """The submission is in review with a collector the user reviews for (`route`: as can_review_at)."""
    return (
        sub.state == Submission.State.IN_REVIEW and sub.holder_id is not None
        and can_review_at(user, sub.organisation, sub.holder, route)
    )
