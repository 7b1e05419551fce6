"""The Word import pages: upload → review → confirm, only for the agency's coordinators; bad files refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phrom.accounts.models import Membership
from phrom.exchange.docx_safety import OLE_MAGIC
from phrom.exchange.models import WordImport
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import create_plan
from tests.helpers.people import member
from tests.helpers.zips import billion_laughs, bomb, under_declared, without_rels

from .make_samples import messy_form, opdc_form

pytestmark = pytest.mark.usefixtures("media")  # tests/conftest.py


@pytest.fixture
def coordinator(structure):
    return member(structure.rayong_unit)


def docx(data: bytes, name: str = "แผน BCP.docx"):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def upload(client, org, data, name="แผน BCP.docx"):
    return client.post(reverse("exchange:word_upload", args=[org.code]), {"file": docx(data, name)})


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def test_upload_review_confirm(client, structure, coordinator, media):
    client.force_login(coordinator)
    page = client.get(reverse("exchange:word_upload", args=["PU21-HEALTH"]))
    assert page.status_code == 200 and "นำเข้าแผนจากไฟล์ Word" in page.content.decode()
    response = upload(client, structure.rayong_unit, opdc_form())
    job = WordImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("exchange:word_review", args=[job.pk])
    assert Plan.objects.count() == 0  # nothing saved before the coordinator confirms
    html = client.get(response.url).content.decode()
    assert "การเฝ้าระวังและสอบสวนโรค" in html and "นายแพทย์สมชาย ใจดี" in html
    assert 'name="document"' not in html  # the reading stays on the server
    response = client.post(response.url, {"action": "confirm", "fiscal_year": 2569, "classification": "normal"})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:overview", args=[plan.pk])
    assert (plan.organisation, plan.fiscal_year, plan.status) == (structure.rayong_unit, 2569, "draft")
    assert plan.processes.count() == 3 and plan.members.count() == 4 and plan.call_links.count() == 4
    assert plan.title.startswith("แผนบริหารความพร้อมต่อสภาวะวิกฤต ของสำนักงานสาธารณสุขจังหวัดตัวอย่าง")
    assert plan.attachment.name.endswith(".docx")
    assert PlanAudit.objects.filter(plan=plan, action="attach").exists()
    job.refresh_from_db()
    assert job.status == "confirmed" and job.plan == plan and not job.file
    # Confirming twice does not make a second plan.
    client.post(reverse("exchange:word_review", args=[job.pk]), {"action": "confirm", "fiscal_year": 2570,
                                                                 "classification": "normal"})
    assert Plan.objects.count() == 1


def test_review_in_english_lists_what_was_not_found(client, structure, coordinator):
    client.force_login(coordinator)
    upload(client, structure.rayong_unit, messy_form())
    job = WordImport.objects.get()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("exchange:word_review", args=[job.pk])).content.decode()
    assert "Tables that were not recognised" in html and "ครั้งที่ | วันที่ | รายละเอียด" in html
    assert html.count("not found") == 2  # strategies and procedures


def test_discard(client, structure, coordinator, media):
    client.force_login(coordinator)
    upload(client, structure.rayong_unit, opdc_form())
    job = WordImport.objects.get()
    client.post(reverse("exchange:word_review", args=[job.pk]), {"action": "discard"})
    job.refresh_from_db()
    assert job.status == "discarded" and Plan.objects.count() == 0 and stored_files(media) == []


def test_a_taken_fiscal_year_is_refused_on_the_form(client, structure, coordinator):
    create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569)
    client.force_login(coordinator)
    upload(client, structure.rayong_unit, opdc_form())
    job = WordImport.objects.get()
    response = client.post(reverse("exchange:word_review", args=[job.pk]),
                           {"action": "confirm", "fiscal_year": 2569, "classification": "normal"})
    assert response.status_code == 400 and "2569" in response.content.decode()
    assert Plan.objects.count() == 1 and WordImport.objects.get().status == "pending"


@pytest.mark.parametrize("data,message", [
    (b"%PDF-1.7 not a word file", "ไม่ใช่ไฟล์เอกสาร Word"),
    (OLE_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(512), "รหัสผ่าน"),
    (b"PK\x03\x04" + bytes(21 * 1024 * 1024), "20 MB"),
])
def test_bad_files_are_refused_with_nothing_stored(client, structure, coordinator, media, data, message):
    client.force_login(coordinator)
    response = upload(client, structure.rayong_unit, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert WordImport.objects.count() == 0 and Plan.objects.count() == 0 and stored_files(media) == []


def test_a_zip_bomb_is_refused(client, structure, coordinator, media):
    client.force_login(coordinator)
    response = upload(client, structure.rayong_unit, bomb(120))
    assert response.status_code == 400 and "ZIP" in response.content.decode()
    assert WordImport.objects.count() == 0 and stored_files(media) == []


@pytest.mark.parametrize("hostile,message", [
    (billion_laughs, "เอนทิตี XML"),
    (under_declared, "ไม่ตรงกับสารบัญ ZIP"),
    (without_rels, "ไฟล์ Word เสียหายหรือไม่ครบ"),
])
def test_hostile_word_files_are_refused_in_thai_with_nothing_stored(client, structure, coordinator, media, hostile,
                                                                   message):
    client.force_login(coordinator)
    response = upload(client, structure.rayong_unit, hostile(opdc_form()))
    assert response.status_code == 400 and message in response.content.decode()
    assert WordImport.objects.count() == 0 and Plan.objects.count() == 0 and stored_files(media) == []


def test_only_the_agencys_coordinators(client, structure, coordinator, province_user, municipality_user):
    upload_url = reverse("exchange:word_upload", args=["PU21-HEALTH"])
    assert client.get(upload_url).status_code == 302  # to the login page
    viewer = member(structure.rayong_unit, Membership.Role.VIEWER)
    approver = member(structure.rayong_unit, Membership.Role.APPROVER)
    for outsider in (viewer, approver, province_user, municipality_user):
        client.force_login(outsider)
        assert client.get(upload_url).status_code == 403
        assert upload(client, structure.rayong_unit, opdc_form()).status_code == 403
    assert WordImport.objects.count() == 0
    client.force_login(coordinator)
    upload(client, structure.rayong_unit, opdc_form())
    review_url = reverse("exchange:word_review", args=[WordImport.objects.get().pk])
    for outsider in (viewer, province_user, municipality_user):
        client.force_login(outsider)
        assert client.get(review_url).status_code == 403
        assert client.post(review_url, {"action": "confirm", "fiscal_year": 2569, "classification": "normal"}
                           ).status_code == 403
    assert Plan.objects.count() == 0
    client.force_login(member(structure.rayong_unit))  # another coordinator of the same agency
    assert client.get(review_url).status_code == 200


def test_json_download(client, structure, coordinator, province_user):
    plan = create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569)
    url = reverse("exchange:export_json", args=[plan.pk])
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200 and response.json()["plans"][0]["organisation"] == "PU21-HEALTH"
    client.force_login(province_user)
    assert client.get(url).status_code == 403  # a draft does not leave the agency
