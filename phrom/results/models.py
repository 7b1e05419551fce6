"""The results of carrying plans out (seed 001 point 6): exercises and real events, each agency's
result of one of them (per critical process the recovery reached against its RTO and MTPD, what ran
short, how usable the plan was), the corrective actions that feed the next revision and the training
needs passed on to the training office.

An exercise or an event may concern many agencies; each agency records its own Result of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phrom.orgs.models import CODE_VALIDATOR, Bilingual, Organisation
from phrom.plans.codes import COMPONENT_LABELS, COMPONENTS
from phrom.plans.models import Plan, Scenario

COMPONENT_CHOICES = [(c, COMPONENT_LABELS[c]) for c in COMPONENTS]


class ExerciseType(models.TextChoices):
    """ISO 22398's kinds of exercise, from a discussion round the table to a full-scale drill."""

    TABLETOP = "tabletop", _("tabletop exercise")
    WALKTHROUGH = "walkthrough", _("walkthrough")
    CALL_TREE = "call_tree", _("call-tree test")
    SIMULATION = "simulation", _("simulation")
    FUNCTIONAL = "functional", _("functional exercise")
    FULL_SCALE = "full_scale", _("full-scale exercise")


class ExerciseScenario(models.Model):
    """A scenario a collector publishes for the agencies of its route to exercise (seed 001 point 3:
    the disaster office designs them with each hazard's lead office)."""

    publisher = models.ForeignKey(Organisation, models.PROTECT, related_name="published_scenarios",
                                  verbose_name=_("published by"))
    hazard = models.ForeignKey(Scenario, models.PROTECT, related_name="+", verbose_name=_("hazard"))
    title = models.CharField(_("title"), max_length=255)
    narrative = models.TextField(_("narrative"))
    injects = models.JSONField(_("timed injects"), default=list, blank=True)  # [{"minute": 30, "text": …}]
    lead_office = models.CharField(_("lead office"), max_length=255, blank=True)
    expected_actions = models.TextField(_("expected actions"), blank=True)
    participants = models.ManyToManyField(Organisation, related_name="invited_scenarios", blank=True,
                                          verbose_name=_("agencies taking part"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("exercise scenario")
        verbose_name_plural = _("exercise scenarios")

    def __str__(self) -> str:
        return self.title


class Exercise(models.Model):
    """An exercise held by an agency for itself, or by a collector for many agencies at once."""

    organiser = models.ForeignKey(Organisation, models.PROTECT, related_name="organised_exercises",
                                  verbose_name=_("organised by"))
    kind = models.CharField(_("type"), max_length=16, choices=ExerciseType.choices)
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("held on"))
    hazard = models.ForeignKey(Scenario, models.PROTECT, related_name="+", verbose_name=_("hazard"))
    scenario = models.ForeignKey(ExerciseScenario, models.SET_NULL, null=True, blank=True, related_name="exercises",
                                 verbose_name=_("scenario"))
    objectives = models.JSONField(_("objectives"), default=list, blank=True)  # [text]
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    """A real event that disrupted one or more agencies; `ended_at` empty while it goes on."""

    reporter = models.ForeignKey(Organisation, models.PROTECT, related_name="reported_events",
                                 verbose_name=_("reported by"))
    title = models.CharField(_("title"), max_length=255)
    hazard = models.ForeignKey(Scenario, models.PROTECT, related_name="+", verbose_name=_("hazard"))
    area = models.CharField(_("area"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.CheckConstraint(condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                                              name="event_ends_after_it_starts")]

    def __str__(self) -> str:
        return self.title


class Result(models.Model):
    """One agency's result of an exercise or an event: what its plan (at the version carried out) gave."""

    class Kind(models.TextChoices):
        EXERCISE = "exercise", _("exercise")
        EVENT = "event", _("real event")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    exercise = models.ForeignKey(Exercise, models.CASCADE, null=True, blank=True, related_name="results")
    event = models.ForeignKey(Event, models.CASCADE, null=True, blank=True, related_name="results")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="results")
    # The exercise's or event's hazard, copied (it never changes): counted without joining them.
    hazard = models.ForeignKey(Scenario, models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, models.PROTECT, null=True, blank=True, related_name="results")
    plan_version = models.PositiveIntegerField(null=True, blank=True)  # the version carried out, kept
    # A result of a security-sensitive plan never leaves the agency, even if the plan is later reclassified.
    sensitive = models.BooleanField(default=False)
    occurred_on = models.DateField(db_index=True)  # the exercise's day or the event's start: for "last 12 months"
    fiscal_year = models.PositiveSmallIntegerField()  # occurred_on's (B.E.), for lessons by year without date functions
    activated_at = models.DateTimeField(null=True, blank=True)  # events: when the plan was activated
    participants = models.TextField(blank=True)
    objectives = models.JSONField(default=list, blank=True)  # [{"objective": text, "status": met|partly|not_met}]
    observations = models.TextField(blank=True)
    call_tree = models.JSONField(default=dict, blank=True)  # {"reached": n, "total": n, "minutes": n}
    usability = models.JSONField(default=dict, blank=True)  # component -> {"rating": usable|partly|unusable, "reason"}
    resources_short = models.JSONField(default=list, blank=True)  # [{"category", "item", "needed", "available"}]
    procedures = models.JSONField(default=list, blank=True)  # [{"step": text, "followed": bool}]
    authority_affected = models.BooleanField(null=True, blank=True)
    authority_note = models.TextField(blank=True)
    findings = models.JSONField(default=list, blank=True)  # [{"component": key or "", "text"}]
    improvements = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)  # a conflicting edit is refused, not overwritten
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=(Q(kind="exercise", exercise__isnull=False, event__isnull=True)
                                              | Q(kind="event", event__isnull=False, exercise__isnull=True)),
                                   name="result_of_one_exercise_or_event"),
            models.UniqueConstraint(fields=["exercise", "organisation"], name="result_once_per_exercise"),
            models.UniqueConstraint(fields=["event", "organisation"], name="result_once_per_event"),
        ]
        indexes = [models.Index(fields=["organisation", "occurred_on"]), models.Index(fields=["hazard", "kind"])]

    def __str__(self) -> str:
        return f"{self.occasion} — {self.organisation}"

    @property
    def occasion(self) -> Exercise | Event:
        return self.exercise if self.kind == self.Kind.EXERCISE else self.event


