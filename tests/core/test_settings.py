"""Settings read from the environment: no start without a secret key outside DEBUG and the tests, a
weak key flagged by `check --deploy`, and a yes/no variable that cannot be read stops the start.

Each case starts a fresh Python with a controlled environment: the settings are read once, at start."""

import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from phrom.settings import env_bool

SHOW_KEY = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"


def start(tmp_path, code=SHOW_KEY, **variables):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "phrom.settings",
        "PHROM_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/settings.sqlite3",
        **variables,
    }
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def deploy_check(tmp_path, **variables):
    code = "import sys; from phrom.cli import main; sys.argv = ['phrom', 'check', '--deploy']; main()"
    return start(tmp_path, code, **variables).stderr


def test_no_start_without_a_key(tmp_path):
    result = start(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: No SECRET_KEY" in result.stderr
    assert str(tmp_path / "secret_key") in result.stderr


def test_debug_starts_on_the_development_key(tmp_path):
    result = start(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django-insecure-")


def test_the_key_variable_wins_over_the_key_file(tmp_path):
    (tmp_path / "secret_key").write_text("from-the-file\n")
    assert start(tmp_path).stdout.strip() == "from-the-file"
    assert start(tmp_path, SECRET_KEY="from-the-variable").stdout.strip() == "from-the-variable"


def test_check_deploy_flags_the_development_key_and_a_weak_one(tmp_path):
    assert "security.W009" in deploy_check(tmp_path, DEBUG="true")
    assert "security.W009" in deploy_check(tmp_path, SECRET_KEY="short-and-weak")
    assert "security.W009" not in deploy_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(50))


def test_an_unreadable_yes_no_value_stops_the_start(tmp_path):
    result = start(tmp_path, DEBUG="ture")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG='ture'" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("False", False), ("no", False),
     ("off", False), ("", None), (None, None)],
)
def test_env_bool_reads_yes_and_no(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("PHROM_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("PHROM_TEST_FLAG", value)
    # An empty or missing variable gives the default, whichever it is.
    assert env_bool("PHROM_TEST_FLAG", True) is (True if expected is None else expected)
    assert env_bool("PHROM_TEST_FLAG", False) is (False if expected is None else expected)


def test_env_bool_refuses_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("PHROM_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PHROM_TEST_FLAG='maybe'"):
        env_bool("PHROM_TEST_FLAG", False)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """Production defaults (no DEBUG, HTTPS) and a real key: no warning at all, the API schema's
    included (drf-spectacular reports its warnings through the checks)."""
    problems = deploy_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(50))
    assert "System check identified" not in problems, problems  # with issues, it is written to stderr


def test_plain_http_start_has_no_secure_only_cookies(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)")
    assert start(tmp_path, code, SECRET_KEY="k" * 50).stdout.split() == ["True", "True", "True", "31536000"]
    assert start(tmp_path, code, SECRET_KEY="k" * 50, HTTPS="false").stdout.split() == ["False", "False", "False", "0"]
