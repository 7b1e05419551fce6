"""Plans as structured data: the eight OPDC components in tables, their versions and audit trail.

The content of a plan is read and written through phrom.plans.content (the `phrom-plan/1`
document); these tables are its normalised storage, which statistics and queries use directly.
References between components go through foreign keys (a step's owner is a TeamMember row);
inside the document they are the stable `key`s of the members and processes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from phrom.core.models import AppendOnlyModel
from phrom.orgs.models import CODE_VALIDATOR, Bilingual, CollectorFlag, Organisation

from .codes import ALL_COMPONENTS, Category, Channel, Classification, ImpactLevel, Status, TeamRole, Window

ATTACHMENT_EXTENSIONS = ["pdf", "doc", "docx"]
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


def validate_attachment_size(file):
    if file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."), code="too_large",
            params={"limit": ATTACHMENT_MAX_BYTES // (1024 * 1024)},
        )


def attachment_path(plan, filename: str) -> str:
    return f"plans/{plan.organisation.code}/{plan.fiscal_year}/{filename}"


class Scenario(Bilingual):
    """The catalogue of crisis scenarios a plan may cover; administrators extend it."""

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    lead_office_th = models.CharField(_("lead office (Thai)"), max_length=255, blank=True)
    lead_office_en = models.CharField(_("lead office (English)"), max_length=255, blank=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)
    is_builtin = models.BooleanField(_("shipped with Phrom"), default=False)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")


class RequiredScenario(models.Model):
    """A collector's rule: plans it collects must cover this scenario (e.g. BMA: cyber threat).

    The collector is named either as one organisation or by its collector flag; the rule applies
    to the plans of every organisation whose route passes that collector, and to its own plan.
    """

    collector = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="required_scenarios",
        verbose_name=_("collector"),
    )
    collector_flag = models.CharField(
        _("collector flag"), max_length=16, choices=CollectorFlag.choices, blank=True
    )
    scenario = models.ForeignKey(Scenario, models.CASCADE, related_name="required_by", verbose_name=_("scenario"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("required scenario")
        verbose_name_plural = _("required scenarios")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(collector__isnull=False, collector_flag="")
                           | models.Q(collector__isnull=True) & ~models.Q(collector_flag="")),
                name="required_scenario_one_collector",
            ),
        ]

    def __str__(self) -> str:
        who = self.collector.code if self.collector_id else f"[{self.collector_flag}]"
        return f"{who} → {self.scenario.code}"


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="plans", verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=500)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), validators=[MinValueValidator(2500)])
    classification = models.CharField(
        _("classification"), max_length=16, choices=Classification.choices, default=Classification.NORMAL
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    exercised_on = models.DateField(_("last exercised on"), null=True, blank=True)
    # Component "scope" (the scenarios are PlanScenario rows).
    objectives = models.TextField(_("objectives"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    scope_text = models.TextField(_("scope"), blank=True)
    long_crisis = models.BooleanField(_("holds for a crisis longer than one month"), default=False)
    # The plan's version counter: the number of the latest PlanVersion.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    # component -> its own revision, for optimistic concurrency per component.
    component_revisions = models.JSONField(default=dict, editable=False)
    attachment = models.FileField(
        _("original document (Word/PDF)"), upload_to=attachment_path, blank=True, max_length=500,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS), validate_attachment_size],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation", "-fiscal_year"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fiscal_year"], name="plan_one_per_fiscal_year"),
        ]
        indexes = [
            models.Index(fields=["status", "fiscal_year"]),
            models.Index(fields=["fiscal_year", "classification"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sensitive(self) -> bool:
        return self.classification == Classification.SENSITIVE

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    def component_revision(self, component: str) -> int:
        return int(self.component_revisions.get(component, 0))


class PlanScenario(models.Model):
    """A scenario the plan covers: from the catalogue, or the agency's own (code custom-…)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="scenarios")
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=64)
    scenario = models.ForeignKey(Scenario, models.PROTECT, null=True, blank=True, related_name="plan_rows")
    name_th = models.CharField(max_length=255, blank=True)
    name_en = models.CharField(max_length=255, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_scenario_unique")]
        indexes = [models.Index(fields=["scenario"])]

    def __str__(self) -> str:
        return self.code


class Impact(models.Model):
    """One cell of the scenario × resource-category grid."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="impacts")
    position = models.PositiveIntegerField(default=0)
    scenario = models.ForeignKey(PlanScenario, models.CASCADE, related_name="impacts")
    category = models.CharField(max_length=16, choices=Category.choices)
    impacted = models.BooleanField(default=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["scenario", "category"], name="impact_unique_cell")]
        indexes = [models.Index(fields=["category", "impacted"])]

    def __str__(self) -> str:
        return f"{self.scenario_id}/{self.category}"


class TeamMember(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="members")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=32)
    name = models.CharField(max_length=255)
    job_title = models.CharField(max_length=255, blank=True)  # "position" in the document
    role = models.CharField(max_length=16, choices=TeamRole.choices, default=TeamRole.MEMBER)
    team = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    line_id = models.CharField(max_length=64, blank=True)
    alternate = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="alternate_for")

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="team_member_unique_key")]

    def __str__(self) -> str:
        return f"{self.key}: {self.name}"


class Strategy(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="strategies")
    position = models.PositiveIntegerField(default=0)
    category = models.CharField(max_length=16, choices=Category.choices)
    strategy = models.TextField()
    digital = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan_id", "position"]
        indexes = [models.Index(fields=["category", "digital"])]

    def __str__(self) -> str:
        return f"{self.category}: {self.strategy[:60]}"


class Process(models.Model):
    """A critical process or service of the business impact analysis."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="processes")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=32)
    name = models.CharField(max_length=500)
    mission = models.CharField(max_length=500, blank=True)
    impact_level = models.CharField(max_length=16, choices=ImpactLevel.choices, blank=True)
    mtpd_hours = models.FloatField(null=True, blank=True)
    rto_hours = models.FloatField(null=True, blank=True)
    rpo_hours = models.FloatField(null=True, blank=True)
    depends_on_it = models.BooleanField(default=False)
    eservice = models.BooleanField(default=False)
    impact_over_time = models.JSONField(default=dict, blank=True)  # period -> text
    # What the process needs from others (another agency's process, a utility, a supplier), each
    # maybe covered for some hours by the agency's own arrangement: phrom.dependencies reads them.
    dependencies = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="process_unique_key")]
        indexes = [models.Index(fields=["impact_level"]), models.Index(fields=["rto_hours"])]

    def __str__(self) -> str:
        return f"{self.key}: {self.name}"


