"""Onboarding users in bulk from a CSV/XLSX file: accounts, memberships, and an e-mail to set a password.

All or nothing like the organisation import (phrom.orgs.importer): every row is checked first,
and one problem means nothing is stored. New users get an unusable password and an e-mail with
a link to Django's password_reset_confirm view (the password-reset token machinery), so no
password ever travels by e-mail. Users who already exist only gain the membership of their row.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phrom.orgs.importer import MESSAGES, FileRejected, RowError, counts, read_table, row_error
from phrom.orgs.models import Organisation

from .models import Membership

logger = logging.getLogger(__name__)

USER_COLUMNS = ["username", "full_name", "email", "org_code", "role"]
USERNAME_MAX = 150

USER_MESSAGES = {
    **MESSAGES,
    "username_invalid": _(
        "The username “%(value)s” may contain only letters, digits and @ . + - _, at most 150 characters."
    ),
    "email_invalid": _("“%(value)s” is not a valid e-mail address."),
    "email_taken": _("The e-mail address “%(value)s” already belongs to the user %(other)s."),
    "unknown_organisation": _("No organisation has the code “%(value)s”."),
    "bad_role": _("Unknown role “%(value)s”: use coordinator, approver or viewer."),
    "duplicate_membership": _("The user “%(value)s” is already given this organisation in row %(first_row)s."),
    "inconsistent_user": _("The user “%(value)s” has another name or e-mail address in row %(first_row)s."),
}


@dataclass
class UserImportReport:
    rows: int = 0
    users_created: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    emailed: list[str] = field(default_factory=list)
    email_failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.ok:
            bad_rows = len({e.row for e in self.errors if e.row})
            return gettext(
                "Nothing was imported: %(errors)s problems in %(bad_rows)s rows. Fix the file and import it again."
            ) % counts(errors=len(self.errors), bad_rows=bad_rows)
        return gettext(
            "%(rows)s rows read: %(users)s users created, %(memberships)s memberships added, %(updated)s roles "
            "changed, %(unchanged)s unchanged; %(emailed)s e-mails sent."
        ) % counts(
            rows=self.rows, users=self.users_created, memberships=self.memberships_created,
            updated=self.memberships_updated, unchanged=self.unchanged, emailed=len(self.emailed),
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        return data


@dataclass
class _Row:
    number: int
    username: str
    first_name: str
    last_name: str
    email: str
    org_id: int
    role: str


def _split_name(full_name: str) -> tuple[str, str]:
    first, _sep, last = full_name.strip().partition(" ")
    return first, last.strip()


def _validate(rows: list[tuple[int, dict[str, str]]]) -> tuple[list[_Row], list[RowError]]:
    User = get_user_model()
    errors: list[RowError] = []

    def err(number, column, code, value="", **params):
        errors.append(row_error(number, column, code, value, messages=USER_MESSAGES, **params))

    org_ids = dict(Organisation.objects.filter(code__in={r["org_code"] for _n, r in rows}).values_list("code", "pk"))
    emails = {r["email"].lower() for _n, r in rows if r["email"]}
    email_owner = dict(
        User.objects.annotate(email_key=Lower("email")).filter(email_key__in=emails).values_list("email_key", "username")
    )
    username_check = UnicodeUsernameValidator()
    first_user_row: dict[str, tuple[int, str, str]] = {}
    first_membership: dict[tuple[str, str], int] = {}
    first_email: dict[str, tuple[int, str]] = {}
    valid = []
    for number, r in rows:
        before = len(errors)
        username, full_name, email, org_code, role = (r[c] for c in USER_COLUMNS)
        email_key = email.lower()
        if not username:
            err(number, "username", "required")
        else:
            try:
                username_check(username)
                if len(username) > USERNAME_MAX:
                    raise ValidationError("too long")
            except ValidationError:
                err(number, "username", "username_invalid", username)
        if not full_name:
            err(number, "full_name", "required")
        elif len(full_name) > 300:
            err(number, "full_name", "too_long", full_name[:40] + "…", max=300)
        if not email:
            err(number, "email", "required")
        else:
            try:
                validate_email(email)
            except ValidationError:
                err(number, "email", "email_invalid", email)
            owner = email_owner.get(email_key)
            if owner and owner != username:
                err(number, "email", "email_taken", email, other=owner)
            elif email_key in first_email and first_email[email_key][1] != username:
                err(number, "email", "email_taken", email, other=first_email[email_key][1])
            first_email.setdefault(email_key, (number, username))
        if not org_code:
            err(number, "org_code", "required")
        elif org_code not in org_ids:
            err(number, "org_code", "unknown_organisation", org_code)
        if not role:
            err(number, "role", "required")
        elif role.lower() not in Membership.Role.values:
            err(number, "role", "bad_role", role)
        if username:
            seen = first_user_row.setdefault(username, (number, full_name, email_key))
            if seen[0] != number and (seen[1], seen[2]) != (full_name, email_key):
                err(number, "full_name", "inconsistent_user", username, first_row=seen[0])
            key = (username, org_code)
            if key in first_membership:
                err(number, "org_code", "duplicate_membership", username, first_row=first_membership[key])
            first_membership.setdefault(key, number)
        if len(errors) == before:
            first, last = _split_name(full_name)
            valid.append(_Row(number, username, first[:150], last[:150], email, org_ids[org_code], role.lower()))
    errors.sort(key=lambda e: (e.row, USER_COLUMNS.index(e.column) if e.column in USER_COLUMNS else 99))
    return valid, errors


def set_password_link(user, base_url: str | None = None) -> str:
    """An absolute link to Django's password_reset_confirm view, valid for PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return (base_url or settings.PHROM_BASE_URL).rstrip("/") + path


