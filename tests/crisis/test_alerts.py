"""The rules of an activation (phrom.crisis.alerts and services), called directly with a clock the
test controls: who is alerted first, down the tree, escalation to the alternate and up to the head,
an answer stopping it, one activation per plan, closing into an event's draft result."""

import datetime

import pytest
from django.utils import timezone

from phrom.core.errors import PhromError
from phrom.crisis import alerts, services
from phrom.crisis.models import Activation, Message, Recipient
from phrom.results.models import Result

T0 = timezone.make_aware(datetime.datetime(2026, 12, 5, 9, 0))
Kind = Message.Kind


def minutes(n):
    return T0 + datetime.timedelta(minutes=n)


@pytest.fixture(autouse=True)
def gateways(settings):
    """SMS and LINE configured (nothing is sent here): every member of the plan has a channel."""
    settings.PHROM_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    settings.PHROM_LINE_CHANNEL_TOKEN = "token"


@pytest.fixture
def activation(plan, coordinator):
    return services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="น้ำท่วมสำนักงาน",
                             answer_minutes=10, now=T0)


def sent(activation, key, now):
    """Hand every waiting message to `key` to its provider (what the worker does), as of `now`."""
    for m in Message.objects.filter(activation=activation, recipient__key=key, status=Message.Status.CREATED):
        m.status, m.sent_at = Message.Status.SENT, now
        m.save()
        alerts.alerted(m, now)


def waiting(activation):
    return sorted(Message.objects.filter(activation=activation, status=Message.Status.CREATED)
                  .values_list("kind", "recipient__key", "about__key"))


def test_the_tree_is_alerted_in_its_order(activation):
    people = {r.key: r for r in activation.recipients.all()}
    assert set(people) == {"m1", "m2", "m3"}
    roots = {k for k, r in people.items() if r.caller_key == ""}
    assert waiting(activation) == sorted((Kind.ALERT, k, None) for k in roots)
    for key in sorted(roots):
        sent(activation, key, minutes(1))
    callees = {k for k, r in people.items() if r.caller_key in roots}
    assert {k for _kind, k, _a in waiting(activation)} == callees
    assert Recipient.objects.get(activation=activation, key=sorted(roots)[0]).escalate_at == minutes(11)


def test_silence_escalates_to_the_alternate_then_up_to_the_head(activation):
    people = {r.key: r for r in activation.recipients.all()}
    for key in people:
        sent(activation, key, minutes(1))
    silent = next(r for r in people.values() if r.caller_key and r.alternate_key)
    silent.refresh_from_db()
    assert alerts.escalate(silent.pk, 0, minutes(5)) is False  # not yet due
    assert alerts.escalate(silent.pk, 0, minutes(11)) is True
    assert alerts.escalate(silent.pk, 0, minutes(11)) is False  # the same step again: nothing
    kinds = waiting(activation)
    assert (Kind.STAND_IN, silent.alternate_key, silent.key) in kinds
    assert (Kind.SILENCE, silent.caller_key, silent.key) in kinds


def test_an_answer_stops_escalation_and_is_given_once(activation):
    person = activation.recipients.get(key="m1")
    sent(activation, "m1", minutes(1))
    services.answer(person, "safe", "อยู่บ้าน", now=minutes(3))
    person.refresh_from_db()
    assert (person.answer, person.escalate_at) == ("safe", None)
    assert alerts.escalate(person.pk, 0, minutes(20)) is False
    with pytest.raises(PhromError) as refused:
        services.answer(person, "need_help", now=minutes(4))
    assert refused.value.code == "answer_given"


def test_one_open_activation_per_plan(activation, plan, coordinator):
    with pytest.raises(PhromError) as refused:
        services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ซ้ำ", now=T0)
    assert refused.value.code == "activation_open"


def test_closing_makes_a_draft_result_of_the_event(activation, coordinator):
    sent(activation, "m1", minutes(1))
    services.answer(activation.recipients.get(key="m1"), "can_work", now=minutes(6))
    services.mark_step(coordinator, activation, 0, True, now=minutes(7))
    closed = services.close(coordinator, activation, now=minutes(60))
    result = Result.objects.get(pk=closed.result_id)
    assert result.kind == Result.Kind.EVENT and result.activated_at == T0
    assert result.call_tree == {"reached": 1, "total": 3, "minutes": 6}
    assert result.procedures[0]["followed"] is True
    assert "m1" not in result.observations and "นายแพทย์สมชาย ใจดี" in result.observations
    assert not Message.objects.filter(activation=activation, status=Message.Status.CREATED).exists()


def test_people_reached_but_not_recorded_are_caught_up(activation):
    """A worker died between handing m1's alert over and recording it: the next run records m1
    alerted (their clock starts then) and queues the people m1 calls, once."""
    m1 = Message.objects.get(activation=activation, recipient__key="m1")
    Message.objects.filter(pk=m1.pk).update(status=Message.Status.SENT, sent_at=minutes(1))
    assert alerts.record_alerted(activation, minutes(2)) == 1
    assert alerts.record_alerted(activation, minutes(3)) == 0
    assert Recipient.objects.get(pk=m1.recipient_id).escalate_at == minutes(12)
    assert waiting(activation) == [(Kind.ALERT, "m2", None)]


def test_due_escalations_of_one_activation(activation):
    for key in ("m1", "m2", "m3"):
        sent(activation, key, minutes(1))
    due = alerts.due_escalations(minutes(11), activation_id=activation.pk)
    assert len(due) == 3 and due == alerts.due_escalations(minutes(11))
    assert alerts.due_escalations(minutes(11), activation_id=activation.pk + 1) == []


def test_an_answer_cancels_what_waits_for_the_person_and_about_them_only(activation):
    """The answer's cancel goes by the person's own indexes: their alerts and the notices of their
    silence are cancelled; what waits for the others stays."""
    people = {r.key: r for r in activation.recipients.all()}
    for key in people:
        sent(activation, key, minutes(1))
    silent = next(r for r in people.values() if r.caller_key and r.alternate_key)
    alerts.escalate(silent.pk, 0, minutes(11))  # a stand-in alert to the alternate, a notice to the caller
    caller = people[silent.caller_key]
    alerts.queue(caller, Kind.ALERT, minutes(11), channel="email")  # a retry by another channel, still waiting
    before = set(waiting(activation))
    assert (Kind.SILENCE, caller.key, silent.key) in before and (Kind.ALERT, caller.key, None) in before

    services.answer(people[silent.key], "safe", now=minutes(12))  # the silent person answers
    assert (Kind.SILENCE, caller.key, silent.key) not in waiting(activation)
    assert (Kind.ALERT, caller.key, None) in waiting(activation)
    services.answer(caller, "safe", now=minutes(13))
    assert [k for _kind, k, _about in waiting(activation) if k == caller.key] == []  # a stand-in alert too


def test_an_activation_that_fails_half_way_leaves_nothing_open(plan, coordinator, monkeypatch):
    def broken(*args):
        raise RuntimeError("database gone")

    monkeypatch.setattr(alerts, "start", broken)
    with pytest.raises(RuntimeError):
        services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟไหม้", now=T0)
    assert not Activation.objects.filter(plan=plan).exists()  # the plan can be activated again
    monkeypatch.undo()
    assert services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟไหม้", now=T0).is_open
