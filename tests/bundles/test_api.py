"""The bundle API: ask (202), poll, download; access checked again at download."""

import io
import zipfile

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.bundles.models import PlanBundle
from phrom.plans.models import Plan
from tests.helpers.bundles import download_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(people):
    client = APIClient()
    client.force_authenticate(people.rayong_office_coordinator)
    return client


@pytest.mark.browser  # prints PDFs with Chromium
def test_ask_poll_download(api, structure, rayong, immediate_tasks):
    response = api.post(reverse("api-bundles"), {"organisation": "PU21-HEALTH"}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert (body["scope"], body["organisation"], body["province"]) == ("subtree", "PU21-HEALTH", None)

    status = api.get(body["status_url"]).json()
    assert (status["status"], status["done"], status["total"], status["organisations"]) == ("done", 1, 1, 2)
    assert status["download_url"] == reverse("api-bundle-download", args=[body["id"]])
    assert [b["id"] for b in api.get(reverse("api-bundles")).json()["results"]] == [body["id"]]

    response = api.get(status["download_url"], HTTP_ACCEPT="application/zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download_bytes(response))) as zf:
        assert sorted(zf.namelist()) == sorted([
            "index.csv", "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf",
            "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.docx",
        ])

    # The unit marks its plan security-sensitive: the ZIP made before may no longer leave.
    Plan.objects.filter(pk=rayong["plans"]["PU21-HEALTH"].pk).update(classification="sensitive")
    response = api.get(status["download_url"])
    assert response.status_code == 403 and "error" in response.json()


def test_ask_needs_one_scope(api, structure):
    assert api.post(reverse("api-bundles"), {}, format="json").status_code == 400
    both = api.post(reverse("api-bundles"), {"province": "21", "organisation": "PO21"}, format="json")
    assert both.status_code == 400
    assert api.post(reverse("api-bundles"), {"province": "99"}, format="json").status_code == 400
    assert PlanBundle.objects.count() == 0


def test_queued_bundle_has_no_download_yet(api, people, structure):
    response = api.post(reverse("api-bundles"), {"province": "21", "fiscal_year": 2570}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert (body["status"], body["fiscal_year"], body["download_url"]) == ("queued", 2570, None)
    assert api.get(reverse("api-bundle-download", args=[body["id"]])).status_code == 404
