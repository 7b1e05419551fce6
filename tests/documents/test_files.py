"""Downloading a plan as PDF or Word, from the pages and the API: the agency's live plan and its
versions for its members, the plan as sent for the offices on its route (a logged read), and never
the content of a security-sensitive plan outside its agency."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.campaigns.models import Submission
from phrom.plans.models import PlanAudit
from tests.helpers.bundles import SECRET_TITLE, SECRETS, docx_text, pdftotext
from tests.helpers.pdf import squeeze

pytestmark = pytest.mark.django_db
UNSENT_TITLE = "ร่างแก้ไขที่ยังไม่ได้ส่ง"  # the unit's edit after sending (tests.bundles.conftest.rayong)


def submission_of(rayong, code) -> Submission:
    return Submission.objects.get(campaign=rayong["campaign"], organisation__code=code)


def client_for(client, user):
    client.force_login(user)
    return client


def test_member_downloads_the_live_plan_and_an_earlier_version_as_word(client, people, rayong, structure):
    plan = rayong["plans"]["PU21-HEALTH"]
    plan.refresh_from_db()
    client = client_for(client, people.rayong_unit_coordinator)

    now = client.get(reverse("documents:plan", args=[plan.pk, "docx"]))
    assert now.status_code == 200
    assert now["Content-Type"].endswith("wordprocessingml.document")
    assert now["Content-Disposition"] == f'attachment; filename="BCP-PU21-HEALTH-2570-v{plan.revision}.docx"'
    assert now["Cache-Control"] == "private, no-store"
    assert UNSENT_TITLE in docx_text(now.content)

    sent = submission_of(rayong, "PU21-HEALTH").version
    then = client.get(reverse("documents:plan", args=[plan.pk, "docx"]), {"version": sent, "digits": "thai"})
    assert then.status_code == 200
    text = docx_text(then.content)
    assert UNSENT_TITLE not in text and plan.title not in text
    assert "๒๕๗๐" in text  # the fiscal year in Thai digits


def test_unknown_version_is_404(client, people, rayong):
    plan = rayong["plans"]["PU21-HEALTH"]
    client = client_for(client, people.rayong_unit_coordinator)
    for version in ("999", "abc", "0"):
        assert client.get(reverse("documents:plan", args=[plan.pk, "docx"]), {"version": version}).status_code == 404


def test_outside_the_agency_the_live_plan_is_refused(client, people, rayong):
    plan = rayong["plans"]["PU21-HEALTH"]
    for user in (people.rayong_office_coordinator, people.opdc_coordinator, people.chonburi_office_coordinator):
        response = client_for(client, user).get(reverse("documents:plan", args=[plan.pk, "pdf"]))
        assert response.status_code == 403, user
    client.logout()
    response = client.get(reverse("documents:plan", args=[plan.pk, "pdf"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_collector_downloads_the_plan_as_sent_and_the_read_is_logged(client, people, rayong):
    sub = submission_of(rayong, "PU21-HEALTH")
    reader = people.rayong_office_coordinator
    response = client_for(client, reader).get(reverse("documents:submission", args=[sub.pk, "docx"]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert sub.title in text and UNSENT_TITLE not in text
    read = PlanAudit.objects.filter(plan=sub.plan, action=PlanAudit.Action.READ, user=reader).get()
    assert read.version == sub.version
    assert read.detail == {"submission": sub.pk, "campaign": sub.campaign_id, "via": "page", "format": "docx"}


def test_the_content_of_a_sensitive_plan_never_leaves_the_agency(client, people, rayong, structure):
    secret = rayong["plans"]["HOSP21"]
    declaration = Submission.objects.get(campaign=rayong["campaign"], organisation__code="HOSP21")
    for user in (people.rayong_office_coordinator, people.opdc_coordinator, people.rayong_unit_coordinator):
        c = client_for(client, user)
        for fmt in ("pdf", "docx"):
            assert c.get(reverse("documents:plan", args=[secret.pk, fmt])).status_code == 403
            assert c.get(reverse("documents:submission", args=[declaration.pk, fmt])).status_code == 403
    assert not PlanAudit.objects.filter(plan=secret, action=PlanAudit.Action.READ).exists()
    # Its own agency prints it, marked as such.
    own = client_for(client, people.hospital_coordinator).get(reverse("documents:plan", args=[secret.pk, "docx"]))
    text = docx_text(own.content)
    assert SECRET_TITLE in text and SECRETS[0] in text and "ลับ" in text


def test_the_plan_pages_offer_the_documents(client, people, rayong):
    plan = rayong["plans"]["PU21-HEALTH"]
    plan.refresh_from_db()
    client = client_for(client, people.rayong_unit_coordinator)
    overview = client.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert reverse("documents:plan", args=[plan.pk, "pdf"]) in overview
    assert reverse("documents:plan", args=[plan.pk, "docx"]) in overview
    assert reverse("exchange:export_json", args=[plan.pk]) in overview
    version = client.get(reverse("plans:version", args=[plan.pk, 1])).content.decode()
    assert 'name="version" value="1"' in version

    sub = submission_of(rayong, "PU21-HEALTH")
    page = client_for(client, people.rayong_office_coordinator).get(reverse("campaigns:submission", args=[sub.pk]))
    assert reverse("documents:submission", args=[sub.pk, "pdf"]) in page.content.decode()
    declaration = Submission.objects.get(campaign=rayong["campaign"], organisation__code="HOSP21")
    page = client.get(reverse("campaigns:submission", args=[declaration.pk])).content.decode()
    assert reverse("documents:submission", args=[declaration.pk, "pdf"]) not in page


@pytest.mark.browser
def test_pdf_from_the_page_reads_back_exactly(client, people, rayong, tmp_path):
    sub = submission_of(rayong, "CU21-DMS")
    response = client_for(client, people.rayong_office_coordinator).get(
        reverse("documents:submission", args=[sub.pk, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert squeeze(sub.title) in squeeze(pdftotext(response.content, tmp_path))


def test_api_same_rules(people, rayong):
    api = APIClient()
    plan = rayong["plans"]["PU21-HEALTH"]
    sub = submission_of(rayong, "PU21-HEALTH")

    api.force_authenticate(people.rayong_unit_coordinator)
    response = api.get(f"/api/v1/plans/{plan.pk}/docx/", {"version": sub.version})
    assert response.status_code == 200 and UNSENT_TITLE not in docx_text(response.content)

    api.force_authenticate(people.rayong_office_coordinator)
    refused = api.get(f"/api/v1/plans/{plan.pk}/docx/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    response = api.get(f"/api/v1/submissions/{sub.pk}/docx/")
    assert response.status_code == 200 and sub.title in docx_text(response.content)
    assert PlanAudit.objects.filter(plan=plan, action=PlanAudit.Action.READ, detail__via="api").count() == 1

    declaration = Submission.objects.get(campaign=rayong["campaign"], organisation__code="HOSP21")
    assert api.get(f"/api/v1/submissions/{declaration.pk}/pdf/").status_code == 403
    api.force_authenticate(None)
    assert api.get(f"/api/v1/submissions/{sub.pk}/docx/").status_code in (401, 403)


def test_openapi_schema_lists_the_documents(client):
    schema = client.get("/api/v1/openapi.json").json()
    plans, submissions = schema["paths"]["/api/v1/plans/{id}/{fmt}/"], schema["paths"]["/api/v1/submissions/{id}/{fmt}/"]
    assert plans["get"]["operationId"] == "plans_document_file"
    assert submissions["get"]["operationId"] == "submissions_document_file"
    assert "application/pdf" in plans["get"]["responses"]["200"]["content"]
