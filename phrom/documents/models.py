"""The PDF and Word files of sent plan versions, printed once and kept (phrom.documents.store).

A sent version never changes, so its documents are printed when it is sent (or the first time it is
read) and copied from the file storage afterwards. The date of approval on the cover is part of
what is printed, so it is part of the key: an acceptance later gives a second print.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phrom.plans.models import Plan


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
    approved_on = models.DateField(null=True, blank=True)  # as printed on the cover; None: "not approved yet"
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
            models.UniqueConstraint(fields=["plan", "version", "format", "digits", "approved_on"],
                                    name="documents_sentprint_one_per_key"),
            # NULLs are distinct to a unique index: the not-yet-approved print needs its own.
            models.UniqueConstraint(fields=["plan", "version", "format", "digits"],
                                    condition=Q(approved_on__isnull=True),
                                    name="documents_sentprint_one_unapproved"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.version} {self.format} {self.digits} {self.approved_on or '-'}"
