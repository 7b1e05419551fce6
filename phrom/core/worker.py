"""The background worker's recovery of jobs whose worker died (django-tasks' database backend).

`phrom db_worker` claims a job by marking it RUNNING with its worker id, and nothing in django-tasks
ever looks at a RUNNING job again: a worker killed mid-job (SIGKILL, the OOM killer, a power cut)
leaves it RUNNING for ever, and a bundle waiting on it spins on its page. Phrom's `db_worker`
(phrom/core/management/commands/db_worker.py) names itself "<host>:<pid>" and, when it starts,
queues again every job that was abandoned:
- claimed on this host by a process that no longer exists, whatever its age;
- or started more than STALE_AFTER ago (a worker on another machine, or an older id): longer than
  any job runs (a national bundle takes a few hours).
Each job runs again from the start; the tasks are written to be run again (a bundle is rebuilt;
each e-mail is recorded as sent as soon as the mail server took it, and the e-mails a dead worker
had claimed are released at once: phrom.campaigns.mail).
"""

from __future__ import annotations

import datetime
import logging
import os
import socket

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(hours=12)


def backoff(attempts: int, most: datetime.timedelta) -> datetime.timedelta:
    """How long a delivery that failed `attempts` times waits before the next try: 1, 2, 4 … minutes,
    at most `most` (campaign e-mails, crisis alerts)."""
    return min(most, datetime.timedelta(minutes=2 ** max(0, attempts - 1)))


def worker_id() -> str:
    return f"{socket.gethostname()[:50]}:{os.getpid()}"


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # someone else's process: alive
        return False
    return False


def died(claimed_by: str) -> bool:
    """Was this worker id (see worker_id) a process of this host that no longer exists?"""
    host, _sep, pid = claimed_by.rpartition(":")
    return host == socket.gethostname()[:50] and pid.isdigit() and _process_gone(int(pid))


def abandoned(claimed_by: str, started_at, now) -> bool:
    return died(claimed_by) or started_at is None or started_at < now - STALE_AFTER


def requeue_abandoned(now: datetime.datetime | None = None) -> int:
    """Queue again the RUNNING jobs whose worker died; the number of jobs queued again."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    requeued = 0
    with transaction.atomic():
        for job in DBTaskResult.objects.select_for_update(skip_locked=True).filter(status="RUNNING"):
            claimed_by = job.worker_ids[-1] if job.worker_ids else ""
            if abandoned(claimed_by, job.started_at, now):
                job.status, job.started_at = "READY", None
                job.save(update_fields=["status", "started_at"])
                logger.warning("job %s (%s) was abandoned by worker %s: queued again", job.id, job.task_path, claimed_by)
                requeued += 1
    return requeued