class ProcessRecovery(models.Model):
    """A critical process in one result: how long it was down against the RTO and MTPD its plan had
    (copied when recorded: the plan may change afterwards)."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="processes")
    position = models.PositiveIntegerField(default=0)
    process_key = models.CharField(max_length=32)
    process_name = models.CharField(max_length=500)
    rto_hours = models.FloatField(null=True, blank=True)
    mtpd_hours = models.FloatField(null=True, blank=True)
    recovered_hours = models.FloatField(null=True, blank=True)  # empty: not disrupted, or still down
    still_down = models.BooleanField(default=False)

    class Meta:
        ordering = ["result_id", "position"]
        constraints = [models.UniqueConstraint(fields=["result", "process_key"], name="recovery_once_per_process"),
                       models.CheckConstraint(condition=~Q(still_down=True, recovered_hours__isnull=False),
                                              name="still_down_has_no_recovery_time")]

    def __str__(self) -> str:
        return self.process_name


class ActionQuerySet(models.QuerySet):
    """The one reading of "not done yet" and "overdue" (pages, API, home page, overview)."""

    def pending(self):
        return self.exclude(status=CorrectiveAction.Status.DONE)

    def overdue(self, today=None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())

    def shown(self, status: str):
        """`pending`, `overdue` or anything else: all."""
        return self.pending() if status == "pending" else self.overdue() if status == "overdue" else self


class CorrectiveAction(models.Model):
    """What must change after an exercise or an event (ISO 22301 §10.1), in the plan component it changes."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("corrective action", "open")
        IN_PROGRESS = "in_progress", pgettext_lazy("corrective action", "in progress")
        DONE = "done", pgettext_lazy("corrective action", "done")

    result = models.ForeignKey(Result, models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="corrective_actions")
    component = models.CharField(max_length=16, choices=COMPONENT_CHOICES)
    description = models.TextField()
    owner = models.CharField(max_length=255)
    due_on = models.DateField(db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # The plan version that answered it: the first one written after it was closed.
    answered_in = models.PositiveIntegerField(null=True, blank=True)
    plan = models.ForeignKey(Plan, models.SET_NULL, null=True, blank=True, related_name="corrective_actions")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def overdue(self) -> bool:
        return self.status != self.Status.DONE and self.due_on < timezone.localdate()


class TrainingSkill(Bilingual):
    """A skill of the training office's catalogue (data, kept in the admin)."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    sort = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("training skill")
        verbose_name_plural = _("training skills")


class TrainingNeed(models.Model):
    """A skill found missing in an exercise or an event: from the catalogue, or in the agency's words."""

    result = models.ForeignKey(Result, models.CASCADE, related_name="training_needs")
    skill = models.ForeignKey(TrainingSkill, models.PROTECT, null=True, blank=True, related_name="needs")
    text = models.CharField(max_length=255, blank=True)
    people = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(skill__isnull=False) | ~Q(text=""), name="training_need_named")]

    def __str__(self) -> str:
        return self.skill.name if self.skill_id else self.text

