"""The PDF and Word files of sent plan versions, printed once and kept (phrom.documents.store).

A sent version never changes, so its documents are printed when it is sent (or the first time it is
read) and copied from the file storage afterwards. The dates on the cover (sent, accepted) are part
of what is printed, so they are part of the key: an acceptance later gives a second print.
"""

import datetime

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from phrom.plans.models import Plan

NO_DATE = Value(datetime.date(1, 1, 1))


class SentPrint(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    class Digits(models.TextChoices):
        ARABIC = "arabic", _("Arabic digits")
        THAI = "thai", _("Thai digits")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sent_prints")
    version = models.PositiveIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)
    digits = models.CharField(max_length=6, choices=Digits.choices, default=Digits.ARABIC)
    approved_on = models.DateField(null=True, blank=True)  # accepted, as printed on the cover; None: not yet
    # Approved by the agency's head and sent, as printed on the cover; None: printed before the cover said so.
    sent_on = models.DateField(null=True, blank=True)
    # Never served by a public URL: only through the permission-checked download views.
    file = models.FileField(max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    printed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("printed sent version")
        verbose_name_plural = _("printed sent versions")
        constraints = [
            # One print per key, whoever prints it first (two readers at once store one file).
            # NULLs are distinct to a unique index: a date not (yet) printed counts as one value.
            models.UniqueConstraint("plan", "version", "format", "digits", Coalesce("approved_on", NO_DATE),
                                    Coalesce("sent_on", NO_DATE), name="documents_sentprint_one_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version} {self.format} {self.digits} {self.sent_on or '-'} {self.approved_on or '-'}"
