"""Pocket cards (issue 15, offline): one page per team member from the plan as it last left the agency,
read back with pdftotext; members of the agency only, so a security-sensitive plan's cards never leave
it; each download logged as an export of contact data; the offline pieces (service worker, manifest)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.campaigns.models import Submission
from phrom.documents.pocket import cards
from phrom.privacy.models import ExportRecord
from tests.helpers.bundles import SECRETS, pdftotext
from tests.helpers.pdf import page_count, squeeze
from tests.helpers.plans import document

pytestmark = pytest.mark.django_db


def test_each_member_gets_their_callees_the_day_one_steps_and_key_contacts():
    by_key = {c["member"]["key"]: c for c in cards(document())}
    head, coordinator, leader = by_key["m1"], by_key["m2"], by_key["m3"]
    assert head["first"] and not coordinator["first"]
    assert [(c["name"], c["phone"]) for c in coordinator["calls"]] == [("นายวิชัย มั่นคง", "038 611 234")]
    assert leader["calls"] == []
    assert [s["activity"] for s in leader["steps"]] == ["ประเมินสถานการณ์และแจ้งผู้บริหาร", "เปิดใช้สถานที่ปฏิบัติงานสำรอง"]
    assert [s["mine"] for s in coordinator["steps"]] == [True, False]
    # The leader's contacts: the head, the coordinator (who is also their caller: named once), their alternate.
    assert [c["key"] for c in leader["contacts"]] == ["m1", "m2"]
    assert [c["key"] for c in head["contacts"]] == ["m2"]  # never themselves


def test_phone_numbers_are_grouped_as_printed():
    doc = document()
    doc["team"][2]["phone"] = "0812345678"
    coordinator = next(c for c in cards(doc) if c["member"]["key"] == "m2")
    assert coordinator["calls"][0]["phone"] == "081-234-5678"


def _pdf(response, tmp_path):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    return path


def test_a_member_downloads_their_card_from_the_approved_version(client, people, rayong, tmp_path):
    plan = rayong["plans"]["PU21-HEALTH"]
    sent = Submission.objects.get(campaign=rayong["campaign"], plan=plan).version
    client.force_login(people.rayong_unit_coordinator)
    path = _pdf(client.get(reverse("documents:pocket_card_pdf", args=[plan.pk, "m2"])), tmp_path)
    assert page_count(path) == 1
    text = squeeze(pdftotext(path.read_bytes(), tmp_path))
    for expected in ("นางสาวสมหญิงรักงาน", "นายวิชัยมั่นคง", "038611234", "ประเมินสถานการณ์และแจ้งผู้บริหาร",
                     "เปิดใช้สถานที่ปฏิบัติงานสำรอง", "นายแพทย์สมชายใจดี", "0812345678", "พ.ศ.", f"ฉบับที่{sent}"):
        assert expected in text, expected
    record = ExportRecord.objects.get(plan=plan)
    assert (record.what, record.version, record.detail, record.via) == ("plan_pdf", sent, {"pocket_card": "m2"}, "page")


def test_all_cards_one_page_each_and_through_the_api(people, rayong, tmp_path):
    plan = rayong["plans"]["PU21-HEALTH"]
    api = APIClient()
    api.force_authenticate(people.rayong_unit_coordinator)
    path = _pdf(api.get(f"/api/v1/plans/{plan.pk}/pocket-cards/pdf/"), tmp_path)
    assert page_count(path) == 3
    assert api.get(f"/api/v1/plans/{plan.pk}/pocket-cards/m9/pdf/").status_code == 404
    assert ExportRecord.objects.get(plan=plan).detail == {"pocket_card": "all"}


def test_a_plan_never_approved_prints_its_draft_and_says_so(client, people, rayong, tmp_path):
    plan = rayong["plans"]["PO21"]
    client.force_login(people.coordinator(plan.organisation))
    page = client.get(reverse("documents:pocket_cards", args=[plan.pk]))
    assert page.status_code == 200
    assert "ไม่เคยได้รับอนุมัติ" in page.content.decode()
    path = _pdf(client.get(reverse("documents:pocket_card_pdf", args=[plan.pk, "m1"])), tmp_path)
    text = pdftotext(path.read_bytes(), tmp_path)
    assert "ไม่เคยได้รับอนุมัติ" in text
    assert "ได้รับแจ้งเป็นคนแรก" in text  # the head starts the call tree


def test_outside_the_agency_cards_are_refused(client, people, rayong):
    plan = rayong["plans"]["PU21-HEALTH"]
    for user in (people.rayong_office_coordinator, people.opdc_coordinator, people.chonburi_office_coordinator):
        client.force_login(user)
        for url in (reverse("documents:pocket_cards", args=[plan.pk]),
                    reverse("documents:pocket_card_pdf", args=[plan.pk, "m1"]),
                    reverse("documents:pocket_cards_pdf", args=[plan.pk]),
                    f"/api/v1/plans/{plan.pk}/pocket-cards/pdf/"):
            assert client.get(url).status_code == 403, (user, url)
    assert not ExportRecord.objects.exists()


def test_a_sensitive_plans_cards_stay_in_the_agency(client, people, rayong, admin_user, tmp_path):
    plan = rayong["plans"]["HOSP21"]
    for user in (people.rayong_unit_coordinator, people.opdc_coordinator, admin_user):  # its collector, OPDC, admin
        client.force_login(user)
        for url in (reverse("documents:pocket_cards", args=[plan.pk]), reverse("documents:pocket_cards_pdf", args=[plan.pk])):
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert SECRETS[3] not in response.content.decode(errors="replace")
    client.force_login(people.coordinator(plan.organisation))
    text = pdftotext(_pdf(client.get(reverse("documents:pocket_cards_pdf", args=[plan.pk])), tmp_path).read_bytes(), tmp_path)
    assert SECRETS[3] in text and "ลับ" in text


def test_the_offline_pieces_are_served_from_the_root(client, people, rayong):
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert b"caches.delete" in worker.content  # logging out empties the saved copies
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["scope"] == "/" and manifest["lang"] == "th"
    plan = rayong["plans"]["PU21-HEALTH"]
    client.force_login(people.rayong_unit_coordinator)
    page = client.get(reverse("documents:pocket_cards", args=[plan.pk])).content.decode()
    assert "data-offline-save" in page and 'rel="manifest"' in page and "<script>" not in page
