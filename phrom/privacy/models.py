"""Who took personal data out of Phrom: every download that holds a plan's team contacts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phrom.core.models import AppendOnlyModel
from phrom.orgs.models import Organisation


class ExportRecord(AppendOnlyModel):
    """One plan's contact data in one download (a bundle of many agencies' plans: one row per plan)."""

    class What(models.TextChoices):
        PLAN_JSON = "plan_json", _("plan as exchange JSON")
        PLAN_PDF = "plan_pdf", _("plan as PDF")
        PLAN_DOCX = "plan_docx", _("plan as Word")
        ATTACHMENT = "attachment", _("original document (Word/PDF)")
        BUNDLE = "bundle", _("ZIP bundle of plans")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # Kept as text so that the log still names the person if the account goes.
    username = models.CharField(_("user"), max_length=150, blank=True)
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="+", verbose_name=_("agency"))
    plan = models.ForeignKey("plans.Plan", models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("plan"))
    what = models.CharField(_("what"), max_length=16, choices=What.choices)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    via = models.CharField(_("through"), max_length=8, default="page")  # page or api
    detail = models.JSONField(default=dict, blank=True)  # e.g. {"bundle": id, "submission": id}
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "at"])]
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.what} {self.organisation_id}"