class ResourceRequirement(models.Model):
    """How many of one item a process needs by each period (4 h … 1 month)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="resources")
    position = models.PositiveIntegerField(default=0)
    process = models.ForeignKey(Process, models.CASCADE, null=True, blank=True, related_name="resources")
    category = models.CharField(max_length=16, choices=Category.choices)
    item = models.CharField(max_length=500)
    unit = models.CharField(max_length=64, blank=True)
    qty_4h = models.FloatField(null=True, blank=True)
    qty_1d = models.FloatField(null=True, blank=True)
    qty_1w = models.FloatField(null=True, blank=True)
    qty_2w = models.FloatField(null=True, blank=True)
    qty_1m = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "position"]
        indexes = [models.Index(fields=["category"])]

    def __str__(self) -> str:
        return f"{self.category}: {self.item}"


class ProcedureStep(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(default=0)
    window = models.CharField(max_length=16, choices=Window.choices)
    order = models.PositiveIntegerField(default=1)
    activity = models.TextField()
    owner = models.ForeignKey(TeamMember, models.SET_NULL, null=True, blank=True, related_name="steps")
    process = models.ForeignKey(Process, models.SET_NULL, null=True, blank=True, related_name="steps")

    class Meta:
        ordering = ["plan_id", "position"]
        indexes = [models.Index(fields=["plan", "window", "order"])]

    def __str__(self) -> str:
        return f"{self.window} #{self.order}: {self.activity[:60]}"


class CallTreeLink(models.Model):
    """Who alerts whom; a link without a caller is a root of the tree."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="call_links")
    position = models.PositiveIntegerField(default=0)
    caller = models.ForeignKey(TeamMember, models.CASCADE, null=True, blank=True, related_name="calls")
    callee = models.ForeignKey(TeamMember, models.CASCADE, related_name="called_by")
    order = models.PositiveIntegerField(default=1)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.PHONE)

    class Meta:
        ordering = ["plan_id", "position"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(caller=models.F("callee")), name="call_link_no_self_loop"),
        ]

    def __str__(self) -> str:
        return f"{self.caller_id} → {self.callee_id}"


class PlanVersion(models.Model):
    """One saved change of one component; version N of a plan is, per component, the latest row ≤ N."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    component = models.CharField(max_length=16, choices=[(c, c) for c in ALL_COMPONENTS])
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=500, blank=True)
    # {"added": n, "removed": n, "changed": n} against the component's previous version.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["plan_id", "number", "component"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number", "component"], name="plan_version_unique"),
        ]
        indexes = [models.Index(fields=["plan", "component", "number"])]

    def __str__(self) -> str:
        return f"plan {self.plan_id} v{self.number} {self.component}"


class PlanAudit(AppendOnlyModel):
    """The per-plan audit trail: append-only, never updated or deleted by the application."""

    class Action(models.TextChoices):
        CREATE = "create", _("created the plan")
        SAVE = "save", _("saved a component")
        CASCADE = "cascade", _("component changed by a related change")
        ATTACH = "attach", _("attached the original document")
        DETACH = "detach", _("removed the original document")
        CHECKLIST = "checklist", _("answered the self-assessment checklist")
        STATUS = "status", _("changed the status")
        # Someone outside the agency opened the plan's content (e.g. a collector reviewing a submission).
        READ = "read", _("read the plan")
        # A person's contact details removed at their request (PDPA; phrom.privacy.erasure): no personal data here.
        ERASE = "erase", _("erased a person's contact details at their request")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="audit")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # Kept as text so that the trail still names the person if the account goes.
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    component = models.CharField(max_length=16, blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["plan_id", "-at", "-id"]
        indexes = [models.Index(fields=["plan", "at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.component}"



class ChecklistAnswer(models.Model):
    """The coordinator's answer to a self-assessment item that the plan data does not answer."""

    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        NOT_APPLICABLE = "na", _("not applicable")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="checklist_answers")
    item = models.CharField(max_length=32)
    answer = models.CharField(max_length=4, choices=Answer.choices)
    note = models.TextField(blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="checklist_answer_unique")]

    def __str__(self) -> str:
        return f"{self.item}: {self.answer}"
