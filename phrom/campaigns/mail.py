"""Delivering the queued e-mails (Reminder and Notice rows) through Django's e-mail settings.

Run by the background worker (phrom.campaigns.tasks.deliver_mail). Rows are claimed in batches
with a conditional update, so two workers never send the same e-mail; all of a run's messages go
over one SMTP connection. If the server cannot be reached, every due e-mail stays queued with one
more attempt, the error, and the time of the next try (1, 2, 4 … minutes, at most an hour apart).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from phrom.core.worker import backoff, died, worker_id

from .models import Notice, QueuedMail, Reminder

logger = logging.getLogger(__name__)

Status = QueuedMail.Status
BATCH = 500
STALE_CLAIM = datetime.timedelta(minutes=10)  # a worker that died while sending: its batch is taken again
MAX_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempts: int) -> datetime.timedelta:
    return backoff(attempts, MAX_DELAY)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    error: str = ""
    next_attempt_at: datetime.datetime | None = None

    def as_dict(self) -> dict:
        return {
            "sent": self.sent, "failed": self.failed, "deferred": self.deferred, "error": self.error,
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
        }


def _due(model, now) -> Q:
    return (
        Q(status=Status.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    ) | Q(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM)


def _release_dead_claims(model) -> None:
    """E-mails claimed by a worker process that died (killed mid-run) are due again at once, not after
    STALE_CLAIM: a claim starts with its worker's id (phrom.core.worker)."""
    for claim in set(model.objects.filter(status=Status.SENDING).values_list("claim", flat=True)):
        if died(claim.partition("/")[0]):
            model.objects.filter(status=Status.SENDING, claim=claim).update(status=Status.QUEUED, claim="",
                                                                            claimed_at=None)


