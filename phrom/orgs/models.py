"""Organisations, their kinds, provinces and the rule table of reporting routes."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

CODE_VALIDATOR = RegexValidator(r"^[A-Za-z0-9_.\-]+$", _("Use only Latin letters, digits, '.', '-' and '_'."))


class Bilingual(models.Model):
    """A thing with an official Thai name and an English one; shows the one of the active language."""

    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_th


class Province(Bilingual):
    code = models.CharField(_("code"), max_length=2, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class OrgKind(Bilingual):
    class Level(models.TextChoices):
        CENTRAL = "central", _("central government")
        REGIONAL = "regional", _("provincial administration")
        LOCAL = "local", _("local government")
        BMA = "bma", _("Bangkok Metropolitan Administration")
        SUBUNIT = "subunit", _("sub-unit")

    code = models.CharField(_("code"), max_length=32, primary_key=True, validators=[CODE_VALIDATOR])
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)
    # Counted in "must have a plan" (phrom.statistics); sub-units are rolled up by their parents.
    must_plan = models.BooleanField(
        _("must have a plan"), default=True,
        help_text=_("Organisations of this kind are counted among the agencies that must have a plan."),
    )

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("organisation kind")
        verbose_name_plural = _("organisation kinds")


class Sector(models.TextChoices):
    ENERGY = "energy", _("energy")
    WATER = "water", _("water supply")
    TELECOM = "telecom", _("telecommunications")
    TRANSPORT = "transport", _("transport")


class CollectorFlag(models.TextChoices):
    NATIONAL = "national", _("national collector (OPDC)")
    BMA = "bma", _("BMA collector (disaster office)")


class Organisation(Bilingual):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    kind = models.ForeignKey(OrgKind, models.PROTECT, related_name="organisations", verbose_name=_("kind"))
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    province = models.ForeignKey(
        Province, models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("province")
    )
    site = models.CharField(_("site / building"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sector = models.CharField(_("critical-infrastructure sector"), max_length=16, choices=Sector.choices, blank=True)
    collector = models.CharField(_("collector"), max_length=16, choices=CollectorFlag.choices, blank=True)
    # Codes from the root down, "/"-separated with a trailing "/": descendants share the prefix.
    tree_path = models.CharField(max_length=1024, db_index=True, editable=False, default="")
    # Lower-cased code and both names, for one LIKE over all of them.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "province"]), models.Index(fields=["collector"])]

    @property
    def depth(self) -> int:
        return self.tree_path.count("/") - 1

    def clean(self):
        super().clean()
        if self.pk and self.parent_id:
            path = Organisation.objects.filter(pk=self.pk).values_list("tree_path", flat=True).first()
            if self.parent_id == self.pk or (
                path and Organisation.objects.filter(pk=self.parent_id, tree_path__startswith=path).exists()
            ):
                raise ValidationError(
                    {"parent": _("An organisation cannot be placed under itself or under one of its own units.")}
                )

    def compute_search_text(self) -> str:
        return " ".join([self.code, self.name_th, self.name_en]).lower()

    def descendants(self):
        return Organisation.objects.filter(tree_path__startswith=self.tree_path).exclude(pk=self.pk)

    def ancestors(self) -> list["Organisation"]:
        codes = [c for c in self.tree_path.split("/") if c][:-1]
        by_code = {o.code: o for o in Organisation.objects.filter(code__in=codes).select_related("kind")}
        return [by_code[c] for c in codes if c in by_code]


class RouteRule(models.Model):
    """One row of the routing table: where plans of a kind go (collect) or who is told (inform).

    `target` is a selector, resolved per organisation by phrom.orgs.routes:
      collector:<flag>   the organisation carrying that collector flag (national, bma)
      parent             the organisation's parent
      ancestor:<kind>    the nearest ancestor of that kind
      province:<kind>    the organisation of that kind in the same province
      org:<code>         one named organisation
    After the last collector of a route, the plan rolls up along that collector's own route.
    """

    class Role(models.TextChoices):
        COLLECT = "collect", _("collects")
        INFORM = "inform", _("is informed")

    kind = models.ForeignKey(OrgKind, models.CASCADE, related_name="route_rules", verbose_name=_("kind"))
    when_collector = models.CharField(
        _("only for organisations with collector flag"), max_length=16, choices=CollectorFlag.choices, blank=True,
        help_text=_("Rules with a flag override the kind's general rules for organisations carrying that flag."),
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    target = models.CharField(
        _("target"), max_length=64,
        validators=[RegexValidator(r"^(collector:[a-z_]+|parent|ancestor:[a-z_]+|province:[a-z_]+|org:[A-Za-z0-9_.\-]+)$")],
    )

    class Meta:
        ordering = ["kind", "when_collector", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "when_collector", "role", "position"], name="route_rule_unique_step")
        ]
        verbose_name = _("route rule")
        verbose_name_plural = _("route rules")

    def __str__(self) -> str:
        flag = f" [{self.when_collector}]" if self.when_collector else ""
        return f"{self.kind_id}{flag} {self.role} #{self.position}: {self.target}"


class RouteEntry(models.Model):
    """The resolved routes, materialised so that 'whose plans reach me?' is one indexed query.

    Kept up to date by phrom.orgs.services whenever organisations or rules change.
    """

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="route_entries")
    target = models.ForeignKey(Organisation, models.CASCADE, related_name="routed_here")
    role = models.CharField(max_length=8, choices=RouteRule.Role.choices)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["organisation_id", "role", "position"]
        indexes = [models.Index(fields=["target", "role"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "target", "role"], name="route_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.target_id} ({self.role} #{self.position})"


def _import_upload_to(instance, filename: str) -> str:
    # A generated name: the original (often Thai) name is kept in original_name.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"imports/orgs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class OrgImport(models.Model):
    """One upload of an organisation file, imported by a background task (phrom.orgs.tasks)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        VALIDATING = "validating", _("checking the rows")
        WRITING = "writing", _("saving")
        DONE = "done", _("imported")
        REFUSED = "refused", _("refused: nothing was imported")
        FAILED = "failed", _("failed: nothing was imported")

    FINISHED = (Status.DONE, Status.REFUSED, Status.FAILED)

    file = models.FileField(_("file"), upload_to=_import_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_validated = models.PositiveIntegerField(_("rows checked"), default=0)
    rows_to_write = models.PositiveIntegerField(_("rows to save"), default=0)
    rows_written = models.PositiveIntegerField(_("rows saved"), default=0)
    # ImportReport.as_dict(): counts and every error (row, column, code, Thai and English message).
    report = models.JSONField(_("report"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("organisation import")
        verbose_name_plural = _("organisation imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED
