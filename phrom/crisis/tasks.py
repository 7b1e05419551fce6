"""Background work of crisis mode (django-tasks, the database queue run by `phrom db_worker`).

deliver(activation_id) hands the activation's due messages to their providers and takes the due
escalation steps (phrom.crisis.delivery), then schedules itself for the activation's next retry or
escalation step (run_after), its own changes committed by then (the worker runs a task outside any
transaction). A run that fails unexpectedly is tried again a minute later. A worker that restarts
finds those runs waiting in the queue; `phrom crisis_tick` (cron, every minute) is the safety net
for a run lost all the same.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task, task_backends

AFTER_ERROR = datetime.timedelta(minutes=1)


def _scheduled(activation_id: int, before: datetime.datetime) -> bool:
    """Is a run for this activation already waiting, due no later than `before`?"""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=deliver.module_path, status="READY", run_after__lte=before)
    return any(args == {"args": [activation_id], "kwargs": {}}
               for args in waiting.values_list("args_kwargs", flat=True))


def schedule(activation_id: int, at: datetime.datetime) -> bool:
    """Make sure a run for the activation waits in the queue for `at`; True if one was added."""
    if not task_backends["default"].supports_defer or _scheduled(activation_id, at):
        return False
    deliver.using(run_after=at).enqueue(activation_id)
    return True


@task()
def deliver(activation_id: int) -> dict:
    from .delivery import deliver_due

    try:
        report = deliver_due(activation_id)
    except Exception:
        schedule(activation_id, timezone.now() + AFTER_ERROR)
        raise
    if report.next_run_at is not None:
        schedule(activation_id, report.next_run_at)
    return report.as_dict()
