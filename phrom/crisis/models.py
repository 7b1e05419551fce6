"""Crisis mode: a plan activated, its people alerted down the call tree, their answers, the steps
done against the processes' RTO clocks, until the activation closes into an event record.

An activation copies what it needs of the plan when it starts (the team, the call tree, the
procedures, the critical processes — `snapshot`, in the plan document's own shape), so a plan
edited during the crisis changes nothing of an alert already under way. Each person alerted is a
Recipient; each message handed to a provider (e-mail, SMS gateway, LINE) is a Message, made once
per person, kind, subject and channel (`key`), and sent only while it is still `created` — a task run
twice sends nothing twice.

Its labels are in crisis' own translation context ("crisis"): "failed", "started at"… read otherwise
in other apps' Thai.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from phrom.orgs.models import Organisation
from phrom.plans.models import Plan, Scenario


class Activation(models.Model):
    class Mode(models.TextChoices):
        TREE = "tree", pgettext_lazy("crisis", "down the call tree, in its order")
        ALL = "all", pgettext_lazy("crisis", "everyone at once")

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="activations")
    # The plan's agency, kept: who may see and run the activation is asked of it.
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="activations")
    hazard = models.ForeignKey(Scenario, models.PROTECT, null=True, blank=True, related_name="+")
    scenario_name = models.CharField(pgettext_lazy("crisis", "scenario"), max_length=255)  # as the plan names it
    is_test = models.BooleanField(pgettext_lazy("crisis", "test run"), default=False)
    message = models.TextField(pgettext_lazy("crisis", "message"))
    mode = models.CharField(pgettext_lazy("crisis", "who is alerted"), max_length=8, choices=Mode.choices, default=Mode.TREE)
    answer_minutes = models.PositiveSmallIntegerField(pgettext_lazy("crisis", "minutes to answer before escalation"), default=10)
    plan_revision = models.PositiveIntegerField()  # the plan's revision snapshotted
    snapshot = models.JSONField(default=dict)  # {"team", "call_tree", "procedures", "bia"}: the plan document's parts
    sensitive = models.BooleanField(default=False)  # the plan's classification when it started: never leaves the agency
    started_at = models.DateTimeField(pgettext_lazy("crisis", "started at"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    closed_at = models.DateTimeField(pgettext_lazy("crisis", "closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # What it closed into: the agency's result of the event (a test run: of a call-tree test exercise).
    result = models.OneToOneField("results.Result", models.SET_NULL, null=True, blank=True, related_name="activation")

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = pgettext_lazy("crisis", "activation")
        verbose_name_plural = pgettext_lazy("crisis", "activations")
        constraints = [
            # Two coordinators pressing "activate" at once get one activation.
            models.UniqueConstraint(fields=["plan"], condition=Q(closed_at__isnull=True),
                                    name="one_open_activation_per_plan"),
        ]

    def __str__(self) -> str:
        return self.scenario_name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Answer(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("crisis", "received")
    SAFE = "safe", pgettext_lazy("crisis", "I am safe")
    CAN_WORK = "can_work", pgettext_lazy("crisis", "I can work")
    NEED_HELP = "need_help", pgettext_lazy("crisis", "I need help")


class Recipient(models.Model):
    """A person of the snapshotted team on this activation: their contacts as they were, where they
    sit in the call tree, when they were first alerted and what they answered."""

    activation = models.ForeignKey(Activation, models.CASCADE, related_name="recipients")
    key = models.CharField(max_length=32)  # the team member's key in the plan
    position = models.PositiveIntegerField(default=0)  # order of the team
    name = models.CharField(max_length=255)
    job_title = models.CharField(max_length=255, blank=True)
    role = models.CharField(max_length=16, blank=True)  # plans.codes.TeamRole
    team = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    line_id = models.CharField(max_length=64, blank=True)
    caller_key = models.CharField(max_length=32, blank=True)  # who alerts them ("" : alerted first)
    alternate_key = models.CharField(max_length=32, blank=True)
    channel = models.CharField(max_length=16, blank=True)  # the call tree's channel for them (plans.codes.Channel)
    depth = models.PositiveSmallIntegerField(default=0)  # 0 for those alerted first
    alerted_at = models.DateTimeField(null=True, blank=True)  # the first message handed to a provider
    answer = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    note = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)  # steps of escalation taken for their silence
    escalate_at = models.DateTimeField(null=True, blank=True, db_index=True)  # the next step, if still silent

    class Meta:
        ordering = ["activation_id", "position"]
        constraints = [models.UniqueConstraint(fields=["activation", "key"], name="recipient_once_per_activation")]
        indexes = [models.Index(fields=["activation", "caller_key"], name="recipient_callees")]  # down the tree

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """One message to one person by one channel, handed to its provider at most once."""

    class Kind(models.TextChoices):
        ALERT = "alert", pgettext_lazy("crisis", "alert")
        STAND_IN = "stand_in", pgettext_lazy("crisis", "alert in place of someone silent")  # to a silent person's alternate
        SILENCE = "silence", pgettext_lazy("crisis", "notice that someone has not answered")  # up the tree, to the caller and above

    class Channel(models.TextChoices):
        EMAIL = "email", pgettext_lazy("crisis", "e-mail")
        SMS = "sms", pgettext_lazy("crisis", "SMS")
        LINE = "line", pgettext_lazy("crisis", "LINE")

    class Status(models.TextChoices):
        CREATED = "created", pgettext_lazy("crisis", "waiting to be sent")
        SENDING = "sending", pgettext_lazy("crisis", "being sent")
        SENT = "sent", pgettext_lazy("crisis", "sent")
        FAILED = "failed", pgettext_lazy("crisis", "failed")  # retried and given up: the person's next channel is tried
        CANCELLED = "cancelled", pgettext_lazy("crisis", "not needed")  # the person answered, or the activation closed, first

    activation = models.ForeignKey(Activation, models.CASCADE, related_name="messages")
    recipient = models.ForeignKey(Recipient, models.CASCADE, related_name="messages")
    about = models.ForeignKey(Recipient, models.CASCADE, null=True, blank=True, related_name="+")  # whose silence
    kind = models.CharField(max_length=16, choices=Kind.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    # "<kind>:<about key>:<recipient key>:<channel>": one message of each, ever.
    key = models.CharField(max_length=120)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CREATED)
    attempts = models.PositiveSmallIntegerField(default=0)
    due_at = models.DateTimeField(default=timezone.now)  # first try, then the next retry
    claim = models.CharField(max_length=120, blank=True)  # worker id (phrom.core.worker) / batch
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["activation_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["activation", "key"], name="message_once")]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return self.key


class StepDone(models.Model):
    """A procedure step of the snapshot ticked off during the activation: by whom, when."""

    activation = models.ForeignKey(Activation, models.CASCADE, related_name="steps_done")
    step = models.PositiveIntegerField()  # its index in snapshot["procedures"]
    done_at = models.DateTimeField(default=timezone.now)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    done_by_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["activation_id", "step"]
        constraints = [models.UniqueConstraint(fields=["activation", "step"], name="step_done_once")]

    def __str__(self) -> str:
        return f"{self.activation_id}:{self.step}"
