"""Two people acting on one agency's submission at the same moment on the deadline day: the approver
approving (the submission locked, then the plan's status written) while the coordinator sends the
plan again (bench/deadline_day.py met a PostgreSQL deadlock there: the send locked the plan first).
The send now waits for the approval and is refused cleanly; nobody gets a deadlock.

The approval's two steps are taken on a second connection, so that the send can be started between
them; PostgreSQL only (SQLite locks the whole database: no row locks to take in the wrong order).
"""

import threading
import time

import psycopg
import pytest
from django.db import connection, connections

from phrom.campaigns import services
from phrom.campaigns.models import Submission
from phrom.plans.models import Plan
from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks in two orders need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def conninfo() -> str:
    s = connection.settings_dict
    return f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_sending_again_while_the_approver_approves_waits_instead_of_deadlocking(structure, people):
    org = structure.municipality
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    plan = make_plan(org, people.coordinator(org))
    sub = services.request_approval(campaign, org, user=people.coordinator(org), plan=plan)
    outcome = {}

    def send_again():
        try:
            services.request_approval(campaign, org, user=people.coordinator(org), plan=Plan.objects.get(pk=plan.pk))
            outcome["sent"] = True
        except Exception as exc:  # noqa: BLE001 - what it was is the point of the test
            outcome["error"] = exc
        finally:
            connections.close_all()

    with psycopg.connect(conninfo()) as approver, psycopg.connect(conninfo(), autocommit=True) as watcher:
        approver.execute("SET lock_timeout = '10s'")
        approver.execute(f'SELECT 1 FROM "{Submission._meta.db_table}" WHERE id = %s FOR UPDATE', [sub.pk])
        sender = threading.Thread(target=send_again)
        sender.start()
        deadline = time.monotonic() + 20
        while not watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                   "AND datname = current_database()").fetchone()[0]:
            assert time.monotonic() < deadline, f"the send never waited: {outcome}"
            time.sleep(0.05)
        # The approval goes on: it sends the plan and writes the plan's status, then commits.
        approver.execute(f'UPDATE "{Submission._meta.db_table}" SET state = %s, lock = lock + 1 WHERE id = %s',
                         [Submission.State.IN_REVIEW, sub.pk])
        approver.execute(f'UPDATE "{Plan._meta.db_table}" SET status = %s WHERE id = %s', ["submitted", plan.pk])
        approver.commit()
        sender.join(30)

    error = outcome.get("error")
    assert isinstance(error, services.CampaignError), outcome  # not a deadlock (OperationalError)
    assert error.code == "already_sent"
