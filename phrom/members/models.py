"""An agency's people as the agency manages them: invitations by e-mail and the history of every change.

Memberships themselves are phrom.accounts.models.Membership; every change to them made from the
members page goes through phrom.members.services, which writes a MemberEvent.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phrom.accounts.models import Membership
from phrom.core.models import AppendOnlyModel
from phrom.orgs.models import Organisation


class Invitation(models.Model):
    """An invitation to join an agency in a role; its link carries a signed, expiring token of `key`."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        CANCELLED = "cancelled", _("cancelled")

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    # A new key on every resend: the links sent before stop working.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], condition=models.Q(state="pending"),
                                    name="invitation_one_pending_per_address"),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation.code} ({self.role}, {self.state})"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()


class MemberEvent(AppendOnlyModel):
    """One change of an agency's people, shown to the agency as its history (written once, never changed)."""

    class Action(models.TextChoices):
        INVITED = "invited", _("invited")
        RESENT = "resent", _("invitation sent again")
        CANCELLED = "cancelled", _("invitation cancelled")
        JOINED = "joined", _("joined")
        ADDED = "added", _("added by an administrator")
        ROLE_CHANGED = "role_changed", _("role changed")
        REMOVED = "removed", _("removed")

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="member_events")
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    actor_name = models.CharField(max_length=255, blank=True)
    # Whom it concerns: the person's name (or the invited address), kept when the account is gone.
    subject = models.CharField(max_length=255)
    role = models.CharField(max_length=16, choices=Membership.Role.choices, blank=True)
    old_role = models.CharField(max_length=16, choices=Membership.Role.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "at"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.action} {self.subject}"
