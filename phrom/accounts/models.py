from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phrom.orgs.models import Organisation


class Membership(models.Model):
    """A user's place in an organisation; the role decides what they may do with its plan."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("BCP coordinator")
        APPROVER = "approver", _("approver")
        VIEWER = "viewer", _("viewer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation.code} ({self.role})"
