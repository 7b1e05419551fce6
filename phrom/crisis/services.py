"""The state changes of crisis mode, one function each: the change, its record and what it sets
going (alerts, through the background worker after commit), in one transaction."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from phrom.core.errors import PhromError
from phrom.plans.content import document_at
from phrom.plans.models import Plan, PlanScenario
from phrom.results import services as results
from phrom.results.models import ExerciseType

from . import alerts
from .models import Activation, Answer, Recipient, StepDone

SNAPSHOT = ("team", "call_tree", "procedures", "processes")
MAX_MESSAGE = 1000  # characters: an SMS gateway splits a long text into many paid parts


def _wake_worker(activation: Activation) -> None:
    from . import tasks  # the delivery task (phrom.crisis.tasks)

    transaction.on_commit(lambda: tasks.deliver.enqueue(activation.pk))


def activate(user, plan: Plan, *, scenario: PlanScenario, message: str, is_test: bool = False,
             mode: str = Activation.Mode.TREE, answer_minutes: int = 10,
             now: datetime.datetime | None = None) -> Activation:
    """Start an activation of the plan for one of its scenarios: the team, call tree, procedures and
    critical processes copied as they are now, everyone on the team a recipient, the first alerts
    queued. Refused while another activation of the plan is open (`activation_open`)."""
    now = now or timezone.now()
    message = (message or "").strip()
    if not message:
        raise PhromError("crisis_invalid", gettext_noop("Write the message the people alerted will read."),
                         field="message")
    if len(message) > MAX_MESSAGE:
        raise PhromError("crisis_invalid", gettext_noop("The message is too long: at most {limit} characters."),
                         field="message", limit=MAX_MESSAGE)
    if not 1 <= answer_minutes <= 24 * 60:
        raise PhromError("crisis_invalid", gettext_noop("The time to answer is from 1 minute to 24 hours."),
                         field="answer_minutes")
    if scenario.plan_id != plan.pk:
        raise PhromError("crisis_invalid", gettext_noop("Choose one of the plan's own scenarios."), field="scenario")
    document = document_at(plan)
    if not document.get("team"):
        raise PhromError("crisis_no_team")
    # One transaction: a failure half way leaves no open activation without its people (which would
    # refuse every later activation of the plan); the savepoint tells a second activation apart.
    with transaction.atomic():
        try:
            with transaction.atomic():
                activation = Activation.objects.create(
                    plan=plan, organisation_id=plan.organisation_id, hazard_id=scenario.scenario_id,
                    scenario_name=scenario.scenario.name_th if scenario.scenario_id else scenario.name_th or scenario.name_en,
                    is_test=is_test, message=message, mode=mode, answer_minutes=answer_minutes,
                    plan_revision=plan.revision, snapshot={part: document.get(part, []) for part in SNAPSHOT},
                    sensitive=plan.is_sensitive,
                    started_at=now, started_by=user,
                )
        except IntegrityError:
            raise PhromError("activation_open") from None
        Recipient.objects.bulk_create(alerts.recipients_from(activation))
        alerts.start(activation, now)
        _wake_worker(activation)
    return activation


@transaction.atomic
def answer(recipient: Recipient, answer: str, note: str = "", *, now: datetime.datetime | None = None) -> Recipient:
    """The person answers through their link, once: their escalation stops, their waiting alerts are
    cancelled. A second answer is refused (`answer_given`)."""
    now = now or timezone.now()
    if answer not in Answer.values:
        raise PhromError("crisis_invalid", gettext_noop("Choose one of the answers."), field="answer")
    if not recipient.activation.is_open:
        raise PhromError("activation_closed")
    note = (note or "").strip()[:2000]
    # One conditional UPDATE is the guard (no row lock, no read back): of two taps at once, one wins.
    done = Recipient.objects.filter(pk=recipient.pk, answered_at__isnull=True).update(
        answer=answer, note=note, answered_at=now, escalate_at=None)
    if not done:
        raise PhromError("answer_given")
    recipient.answer, recipient.note, recipient.answered_at, recipient.escalate_at = answer, note, now, None
    alerts.cancel_waiting(recipient.activation, recipient)
    return recipient


@transaction.atomic
def mark_step(user, activation: Activation, step: int, done: bool, *, now: datetime.datetime | None = None) -> None:
    """Tick a procedure step off (who, when), or untick one ticked by mistake."""
    from phrom.accounts.names import display_name

    if not activation.is_open:
        raise PhromError("activation_closed")
    if not 0 <= step < len(activation.snapshot.get("procedures", [])):
        raise PhromError("crisis_invalid", gettext_noop("This step is not in the plan."), field="step")
    if done:
        StepDone.objects.get_or_create(activation=activation, step=step, defaults={
            "done_at": now or timezone.now(), "done_by": user, "done_by_name": display_name(user)})
    else:
        StepDone.objects.filter(activation=activation, step=step).delete()


@transaction.atomic
def close(user, activation: Activation, *, now: datetime.datetime | None = None, hazard=None) -> Activation:
    """End the activation: no more alerts or escalation; a real one becomes a draft result of a real
    event for the agency (a test run: of a call-tree test exercise) carrying the timeline, the
    answers and the steps done, for the coordinator to complete."""
    from .report import close_record

    now = now or timezone.now()
    activation = Activation.objects.select_for_update().get(pk=activation.pk)
    if not activation.is_open:
        raise PhromError("activation_closed")
    hazard = activation.hazard or hazard
    if hazard is None:
        raise PhromError("crisis_invalid", gettext_noop("Choose the hazard from the catalogue: the plan's own "
                                                        "scenario is not in it."), field="hazard")
    activation.closed_at, activation.closed_by = now, user
    alerts.cancel_waiting(activation)
    activation.recipients.update(escalate_at=None)
    title, record = close_record(activation, now)
    if activation.is_test:
        exercise = results.record_exercise(
            user, organiser=activation.organisation, participants=[activation.organisation],
            kind=ExerciseType.CALL_TREE, title=title, held_on=timezone.localtime(activation.started_at).date(),
            hazard=hazard, scenario=None, objectives=[])
        result = exercise.results.get()
    else:
        event = results.record_event(
            user, reporter=activation.organisation, organisations=[activation.organisation], title=title,
            hazard=hazard, area="", started_at=activation.started_at, ended_at=None)
        result = event.results.get()
        result.activated_at = activation.started_at
    for field, value in record.items():
        setattr(result, field, value)
    result.save()
    activation.result = result
    activation.save(update_fields=["closed_at", "closed_by", "result"])
    return activation
