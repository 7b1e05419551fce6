"""Reminders to agencies that have not sent: on demand, and automatically at the campaign's days.

A reminder kind goes once to an agency: `manual-2026-05-04` for the button pressed that day,
`day-7` / `day+3` for the automatic ones a week before / three days after the deadline. Queuing
writes Reminder rows only (thousands in one bulk insert); the background worker e-mails them
(phrom.campaigns.mail), and keeps them queued while the mail server cannot be reached.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from phrom.accounts.models import Membership
from phrom.orgs.models import Organisation

from . import targets as T
from .models import Campaign, Reminder, Submission
from .services import _schedule_delivery


@dataclass
class Queued:
    kind: str
    queued: int = 0
    already: int = 0
    no_address: int = 0


def outstanding(campaign: Campaign, viewpoint: Organisation) -> QuerySet[Organisation]:
    """The agencies in the collector's part of the campaign that have not sent (or must send again)."""
    sent = Submission.objects.filter(campaign=campaign, state__in=Submission.SENT).values("organisation_id")
    return T.scope(campaign, viewpoint).exclude(pk__in=sent)


def manual_kind(today: datetime.date | None = None) -> str:
    return f"manual-{(today or timezone.localdate()).isoformat()}"


def due_kind(campaign: Campaign, today: datetime.date) -> str | None:
    """The automatic reminder due on `today`: the latest scheduled day that has come (so a worker that
    was stopped for a while sends one reminder, not a backlog); none before the first day, and no
    'before the deadline' reminder once the deadline has passed."""
    due = [d for d in campaign.reminder_days or () if campaign.deadline + datetime.timedelta(days=d) <= today]
    if not due:
        return None
    day = max(due)
    if day < 0 and today > campaign.deadline:
        return None
    return f"day{day:+d}"


def queue_reminders(campaign: Campaign, viewpoint: Organisation, *, kind: str, user=None) -> Queued:
    """Queue one reminder of `kind` to each outstanding agency that has not had it yet."""
    result = Queued(kind=kind)
    with transaction.atomic():
        pending = outstanding(campaign, viewpoint)
        ids = list(pending.values_list("pk", flat=True))
        done = set(Reminder.objects.filter(campaign=campaign, kind=kind).values_list("organisation_id", flat=True))
        emails = member_emails_of(pending)
        rows = []
        for org_id in ids:
            if org_id in done:
                result.already += 1
                continue
            recipients = emails.get(org_id, [])
            rows.append(Reminder(
                campaign=campaign, organisation_id=org_id, kind=kind, recipients=recipients,
                status=Reminder.Status.QUEUED if recipients else Reminder.Status.NO_ADDRESS,
                created_by=user if user is not None and user.is_authenticated else None,
            ))
            if recipients:
                result.queued += 1
            else:
                result.no_address += 1
        Reminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        # An agency that had nobody to write to last time, and has a coordinator with an address now.
        for reminder in Reminder.objects.filter(
            campaign=campaign, kind=kind, status=Reminder.Status.NO_ADDRESS, organisation_id__in=set(emails) & done
        ):
            Reminder.objects.filter(pk=reminder.pk).update(
                recipients=emails[reminder.organisation_id], status=Reminder.Status.QUEUED
            )
            result.queued += 1
            result.already -= 1
        if result.queued:
            transaction.on_commit(_schedule_delivery)
    return result


def member_emails_of(orgs: QuerySet[Organisation]) -> dict[int, list[str]]:
    """Coordinators' addresses of the organisations of a queryset (one query, however many)."""
    out: dict[int, list[str]] = {}
    rows = (
        Membership.objects.filter(organisation_id__in=orgs.values("pk"), role=Membership.Role.COORDINATOR,
                                  user__is_active=True)
        .exclude(user__email="")
        .order_by("organisation_id", "user__email")
        .values_list("organisation_id", "user__email")
    )
    for org_id, email in rows:
        if email not in out.setdefault(org_id, []):
            out[org_id].append(email)
    return out


def send_due_reminders(today: datetime.date | None = None) -> list[tuple[Campaign, Queued]]:
    """Queue the automatic reminders due today for every open campaign (idempotent: run it as often as you like)."""
    today = today or timezone.localdate()
    out = []
    for campaign in Campaign.objects.filter(is_open=True).select_related("collector", "subtree"):
        kind = due_kind(campaign, today)
        if kind:
            out.append((campaign, queue_reminders(campaign, campaign.collector, kind=kind)))
    return out


def waiting_count(campaign: Campaign) -> dict[str, int]:
    """Reminders of the campaign by delivery status, for the page ("N e-mails waiting for the mail server")."""
    counts = dict.fromkeys(Reminder.Status.values, 0)
    for status, n in _status_counts(campaign):
        counts[status] = n
    counts["waiting"] = counts[Reminder.Status.QUEUED] + counts[Reminder.Status.SENDING]
    counts["retrying"] = Reminder.objects.filter(
        campaign=campaign, status=Reminder.Status.QUEUED, attempts__gt=0
    ).count()
    return counts


def _status_counts(campaign: Campaign):
    from django.db.models import Count

    return Reminder.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("pk")).order_by()
