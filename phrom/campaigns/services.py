"""Every change of a campaign or a submission, one function each.

Each function checks that the change is allowed now, makes it, writes its history (SubmissionEvent,
and PlanAudit for the plan) and queues the e-mails it causes (Notice), all in one transaction.
Permissions are checked by the callers (views and API, through phrom.campaigns.access); these
functions check the state: a closed campaign, a submission already sent, blocking findings, a
submission that another reviewer has just acted on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from phrom.accounts.models import Membership
from phrom.core.errors import PhromError
from phrom.core.messages import both_each, label_pair
from phrom.core.thaidates import format_date
from phrom.documents.tasks import print_when_sent
from phrom.orgs.models import Organisation
from phrom.plans.checker import CODES
from phrom.plans.codes import Status as PlanStatus
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import set_status as set_plan_status

from . import targets as T
from .checks import Readiness, check_version
from .models import (
    COMMENT_COMPONENTS,
    GENERAL,
    Campaign,
    Notice,
    ReviewComment,
    Stage,
    Submission,
    SubmissionEvent,
)

State = Submission.State
Action = SubmissionEvent.Action
Role = Membership.Role

MAX_REMINDER_DAYS = 366
REMINDER_RANGE = gettext_noop("Reminder days must be within a year of the deadline.")


class CampaignError(PhromError):
    """A refused change of a campaign or a submission; `findings` lists what blocks a plan from being sent."""

    def __init__(self, code: str, msgid: str = "", /, *, findings=None, **kwargs):
        self.findings = findings or []
        super().__init__(code, msgid, details={"findings": self.findings} if self.findings else None, **kwargs)


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _username(user) -> str:
    return user.get_username() if _user(user) else ""


# --------------------------------------------------------------------------- campaigns


def _clean_campaign_fields(fields: dict) -> dict:
    codes = fields.get("blocking_codes")
    if codes is not None:
        unknown = sorted(set(codes) - set(CODES))
        if unknown:
            raise CampaignError("invalid", gettext_noop("Unknown checker codes: {codes}."), field="blocking_codes",
                                codes=", ".join(unknown))
        fields["blocking_codes"] = sorted(set(codes))
    days = fields.get("reminder_days")
    if days is not None:
        try:
            days = sorted({int(d) for d in days})
        except (TypeError, ValueError):
            raise CampaignError("invalid", gettext_noop("Reminder days must be whole numbers."),
                                field="reminder_days") from None
        if any(abs(d) > MAX_REMINDER_DAYS for d in days):
            raise CampaignError("invalid", REMINDER_RANGE, field="reminder_days")
        fields["reminder_days"] = days
    return fields


def create_campaign(collector: Organisation, *, user, title: str, fiscal_year: int, deadline: datetime.date,
                    kinds: Iterable = (), subtree: Organisation | None = None, required_scenarios: Iterable = (),
                    attachment_required: bool = False, blocking_codes=None, reminder_days=None,
                    description: str = "") -> Campaign:
    fields = _clean_campaign_fields({"blocking_codes": blocking_codes, "reminder_days": reminder_days})
    with transaction.atomic():
        campaign = Campaign(
            collector=collector, title=title.strip(), fiscal_year=fiscal_year, deadline=deadline,
            subtree=subtree, attachment_required=attachment_required, description=description,
            created_by=_user(user),
        )
        if fields["blocking_codes"] is not None:
            campaign.blocking_codes = fields["blocking_codes"]
        if fields["reminder_days"] is not None:
            campaign.reminder_days = fields["reminder_days"]
        campaign.save()
        campaign.kinds.set(kinds)
        campaign.required_scenarios.set(required_scenarios)
        transaction.on_commit(_schedule_daily_reminders)
    return campaign


CAMPAIGN_FIELDS = {
    "title", "fiscal_year", "deadline", "subtree", "attachment_required", "blocking_codes", "reminder_days",
    "description",
}


def update_campaign(campaign: Campaign, *, user, kinds=None, required_scenarios=None, **fields) -> Campaign:
    unknown = set(fields) - CAMPAIGN_FIELDS
    if unknown:
        raise TypeError(f"unknown campaign fields {sorted(unknown)}")
    _clean_campaign_fields(fields)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        for name, value in fields.items():
            if value is not None or name == "subtree":
                setattr(locked, name, value)
        locked.save()
        if kinds is not None:
            locked.kinds.set(kinds)
        if required_scenarios is not None:
            locked.required_scenarios.set(required_scenarios)
    return locked


def close_campaign(campaign: Campaign, *, user) -> Campaign:
    """No more sending; collectors can still finish their reviews."""
    Campaign.objects.filter(pk=campaign.pk).update(is_open=False, closed_at=timezone.now())
    campaign.refresh_from_db()
    return campaign


def reopen_campaign(campaign: Campaign, *, user) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk).update(is_open=True, closed_at=None)
    campaign.refresh_from_db()
    transaction.on_commit(_schedule_daily_reminders)
    return campaign


# --------------------------------------------------------------------------- helpers


def member_emails(org_ids: Iterable[int], roles: Iterable[str]) -> dict[int, list[str]]:
    """organisation id -> e-mail addresses of its active members with those roles."""
    out: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=list(org_ids), role__in=list(roles), user__is_active=True)
        .exclude(user__email="")
        .order_by("organisation_id", "user__email")
        .values_list("organisation_id", "user__email")
    )
    for org_id, email in rows:
        if email not in out.setdefault(org_id, []):
            out[org_id].append(email)
    return out


def _event(sub: Submission, *, user, org: Organisation, action: str, from_state: str, target=None,
           comment: str = "", ip=None) -> SubmissionEvent:
    event = SubmissionEvent.objects.create(
        submission=sub, user=_user(user), username=_username(user), organisation=org, action=action,
        from_state=from_state, to_state=sub.state, target=target, version=sub.version, round=sub.round,
        comment=comment, ip=ip or None,
    )
    if sub.plan_id:
        PlanAudit.objects.create(
            plan_id=sub.plan_id, user=_user(user), username=_username(user), ip=ip or None,
            action=PlanAudit.Action.STATUS, version=sub.version,
            detail={
                "campaign": sub.campaign_id, "campaign_title": sub.campaign.title, "submission": sub.pk,
                "event": action, "from": from_state, "to": sub.state, "by": org.code,
                **({"to_organisation": target.code} if target is not None else {}),
            },
        )
    return event


def _notify(sub: Submission, event: SubmissionEvent, roles: Iterable[str]) -> Notice | None:
    recipients = member_emails([sub.organisation_id], roles).get(sub.organisation_id, [])
    if not recipients:
        return None
    notice = Notice.objects.create(submission=sub, event=event, recipients=recipients)
    transaction.on_commit(_schedule_delivery)
    return notice


def _mirror_plan_status(sub: Submission, status: str) -> None:
    """The plan's own status follows its latest submission (submitted, returned, accepted)."""
    if sub.plan_id:
        set_plan_status(sub.plan_id, status)


