"""Onboarding in bulk: users, memberships, and an e-mail (over real SMTP) whose link sets a password."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from phrom.accounts.models import Membership
from phrom.accounts.onboarding import USER_COLUMNS, import_users
from tests.factories import UserFactory
from tests.smtp import free_port

User = get_user_model()
PASSWORD = "Ramkhamhaeng-1283"

ROWS = [
    ["somchai", "สมชาย ใจดี", "somchai@rayong.go.th", "PO21", "coordinator"],
    ["malee", "มาลี มีสุข", "malee@moph.go.th", "PU21-HEALTH", "approver"],
    ["malee", "มาลี มีสุข", "malee@moph.go.th", "HOSP21", "viewer"],  # one person, two organisations
]


def users_csv(rows, header=USER_COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def test_new_users_get_memberships_and_an_email_whose_link_sets_the_password(structure, smtp_server, client, settings):
    settings.PHROM_BASE_URL = "https://phrom.example.go.th"
    report = import_users(users_csv(ROWS), "users.csv")
    assert report.ok, report.errors
    assert (report.users_created, report.memberships_created, report.unchanged) == (2, 3, 0)
    assert sorted(report.emailed) == ["malee", "somchai"] and not report.email_failures

    somchai = User.objects.get(username="somchai")
    assert (somchai.first_name, somchai.last_name, somchai.email) == ("สมชาย", "ใจดี", "somchai@rayong.go.th")
    assert not somchai.has_usable_password()
    assert Membership.objects.get(user=somchai).organisation == structure.rayong_office
    malee_roles = dict(Membership.objects.filter(user__username="malee").values_list("organisation__code", "role"))
    assert malee_roles == {"PU21-HEALTH": "approver", "HOSP21": "viewer"}

    assert len(smtp_server.messages) == 2  # one per new user, over real SMTP
    mail = smtp_server.to("malee@moph.go.th")[0]
    assert "ตั้งรหัสผ่าน" in mail.subject and "Set your password" in mail.subject
    text = mail.text
    assert text.index("เรียน มาลี มีสุข") < text.index("Dear มาลี มีสุข")  # Thai first, English below
    assert "โรงพยาบาลระยอง (HOSP21)" in text and "malee" in text
    links = re.findall(r"https://phrom\.example\.go\.th(/accounts/reset/\S+/)", text)
    assert len(links) == 2 and links[0] == links[1]  # the same link in both languages

    # The link opens Django's password_reset_confirm view, which swaps the token for a session.
    response = client.get(links[0])
    assert response.status_code == 302
    form_page = client.get(response.url)
    assert "ตั้งรหัสผ่าน" in form_page.content.decode() and 'name="new_password1"' in form_page.content.decode()
    weak = client.post(response.url, {"new_password1": "12345", "new_password2": "12345"})
    assert weak.status_code == 200 and 'aria-invalid="true"' in weak.content.decode()
    done = client.post(response.url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert "ตั้งรหัสผ่านเรียบร้อย" in client.get(done.url).content.decode()

    malee = User.objects.get(username="malee")
    assert malee.check_password(PASSWORD)
    login = client.post(reverse("login"), {"username": "malee", "password": PASSWORD})
    assert login.status_code == 302 and login.url == reverse("home")
    client.logout()
    # The link works once.
    again = client.get(links[0], follow=True)
    assert "ใช้ลิงก์นี้ไม่ได้" in again.content.decode()


def test_reimport_changes_nothing_and_sends_nothing(structure, smtp_server):
    import_users(users_csv(ROWS), "users.csv")
    report = import_users(users_csv(ROWS), "users.csv")
    assert report.ok
    assert (report.users_created, report.memberships_created, report.memberships_updated, report.unchanged) == (0, 0, 0, 3)
    assert len(smtp_server.messages) == 2


def test_existing_user_gains_a_membership_or_a_new_role_without_email(structure, smtp_server):
    user = UserFactory(username="somchai", email="somchai@rayong.go.th")
    Membership.objects.create(user=user, organisation=structure.rayong_office, role="viewer")
    report = import_users(users_csv(ROWS[:1]), "users.csv")
    assert (report.users_created, report.memberships_updated) == (0, 1)
    assert Membership.objects.get(user=user).role == "coordinator"
    assert user.has_usable_password() and smtp_server.messages == []


def test_resend_gives_a_new_link_only_to_users_without_a_password(structure, smtp_server):
    import_users(users_csv(ROWS), "users.csv")
    somchai = User.objects.get(username="somchai")
    somchai.set_password(PASSWORD)
    somchai.save()
    report = import_users(users_csv(ROWS), "users.csv", resend=True)
    assert report.emailed == ["malee"]
    assert len(smtp_server.to("malee@moph.go.th")) == 2 and len(smtp_server.to("somchai@rayong.go.th")) == 1


def test_forgotten_password_sends_a_thai_email_whose_link_works(structure, smtp_server, client):
    user = UserFactory(username="somsri", email="somsri@rayong.go.th")
    response = client.post(reverse("password_reset"), {"email": "somsri@rayong.go.th"})
    assert response.status_code == 302
    assert "กรุณาตรวจสอบอีเมล" in client.get(response.url).content.decode()
    mail = smtp_server.to("somsri@rayong.go.th")[0]
    assert "รีเซ็ตรหัสผ่าน" in mail.subject  # Django's own subject template (django.contrib.auth), in Thai
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.text).group(1)
    set_password_page = client.get(link)
    done = client.post(set_password_page.url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


BAD = {
    "unknown organisation": (["a1", "ก ข", "a1@x.go.th", "NOPE", "viewer"], ("org_code", "unknown_organisation")),
    "unknown role": (["a1", "ก ข", "a1@x.go.th", "PO21", "boss"], ("role", "bad_role")),
    "invalid username": (["a 1", "ก ข", "a1@x.go.th", "PO21", "viewer"], ("username", "username_invalid")),
    "invalid e-mail": (["a1", "ก ข", "a1-at-x.go.th", "PO21", "viewer"], ("email", "email_invalid")),
    "empty name": (["a1", "", "a1@x.go.th", "PO21", "viewer"], ("full_name", "required")),
    "e-mail of another user": (["a1", "ก ข", "Taken@x.go.th", "PO21", "viewer"], ("email", "email_taken")),
    "same membership twice": (ROWS[0][:], ("org_code", "duplicate_membership")),
    "same user, other e-mail": (["somchai", "สมชาย ใจดี", "other@x.go.th", "PO20", "viewer"], ("full_name", "inconsistent_user")),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_row_refuses_the_whole_file(structure, smtp_server, case):
    UserFactory(username="taken", email="taken@x.go.th")
    bad_row, (column, code) = BAD[case]
    report = import_users(users_csv([ROWS[0], bad_row]), "users.csv")
    assert [(e.row, e.column, e.code) for e in report.errors] == [(3, column, code)]
    assert report.errors[0].message_th != report.errors[0].message_en
    assert not User.objects.filter(username__in=["somchai", "a1"]).exists()
    assert smtp_server.messages == []


def test_missing_column(structure):
    report = import_users(users_csv([r[:4] for r in ROWS], header=USER_COLUMNS[:4]), "users.csv")
    assert [(e.row, e.column, e.code) for e in report.errors] == [(1, "role", "missing_column")]


def test_unreachable_mail_server_is_reported_after_the_accounts_are_made(structure, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    report = import_users(users_csv(ROWS[:1]), "users.csv")
    assert report.ok and report.email_failures == ["somchai"] and report.emailed == []
    assert User.objects.filter(username="somchai").exists()


def test_import_users_command(structure, smtp_server, tmp_path):
    path = tmp_path / "ผู้ใช้.csv"
    path.write_bytes(users_csv(ROWS))
    out = io.StringIO()
    call_command("import_users", str(path), stdout=out)
    assert "สร้างผู้ใช้ 2 คน" in out.getvalue()
    assert len(smtp_server.messages) == 2

    path.write_bytes(users_csv([["x1", "ก ข", "x1@x.go.th", "NOPE", "viewer"], ["x2", "ก ข", "x2@x.go.th", "PO21", "boss"]]))
    with pytest.raises(CommandError) as refused:
        call_command("import_users", str(path), "--lang", "en")
    assert "row 2 [org_code]" in str(refused.value) and "row 3 [role]" in str(refused.value)
    assert not User.objects.filter(username__startswith="x").exists()


def test_import_users_command_without_mail_server_fails_loudly(structure, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    path = tmp_path / "users.csv"
    path.write_bytes(users_csv(ROWS[:1]))
    with pytest.raises(CommandError, match="somchai"):
        call_command("import_users", str(path), "--lang", "en")


def test_create_token_prints_a_working_token(structure, client):
    user = UserFactory(username="robot")
    Membership.objects.create(user=user, organisation=structure.opdc, role="viewer")
    out = io.StringIO()
    call_command("create_token", "robot", stdout=out)
    key = out.getvalue().strip()
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    again = io.StringIO()
    call_command("create_token", "robot", stdout=again)
    assert again.getvalue().strip() == key
    response = client.get(reverse("api-me"), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200 and response.json()["username"] == "robot"


def test_create_token_for_unknown_user(db):
    with pytest.raises(CommandError, match="nobody"):
        call_command("create_token", "nobody")
