"""A bundle: many plans as one ZIP (a PDF and a Word file per plan, and an index), built in the
background for a collector who asked for a province's or a subtree's plans (phrom.bundles.build)."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phrom.campaigns.models import Campaign
from phrom.orgs.models import Organisation, Province


def lifetime() -> datetime.timedelta:
    """How long a bundle is kept (settings.BUNDLE_LIFETIME_DAYS, 7 by default): the plans go on changing."""
    return datetime.timedelta(days=getattr(settings, "BUNDLE_LIFETIME_DAYS", 7))


def default_expiry() -> datetime.datetime:
    return timezone.now() + lifetime()


def bundle_path(bundle, filename: str) -> str:
    # An unguessable name: the file is served only through the download view, but storage such as
    # S3 may be reachable by name.
    return f"bundles/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.zip"


class PlanBundle(models.Model):
    class Scope(models.TextChoices):
        PROVINCE = "province", _("a province")
        SUBTREE = "subtree", _("an organisation and the units under it")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being built")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    FINISHED = (Status.DONE, Status.FAILED)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="plan_bundles", verbose_name=_("requested by")
    )
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    province = models.ForeignKey(
        Province, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("province")
    )
    root = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    # With a campaign: the versions sent to that campaign; without: each agency's latest plan that left it.
    campaign = models.ForeignKey(
        Campaign, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("campaign")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), null=True, blank=True)
    language = models.CharField(max_length=8, default="th")
    ip = models.GenericIPAddressField(null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("plans done"), default=0)
    total = models.PositiveIntegerField(_("plans to include"), default=0)
    organisations = models.PositiveIntegerField(_("organisations in scope"), default=0)
    failed = models.PositiveIntegerField(_("plans that could not be printed"), default=0)
    # Plan id -> version put in the ZIP: checked again at download (phrom.bundles.access).
    contents = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=bundle_path, blank=True, max_length=500)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), default=default_expiry, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan bundle")
        verbose_name_plural = _("plan bundles")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(scope="province", province__isnull=False, root__isnull=True)
                           | models.Q(scope="subtree", root__isnull=False, province__isnull=True)),
                name="plan_bundle_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_label} ({self.status})"

    @property
    def scope_label(self) -> str:
        if self.scope == self.Scope.PROVINCE:
            return str(_("province of %(name)s") % {"name": self.province.name})
        return str(_("%(name)s and the units under it") % {"name": self.root.name})

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def percent(self) -> int | None:
        return self.done * 100 // self.total if self.total else None

    def download_name(self) -> str:
        """ASCII: what the browser saves (BCP-province-21-20261104.zip, BCP-PO21-2570-20261104.zip)."""
        where = f"province-{self.province_id}" if self.scope == self.Scope.PROVINCE else self.root.code
        parts = ["BCP", where, str(self.fiscal_year or ""), f"campaign{self.campaign_id}" if self.campaign_id else ""]
        day = timezone.localtime(self.finished_at or self.created_at)
        return "-".join(p for p in parts if p) + f"-{day:%Y%m%d}.zip"