def _schedule_delivery():
    from .tasks import deliver_mail

    deliver_mail.enqueue()


def _schedule_daily_reminders():
    from .tasks import schedule_daily_reminders

    schedule_daily_reminders()


def _refuse_if_closed(campaign: Campaign):
    if not campaign.is_open:
        raise CampaignError("campaign_closed", title=campaign.title)


def _save(sub: Submission, expected_lock: int, **changes) -> None:
    """Write the changes only if nobody changed the submission since it was read (and bump `lock`)."""
    changes["lock"] = expected_lock + 1
    if Submission.objects.filter(pk=sub.pk, lock=expected_lock).update(**changes) != 1:
        raise _conflict(sub)
    for name, value in changes.items():
        setattr(sub, name, value)


def _conflict(sub: Submission) -> CampaignError:
    """The submission moved on since the user saw it: say who did what, and when."""
    last = SubmissionEvent.objects.filter(submission_id=sub.pk).select_related("organisation").order_by("-at", "-id").first()
    if last is None:
        return CampaignError("conflict")
    action_th, action_en = label_pair(SubmissionEvent.Action(last.action).label)
    with translation.override("th"):
        at_th = format_date(last.at, with_time=True)
    with translation.override("en"):
        at_en = format_date(last.at, with_time=True)
    who = last.username or "-"
    messages = both_each(
        gettext_noop("This submission has changed since you opened it: {who} ({org}) {action} on {at}. "
                     "Your action was not saved: reload the page to see where it stands."),
        {"who": who, "org": last.organisation.name_th, "action": action_th, "at": at_th},
        {"who": who, "org": last.organisation.name_en or last.organisation.name_th, "action": action_en, "at": at_en},
    )
    return CampaignError("conflict", messages=messages)