def welcome_email(user, organisations: list[Organisation], base_url: str | None = None) -> EmailMessage:
    """The e-mail to a new user: Thai first, English below."""
    context = {
        "user": user, "organisations": organisations, "link": set_password_link(user, base_url),
        "base_url": (base_url or settings.PHROM_BASE_URL).rstrip("/"),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subjects, bodies = [], []
    for language in ("th", "en"):
        with translation.override(language):
            subjects.append(render_to_string("accounts/email/welcome_subject.txt", context).strip())
            bodies.append(render_to_string("accounts/email/welcome_body.txt", context).strip())
    body = f"{bodies[0]}\n\n{'-' * 60}\n\n{bodies[1]}\n"
    return EmailMessage(" / ".join(subjects), body, to=[user.email])


def send_welcome_emails(users, report: UserImportReport, base_url: str | None = None) -> None:
    """Send one e-mail per user over one connection; a failure is recorded, not raised."""
    orgs_of: dict[int, list[Organisation]] = {}
    for m in Membership.objects.filter(user__in=users).select_related("organisation").order_by("organisation__code"):
        orgs_of.setdefault(m.user_id, []).append(m.organisation)
    messages = [(u, welcome_email(u, orgs_of.get(u.pk, []), base_url)) for u in users]
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        logger.exception("cannot reach the mail server")
        report.email_failures.extend(u.username for u in users)
        return
    try:
        for user, message in messages:
            message.connection = connection
            try:
                message.send()
                report.emailed.append(user.username)
            except (smtplib.SMTPException, OSError):
                logger.exception("welcome e-mail to %s failed", user.username)
                report.email_failures.append(user.username)
    finally:
        connection.close()


def import_users(
    data: bytes, filename: str = "", *, send_email: bool = True, resend: bool = False, base_url: str | None = None
):
    """Create the users and memberships of a CSV/XLSX file, all or nothing; e-mail each new user a link.

    With `resend`, users of the file who exist but have never set a password get a new link too
    (Django's "forgotten password" form ignores accounts without a usable password).
    """
    report = UserImportReport()
    try:
        table = read_table(data, filename, USER_COLUMNS)
    except FileRejected as exc:
        report.errors = exc.errors
        return report
    report.rows = len(table.rows)
    rows, errors = _validate(table.rows)
    if errors:
        report.errors = errors
        return report

    User = get_user_model()
    with transaction.atomic():
        users = {u.username: u for u in User.objects.filter(username__in={r.username for r in rows})}
        new_users = []
        for r in rows:
            if r.username not in users:
                user = User(username=r.username, first_name=r.first_name, last_name=r.last_name, email=r.email)
                user.set_unusable_password()
                users[r.username] = user
                new_users.append(user)
        User.objects.bulk_create(new_users)
        if any(u.pk is None for u in new_users):  # a database that returns no keys from bulk inserts
            by_name = dict(User.objects.filter(username__in=[u.username for u in new_users]).values_list("username", "pk"))
            for u in new_users:
                u.pk = by_name[u.username]
        report.users_created = len(new_users)
        current = {
            (m.user_id, m.organisation_id): m
            for m in Membership.objects.filter(user__in=[u.pk for u in users.values()])
        }
        to_create, to_update = [], []
        for r in rows:
            user = users[r.username]
            membership = current.get((user.pk, r.org_id))
            if membership is None:
                to_create.append(Membership(user=user, organisation_id=r.org_id, role=r.role))
            elif membership.role != r.role:
                membership.role = r.role
                to_update.append(membership)
        Membership.objects.bulk_create(to_create)
        Membership.objects.bulk_update(to_update, ["role"])
        report.memberships_created, report.memberships_updated = len(to_create), len(to_update)
        report.unchanged = len(rows) - len(to_create) - len(to_update)
    recipients = list(new_users)
    if resend:
        recipients += [
            u for u in users.values() if u not in new_users and u.is_active and not u.has_usable_password()
        ]
    if send_email and recipients:
        send_welcome_emails(recipients, report, base_url)
    return report
