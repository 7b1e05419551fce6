"""Handing an activation's messages to their providers (run by the background worker: tasks.deliver).

A run, for one activation, until nothing is due:
- takes the escalation steps that are due (alerts.escalate: each checked under a row lock);
- claims the due messages with a conditional update (status created and due, or claimed by a worker
  that died), so two workers never hand the same message over (GOV.UK Notify: only while "created");
- cancels those no longer needed (the person answered, the activation closed);
- hands each to its provider and records it sent at once; after each batch alerts.record_alerted
  queues the people down the tree — the loop sends them in the same run, so a whole tree goes out
  in one task (and a run after a worker died catches up on what that one had sent);
- a provider down (Unavailable): the message waits 1, 2, 4 … minutes and is tried again; after
  MAX_ATTEMPTS it failed and the person's next channel is queued (alerts.next_channel); refused
  for good (Refused): failed at once, next channel.
The run says when there is work again (the next retry or escalation step): tasks.deliver schedules
itself then, after the run's changes are committed.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import F, Min, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phrom.core.worker import backoff, died, worker_id

from . import alerts, tokens
from .models import Activation, Message, Recipient
from .providers import Providers, Refused, Unavailable

logger = logging.getLogger(__name__)

Kind, Status = Message.Kind, Message.Status
BATCH = 500
STALE_CLAIM = datetime.timedelta(minutes=10)  # a worker on another machine that stopped mid-run
MAX_DELAY = datetime.timedelta(minutes=30)


def max_attempts() -> int:
    """Tries on one channel before the person's next channel (PHROM_CRISIS_ATTEMPTS, default 3)."""
    return settings.PHROM_CRISIS_ATTEMPTS


def retry_delay(attempts: int) -> datetime.timedelta:
    return backoff(attempts, MAX_DELAY)


@dataclass
class Delivery:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    escalated: int = 0
    next_run_at: datetime.datetime | None = None

    def as_dict(self) -> dict:
        out = {k: v for k, v in vars(self).items() if k != "next_run_at"}
        out["next_run_at"] = self.next_run_at.isoformat() if self.next_run_at else None
        return out


# --------------------------------------------------------------------------- composing


def compose(message: Message) -> tuple[str, str]:
    """The subject (e-mail) and text of a message, in Thai: a test run marked as such, the
    activation's message, the agency, what is asked of the person and their own answer link."""
    activation, person = message.activation, message.recipient
    with translation.override("th"):
        agency = activation.organisation.name_th
        lines = []
        if message.kind == Kind.SILENCE:
            about = message.about
            subject = _("Not answered: %(name)s") % {"name": about.name}
            lines.append(_("%(name)s (%(job)s) has not answered the alert of %(minutes)s minutes ago.") % {
                "name": about.name, "job": about.job_title or about.team, "minutes": activation.answer_minutes})
            lines.append(_("Please reach them by telephone: %(phone)s") % {"phone": about.phone or "-"})
        else:
            subject = _("Plan activated: %(scenario)s") % {"scenario": activation.scenario_name}
            if message.kind == Kind.STAND_IN:
                lines.append(_("You are alerted in place of %(name)s, who has not answered.") % {
                    "name": message.about.name})
        lines.append(f"{agency}: {activation.message}")
        if message.kind != Kind.SILENCE:
            lines.append(_("Answer here: %(link)s") % {"link": tokens.answer_url(person)})
        if activation.is_test:
            marker = _("[TEST]")
            subject = f"{marker} {subject}"
            lines.insert(0, marker)
        return f"{subject} — {agency}", "\n".join(lines)


# --------------------------------------------------------------------------- claiming


def _due(now) -> Q:
    return Q(status=Status.CREATED, due_at__lte=now) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)


def _release_dead_claims(activation_id: int) -> None:
    """Messages claimed by a worker process that died (killed mid-run) are due again at once: a claim
    starts with its worker's id (phrom.core.worker). What it had handed over is recorded sent already."""
    mine = Message.objects.filter(activation_id=activation_id, status=Status.SENDING)
    for claim in set(mine.values_list("claim", flat=True)):
        if died(claim.partition("/")[0]):
            mine.filter(claim=claim).update(status=Status.CREATED, claim="", claimed_at=None)


def _claim(activation: Activation, now, size: int) -> list[Message]:
    _release_dead_claims(activation.pk)
    due = Message.objects.filter(_due(now), activation=activation)
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return []
    token = f"{worker_id()}/{uuid.uuid4().hex}"
    due.filter(pk__in=ids).update(status=Status.SENDING, claim=token, claimed_at=now)
    messages = list(Message.objects.filter(claim=token, status=Status.SENDING)
                    .select_related("recipient", "about").order_by("pk"))
    for m in messages:
        m.activation = activation
    return messages


def _activation(activation_id: int) -> Activation | None:
    """The activation as a run needs it: without its snapshot (a large team's is megabytes)."""
    return Activation.objects.defer("snapshot").select_related("organisation").filter(pk=activation_id).first()


