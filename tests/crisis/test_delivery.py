"""Delivering an activation (phrom.crisis.delivery) to real local servers: an SMTP server (aiosmtpd), and
HTTP servers playing the SMS gateway and the LINE Messaging API (tests/helpers/gateways.py), with a
clock the test controls. The test plan's call tree: m1 (head, by telephone: SMS first, then e-mail)
→ m2 (by LINE, then SMS) → m3 (by telephone: SMS)."""

import datetime
import socket

import pytest
from django.utils import timezone

from phrom.crisis import providers, services
from phrom.crisis.delivery import deliver_due
from phrom.crisis.models import Message
from tests.helpers.gateways import Gateway, point_gateways_at
from tests.smtp import free_port

T0 = timezone.make_aware(datetime.datetime(2026, 12, 5, 9, 0))
Status, Kind = Message.Status, Message.Kind


def minutes(n):
    return T0 + datetime.timedelta(minutes=n)


@pytest.fixture
def sms():
    with Gateway() as gateway:
        yield gateway


@pytest.fixture
def line():
    with Gateway() as gateway:
        yield gateway


def activate(plan, coordinator, *, is_test=False, message="น้ำท่วมสำนักงาน อาคาร 1 ปิด"):
    return services.activate(coordinator, plan, scenario=plan.scenarios.first(), message=message,
                             is_test=is_test, answer_minutes=10, now=T0)


def statuses(activation):
    return sorted(activation.messages.values_list("recipient__key", "channel", "status"))


def test_a_whole_tree_goes_out_in_one_run_in_its_order(settings, plan, coordinator, sms, line, smtp_server):
    point_gateways_at(settings, sms, line)
    activation = activate(plan, coordinator)
    report = deliver_due(activation.pk, now=T0)
    assert report.sent == 3
    assert statuses(activation) == [("m1", "sms", "sent"), ("m2", "line", "sent"), ("m3", "sms", "sent")]
    sent = list(activation.messages.order_by("pk"))
    assert [m.recipient.key for m in sent] == ["m1", "m2", "m3"]  # each queued once their caller was alerted
    assert sms.to() == ["081-234-5678", "038 611 234"] and line.to() == ["somying"]
    # The SMS gateway's documented request: bearer token, {to, text, reference}.
    first = sms.received[0]
    assert first.path == "/sms" and first.headers["Authorization"] == "Bearer sms-secret"
    assert first.body["reference"] == f"{activation.pk}/{sent[0].key}"
    assert "น้ำท่วมสำนักงาน อาคาร 1 ปิด" in first.body["text"] and "สำนักงานสาธารณสุขจังหวัดระยอง" in first.body["text"]
    assert "/crisis/answer/" in first.body["text"] and "[ทดสอบ]" not in first.body["text"]
    # LINE's push message, as its documentation has it.
    push = line.received[0]
    assert push.path == "/v2/bot/message/push" and push.headers["Authorization"] == "Bearer line-secret"
    assert push.headers["X-Line-Retry-Key"] == providers.retry_key(sent[1])
    assert push.body["messages"][0]["type"] == "text" and "ตอบรับ" in push.body["messages"][0]["text"]
    # Each link is the person's own.
    links = [t.split("/crisis/answer/")[1].split()[0] for t in sms.texts() + line.texts()]
    assert len(set(links)) == 3
    assert smtp_server.messages == []
    assert all(r.alerted_at == T0 for r in activation.recipients.all())


def test_every_message_of_a_test_run_says_so(settings, plan, coordinator, sms, line, smtp_server):
    point_gateways_at(settings, sms, line)
    settings.PHROM_SMS_GATEWAY_URL = ""  # m1 by e-mail only; m3 unreachable
    activation = activate(plan, coordinator, is_test=True)
    deliver_due(activation.pk, now=T0)
    mail = smtp_server.messages[0]
    assert mail.recipients == ["somchai@example.go.th"] and mail.subject.strip().startswith("[ทดสอบ] เรียกใช้แผน")
    assert mail.text.startswith("[ทดสอบ]") and "น้ำท่วมสำนักงาน" in mail.text
    sent = activation.messages.get(recipient__key="m1")
    assert mail.message["Message-ID"] == providers.message_id(sent)
    assert all(t.startswith("[ทดสอบ]") for t in line.texts()) and line.to() == ["somying"]


def test_a_gateway_down_is_retried_with_backoff_then_the_next_channel(settings, plan, coordinator, sms, smtp_server):
    point_gateways_at(settings, sms, None)
    sms.status = 503
    activation = activate(plan, coordinator)
    first = deliver_due(activation.pk, now=T0)
    m1 = activation.messages.get(recipient__key="m1")
    assert (first.retried, m1.status, m1.attempts, m1.due_at) == (1, Status.CREATED, 1, minutes(1))
    assert "503" in m1.last_error and first.next_run_at == minutes(1)
    assert deliver_due(activation.pk, now=minutes(0.5)).retried == 0  # not due yet
    deliver_due(activation.pk, now=minutes(1))
    m1.refresh_from_db()
    assert (m1.attempts, m1.due_at) == (2, minutes(3))  # 1, 2, 4 … minutes apart
    third = deliver_due(activation.pk, now=minutes(3))  # the third try fails: e-mail instead
    assert third.failed == 1 and third.sent == 1
    assert statuses(activation)[:2] == [("m1", "email", "sent"), ("m1", "sms", "failed")]
    assert [m.recipients for m in smtp_server.messages] == [["somchai@example.go.th"]]
    assert sms.received == [] and sms.seen == 3


