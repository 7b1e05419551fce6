"""E-mail through faults, on a real SMTP server (aiosmtpd on 127.0.0.1): reminders queued while the
server is down are delivered once it is up, a server that fails half-way through a run loses or
doubles nothing, and a worker killed in the middle of a run (SIGKILL) leaves nothing to be sent
twice: the next worker sends the rest, each e-mail once."""

import asyncio
import collections
import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection

from phrom.campaigns.mail import deliver_due
from phrom.campaigns.models import Notice, Reminder
from phrom.campaigns.reminders import manual_kind, queue_reminders
from tests.helpers.campaigns import open_late_campaign
from tests.smtp import Inbox, free_port

ROOT = Path(__file__).resolve().parents[2]


class FaultyServer(Inbox):
    """An SMTP server that refuses the data of every message past `refuse_after` (421: shutting down),
    or holds the message numbered `hold_at` at its first recipient until `release` is set and then
    answers 451 (the client that sent it is gone by then: nothing of that message was taken)."""

    def __init__(self, refuse_after=None, hold_at=None):
        super().__init__()
        self.refuse_after, self.hold_at = refuse_after, hold_at
        self.held, self.release = threading.Event(), threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.hold_at is not None and len(self.messages) == self.hold_at and not envelope.rcpt_tos:
            self.hold_at = None
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "421 4.3.0 Service shutting down"
        return await super().handle_DATA(server, session, envelope)


def serve(inbox: Inbox, port: int) -> Controller:
    inbox.port = port
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def point_mail_at(settings, port: int):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = "127.0.0.1", port, False, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def each_once(inbox: Inbox) -> bool:
    return all(n == 1 for n in collections.Counter((m.subject, tuple(m.recipients)) for m in inbox.messages).values())


def everything_sent() -> bool:
    return not Reminder.objects.exclude(status="sent").exists() and not Notice.objects.exclude(status="sent").exists()


@pytest.mark.django_db
def test_reminders_queued_while_the_server_is_down_go_out_once_it_is_up(settings, structure, people):
    port = free_port()
    point_mail_at(settings, port)  # nothing listens there yet
    campaign = open_late_campaign(structure, people)
    queued = queue_reminders(campaign, structure.opdc, kind=manual_kind()).queued
    down = deliver_due()
    assert down.sent == 0 and "Connection refused" in down.error
    assert Reminder.objects.filter(status="queued").count() == queued == 12

    inbox = FaultyServer(refuse_after=5)  # up, then failing after five messages
    controller = serve(inbox, port)
    try:
        halfway = deliver_due(now=down.next_attempt_at + datetime.timedelta(seconds=1))
        assert halfway.sent == 5 and "421" in halfway.error and len(inbox.messages) == 5
        # A run before they are due sends nothing but says when to come back (deliver_mail schedules it then).
        early = deliver_due(now=halfway.next_attempt_at - datetime.timedelta(seconds=1))
        assert early.sent == 0 and early.next_attempt_at == halfway.next_attempt_at
        inbox.refuse_after = None  # healthy again
        deliver_due(now=halfway.next_attempt_at + datetime.timedelta(seconds=1))
    finally:
        controller.stop()
    assert everything_sent()
    assert len(inbox.messages) == queued + Notice.objects.count() and each_once(inbox)


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process must open the test database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_in_the_middle_of_a_run_sends_nothing_twice(settings, structure, people, tmp_path):
    inbox = FaultyServer(hold_at=4)
    controller = serve(inbox, free_port())
    point_mail_at(settings, inbox.port)
    try:
        campaign = open_late_campaign(structure, people)
        queue_reminders(campaign, structure.opdc, kind=manual_kind())  # enqueues the delivery once committed
        env = {**os.environ, "DATABASE_URL": database_url(), "PHROM_DATA_DIR": str(tmp_path),
               "SECRET_KEY": "faults-test-" + "k" * 40, "DJANGO_SETTINGS_MODULE": "phrom.settings",
               "EMAIL_BACKEND": settings.EMAIL_BACKEND, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(inbox.port)}
        worker = subprocess.Popen([sys.executable, "-m", "phrom.cli", "db_worker", "--batch", "--no-startup-delay",
                                   "--interval", "0", "-v", "0"], env=env, cwd=ROOT)
        try:
            assert inbox.held.wait(60), "the worker never reached the fifth e-mail"
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            inbox.release.set()
        time.sleep(0.2)
        assert len(inbox.messages) == 4
        # What went out is recorded as sent; what the dead worker had claimed waits.
        sent = Reminder.objects.filter(status="sent").count() + Notice.objects.filter(status="sent").count()
        assert sent == 4 and Reminder.objects.filter(status="sending").exists()

        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v", "0")
    finally:
        controller.stop()
    assert everything_sent()
    assert len(inbox.messages) == Reminder.objects.count() + Notice.objects.count() and each_once(inbox)