def _for_update():
    # Lock the submission row only (PostgreSQL cannot lock the nullable side of the join to the plan).
    return Submission.objects.select_for_update(of=("self",)).select_related("campaign", "organisation", "plan")


def _locked(sub: Submission) -> Submission:
    return _for_update().get(pk=sub.pk)


# --------------------------------------------------------------------------- the agency's side


def readiness(campaign: Campaign, plan: Plan, version: int | None = None, *,
              route: list[Organisation] | None = None) -> Readiness:
    return check_version(campaign, plan, version or plan.revision, route=route)


def _check_plan_can_go(campaign: Campaign, org: Organisation, plan: Plan, version: int) -> Readiness:
    if plan.organisation_id != org.pk:
        raise CampaignError("wrong_plan")
    plan.organisation = org  # the same row, not read again for the checks
    if plan.is_sensitive:
        raise CampaignError("sensitive_plan")
    if not version:
        raise CampaignError("empty_plan")
    ready = check_version(campaign, plan, version)
    if ready.blocking:
        raise CampaignError("blocked", findings=[f.as_dict() for f in ready.blocking], n=len(ready.blocking))
    if ready.attachment_missing:
        raise CampaignError("attachment_missing")
    return ready


def _refuse_if_pending(sub: Submission):
    if sub.state == State.IN_REVIEW:
        raise CampaignError("already_sent", org=sub.holder.name_th if sub.holder_id else "-")
    if sub.state == State.ACCEPTED:
        raise CampaignError("already_accepted")
    if sub.state == State.DECLARED:
        raise CampaignError("already_declared")


def _open_submission(campaign: Campaign, org: Organisation, kind: str) -> tuple[Submission, bool]:
    """The agency's submission of that kind, locked, created if needed (a row this transaction inserts
    is its own until it commits: not read again)."""
    sub = _for_update().filter(campaign=campaign, organisation=org, kind=kind).first()
    if sub is not None:
        return sub, False
    try:
        with transaction.atomic():
            sub = Submission.objects.create(campaign=campaign, organisation=org, kind=kind,
                                            state=State.AWAITING_APPROVAL, title="")
    except IntegrityError:  # created by someone else at the same moment
        raise CampaignError("conflict") from None
    return sub, True


def request_approval(campaign: Campaign, org: Organisation, *, user, plan: Plan, ip=None) -> Submission:
    """The coordinator puts the plan's current version forward; the agency's approver must approve it."""
    if not T.is_target(campaign, org):
        raise CampaignError("not_a_target", org=org.name_th)
    with transaction.atomic():
        _refuse_if_closed(campaign)
        # The submission is locked before the plan, the order of every other change of a submission
        # (approve, review: the plan's status follows): a coordinator sending again while the approver
        # approves waits for it, where the opposite order deadlocked (found by bench/deadline_day.py).
        sub, _created = _open_submission(campaign, org, Submission.Kind.PLAN)
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        _check_plan_can_go(campaign, org, plan, plan.revision)
        _refuse_if_pending(sub)
        before = sub.state if not _created else ""
        _save(sub, sub.lock, state=State.AWAITING_APPROVAL, plan=plan, version=plan.revision, title=plan.title,
              reviewed_on=plan.reviewed_on, requested_at=timezone.now())
        event = _event(sub, user=user, org=org, action=Action.REQUESTED, from_state=before, ip=ip)
        _notify(sub, event, [Role.APPROVER])
    return sub


def request_declaration(campaign: Campaign, org: Organisation, *, user, title: str, reviewed_on: datetime.date | None,
                        plan: Plan | None = None, ip=None) -> Submission:
    """The agency declares a security-sensitive plan: its title, that it exists, when it was last reviewed."""
    title = (title or "").strip()
    if not title:
        raise CampaignError("invalid", gettext_noop("Give the title of the plan."), field="title")
    if reviewed_on and reviewed_on > timezone.localdate():
        raise CampaignError("invalid", gettext_noop("The date of the last review cannot be in the future."),
                            field="reviewed_on")
    if plan is not None and (plan.organisation_id != org.pk or not plan.is_sensitive):
        raise CampaignError("wrong_plan", gettext_noop("Only a security-sensitive plan of the agency itself can be declared."),
                            status=400)
    if not T.is_target(campaign, org):
        raise CampaignError("not_a_target", org=org.name_th)
    with transaction.atomic():
        _refuse_if_closed(campaign)
        sub, _created = _open_submission(campaign, org, Submission.Kind.DECLARATION)
        _refuse_if_pending(sub)
        before = sub.state if not _created else ""
        _save(sub, sub.lock, state=State.AWAITING_APPROVAL, plan=plan, version=None, title=title[:500],
              reviewed_on=reviewed_on, requested_at=timezone.now())
        event = _event(sub, user=user, org=org, action=Action.REQUESTED, from_state=before, ip=ip)
        _notify(sub, event, [Role.APPROVER])
    return sub