def _claim(model, now, size: int) -> list:
    _release_dead_claims(model)
    ids = list(model.objects.filter(_due(model, now)).order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return []
    token = f"{worker_id()}/{uuid.uuid4().hex}"
    model.objects.filter(_due(model, now), pk__in=ids).update(status=Status.SENDING, claim=token, claimed_at=now)
    related = ("campaign__collector", "organisation") if model is Reminder else (
        "submission__campaign", "submission__organisation", "event__organisation"
    )
    return list(model.objects.filter(claim=token, status=Status.SENDING).select_related(*related).order_by("pk"))


def _defer_all(now, error: str) -> datetime.datetime:
    """The server cannot be reached: every due or claimed e-mail waits for the next try."""
    next_at = None
    for model in (Notice, Reminder):
        due = model.objects.filter(_due(model, now) | Q(status=Status.SENDING))
        if not due.exists():
            continue  # else its next try would be said to come before the deferred e-mails are due
        attempts = (due.aggregate(m=Min("attempts"))["m"] or 0) + 1
        at = now + retry_delay(attempts)
        due.update(status=Status.QUEUED, attempts=F("attempts") + 1, last_error=error[:2000], next_attempt_at=at,
                   claim="", claimed_at=None)
        next_at = at if next_at is None else min(next_at, at)
    return next_at


def deliver_due(*, now: datetime.datetime | None = None, batch: int = BATCH) -> Delivery:
    """Send every e-mail that is due; returns what happened."""
    now = now or timezone.now()
    report = Delivery()
    connection = None
    try:
        for model in (Notice, Reminder):
            while True:
                rows = _claim(model, now, batch)
                if not rows:
                    break
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    try:
                        connection.open()
                    except (smtplib.SMTPException, OSError) as exc:
                        report.error = f"{type(exc).__name__}: {exc}"
                        logger.warning("mail server unreachable, e-mails stay queued: %s", report.error)
                        report.deferred = _count_waiting()
                        report.next_attempt_at = _defer_all(now, report.error)
                        return report
                if not _send_batch(model, rows, connection, now, report):
                    report.next_attempt_at = _defer_all(now, report.error)
                    report.deferred = _count_waiting()
                    return report
    finally:
        if connection is not None:
            try:
                connection.close()
            except (smtplib.SMTPException, OSError):
                pass
    # E-mails deferred by an earlier run and not due yet: when to run again (deliver_mail schedules it).
    report.next_attempt_at = _next_waiting(now)
    return report


def _next_waiting(now) -> datetime.datetime | None:
    times = [model.objects.filter(status=Status.QUEUED, next_attempt_at__gt=now).aggregate(t=Min("next_attempt_at"))["t"]
             for model in (Notice, Reminder)]
    return min((t for t in times if t), default=None)


def _count_waiting() -> int:
    return sum(m.objects.filter(status__in=[Status.QUEUED, Status.SENDING]).count() for m in (Notice, Reminder))


def _send_batch(model, rows, connection, now, report: Delivery) -> bool:
    """Send a claimed batch; False if the connection broke (the rest of the batch is deferred).

    Each e-mail is recorded as sent as soon as the server took it: a worker killed mid-batch leaves
    no e-mail that went out still marked as waiting, to be sent a second time."""
    failed = []
    ok = True
    texts: dict = {}
    for row in rows:
        if not row.recipients:
            model.objects.filter(pk=row.pk).update(status=Status.NO_ADDRESS, claim="", claimed_at=None)
            continue
        try:
            message = compose(row, texts)
            message.connection = connection
            message.send()
        except smtplib.SMTPRecipientsRefused as exc:
            failed.append((row.pk, f"{type(exc).__name__}: {exc}"))
        except (smtplib.SMTPException, OSError) as exc:
            report.error = f"{type(exc).__name__}: {exc}"
            logger.warning("mail server failed while sending, e-mails stay queued: %s", report.error)
            ok = False
            break
        else:
            model.objects.filter(pk=row.pk).update(
                status=Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, claim="", claimed_at=None,
                last_error="",
            )
            report.sent += 1
    for pk, error in failed:
        model.objects.filter(pk=pk).update(status=Status.FAILED, attempts=F("attempts") + 1, last_error=error[:2000],
                                           claim="", claimed_at=None)
        report.failed += 1
    return ok


# --------------------------------------------------------------------------- composing


def _link(name: str, **kwargs) -> str:
    return settings.PHROM_BASE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        return (render_to_string(f"campaigns/email/{template}_subject.txt", context).strip(),
                render_to_string(f"campaigns/email/{template}_body.txt", context).strip())


def _join(th: tuple[str, str], en: tuple[str, str]) -> tuple[str, str]:
    return f"{th[0]} / {en[0]}", f"{th[1]}\n\n{'-' * 60}\n\n{en[1]}\n"


class _Blank:
    """Stands for the agency while a reminder is rendered once per campaign (see _reminder_text)."""

    name = name_th = name_en = "\x1aORGANISATION\x1a"
    code = "\x1aCODE\x1a"


LINK = "\x1aLINK\x1a"


def _reminder_text(row: Reminder, cache: dict) -> tuple[str, str]:
    """A reminder's subject and body. The text differs between agencies only by their name and link, so
    it is rendered once per campaign and run (thousands of reminders go out at once) and filled in."""
    campaign = row.campaign
    late = timezone.localdate() > campaign.deadline
    key = (campaign.pk, late)
    if key not in cache:
        context = {"campaign": campaign, "organisation": _Blank, "late": late, "link": LINK}
        cache[key] = {language: _render("reminder", context, language) for language in ("th", "en")}
    org = row.organisation
    link = _link("campaigns:agency", pk=campaign.pk, code=org.code)
    names = {"th": org.name_th, "en": org.name_en or org.name_th}
    filled = {
        language: tuple(part.replace(_Blank.name, names[language]).replace(LINK, link) for part in parts)
        for language, parts in cache[key].items()
    }
    return _join(filled["th"], filled["en"])


def compose(row, cache: dict | None = None) -> EmailMessage:
    if isinstance(row, Reminder):
        subject, body = _reminder_text(row, {} if cache is None else cache)
    else:
        sub, event = row.submission, row.event
        context = {
            "campaign": sub.campaign, "submission": sub, "event": event, "organisation": sub.organisation,
            "comments": list(event.comments.order_by("pk")),
            "link": _link("campaigns:agency", pk=sub.campaign_id, code=sub.organisation.code),
        }
        subject, body = _join(*(_render(f"notice_{event.action}", context, language) for language in ("th", "en")))
    return EmailMessage(subject, body, to=list(row.recipients))
