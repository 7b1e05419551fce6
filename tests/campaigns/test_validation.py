"""Campaign input: the form and the serializer check its shape, the service its rules, once; the page
shows a refusal in Thai beside its field, the API as the error envelope with a stable code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from phrom.campaigns import services
from phrom.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def _deadline():
    return (timezone.localdate() + datetime.timedelta(days=20)).isoformat()


def test_the_service_checks_the_rules_and_names_the_field(structure, people):
    with pytest.raises(services.CampaignError) as refused:
        services.create_campaign(structure.opdc, user=people.opdc_coordinator, title="x", fiscal_year=2570,
                                 deadline=timezone.localdate(), reminder_days=[400])
    assert (refused.value.code, refused.value.status, refused.value.field) == ("invalid", 400, "reminder_days")
    with pytest.raises(services.CampaignError) as refused:
        services.create_campaign(structure.opdc, user=people.opdc_coordinator, title="x", fiscal_year=2570,
                                 deadline=timezone.localdate(), blocking_codes=["nope"])
    assert refused.value.field == "blocking_codes" and "nope" in refused.value.message_th


def test_the_page_shows_the_refusal_in_thai_beside_its_field(client, structure, people):
    client.force_login(people.opdc_coordinator)
    response = client.post(reverse("campaigns:new"), {
        "collector": structure.opdc.pk, "title": "ทบทวนแผน", "fiscal_year": 2570, "deadline": _deadline(),
        "reminder_days": "-7, 400",
    })
    assert response.status_code == 200 and not Campaign.objects.exists()
    form = response.context["form"]
    assert form.errors["reminder_days"] == [services.CampaignError("invalid", services.REMINDER_RANGE).message_th]


def test_the_api_gives_the_same_refusal_as_the_envelope(structure, people):
    api = APIClient()
    api.force_authenticate(people.opdc_coordinator)
    response = api.post("/api/v1/campaigns/", {
        "collector": "OPDC", "title": "ทบทวนแผน", "fiscal_year": 2570, "deadline": _deadline(),
        "reminder_days": [-7, 400]}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["reminder_days"]
    assert error["message_en"] == "Reminder days must be within a year of the deadline."
    assert not Campaign.objects.exists()


def test_the_serializer_checks_the_shape(structure, people):
    api = APIClient()
    api.force_authenticate(people.opdc_coordinator)
    error = api.post("/api/v1/campaigns/", {"collector": "OPDC", "title": "x"}, format="json").json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == {"fiscal_year", "deadline"}
    error = api.post("/api/v1/campaigns/", {
        "collector": "OPDC", "title": "x", "fiscal_year": 2570, "deadline": _deadline(), "kinds": ["nope"],
        "subtree": "NOPE"}, format="json").json()["error"]
    assert set(error["fields"]) == {"kinds", "subtree"}
    created = api.post("/api/v1/campaigns/", {
        "collector": "OPDC", "title": "x", "fiscal_year": 2570, "deadline": _deadline(), "subtree": ""},
        format="json")
    assert created.status_code == 201 and created.json()["subtree"] is None
