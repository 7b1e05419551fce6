"""Submission campaigns: a collector asks agencies for their plans by a deadline; the plans travel
their route, are returned with comments or accepted, and roll up to the campaign's collector.

A Submission is one agency's answer to one campaign (its plan, or the declaration of a
security-sensitive plan). It moves through the collectors of the agency's route one Stage at a
time; every change is a SubmissionEvent (append-only), and the e-mails a change causes are Notice
rows written in the same transaction, delivered later by the background worker like Reminders.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from phrom.core.models import AppendOnlyModel
from phrom.orgs.models import Organisation, OrgKind
from phrom.plans.codes import ALL_COMPONENTS, COMPONENT_LABELS
from phrom.plans.models import Plan, Scenario

GENERAL = "general"  # a review comment on the plan as a whole
COMMENT_COMPONENTS = (*ALL_COMPONENTS, GENERAL)


def default_blocking_codes() -> list[str]:
    return ["missing_required_scenario"]


def default_reminder_days() -> list[int]:
    return [-7, -1, 1, 7]


class Campaign(models.Model):
    """A collector's request for plans: who must send, by when, and what the plans must contain."""

    collector = models.ForeignKey(
        Organisation, models.PROTECT, related_name="campaigns", verbose_name=_("collector")
    )
    title = models.CharField(_("campaign title"), max_length=255)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), validators=[MinValueValidator(2500)])
    description = models.TextField(_("instructions to agencies"), blank=True)
    # Who must send: organisations whose route reaches the collector, narrowed by kind and/or subtree.
    kinds = models.ManyToManyField(
        OrgKind, blank=True, related_name="+", verbose_name=_("organisation kinds that must send"),
        help_text=_("Leave empty for every kind whose plans reach the collector."),
    )
    subtree = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("only units under"),
        help_text=_("Only organisations below this one must send (e.g. a department's own hospitals)."),
    )
    deadline = models.DateField(_("deadline"))
    required_scenarios = models.ManyToManyField(
        Scenario, blank=True, related_name="+", verbose_name=_("scenarios the plans must cover")
    )
    attachment_required = models.BooleanField(_("a Word or PDF copy must be attached"), default=False)
    # Codes of the quality checker whose findings stop a plan from being sent (phrom.plans.checker.CODES).
    blocking_codes = models.JSONField(_("findings that block sending"), default=default_blocking_codes, blank=True)
    # Automatic reminders, in days relative to the deadline: -7 is a week before, 3 three days after.
    reminder_days = models.JSONField(_("reminder days"), default=default_reminder_days, blank=True)
    is_open = models.BooleanField(_("open"), default=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        indexes = [models.Index(fields=["collector", "is_open"])]

    def __str__(self) -> str:
        return self.title

    # Codes only, read once per object: a page asks several times who must send (phrom.campaigns.targets)
    # and what the checks require, and never needs the rows themselves for that. Lists of campaigns
    # prefetch the rows instead (one query for them all): their codes are taken from there.
    @cached_property
    def kind_codes(self) -> list[str]:
        """The kinds that must send (none: every kind whose plans reach the collector)."""
        if "kinds" in getattr(self, "_prefetched_objects_cache", {}):
            return [k.pk for k in self.kinds.all()]
        return list(Campaign.kinds.through.objects.filter(campaign_id=self.pk).values_list("orgkind_id", flat=True))

    @cached_property
    def scenario_codes(self) -> list[str]:
        """The scenarios the plans must cover."""
        if "required_scenarios" in getattr(self, "_prefetched_objects_cache", {}):
            return [s.code for s in self.required_scenarios.all()]
        return list(Campaign.required_scenarios.through.objects.filter(campaign_id=self.pk)
                    .values_list("scenario__code", flat=True))


class Submission(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        DECLARATION = "declaration", _("declaration of a security-sensitive plan")

    class State(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("waiting for the approver")
        DECLINED = "declined", _("not approved")
        IN_REVIEW = "in_review", _("in review")
        RETURNED = "returned", _("returned for correction")
        ACCEPTED = "accepted", _("accepted")
        DECLARED = "declared", _("declared")

    # Sent and counting as sent for the campaign.
    SENT = (State.IN_REVIEW, State.ACCEPTED, State.DECLARED)
    # Waiting for someone in the agency, or for nobody: the agency still has to act.
    OUTSTANDING = (State.AWAITING_APPROVAL, State.DECLINED, State.RETURNED)

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="submissions", verbose_name=_("campaign"))
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="submissions", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PLAN)
    plan = models.ForeignKey(
        Plan, models.PROTECT, null=True, blank=True, related_name="submissions", verbose_name=_("plan")
    )
    # The plan's revision put forward (frozen once approved); the agency's later edits are new revisions.
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    # In review: the collector it is with. Returned: the collector that returned it.
    holder = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("with")
    )
    round = models.PositiveIntegerField(_("times sent"), default=0)
    # Bumped by every change; a reviewer's form carries the value it was shown (optimistic concurrency).
    lock = models.PositiveIntegerField(default=0)
    # The name reported: the plan's title when sent, or the declared title.
    title = models.CharField(_("title"), max_length=500)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("quality score"), null=True, blank=True)
    error_count = models.PositiveSmallIntegerField(_("errors found by the checker"), default=0)
    # The stored Word/PDF copy as it was when sent (the plan may attach a new file later).
    attachment = models.FileField(_("Word/PDF copy"), blank=True, max_length=500)
    requested_at = models.DateTimeField(null=True, blank=True)
    first_sent_at = models.DateTimeField(_("first sent"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["campaign", "organisation"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "kind"], name="submission_one_per_kind"),
        ]
        indexes = [models.Index(fields=["campaign", "state"]), models.Index(fields=["plan", "state"])]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.organisation_id} {self.kind} {self.state}"

    @property
    def is_declaration(self) -> bool:
        return self.kind == self.Kind.DECLARATION

    @property
    def has_content(self) -> bool:
        """A plan sent with its content (a declaration carries none)."""
        return self.kind == self.Kind.PLAN and self.plan_id is not None and self.version is not None


