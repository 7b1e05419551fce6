"""Security headers, the idle session timeout, refused requests logged in one line."""

import io
import logging

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.core.logfilters import NoTracebackBelow500


@pytest.fixture
def signed_in(client, province_user):
    client.force_login(province_user)
    return client


def test_security_headers_on_every_page(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_signed_in_answers_are_not_stored(signed_in, province_user):
    assert "no-store" in signed_in.get(reverse("home"))["Cache-Control"]
    api = APIClient()
    api.force_authenticate(province_user)
    assert "no-store" in api.get("/api/v1/me/")["Cache-Control"]


def test_a_session_is_renewed_while_used_and_ends_when_idle(signed_in, settings):
    settings.SESSION_COOKIE_AGE = 600
    signed_in.get(reverse("home"))
    session = signed_in.session
    renewed = session["renewed"]
    assert 0 < session.get_expiry_age() <= 600
    # Within a tenth of the age, no write; after it, the session is saved again.
    session["renewed"] = renewed - 30
    session.save()
    signed_in.get(reverse("home"))
    assert signed_in.session["renewed"] == renewed - 30
    session = signed_in.session
    session["renewed"] = renewed - 61
    session.save()
    response = signed_in.get(reverse("home"))
    assert signed_in.session["renewed"] >= renewed
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 600


@pytest.fixture
def console():
    """What the configured console handler writes."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, NoTracebackBelow500) for f in h.filters))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_a_403_is_logged_without_a_traceback(signed_in, console):
    assert signed_in.get(reverse("orgs:import")).status_code == 403
    assert "Forbidden (Permission denied): /orgs/import/" in console.getvalue()
    assert "Traceback" not in console.getvalue()


def test_a_500_keeps_its_traceback(console):
    record = logging.makeLogRecord({"msg": "boom", "levelno": logging.ERROR, "status_code": 500,
                                    "exc_info": (ValueError, ValueError("x"), None)})
    logging.getLogger("django.request").handle(record)
    assert "ValueError" in console.getvalue()
