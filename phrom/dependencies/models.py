"""The utilities a critical process may depend on, with the recovery targets their sectors promise
(seed 000 §2.2.2): data an administrator keeps up to date, not code."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from phrom.orgs.models import CODE_VALIDATOR, Bilingual


class Utility(Bilingual):
    code = models.CharField(_("code"), max_length=32, unique=True, validators=[CODE_VALIDATOR])
    # What the analysis counts: the hours until the service is fully back.
    recovery_hours = models.FloatField(_("hours to full recovery"), validators=[MinValueValidator(0)])
    # A first milestone where the sector promises one (electricity: at least 90% within 3 hours).
    partial_hours = models.FloatField(_("hours to partial recovery"), null=True, blank=True,
                                      validators=[MinValueValidator(0)])
    partial_percent = models.PositiveSmallIntegerField(_("share restored by then (%)"), null=True, blank=True,
                                                       validators=[MaxValueValidator(100)])
    source = models.CharField(_("source of the target"), max_length=255, blank=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("utility")
        verbose_name_plural = _("utilities")


class GapCounts(models.Model):
    """The recovery gaps of a fiscal year counted per agency, kept for the national picture's dashboards:
    a national computation takes seconds, so it runs in the background after each sent version
    (phrom.dependencies.counts) and the dashboards sum the agencies of their scope."""

    fiscal_year = models.PositiveSmallIntegerField(unique=True)
    computed_at = models.DateTimeField()
    # organisation id (as a string: JSON keys) -> [gaps, of which beyond the MTPD]; sent plans only,
    # security-sensitive ones never (phrom.dependencies.analysis reads nothing else)
    by_organisation = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.fiscal_year}"