def _moot(message: Message) -> bool:
    """Not needed any more: the activation closed, the person answered (an alert), or the one whose
    silence it tells of answered (a notice)."""
    if not message.activation.is_open:
        return True
    if message.kind == Kind.SILENCE:
        return message.about.answered_at is not None
    return message.recipient.answered_at is not None


# --------------------------------------------------------------------------- delivering


def _done(message: Message, **fields) -> None:
    Message.objects.filter(pk=message.pk).update(claim="", claimed_at=None, **fields)


def _record_sent(message: Message, now) -> None:
    """`_done(message, status=SENT, …)` written out once: it runs after every message handed over, and
    building the same UPDATE through the ORM each time cost more than sending the e-mail (bench/crisis.py)."""
    qn, table = connection.ops.quote_name, Message._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(table)} SET {qn('status')} = %s, {qn('sent_at')} = %s, {qn('attempts')} = {qn('attempts')} + 1, "
            f"{qn('last_error')} = '', {qn('claim')} = '', {qn('claimed_at')} = NULL WHERE {qn('id')} = %s",
            [Status.SENT, connection.ops.adapt_datetimefield_value(now), message.pk])


def _give_up(message: Message, error: str, now, report: Delivery) -> None:
    _done(message, status=Status.FAILED, attempts=F("attempts") + 1, last_error=error[:2000])
    report.failed += 1
    logger.warning("crisis message %s failed: %s", message.key, error)
    alerts.next_channel(message, now)


def _deliver(message: Message, providers: Providers, down: dict, now, report: Delivery) -> None:
    if _moot(message):
        _done(message, status=Status.CANCELLED)
        report.cancelled += 1
        return
    try:
        if message.channel in down:  # failed already in this run: not tried again until it is due
            raise Unavailable(down[message.channel])
        subject, text = compose(message)
        providers.send(message, subject, text)
    except Refused as exc:
        _give_up(message, str(exc), now, report)
    except Unavailable as exc:
        down[message.channel] = str(exc)
        attempts = message.attempts + 1
        if attempts >= max_attempts():
            _give_up(message, str(exc), now, report)
        else:
            _done(message, status=Status.CREATED, attempts=attempts, last_error=str(exc)[:2000],
                  due_at=now + retry_delay(attempts))
            report.retried += 1
    else:
        # Recorded at once: a worker killed after this sends nothing twice. The people down the tree
        # are queued after the batch (alerts.record_alerted, also catching up after such a kill).
        _record_sent(message, now)
        report.sent += 1


def _escalate(activation_id: int, now, report: Delivery) -> None:
    for recipient_id, level in alerts.due_escalations(now, activation_id=activation_id):
        report.escalated += alerts.escalate(recipient_id, level, now)


def next_run(activation_id: int) -> datetime.datetime | None:
    """When there is work again for this activation: its next retry or escalation step."""
    if not Activation.objects.filter(pk=activation_id, closed_at__isnull=True).exists():
        return None
    times = [
        Message.objects.filter(activation_id=activation_id, status=Status.CREATED).aggregate(t=Min("due_at"))["t"],
        Message.objects.filter(activation_id=activation_id, status=Status.SENDING).aggregate(
            t=Min("claimed_at"))["t"],
        Recipient.objects.filter(activation_id=activation_id, answered_at__isnull=True).aggregate(
            t=Min("escalate_at"))["t"],
    ]
    if times[1] is not None:
        times[1] += STALE_CLAIM
    return min((t for t in times if t), default=None)


def deliver_due(activation_id: int, now: datetime.datetime | None = None, *, batch: int = BATCH) -> Delivery:
    """Hand every due message of the activation to its provider, taking the due escalation steps,
    until nothing is due (as of `now`, the clock tests control; else the time of each round)."""
    clock = (lambda: now) if now is not None else timezone.now
    report = Delivery()
    providers, down = Providers(), {}
    try:
        while (activation := _activation(activation_id)) is not None:
            current = clock()
            _escalate(activation_id, current, report)
            alerts.record_alerted(activation, current)
            messages = _claim(activation, current, batch)
            if not messages:
                break
            for message in messages:
                _deliver(message, providers, down, current, report)
    finally:
        providers.close()
    report.next_run_at = next_run(activation_id)
    return report


def open_with_work(now: datetime.datetime) -> list[int]:
    """Open activations with a message or an escalation step due (the safety net: crisis_tick)."""
    waiting = Message.objects.filter(_due(now) | Q(status=Status.SENDING)).values("activation_id")
    escalating = Recipient.objects.filter(escalate_at__lte=now, answered_at__isnull=True).values("activation_id")
    return list(Activation.objects.filter(closed_at__isnull=True)
                .filter(Q(pk__in=waiting) | Q(pk__in=escalating)).values_list("pk", flat=True))
