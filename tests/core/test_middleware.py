"""The interface is Thai first: the browser's Accept-Language does not switch pages to English."""

import pytest
from django.urls import reverse


@pytest.fixture
def signed_in(client, province_user):
    client.force_login(province_user)
    return client


def test_pages_are_thai_even_for_an_english_browser(signed_in):
    response = signed_in.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "th"
    assert '<html lang="th">' in response.text
    assert "หน่วยงานของท่าน" in response.text


def test_language_switch_sets_english_for_following_pages(signed_in):
    response = signed_in.post(reverse("set_language"), {"language": "en", "next": reverse("orgs:list")})
    assert response.status_code == 302 and response.url == reverse("orgs:list")
    page = signed_in.get(reverse("orgs:list"))
    assert '<html lang="en">' in page.text
    assert "<h1>Organisations</h1>" in page.text
    signed_in.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert "<h1>หน่วยงาน</h1>" in signed_in.get(reverse("orgs:list")).text


def test_unknown_language_cookie_falls_back_to_thai(signed_in, settings):
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert signed_in.get(reverse("home")).headers["Content-Language"] == "th"


def test_login_page_is_thai_for_anonymous_visitors(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    assert "เข้าสู่ระบบ" in response.text


def test_api_honours_accept_language(client):
    """Machine clients choose their language on purpose; the API follows Accept-Language."""
    english = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    thai = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="th")
    assert english.status_code == thai.status_code == 401
    assert english.json()["error"]["message"] == "Authentication credentials were not provided."
    assert english.json()["error"]["message"] != thai.json()["error"]["message"]
