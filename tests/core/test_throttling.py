"""API rate limits: one limit per caller (user or address), lower ones for the expensive operations,
429 `throttled` with Retry-After in the error envelope; the pages are not counted."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": "100/hour", "user": "100/hour", "printing": "100/hour",
                                       "bundles": "100/hour", "imports": "100/hour", **rates},
        }
    return set_rates


@pytest.fixture
def token_client(province_user):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=province_user).key}")
    return api


def assert_throttled(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    if response["Content-Type"] == "application/json":  # the documentation page answers in HTML
        assert response.json()["error"]["code"] == "throttled"


def test_a_token_over_its_limit_is_throttled(rates, token_client):
    rates(user="3/hour")
    for _ in range(3):
        assert token_client.get("/api/v1/me/").status_code == 200
    assert_throttled(token_client.get("/api/v1/me/"))


def test_anonymous_callers_are_counted_per_address(rates, db):
    """What an anonymous caller may reach (the API's documentation); elsewhere it gets 401 first."""
    rates(anon="2/hour")
    first, other = APIClient(REMOTE_ADDR="203.0.113.1"), APIClient(REMOTE_ADDR="203.0.113.2")
    for _ in range(2):
        assert first.get("/api/v1/docs/").status_code == 200
    assert_throttled(first.get("/api/v1/docs/"))
    # A forwarded header is not trusted to make a new caller.
    assert_throttled(first.get("/api/v1/docs/", HTTP_X_FORWARDED_FOR="198.51.100.9"))
    assert other.get("/api/v1/docs/").status_code == 200


def test_printing_has_its_own_lower_limit(rates, token_client):
    rates(printing="2/hour")
    for _ in range(2):
        assert token_client.get("/api/v1/plans/999999/docx/").status_code == 404
    assert_throttled(token_client.get("/api/v1/plans/999999/pdf/"))
    # Other operations still answer.
    assert token_client.get("/api/v1/me/").status_code == 200


def test_asking_for_bundles_is_limited_not_listing_them(rates, token_client):
    rates(bundles="1/hour")
    assert token_client.post("/api/v1/bundles/", {}, format="json").status_code != 429
    assert_throttled(token_client.post("/api/v1/bundles/", {}, format="json"))
    assert token_client.get("/api/v1/bundles/").status_code == 200


def test_imports_are_limited(rates, token_client):
    rates(imports="1/hour")
    assert token_client.post("/api/v1/plans/import/", {}, format="json").status_code != 429
    assert_throttled(token_client.post("/api/v1/plans/import/", {}, format="json"))


def test_the_expensive_limits_are_lower_than_the_callers(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    per_hour = {scope: int(rate.split("/")[0]) for scope, rate in rates.items()}
    assert all(rate.endswith("/hour") for rate in rates.values())
    assert max(per_hour["printing"], per_hour["bundles"], per_hour["imports"]) * 10 <= per_hour["user"]


def test_pages_are_not_counted(rates, token_client, client, province_user):
    rates(user="1/hour")
    token_client.get("/api/v1/me/")
    assert_throttled(token_client.get("/api/v1/me/"))
    client.force_login(province_user)
    for _ in range(3):
        assert client.get(reverse("home")).status_code == 200