class Stage(models.Model):
    """The submission at one collector of its route: what that collector's inbox shows."""

    class Status(models.TextChoices):
        PENDING = "pending", _("to review")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        FORWARDED = "forwarded", _("forwarded")
        DECLARED = "declared", _("declaration")

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="stages")
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="+")  # = submission.campaign, for the inbox index
    collector = models.ForeignKey(Organisation, models.PROTECT, related_name="campaign_stages")
    position = models.PositiveSmallIntegerField()
    is_final = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices)
    round = models.PositiveIntegerField(default=1)
    version = models.PositiveIntegerField(null=True, blank=True)
    arrived_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["submission_id", "position"]
        constraints = [models.UniqueConstraint(fields=["submission", "collector"], name="stage_one_per_collector")]
        indexes = [
            models.Index(fields=["campaign", "collector", "status"]),
            models.Index(fields=["campaign", "collector", "arrived_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}@{self.collector_id}: {self.status}"


class SubmissionEvent(AppendOnlyModel):
    """One step of a submission's history: who did what, when, from where, with which comment."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("asked the approver to approve")
        DECLINED = "declined", _("did not approve")
        SENT = "sent", _("approved and sent")
        DECLARED = "declared", _("approved and declared")
        RETURNED = "returned", _("returned for correction")
        FORWARDED = "forwarded", _("accepted and forwarded")
        ACCEPTED = "accepted", _("accepted")

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    # On whose behalf: the agency, or the collector that reviewed.
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    # Sent or forwarded to.
    target = models.ForeignKey(Organisation, models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(null=True, blank=True)
    round = models.PositiveIntegerField(default=0)
    comment = models.TextField(blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["submission_id", "at", "id"]
        verbose_name = _("submission event")
        verbose_name_plural = _("submission history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"



class ReviewComment(models.Model):
    """A reviewer's comment on one component of the plan (or on the plan as a whole)."""

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="comments")
    event = models.ForeignKey(SubmissionEvent, models.PROTECT, related_name="comments")
    collector = models.ForeignKey(Organisation, models.PROTECT, related_name="+")
    component = models.CharField(max_length=16, choices=[(c, c) for c in COMMENT_COMPONENTS], default=GENERAL)
    # Optional: the field concerned, in the document's terms (e.g. processes[2].rto_hours).
    path = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    version = models.PositiveIntegerField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Open until the agency sends the plan again (or marks the comment done).
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["submission_id", "created_at", "id"]
        indexes = [models.Index(fields=["submission", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.component}: {self.text[:60]}"

    @property
    def component_label(self):
        return COMPONENT_LABELS.get(self.component, _("the plan as a whole"))


class QueuedMail(models.Model):
    """An e-mail waiting for the background worker; kept, with its attempts, when the server is down."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("could not be delivered")
        NO_ADDRESS = "no_address", _("nobody to send to")

    recipients = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=100, blank=True)  # "<worker id>/<random>" (phrom.campaigns.mail)
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Reminder(QueuedMail):
    """A reminder to one agency's coordinators; each kind (e.g. `before-7`, `manual-2026-05-04`) goes once."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "kind"], name="reminder_once_per_kind"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"]), models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.organisation_id} {self.kind} {self.status}"


class Notice(QueuedMail):
    """The e-mail a submission's change causes (please approve, returned, accepted)."""

    submission = models.ForeignKey(Submission, models.CASCADE, related_name="notices")
    event = models.ForeignKey(SubmissionEvent, models.CASCADE, related_name="notices")

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.event.action} {self.status}"