def decline(sub: Submission, *, user, comment: str = "", ip=None) -> Submission:
    """The approver does not approve; the coordinator can put the plan forward again."""
    with transaction.atomic():
        sub = _locked(sub)
        if sub.state != State.AWAITING_APPROVAL:
            raise CampaignError("not_awaiting_approval")
        before = sub.state
        _save(sub, sub.lock, state=State.DECLINED)
        event = _event(sub, user=user, org=sub.organisation, action=Action.DECLINED, from_state=before,
                       comment=comment.strip(), ip=ip)
        _notify(sub, event, [Role.COORDINATOR])
    return sub


def approve(sub: Submission, *, user, ip=None, expected_lock: int | None = None) -> Submission:
    """The approver approves what was put forward: the plan version is frozen and sent to the first
    collector of the route (a declaration goes straight to the campaign's collector)."""
    with transaction.atomic():
        sub = _locked(sub)
        if expected_lock is not None and sub.lock != expected_lock:
            raise _conflict(sub)
        if sub.state != State.AWAITING_APPROVAL:
            raise CampaignError("not_awaiting_approval")
        campaign, org = sub.campaign, sub.organisation
        _refuse_if_closed(campaign)
        collectors = T.stage_collectors(campaign, org)
        if not collectors:
            raise CampaignError("not_a_target", org=org.name_th)
        now, before = timezone.now(), sub.state
        if sub.is_declaration:
            final = collectors[-1]
            _save(sub, sub.lock, state=State.DECLARED, holder=final, round=sub.round + 1, sent_at=now,
                  first_sent_at=sub.first_sent_at or now, decided_at=now)
            _arrive(sub, final, len(collectors), True, now, status=Stage.Status.DECLARED)
            _event(sub, user=user, org=org, action=Action.DECLARED, from_state=before, target=final, ip=ip)
            _mirror_plan_status(sub, PlanStatus.SUBMITTED)
            return sub
        ready = _check_plan_can_go(campaign, org, sub.plan, sub.version)
        first = collectors[0]
        _save(sub, sub.lock, state=State.IN_REVIEW, holder=first, round=sub.round + 1, sent_at=now,
              first_sent_at=sub.first_sent_at or now, decided_at=None, score=ready.result.score,
              error_count=ready.result.counts()["error"], attachment=sub.plan.attachment.name or "")
        _arrive(sub, first, 1, len(collectors) == 1, now)
        if sub.round > 1:  # the comments of the last return were answered by this version (none before a first send)
            ReviewComment.objects.filter(submission=sub, resolved_at__isnull=True).update(
                resolved_at=now, resolved_by=_user(user)
            )
        print_when_sent(sub)
        _event(sub, user=user, org=org, action=Action.SENT, from_state=before, target=first, ip=ip)
        _mirror_plan_status(sub, PlanStatus.SUBMITTED)
    return sub


def submit(campaign: Campaign, org: Organisation, *, user, plan: Plan, approve_now: bool = False, ip=None) -> Submission:
    """Put the plan forward; an approver may approve and send it in the same step."""
    with transaction.atomic():
        sub = request_approval(campaign, org, user=user, plan=plan, ip=ip)
        if approve_now:
            sub = approve(sub, user=user, ip=ip)
    return sub


def declare(campaign: Campaign, org: Organisation, *, user, title: str, reviewed_on, plan: Plan | None = None,
            approve_now: bool = False, ip=None) -> Submission:
    with transaction.atomic():
        sub = request_declaration(campaign, org, user=user, title=title, reviewed_on=reviewed_on, plan=plan, ip=ip)
        if approve_now:
            sub = approve(sub, user=user, ip=ip)
    return sub


