"""Crisis mode's background work through the real database queue and `phrom db_worker`: an activation
goes out, the worker schedules itself for the next escalation step, `crisis_tick` catches up on
work due, and a worker killed (SIGKILL) mid-activation is resumed by the next one without anyone
getting a message twice (counted at the gateways, by reference and retry key)."""

import collections
import datetime
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from phrom.crisis import services
from phrom.crisis.models import Message, Recipient
from tests.helpers.db import database_url
from tests.helpers.gateways import Gateway, point_gateways_at

ROOT = Path(__file__).resolve().parents[2]
DELIVER = "phrom.crisis.tasks.deliver"


def worker(**kwargs):
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v", "0", **kwargs)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_tree_and_waits_for_the_next_escalation_step(settings, plan, coordinator):
    with Gateway() as sms, Gateway() as line:
        point_gateways_at(settings, sms, line)
        activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟไหม้อาคาร")
        assert DBTaskResult.objects.filter(task_path=DELIVER, status="READY").count() == 1  # enqueued on commit
        worker()
        assert set(activation.messages.values_list("status", flat=True)) == {"sent"}
        assert len(sms.received) + len(line.received) == 3
        # The next run waits in the queue for the first escalation step, once.
        waiting = DBTaskResult.objects.get(task_path=DELIVER, status="READY")
        first_step = min(activation.recipients.values_list("escalate_at", flat=True))
        assert waiting.run_after == first_step and waiting.args_kwargs == {"args": [activation.pk], "kwargs": {}}
        call_command("crisis_tick", "-v", "0")  # nothing due yet: nothing queued
        assert DBTaskResult.objects.filter(task_path=DELIVER, status="READY").count() == 1

        # Ten minutes on (the clock moved by moving the steps back): the safety net queues a run now.
        Recipient.objects.filter(activation=activation).update(escalate_at=first_step - datetime.timedelta(minutes=11))
        call_command("crisis_tick", "-v", "0")
        worker()
        kinds = collections.Counter(activation.messages.filter(status="sent").values_list("kind", flat=True))
        assert kinds["silence"] >= 1 and kinds["stand_in"] >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process must open the test database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_activation_is_resumed_without_sending_twice(settings, plan, coordinator, tmp_path):
    with Gateway() as sms, Gateway() as line:
        point_gateways_at(settings, sms, line)
        sms.hold_at = 2  # m3's SMS: taken by the gateway, its answer never reaches the worker
        services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟไหม้อาคาร")
        env = {**os.environ, "DATABASE_URL": database_url(), "PHROM_DATA_DIR": str(tmp_path),
               "SECRET_KEY": "crisis-test-" + "k" * 40, "DJANGO_SETTINGS_MODULE": "phrom.settings",
               "PHROM_SMS_GATEWAY_URL": settings.PHROM_SMS_GATEWAY_URL, "PHROM_SMS_GATEWAY_TOKEN": "sms-secret",
               "PHROM_LINE_API_URL": settings.PHROM_LINE_API_URL, "PHROM_LINE_CHANNEL_TOKEN": "line-secret"}
        command = [sys.executable, "-m", "phrom.cli", "db_worker", "--batch", "--no-startup-delay", "--interval", "0",
                   "-v", "0"]
        first = subprocess.Popen(command, env=env, cwd=ROOT)
        try:
            assert sms.held.wait(60), "the worker never reached the third person"
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        sms.release.set()
        m3 = Message.objects.get(recipient__key="m3")
        assert m3.status == "sending" and m3.claim.startswith(f"{socket.gethostname()[:50]}:{first.pid}/")

        again = subprocess.run(command, env=env, cwd=ROOT, timeout=120)  # the worker started again
        assert again.returncode == 0
        assert set(Message.objects.values_list("status", flat=True)) == {"sent"}
        # Each person got exactly one message: m3's resend was recognised by its reference (409).
        assert sorted(sms.to()) == ["038 611 234", "081-234-5678"] and line.to() == ["somying"]
        assert sms.seen == 3
        references = [r.body["reference"] for r in sms.received] + [r.headers["X-Line-Retry-Key"] for r in line.received]
        assert len(references) == len(set(references)) == 3
