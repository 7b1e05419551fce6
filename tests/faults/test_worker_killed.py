"""The background worker killed mid-job (SIGKILL): django-tasks leaves the job RUNNING for ever; the
next `phrom db_worker` queues it again (phrom.core.worker) and the job is done once — here a bundle,
built once, one ZIP kept.

The killed worker is a real `phrom db_worker` process on the test database, held mid-job by a table
lock taken from a second connection (it has marked the bundle as being built and waits to read the
scenario names); PostgreSQL only, since SQLite's test database lives in this process's memory.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from phrom.bundles import services
from phrom.bundles.models import PlanBundle
from phrom.core.worker import STALE_AFTER, requeue_abandoned, worker_id
from phrom.plans.models import Scenario

ROOT = Path(__file__).resolve().parents[2]


def claimed(by: str, started_at) -> DBTaskResult:
    from phrom.campaigns.tasks import deliver_mail

    job = DBTaskResult.objects.get(id=deliver_mail.using(run_after=timezone.now()).enqueue().id)
    DBTaskResult.objects.filter(id=job.id).update(status="RUNNING", started_at=started_at, worker_ids=[by])
    return job


@pytest.mark.django_db
def test_which_running_jobs_are_queued_again():
    now = timezone.now()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    jobs = {
        "died here": claimed(f"{worker_id().rsplit(':', 1)[0]}:{dead.pid}", now),
        "alive here": claimed(worker_id(), now - datetime.timedelta(hours=3)),  # this very process: running
        "elsewhere, recent": claimed("other-host:4242", now - datetime.timedelta(hours=1)),
        "elsewhere, stale": claimed("other-host:4242", now - STALE_AFTER - datetime.timedelta(minutes=1)),
        "random id, stale": claimed("Zx81Qp", now - STALE_AFTER - datetime.timedelta(minutes=1)),
    }
    assert requeue_abandoned(now) == 3
    status = {name: DBTaskResult.objects.get(id=job.id).status for name, job in jobs.items()}
    assert status == {"died here": "READY", "alive here": "RUNNING", "elsewhere, recent": "RUNNING",
                      "elsewhere, stale": "READY", "random id, stale": "READY"}


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process must open the test database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_bundle_is_resumed_by_the_next_one_and_builds_it_once(
    province_user, structure, media, tmp_path
):
    bundle = services.request_bundle(province_user, province=structure.rayong_office.province)
    job = DBTaskResult.objects.get()
    assert (bundle.status, job.status) == ("queued", "READY")

    env = {**os.environ, "DATABASE_URL": database_url(), "PHROM_DATA_DIR": str(tmp_path),
           "SECRET_KEY": "faults-test-" + "k" * 40, "DJANGO_SETTINGS_MODULE": "phrom.settings"}
    with psycopg.connect(database_url()) as blocker:
        blocker.execute(f'LOCK TABLE "{Scenario._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
        worker = subprocess.Popen([sys.executable, "-m", "phrom.cli", "db_worker", "--batch", "--no-startup-delay",
                                   "--interval", "0", "-v", "0"], env=env, cwd=ROOT)
        try:
            wait_for(lambda: PlanBundle.objects.get().status == "running")
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        blocker.rollback()

    job.refresh_from_db()
    assert job.status == "RUNNING" and job.worker_ids == [f"{worker_id().rsplit(':', 1)[0]}:{worker.pid}"]

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v", "0")

    job.refresh_from_db()
    bundle.refresh_from_db()
    assert job.status == "SUCCESSFUL" and len(job.worker_ids) == 2
    assert DBTaskResult.objects.count() == 1 and PlanBundle.objects.count() == 1
    assert bundle.status == "done" and (media / bundle.file.name).is_file()
    assert sorted(p for p in media.rglob("*") if p.is_file()) == [media / bundle.file.name]  # one ZIP
