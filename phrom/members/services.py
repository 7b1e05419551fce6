"""Every change of an agency's people, one function each.

Each function checks that the change is allowed now, makes it, writes the agency's history
(MemberEvent) and sends the e-mail it causes, in one transaction: when the mail server does not take
the invitation, nothing is stored and the coordinator is told to try again. Permissions are checked
by the callers (views and API, through phrom.accounts.permissions.can_manage_members).
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from phrom.accounts.models import Membership
from phrom.accounts.names import display_name
from phrom.core.errors import PhromError
from phrom.orgs.models import Organisation

from .models import Invitation, MemberEvent

logger = logging.getLogger(__name__)

Role = Membership.Role
Action = MemberEvent.Action
VALID_DAYS = 14
SALT = "phrom.members.invitation"


# --------------------------------------------------------------------------- the invitation link


def token_for(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "k": str(invitation.key)}, salt=SALT, compress=True)


def invitation_link(invitation: Invitation) -> str:
    path = reverse("members:accept", kwargs={"token": token_for(invitation)})
    return settings.PHROM_BASE_URL.rstrip("/") + path


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a link stands for; refused when the link was replaced, used, cancelled or
    is older than VALID_DAYS."""
    try:
        data = signing.loads(token, salt=SALT, max_age=datetime.timedelta(days=VALID_DAYS))
    except signing.SignatureExpired:
        raise PhromError("invitation_expired") from None
    except signing.BadSignature:
        raise PhromError("invitation_invalid") from None
    invitation = (Invitation.objects.select_related("organisation")
                  .filter(pk=data.get("i"), key=data.get("k")).first())
    if invitation is None or invitation.state == Invitation.State.CANCELLED:
        raise PhromError("invitation_invalid")
    if invitation.state == Invitation.State.ACCEPTED:
        raise PhromError("invitation_used")
    if invitation.expired:
        raise PhromError("invitation_expired")
    return invitation


def _send_invitation(invitation: Invitation, inviter) -> None:
    """Thai first, English below; a refusal of the mail server undoes the whole change."""
    context = {"org": invitation.organisation, "role": invitation.role, "inviter": display_name(inviter),
               "link": invitation_link(invitation), "days": VALID_DAYS}
    subjects, bodies = [], []
    for language in ("th", "en"):
        with translation.override(language):
            context["role_label"] = Role(invitation.role).label
            subjects.append(render_to_string("members/email/invitation_subject.txt", context).strip())
            bodies.append(render_to_string("members/email/invitation_body.txt", context).strip())
    message = EmailMessage(" / ".join(subjects), f"{bodies[0]}\n\n{'-' * 60}\n\n{bodies[1]}\n", to=[invitation.email])
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("invitation to %s not sent: %s", invitation.email, exc)
        raise PhromError("mail_unavailable") from None


def _record(org, action, *, user, subject: str, role: str = "", old_role: str = "") -> MemberEvent:
    return MemberEvent.objects.create(organisation=org, action=action, actor=user if user and user.is_authenticated else None,
                                      actor_name=display_name(user) if user else "", subject=subject, role=role,
                                      old_role=old_role)


# --------------------------------------------------------------------------- changes


def invite(org: Organisation, *, email: str, role: str, user) -> Invitation:
    """Invite someone by e-mail to join the agency in a role."""
    email = email.strip()
    role = Role(role)
    if org.memberships.annotate(address=Lower("user__email")).filter(address=email.lower()).exists():
        raise PhromError("already_member", field="email", email=email)
    if org.invitations.filter(state=Invitation.State.PENDING, email__iexact=email).exists():
        raise PhromError("invitation_pending", field="email", email=email)
    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            organisation=org, email=email, role=role, invited_by=user, created_at=now, sent_at=now,
            expires_at=now + datetime.timedelta(days=VALID_DAYS),
        )
        _record(org, Action.INVITED, user=user, subject=email, role=role)
        _send_invitation(invitation, user)
    return invitation


def _pending(invitation: Invitation) -> Invitation:
    fresh = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if fresh.state != Invitation.State.PENDING:
        raise PhromError("not_pending")
    return fresh


def resend_invitation(invitation: Invitation, *, user) -> Invitation:
    """Send the invitation again with a new link (the old one stops working) and a new expiry."""
    with transaction.atomic():
        invitation = _pending(invitation)
        now = timezone.now()
        invitation.key = Invitation._meta.get_field("key").default()
        invitation.sent_at, invitation.expires_at = now, now + datetime.timedelta(days=VALID_DAYS)
        invitation.save(update_fields=["key", "sent_at", "expires_at"])
        _record(invitation.organisation, Action.RESENT, user=user, subject=invitation.email, role=invitation.role)
        _send_invitation(invitation, user)
    return invitation


def cancel_invitation(invitation: Invitation, *, user) -> Invitation:
    with transaction.atomic():
        invitation = _pending(invitation)
        invitation.state = Invitation.State.CANCELLED
        invitation.save(update_fields=["state"])
        _record(invitation.organisation, Action.CANCELLED, user=user, subject=invitation.email, role=invitation.role)
    return invitation


def accept_invitation(invitation: Invitation, *, user) -> Membership:
    """The invited person (signed in, with an existing or a new account) joins the agency."""
    with transaction.atomic():
        invitation = _pending(invitation)
        if invitation.expired:
            raise PhromError("invitation_expired")
        org = invitation.organisation
        if org.memberships.filter(user=user).exists():
            raise PhromError("already_member", email=user.email or user.get_username())
        membership = Membership.objects.create(user=user, organisation=org, role=invitation.role)
        invitation.state, invitation.accepted_by = Invitation.State.ACCEPTED, user
        invitation.save(update_fields=["state", "accepted_by"])
        if not user.email:
            user.email = invitation.email
            user.save(update_fields=["email"])
        _record(org, Action.JOINED, user=user, subject=display_name(user), role=invitation.role)
    return membership


def add_member(org: Organisation, *, member, role: str, user) -> Membership:
    """An administrator puts someone in the agency directly (the Django admin): recorded like any change."""
    role = Role(role)
    with transaction.atomic():
        if org.memberships.filter(user=member).exists():
            raise PhromError("already_member", email=member.email or member.get_username())
        membership = Membership.objects.create(user=member, organisation=org, role=role)
        _record(org, Action.ADDED, user=user, subject=display_name(member), role=role)
    return membership


def _keeps_a_coordinator(membership: Membership) -> None:
    if membership.role != Role.COORDINATOR:
        return
    others = Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.COORDINATOR)
    if not others.exclude(pk=membership.pk).exists():
        raise PhromError("last_coordinator", org=membership.organisation.name_th)


def change_role(membership: Membership, *, role: str, user) -> Membership:
    role = Role(role)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
        if membership.role == role:
            return membership
        if role != Role.COORDINATOR:
            _keeps_a_coordinator(membership)
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        _record(membership.organisation, Action.ROLE_CHANGED, user=user, subject=display_name(membership.user),
                role=role, old_role=old)
    return membership


def remove_member(membership: Membership, *, user) -> None:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
        _keeps_a_coordinator(membership)
        membership.delete()
        _record(membership.organisation, Action.REMOVED, user=user, subject=display_name(membership.user),
                old_role=membership.role)
