"""Crisis mode in the demo (`phrom demo`): the BMA disaster office's plan activated twice — a real flood
last month, closed into the draft result of the event, and a test run of the call tree under way, with
some answers in — so that the board, the answer page and the plan's banner have content on first start.
Recorded through the services, as people would; the messages are marked as handed to their providers
(the demo sends nothing: no worker should mail demo addresses)."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone

from phrom.plans.models import Plan

from . import alerts, services
from .models import Activation, Answer, Message

AGENCY, USER = "BMA-DDPM", "bma_disaster"


def _handed_over(activation: Activation, start: datetime.datetime, rng: random.Random, *, fail_one: bool) -> None:
    """Every waiting message handed to its provider, a minute per level of the call tree (what the
    worker does); with `fail_one`, one person's first channel fails and the next is tried."""
    moment, failed = start, not fail_one
    while True:
        waiting = list(Message.objects.filter(activation=activation, status=Message.Status.CREATED)
                       .select_related("recipient", "activation"))
        if not waiting:
            return
        moment += datetime.timedelta(minutes=1)
        for m in waiting:
            m.attempts = 1
            if not failed and m.recipient.depth > 0:
                failed = True
                m.status, m.last_error = Message.Status.FAILED, "SMS gateway: 503 Service Unavailable"
                m.save()
                alerts.next_channel(m, moment)
                continue
            m.status, m.sent_at = Message.Status.SENT, moment + datetime.timedelta(seconds=rng.randint(2, 40))
            m.save()
            alerts.alerted(m, m.sent_at)


def _answers(activation: Activation, rng: random.Random, share: float, start: datetime.datetime) -> None:
    people = list(activation.recipients.filter(alerted_at__isnull=False).order_by("position"))
    for i, person in enumerate(people[: max(1, round(len(people) * share))]):
        answer = Answer.NEED_HELP if i == 2 else rng.choice([Answer.RECEIVED, Answer.SAFE, Answer.CAN_WORK, Answer.CAN_WORK])
        note = "น้ำท่วมถนนหน้าบ้าน ออกเดินทางไม่ได้" if answer == Answer.NEED_HELP else ""
        at = max(person.alerted_at, start) + datetime.timedelta(minutes=rng.randint(1, 9), seconds=rng.randint(0, 59))
        services.answer(person, answer, note, now=at)


def load_demo_activations(now: datetime.datetime | None = None) -> int:
    """Record the demo's activations once; returns how many were recorded. The agency is played with its
    SMS gateway and LINE account configured, so that its people are reached as its plan says."""
    with override_settings(PHROM_SMS_GATEWAY_URL="http://127.0.0.1:9/demo-sms", PHROM_LINE_CHANNEL_TOKEN="demo"):
        return _load(now)


def _load(now: datetime.datetime | None) -> int:
    user = get_user_model().objects.filter(username=USER).first()
    plan = Plan.objects.filter(organisation__code=AGENCY).order_by("-fiscal_year").first()
    if user is None or plan is None or plan.activations.exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(2570)
    scenarios = list(plan.scenarios.select_related("scenario"))
    flood = next((s for s in scenarios if s.code == "flood"), scenarios[0] if scenarios else None)
    if flood is None:
        return 0
    # A real flood a month ago: everyone alerted down the tree, answered within the half hour, the
    # first day's steps done, closed into the event's draft result.
    start = now - datetime.timedelta(days=30, hours=3)
    real = services.activate(user, plan, scenario=flood, now=start, answer_minutes=15,
                             message="น้ำท่วมขังสูงรอบศาลาว่าการ ให้ทีมงานรายงานตัวและเตรียมย้ายไปสถานที่สำรอง")
    _handed_over(real, start, rng, fail_one=True)
    _answers(real, rng, 0.9, start)
    for step, s in enumerate(real.snapshot.get("procedures", [])):
        if s.get("window") == "day1":
            services.mark_step(user, real, step, True, now=start + datetime.timedelta(minutes=40 + 15 * step))
    services.close(user, real, now=start + datetime.timedelta(hours=7), hazard=flood.scenario)
    # A test run of the call tree under way: half the team has answered, one silent person escalated.
    start = now - datetime.timedelta(minutes=25)
    test = services.activate(user, plan, scenario=flood, is_test=True, now=start, answer_minutes=10,
                             message="ทดสอบผังการติดต่อสื่อสาร กรุณากดตอบรับจากลิงก์ในข้อความนี้")
    _handed_over(test, start, rng, fail_one=False)
    _answers(test, rng, 0.5, start)
    silent = test.recipients.filter(answered_at__isnull=True, escalate_at__isnull=False).order_by("position").first()
    if silent is not None:
        alerts.escalate(silent.pk, 0, silent.escalate_at)
        _handed_over(test, silent.escalate_at, rng, fail_one=False)
    return 2
