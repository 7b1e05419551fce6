import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

PASSWORD = "Phrom-test-2570"


def log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- logging in and out ----------------------------------------------------------------------

def test_log_in_lands_on_home(client, province_user):
    response = log_in(client, "rayong_office", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert "สำนักงานจังหวัดระยอง" in client.get(reverse("home")).text


def test_log_in_returns_to_the_page_asked_for(client, province_user):
    response = client.post(
        reverse("login"), {"username": "rayong_office", "password": PASSWORD, "next": "/orgs/PO21/"}
    )
    assert response.url == "/orgs/PO21/"


def test_log_in_never_redirects_off_site(client, province_user):
    response = client.post(
        reverse("login"), {"username": "rayong_office", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == reverse("home")


def test_wrong_password_is_a_thai_message(client, province_user):
    response = log_in(client, "rayong_office", "wrong-password-1")
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "รหัสผ่านที่ถูกต้อง" in response.text
    assert 'value="rayong_office"' in response.text  # the username is kept
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, province_user):
    client.force_login(province_user)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_inactive_user_cannot_log_in(client, province_user):
    province_user.is_active = False
    province_user.save()
    response = log_in(client, "rayong_office", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


# --- throttling (django-axes) ----------------------------------------------------------------

def test_repeated_failures_lock_the_account_out(client, province_user, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert log_in(client, "rayong_office", "wrong-password-1").status_code == 200
    locked = log_in(client, "rayong_office", "wrong-password-1")
    assert locked.status_code == 429
    assert "เข้าสู่ระบบไม่สำเร็จเกินจำนวนครั้งที่กำหนด" in locked.text
    assert "15 นาที" in locked.text  # AXES_COOLOFF_TIME of a quarter hour
    # While locked out, even the right password is refused.
    again = log_in(client, "rayong_office", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_out_is_per_username(client, province_user, settings):
    UserFactory(username="someone_else")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "rayong_office", "wrong-password-1")
    response = log_in(client, "someone_else", PASSWORD)
    assert response.status_code == 302


def test_fewer_failures_than_the_limit_do_not_lock(client, province_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "rayong_office", "wrong-password-1")
    assert log_in(client, "rayong_office", PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, province_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "rayong_office", "wrong-password-1")
    assert log_in(client, "rayong_office", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "rayong_office", "wrong-password-1")
    assert log_in(client, "rayong_office", PASSWORD).status_code == 302


def test_one_address_trying_many_user_names_is_locked_out(client, province_user, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for n in range(5):  # never more than one failure per user name
        assert log_in(client, f"guess{n}", "wrong-password-1").status_code == 200
    assert log_in(client, "guess5", "wrong-password-1").status_code == 429
    # While locked out, even the right password of another user is refused.
    assert log_in(client, "rayong_office", PASSWORD).status_code == 429
    # Another address is not affected.
    other = client.post(reverse("login"), {"username": "rayong_office", "password": PASSWORD},
                        REMOTE_ADDR="203.0.113.99")
    assert other.status_code == 302


# --- password rules --------------------------------------------------------------------------

def problems(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.mark.parametrize(
    "password, code",
    [
        ("Ab1-xyz", "password_too_short"),
        ("5820193746", "password_entirely_numeric"),
        ("password123", "password_too_common"),
        ("qwertyuiop", "password_too_common"),
        ("ระยองเมืองสวยงาม", "password_classes"),  # letters only, Thai letters too
        ("correcthorsebattery", "password_classes"),
    ],
)
def test_weak_passwords_are_refused(db, password, code):
    assert code in problems(password)


def test_password_like_the_username_is_refused(db):
    user = UserFactory.build(username="somchai.rayong", email="somchai.rayong@example.go.th")
    assert "password_too_similar" in problems("somchai.rayong1", user)


@pytest.mark.parametrize("password", ["Rayong-BCP-2563", "แผนพร้อม-2563!", "k7#Tz9!qLm"])
def test_strong_passwords_pass(db, password):
    assert problems(password) == []


def test_password_problems_are_explained_in_thai(db):
    with translation.override("th"):
        try:
            validate_password("12345")
        except ValidationError as error:
            messages = error.messages
    assert "รหัสผ่านนี้สั้นเกินไป ต้องมีความยาวอย่างน้อย 10 ตัวอักษร" in messages
    assert "รหัสผ่านนี้เป็นรหัสผ่านที่ใช้กันทั่วไป คาดเดาได้ง่าย" in messages
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in messages
    assert "รหัสผ่านต้องมีตัวอักษร และมีตัวเลขหรือสัญลักษณ์อย่างน้อยหนึ่งตัว" in messages