def test_a_permanent_refusal_moves_to_the_next_channel_at_once(settings, plan, coordinator, sms, line, smtp_server):
    point_gateways_at(settings, sms, line)
    line.status = 400  # e.g. an unknown LINE user id
    activation = activate(plan, coordinator)
    report = deliver_due(activation.pk, now=T0)
    assert report.failed == 1 and line.received == []
    assert ("m2", "line", "failed") in statuses(activation) and ("m2", "sms", "sent") in statuses(activation)
    assert sms.to() == ["081-234-5678", "+66 81 765 4321", "038 611 234"]


def test_smtp_down_keeps_messages_waiting_and_loses_nothing(settings, plan, coordinator, smtp_server):
    point_gateways_at(settings, None, None)
    up = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    activation = activate(plan, coordinator)
    down = deliver_due(activation.pk, now=T0)
    m1 = activation.messages.get()
    assert (down.sent, down.retried, m1.status) == (0, 1, Status.CREATED) and "refused" in m1.last_error.lower()
    settings.EMAIL_PORT = up  # the server is back
    back = deliver_due(activation.pk, now=down.next_run_at)
    assert back.sent == 1 and len(smtp_server.messages) == 1
    assert activation.messages.get().status == Status.SENT


def test_an_answer_cancels_what_waits_and_silence_escalates(settings, plan, coordinator, sms, line, smtp_server):
    point_gateways_at(settings, sms, line)
    activation = activate(plan, coordinator)
    deliver_due(activation.pk, now=T0)
    services.answer(activation.recipients.get(key="m1"), "safe", now=minutes(2))
    report = deliver_due(activation.pk, now=minutes(9))
    assert (report.escalated, report.sent) == (0, 0) and report.next_run_at == minutes(10)
    report = deliver_due(activation.pk, now=minutes(10))
    # m2 silent: their alternate m1 answered (not alerted again), their caller m1 told; m3 silent: their
    # alternate m2 alerted in their place, their caller m2 told.
    assert report.escalated == 2
    news = activation.messages.filter(sent_at=minutes(10))
    assert sorted(news.values_list("kind", "recipient__key", "about__key")) == [
        (Kind.SILENCE, "m1", "m2"), (Kind.SILENCE, "m2", "m3"), (Kind.STAND_IN, "m2", "m3")]
    stand_in = next(t for t in line.texts() if "แทน" in t)
    assert "นายวิชัย มั่นคง" in stand_in and "/crisis/answer/" in stand_in
    notice = next(t for t in sms.texts() if "ยังไม่ตอบรับ" in t)
    assert "นางสาวสมหญิง รักงาน" in notice and "+66 81 765 4321" in notice
    # m2 answers; m3 stays silent: the next step tells the head (m1) about m3 only, ten minutes on.
    services.answer(activation.recipients.get(key="m2"), "can_work", now=minutes(12))
    assert deliver_due(activation.pk, now=minutes(19)).escalated == 0
    later = deliver_due(activation.pk, now=minutes(20))
    assert later.escalated == 1 and later.next_run_at is None
    assert list(activation.messages.filter(sent_at=minutes(20)).values_list("kind", "recipient__key", "about__key")) == [
        (Kind.SILENCE, "m1", "m3")]


def test_a_message_handed_over_by_a_worker_that_died_is_not_sent_twice(settings, plan, coordinator, line, sms):
    """The worker died after LINE accepted the push but before recording it: the next run pushes again
    with the same retry key, LINE answers 409, the message is recorded sent, the person got one."""
    point_gateways_at(settings, sms, line)
    activation = activate(plan, coordinator)
    deliver_due(activation.pk, now=T0)
    m2 = activation.messages.get(recipient__key="m2")
    Message.objects.filter(pk=m2.pk).update(status=Status.SENDING, claim=f"{socket.gethostname()[:50]}:999999/x",
                                            claimed_at=T0, sent_at=None)
    report = deliver_due(activation.pk, now=minutes(1))
    m2.refresh_from_db()
    assert (report.sent, m2.status) == (1, Status.SENT)
    assert line.seen == 2 and len(line.received) == 1


def test_a_closed_activation_sends_nothing_more(settings, plan, coordinator, sms, line):
    point_gateways_at(settings, sms, line)
    activation = activate(plan, coordinator)
    services.close(coordinator, activation, now=minutes(1))
    report = deliver_due(activation.pk, now=minutes(2))
    assert (report.sent, report.next_run_at) == (0, None) and sms.received == []


def test_crisis_tick_delivers_without_a_worker(settings, plan, coordinator, smtp_server, capsys):
    from django.core.management import call_command

    point_gateways_at(settings, None, None)
    activation = activate(plan, coordinator)
    Message.objects.filter(activation=activation).update(due_at=timezone.now())
    call_command("crisis_tick", "--deliver")
    assert f"activation {activation.pk}:" in capsys.readouterr().out
    assert [m.recipients for m in smtp_server.messages] == [["somchai@example.go.th"]]
