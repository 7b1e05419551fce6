"""Background tasks of campaigns (django-tasks, run by `phrom db_worker`).

- deliver_mail: sends the queued reminders and notices; if the mail server is down it schedules
  itself again for the next try (with the database backend, which can run a task later).
- daily_reminders: queues the automatic reminders due today, then schedules itself for the next
  morning; creating or reopening a campaign makes sure one is scheduled. Without the worker, cron
  can run `phrom send_due_reminders --deliver` instead (docs/campaigns.md).
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends

from .mail import deliver_due
from .reminders import send_due_reminders

logger = logging.getLogger(__name__)

DAILY_AT = datetime.time(8, 0)  # Asia/Bangkok: reminders arrive at the start of the working day


def _backend():
    return task_backends["default"]


def _pending(task_obj, before: datetime.datetime | None = None) -> bool:
    """Is a run of this task already waiting in the database queue (due no later than `before`)?"""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is part of the install
        return False
    qs = DBTaskResult.objects.filter(task_path=task_obj.module_path, status="READY")
    if before is not None:
        qs = qs.filter(run_after__lte=before)
    return qs.exists()


def _is_database_backend() -> bool:
    return type(_backend()).__module__.startswith("django_tasks_db")


@task()
def deliver_mail() -> dict:
    report = deliver_due()
    if report.next_attempt_at and _backend().supports_defer and not _pending(deliver_mail, report.next_attempt_at):
        deliver_mail.using(run_after=report.next_attempt_at).enqueue()
    return report.as_dict()


@task()
def daily_reminders() -> dict:
    queued = send_due_reminders()
    schedule_daily_reminders(after=timezone.now())
    return {c.pk: {"kind": q.kind, "queued": q.queued, "already": q.already, "no_address": q.no_address}
            for c, q in queued}


def next_morning(now: datetime.datetime) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    at = datetime.datetime.combine(local.date(), DAILY_AT, tzinfo=zone)
    if at <= local:
        at += datetime.timedelta(days=1)
    return at


def schedule_daily_reminders(after: datetime.datetime | None = None) -> bool:
    """Make sure the daily reminder run is waiting in the database queue; True if one was added."""
    if not _is_database_backend() or _pending(daily_reminders):
        return False
    daily_reminders.using(run_after=next_morning(after or timezone.now())).enqueue()
    return True
