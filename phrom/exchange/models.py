"""A Word plan read and waiting for its coordinator's review: nothing becomes a plan until confirmed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phrom.orgs.models import Organisation
from phrom.plans.models import Plan


def upload_path(instance, filename: str) -> str:
    return f"exchange/word/{instance.organisation.code}/{filename}"


class WordImport(models.Model):
    """One uploaded .docx (it passed the safety checks) and what was recognised in it (phrom.exchange.word)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        CONFIRMED = "confirmed", _("made into a plan")
        DISCARDED = "discarded", _("discarded")

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="word_imports",
                                     verbose_name=_("organisation"))
    file = models.FileField(_("Word file"), upload_to=upload_path, max_length=500, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    reading = models.JSONField(_("what was recognised"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    plan = models.ForeignKey(Plan, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("plan"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Word plan import")
        verbose_name_plural = _("Word plan imports")

    def __str__(self) -> str:
        return f"{self.organisation.code}: {self.original_name}"
