"""What the campaigns record about a plan, asked in one place: when it was first sent, when it was
last accepted (printed as its date of approval: the plan keeps no such date), which version left
the agency last — and whether the plan has a given version at all.

Whoever asks about many plans (an export, a bundle of hundreds of plans) asks once for all of them:
each question over plans has a form that takes ids and costs one query.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Exists, IntegerField, OuterRef, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from phrom.plans.models import Plan, PlanAudit, PlanVersion

from .models import Submission, SubmissionEvent


class PlanDates(NamedTuple):
    submitted_on: datetime.date | None  # the first time the plan was sent, to any campaign
    accepted_on: datetime.date | None  # the last time a campaign accepted it


def accepted_on(sub: Submission) -> datetime.date | None:
    """The day the submission was accepted (Bangkok time), or None while it is not."""
    return _accepted_day(sub.state, sub.decided_at)


def _accepted_day(state: str, decided_at: datetime.datetime | None) -> datetime.date | None:
    if state == Submission.State.ACCEPTED and decided_at is not None:
        return timezone.localdate(decided_at)
    return None


class VersionDates(NamedTuple):
    sent_on: datetime.date | None  # first sent (approved by the agency's approver), to any campaign
    accepted_on: datetime.date | None  # last accepted by a campaign


def sent_dates(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], datetime.date]:
    """Of (plan id, version) pairs, those that were sent, each with the day it was first sent (Bangkok
    time): what the cover prints as the approval of the agency's head. One query."""
    pairs = set(pairs)
    if not pairs:
        return {}
    rows = SubmissionEvent.objects.filter(
        action=SubmissionEvent.Action.SENT, submission__plan_id__in={p for p, _ in pairs},
        version__in={v for _, v in pairs},
    ).order_by("-at", "-id").values_list("submission__plan_id", "version", "at")
    out = {(plan_id, version): timezone.localdate(at) for plan_id, version, at in rows}  # the earliest wins
    return {k: v for k, v in out.items() if k in pairs}


def version_dates(plan: Plan, version: int) -> VersionDates:
    """When the plan's `version` was first sent and last accepted (None for what did not happen)."""
    decided = (Submission.objects.filter(plan=plan, version=version, kind=Submission.Kind.PLAN,
                                         state=Submission.State.ACCEPTED, decided_at__isnull=False)
               .order_by("-decided_at").values_list("decided_at", flat=True).first())
    return VersionDates(sent_dates([(plan.pk, version)]).get((plan.pk, version)),
                        timezone.localdate(decided) if decided else None)


def plan_dates(plan_ids: Iterable[int]) -> dict[int, PlanDates]:
    """plan id -> its PlanDates, for every id given (both None for a plan never sent), in one query."""
    dates: dict[int, list] = {pk: [None, None] for pk in plan_ids}
    rows = Submission.objects.filter(plan_id__in=list(dates), kind=Submission.Kind.PLAN).values_list(
        "plan_id", "first_sent_at", "decided_at", "state"
    )
    for plan_id, first_sent, decided, state in rows:
        out = dates[plan_id]
        if first_sent is not None:
            day = timezone.localdate(first_sent)
            out[0] = day if out[0] is None else min(out[0], day)
        day = _accepted_day(state, decided)
        if day is not None:
            out[1] = day if out[1] is None else max(out[1], day)
    return {pk: PlanDates(*d) for pk, d in dates.items()}


def last_sent_versions(*, plans: Iterable[int] | None = None, submissions: Iterable[int] | None = None) -> dict[int, int]:
    """plan id (given `plans`) or submission id (given `submissions`) -> the version of its last
    'sent' event: what left the agency last (the agency may have edited the plan since). A plan with
    none has not left the agency and is absent: readers outside it never fall back to the live plan.

    For plans, an operator's import of a historical round with its state (the audit's
    `historical_version`, phrom.exchange.importer) counts as sent too, whichever came last."""
    if (plans is None) == (submissions is None):
        raise TypeError("give plans or submissions")
    if plans is not None:
        return {pk: version for pk, (version, _at) in last_sent(plans).items()}
    rows = SubmissionEvent.objects.filter(action=SubmissionEvent.Action.SENT, version__isnull=False,
                                          submission_id__in=list(submissions))
    return dict(rows.order_by("at", "id").values_list("submission_id", "version"))  # later events overwrite earlier ones


def last_sent(plans: Iterable[int]) -> dict[int, tuple[int, datetime.datetime]]:
    """plan id -> (version, when) of what left the agency last, as last_sent_versions counts it. One query."""
    plans = list(plans)
    rows = SubmissionEvent.objects.filter(action=SubmissionEvent.Action.SENT, version__isnull=False,
                                          submission__plan_id__in=plans)
    historical = PlanAudit.objects.filter(plan_id__in=plans, detail__has_key="historical_version").order_by().values_list(
        "plan_id", Cast(KT("detail__historical_version"), IntegerField()), "at")
    both = rows.order_by().values_list("submission__plan_id", "version", "at").union(historical, all=True).order_by("at")
    return {pk: (version, at) for pk, version, at in both}  # the last one wins


def has_version(plan: Plan, number: int) -> bool:
    """Did the plan exist at version `number` (from its first version to the one it is at now)?"""
    return number <= plan.revision and PlanVersion.objects.filter(plan=plan, number__lte=number).exists()


def awaits_approval(plan: Plan) -> bool:
    """The plan was put forward to a campaign and waits for its agency's approver. Its own status still
    says what happened before (draft, or returned), so the status words ask this first (plans/_status.html)."""
    return Submission.objects.filter(plan=plan, state=Submission.State.AWAITING_APPROVAL).exists()


def note_page_states(plan: Plan) -> None:
    """What a plan page asks of the plan's submissions, read in one query and kept on the plan:
    `awaits_approval_now` (awaits_approval: the status badge) and `returned_now` (one came back for
    correction: only then are the reviewers' comments read beside the editor)."""
    state = Submission.State
    found = set(Submission.objects.filter(plan=plan, state__in=(state.AWAITING_APPROVAL, state.RETURNED))
                .order_by().values_list("state", flat=True).distinct())
    plan.awaits_approval_now, plan.returned_now = state.AWAITING_APPROVAL in found, state.RETURNED in found


def with_awaits_approval(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """The plans with `awaits_approval_now` (awaits_approval for a list: asked in the plans' own query)."""
    waiting = Submission.objects.filter(plan=OuterRef("pk"), state=Submission.State.AWAITING_APPROVAL)
    return plans.annotate(awaits_approval_now=Exists(waiting))
