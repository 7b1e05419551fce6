"""The one error type, the one API error envelope and the one client-IP helper."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from rest_framework import serializers
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from phrom.core.errors import CODES, InvalidInput, PhromError
from phrom.core.http import client_ip

THAI = re.compile(r"[\u0E00-\u0E7F]")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_error_code_has_a_thai_message(code):
    message = CODES[code].message
    with translation.override("th"):
        thai = translation.gettext(message)
    assert thai != message and THAI.search(thai), f"{code}: no Thai text for {message!r}"


def test_an_unknown_code_is_refused():
    with pytest.raises(KeyError):
        PhromError("no_such_code")


def test_a_refusal_carries_its_code_status_and_both_messages():
    e = PhromError("campaign_closed", title="ทบทวนแผน 2570")
    assert (e.code, e.status) == ("campaign_closed", 409)
    assert "ทบทวนแผน 2570" in e.message_th and e.message_en.startswith("The campaign “ทบทวนแผน 2570” is closed")
    with translation.override("th"):
        assert e.message == e.message_th
    with translation.override("en"):
        assert e.message == e.message_en
    assert PhromError("wrong_plan", status=400).status == 400


class Raising(APIView):
    """Raises whatever the test hands it, to see the envelope the API answers with."""

    exc = None

    def get(self, request):
        raise self.exc


class Shape(serializers.Serializer):
    title = serializers.CharField()


class Validating(APIView):
    def get(self, request):
        Shape(data={}).is_valid(raise_exception=True)


def call(view, user, language="th", **kwargs):
    request = APIRequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=language)
    force_authenticate(request, user=user)
    with translation.override(language):
        response = view.as_view(**kwargs)(request)
        response.render()
    return response


def test_envelope_of_a_phrom_error(opdc_user):
    exc = PhromError("invalid", "Reminder days must be whole numbers.", field="reminder_days",
                     details={"findings": []})
    response = call(Raising, opdc_user, exc=exc)
    assert response.status_code == 400
    assert set(response.data) == {"error"}
    error = response.data["error"]
    assert error["code"] == "invalid" and error["message"] == error["message_th"] != error["message_en"]
    assert error["fields"] == {"reminder_days": [error["message_th"]]}
    assert error["findings"] == []
    english = call(Raising, opdc_user, language="en", exc=exc).data["error"]
    assert english["message"] == "Reminder days must be whole numbers."


def test_envelope_of_invalid_input_by_path(opdc_user):
    errors = [{"path": "processes[0].rto_hours", "message_th": "ต้องเป็นตัวเลข", "message_en": "must be a number"}]
    error = call(Raising, opdc_user, exc=InvalidInput(errors)).data["error"]
    assert error["code"] == "invalid" and error["errors"] == errors
    assert error["fields"] == {"processes[0].rto_hours": ["ต้องเป็นตัวเลข"]}


def test_envelope_of_a_validation_error(opdc_user):
    response = call(Validating, opdc_user)
    assert response.status_code == 400
    error = response.data["error"]
    assert error["code"] == "invalid" and THAI.search(error["message"])
    assert list(error["fields"]) == ["title"]


@pytest.mark.parametrize("exc, status, code", [
    (PermissionDenied(), 403, "permission_denied"),
    (Http404(), 404, "not_found"),
])
def test_envelope_of_403_and_404(opdc_user, exc, status, code):
    response = call(Raising, opdc_user, exc=exc)
    assert response.status_code == status
    assert response.data == {"error": {"code": code, "message": response.data["error"]["message"]}}
    assert THAI.search(response.data["error"]["message"])


def test_a_404_of_get_object_or_404_speaks_thai(opdc_user):
    """get_object_or_404's Http404 names the model in English; the envelope gives the code's message."""
    response = call(Raising, opdc_user, exc=Http404("No Plan matches the given query."))
    assert response.status_code == 404 and response.data["error"]["code"] == "not_found"
    assert "No Plan" not in response.data["error"]["message"] and THAI.search(response.data["error"]["message"])


def test_an_unknown_plan_through_the_api_speaks_thai(api_client_for_plan):
    api, _url = api_client_for_plan
    error = api.get("/api/v1/plans/999999/").json()["error"]
    assert error["code"] == "not_found" and "No Plan" not in error["message"] and THAI.search(error["message"])


def test_envelope_of_throttling(opdc_user):
    from rest_framework.exceptions import Throttled

    response = call(Raising, opdc_user, exc=Throttled(wait=30))
    assert response.status_code == 429 and response.data["error"]["code"] == "throttled"


def test_a_domain_error_through_the_api(api_client_for_plan):
    """A real endpoint: a component saved without the revision it was loaded at."""
    api, url = api_client_for_plan
    response = api.put(url, {"data": []}, format="json")
    assert response.status_code == 428
    assert response.json()["error"]["code"] == "revision_required"


@pytest.fixture
def api_client_for_plan(structure, unit_coordinator):
    from rest_framework.test import APIClient

    from phrom.plans.services import create_plan

    plan = create_plan(structure.rayong_unit, user=unit_coordinator, fiscal_year=2569)
    api = APIClient()
    api.force_authenticate(unit_coordinator)
    return api, f"/api/v1/plans/{plan.pk}/components/team/"


def test_client_ip():
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"
    assert client_ip(factory.get("/", REMOTE_ADDR="")) is None
    # A forwarded header is not trusted: anyone can send one.
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")) == "10.0.0.1"


def test_docs_list_every_code():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "errors.md").read_text(encoding="utf-8")
    assert [c for c in CODES if f"`{c}`" not in text] == []