def _arrive(sub: Submission, collector: Organisation, position: int, is_final: bool, now, *,
            status: str = Stage.Status.PENDING) -> None:
    fields = {
        "campaign_id": sub.campaign_id, "position": position, "is_final": is_final, "status": status,
        "round": sub.round, "version": sub.version, "arrived_at": now, "decided_at": None, "decided_by": None,
    }
    # The caller holds the submission's lock: nobody else adds this stage meanwhile (no savepoint needed).
    if not Stage.objects.filter(submission=sub, collector=collector).update(**fields):
        Stage.objects.create(submission=sub, collector=collector, **fields)


def resolve_comment(comment: ReviewComment, *, user) -> ReviewComment:
    """The agency marks one comment as dealt with (all open ones close anyway when the plan is sent again)."""
    ReviewComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=_user(user)
    )
    comment.refresh_from_db()
    return comment


# --------------------------------------------------------------------------- the collectors' side


ACCEPT, RETURN = "accept", "return"


def _clean_comments(comments: Iterable[dict]) -> list[dict]:
    out = []
    for c in comments or ():
        text = (c.get("text") or "").strip()
        if not text:
            continue
        component = c.get("component") or GENERAL
        if component not in COMMENT_COMPONENTS:
            raise CampaignError("invalid", gettext_noop("Unknown plan component {component}."), component=component)
        out.append({"component": component, "path": (c.get("path") or "")[:200], "text": text})
    return out


def review(sub: Submission, *, user, collector: Organisation, decision: str, comments: Iterable[dict] = (),
           expected_lock: int | None = None, ip=None) -> Submission:
    """The collector holding the submission accepts it (forwarding it up the route unless it is the
    campaign's collector) or returns it with comments on its components.

    Two reviewers acting at once: the first wins; the second gets a CampaignError with status 409.
    """
    if decision not in (ACCEPT, RETURN):
        raise CampaignError("invalid", gettext_noop("Choose to accept or to return the plan."), field="decision")
    comments = _clean_comments(comments)
    if decision == RETURN and not comments:
        raise CampaignError("invalid", gettext_noop("Say what must be corrected: write at least one comment."))
    with transaction.atomic():
        sub = _locked(sub)
        if expected_lock is not None and sub.lock != expected_lock:
            raise _conflict(sub)
        if sub.state != State.IN_REVIEW or sub.holder_id != collector.pk:
            raise _conflict(sub)
        stage = Stage.objects.select_for_update().get(submission=sub, collector=collector)
        now, before = timezone.now(), sub.state
        general = "\n".join(c["text"] for c in comments if c["component"] == GENERAL)
        decided = {"decided_at": now, "decided_by": _user(user)}
        collectors = T.stage_collectors(sub.campaign, sub.organisation)
        if decision == RETURN:
            _save(sub, sub.lock, state=State.RETURNED, decided_at=now)
            Stage.objects.filter(pk=stage.pk).update(status=Stage.Status.RETURNED, **decided)
            event = _event(sub, user=user, org=collector, action=Action.RETURNED, from_state=before,
                           comment=general, ip=ip)
            _mirror_plan_status(sub, PlanStatus.RETURNED)
            _notify(sub, event, [Role.COORDINATOR, Role.APPROVER])
        elif stage.is_final or stage.position >= len(collectors):
            _save(sub, sub.lock, state=State.ACCEPTED, decided_at=now)
            Stage.objects.filter(pk=stage.pk).update(status=Stage.Status.ACCEPTED, **decided)
            print_when_sent(sub)  # the cover now carries the date of approval
            event = _event(sub, user=user, org=collector, action=Action.ACCEPTED, from_state=before,
                           comment=general, ip=ip)
            _mirror_plan_status(sub, PlanStatus.ACCEPTED)
            _notify(sub, event, [Role.COORDINATOR, Role.APPROVER])
        else:
            nxt = collectors[stage.position]
            _save(sub, sub.lock, holder=nxt)
            Stage.objects.filter(pk=stage.pk).update(status=Stage.Status.FORWARDED, **decided)
            _arrive(sub, nxt, stage.position + 1, stage.position + 1 == len(collectors), now)
            event = _event(sub, user=user, org=collector, action=Action.FORWARDED, from_state=before, target=nxt,
                           comment=general, ip=ip)
        # Comments on an accepted plan are remarks for next time: recorded, nothing left to correct.
        resolved = None if decision == RETURN else now
        ReviewComment.objects.bulk_create([
            ReviewComment(submission=sub, event=event, collector=collector, version=sub.version, author=_user(user),
                          username=_username(user), resolved_at=resolved, **c)
            for c in comments
        ])
    return sub
