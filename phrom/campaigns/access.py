"""Fetching campaigns, submissions and organisations for a user: every campaign view and API
endpoint starts with one of these (PermissionDenied = 403).

The questions themselves are phrom.accounts.permissions functions (permissions/campaigns.py); these
helpers find the objects and ask them: seeing a submission is permissions.can_see_submission,
reading its content permissions.can_read_submission, acting as a reviewer permissions.can_review_at
the collector holding it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions
from phrom.orgs.models import Organisation

from . import targets as T
from .models import Campaign, Submission, SubmissionEvent


def signed_in(request_or_user):
    user = getattr(request_or_user, "user", request_or_user)
    if not (user and user.is_authenticated):
        raise PermissionDenied
    return user


def user_organisations(user) -> list[Organisation]:
    ids = permissions.member_organisation_ids(user)
    return list(Organisation.objects.filter(pk__in=ids).select_related("kind").order_by("code"))


def get_campaign(request, pk) -> Campaign:
    """A campaign's request (title, deadline, requirements) is addressed to agencies: every signed-in user."""
    user = signed_in(request)
    # Its kinds and scenarios: read when asked, once (Campaign.kind_codes, scenario_codes).
    campaign = get_object_or_404(Campaign.objects.select_related("collector__kind", "subtree"), pk=pk)
    if not permissions.can_view_organisation(user, campaign.collector):
        raise PermissionDenied
    return campaign


def get_campaign_to_manage(request, pk) -> Campaign:
    campaign = get_campaign(request, pk)
    if not permissions.can_manage_campaign(request.user, campaign.collector):
        raise PermissionDenied
    return campaign


def collector_to_manage(request, code: str) -> Organisation:
    signed_in(request)
    org = get_object_or_404(Organisation, code=code)
    if not permissions.can_manage_campaign(request.user, org):
        raise PermissionDenied
    return org


def managed_collectors(user) -> list[Organisation]:
    return [o for o in user_organisations(user) if permissions.can_manage_campaign(user, o)]


def viewpoints(user, campaign: Campaign) -> list[Organisation]:
    """The collectors from whose side the user may see the campaign (their own; OPDC also the campaign's)."""
    own = [o for o in T.viewpoints_for(campaign, user_organisations(user)) if permissions.can_follow_up(user, o)]
    if not own and permissions.is_national(user):
        own = [campaign.collector]
    return own


def get_viewpoint(request, campaign: Campaign, code: str | None = None, options: list[Organisation] | None = None
                  ) -> Organisation:
    """The collector whose inbox and follow-up the user is looking at (`code`, or their first).
    `options`: the user's viewpoints(), when the page has them already (one of them needs no more question)."""
    user = signed_in(request)
    if code and options:
        for org in options:
            if org.code == code:
                return org
    if code:
        org = get_object_or_404(Organisation, code=code)
        if not (permissions.can_follow_up(user, org) and T.is_viewpoint(campaign, org)):
            raise PermissionDenied
        return org
    if options is None:
        options = viewpoints(user, campaign)
    if not options:
        raise PermissionDenied
    return options[0]


def get_agency(request, campaign: Campaign, code: str) -> Organisation:
    """An agency's own page for the campaign: its members only."""
    user = signed_in(request)
    org = get_object_or_404(Organisation, code=code)
    if not permissions.can_open_agency_page(user, org):
        raise PermissionDenied
    return org


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_submission(request, pk) -> Submission:
    """The submission, if the user may see that it exists: the agency, and whoever may read its plan."""
    return get_submission_to_read(request, pk)[0]


def get_submission_to_read(request, pk) -> tuple[Submission, bool]:
    """get_submission(), and whether the user may also read the plan sent (permissions.can_read_submission).
    Whoever may read it may see that it exists (tests/campaigns/test_permissions.py holds that for every
    role): asked in that order, the route is asked once, not once for each question."""
    user = signed_in(request)
    sub = get_object_or_404(
        Submission.objects.select_related("campaign__collector", "organisation__kind", "organisation__province",
                                          "holder", "plan"),
        pk=pk,
    )
    readable = permissions.can_read_submission(user, sub)
    if not (readable or permissions.can_see_submission(user, sub)):
        raise PermissionDenied
    if sub.plan_id:
        sub.plan.organisation = sub.organisation  # its plan is the agency's own: not read again for the checks
    return sub, readable


def reviewer_collector(request, sub: Submission) -> Organisation:
    """The collector on whose behalf the user reviews: the one holding the submission if the user is
    one of its reviewers, else another collector of the route they review for (the service then says
    it is not with them: 409). Users reviewing for no collector of the route get 403."""
    user = signed_in(request)
    route = T.stage_collectors(sub.campaign, sub.organisation)
    mine = [c for c in route if permissions.can_review_at(user, sub.organisation, c, route=route)]
    if not mine:
        raise PermissionDenied
    for c in mine:
        if c.pk == sub.holder_id:
            return c
    return mine[0]


def get_audit_subject(request, sub: Submission) -> Submission:
    """The submission, if the user may read its plan's audit trail."""
    if not permissions.can_view_plan_audit(request.user, sub.organisation):
        raise PermissionDenied
    return sub


def audit_details_visible(user, sub: Submission) -> bool:
    return permissions.can_see_audit_details(user, sub.organisation, sensitive=bool(sub.plan_id and sub.plan.is_sensitive))


# The agency's own deliberation before anything leaves it.
INTERNAL_STEPS = (SubmissionEvent.Action.REQUESTED, SubmissionEvent.Action.DECLINED)


def history(user, sub: Submission):
    """The submission's events the user may see, oldest first: outside the agency not its internal
    steps (permissions.can_see_internal_steps); whoever shows them hides the addresses likewise."""
    events = sub.events.select_related("organisation", "target", "user").order_by("at", "id")
    if not permissions.can_see_internal_steps(user, sub.organisation):
        events = events.exclude(action__in=INTERNAL_STEPS)
    return events
