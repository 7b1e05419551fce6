"""The original Word/PDF of a plan: checked by its content, not its name; served as a download of the
checked type that the browser may not sniff."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from phrom.core.filetypes import CONTENT_TYPES, OLE_MAGIC, sniff
from phrom.plans.models import ATTACHMENT_EXTENSIONS, PlanAudit

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def word_zip(with_document=True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml" if with_document else "xl/workbook.xml", "<w:document/>")
    return out.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
DOC = OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le")


pytestmark = pytest.mark.usefixtures("media")  # tests/conftest.py


@pytest.fixture
def api(coordinator):
    c = APIClient()
    c.force_authenticate(coordinator)
    return c


def test_every_allowed_extension_has_a_checked_type():
    assert set(ATTACHMENT_EXTENSIONS) == set(CONTENT_TYPES)


@pytest.mark.parametrize("data,kind", [
    (PDF, "pdf"), (word_zip(), "docx"), (DOC, "doc"), (word_zip(with_document=False), None), (HTML, None),
    (b"PK\x03\x04 broken", None), (b"", None),
])
def test_the_type_is_read_from_the_first_bytes(data, kind):
    assert sniff(io.BytesIO(data)) == kind


@pytest.mark.parametrize("name,data,content_type", [
    ("แผน BCP.pdf", PDF, "application/pdf"),
    ("แผน BCP.docx", word_zip(), CONTENT_TYPES["docx"]),
    ("แผน BCP.doc", DOC, "application/msword"),
])
def test_a_real_file_is_kept_and_served_with_its_type(client, coordinator, plan, name, data, content_type):
    client.force_login(coordinator)
    response = client.post(reverse("plans:attachment", args=[plan.pk]), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    download = client.get(reverse("plans:attachment", args=[plan.pk]))
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == data


@pytest.mark.parametrize("name,data", [
    ("plan.pdf", HTML), ("plan.docx", HTML), ("plan.doc", HTML), ("plan.pdf", word_zip()),
    ("plan.docx", word_zip(with_document=False)), ("plan.docx", PDF),
])
def test_a_file_not_of_its_names_type_is_refused_on_the_page(client, coordinator, plan, media, name, data):
    client.force_login(coordinator)
    response = client.post(reverse("plans:attachment", args=[plan.pk]), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert "เนื้อหาของไฟล์ไม่ตรงกับชนิดตามชื่อไฟล์" in response.content.decode()
    plan.refresh_from_db()
    assert not plan.attachment and not PlanAudit.objects.filter(plan=plan, action="attach").exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_a_file_not_of_its_names_type_is_refused_by_the_api(api, plan, media):
    response = api.put(f"/api/v1/plans/{plan.pk}/attachment/", {"file": SimpleUploadedFile("plan.pdf", HTML)},
                       format="multipart")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "attachment_mismatch" and ".pdf" in error["message_th"]
    assert error["fields"] == {"file": [error["message"]]}
    plan.refresh_from_db()
    assert not plan.attachment and [p for p in media.rglob("*") if p.is_file()] == []


def test_the_api_serves_the_checked_type(api, plan):
    assert api.put(f"/api/v1/plans/{plan.pk}/attachment/", {"file": SimpleUploadedFile("plan.pdf", PDF)},
                   format="multipart").status_code == 200
    download = api.get(f"/api/v1/plans/{plan.pk}/attachment/")
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_file_stored_before_the_check_is_served_as_bytes_only(client, api, coordinator, plan):
    # An HTML page kept as .pdf before contents were checked: never application/pdf, never shown inline.
    plan.attachment.save("old.pdf", ContentFile(HTML))
    client.force_login(coordinator)
    for download in (client.get(reverse("plans:attachment", args=[plan.pk])),
                     api.get(f"/api/v1/plans/{plan.pk}/attachment/")):
        assert download["Content-Type"] == "application/octet-stream"
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Disposition"].startswith("attachment;")
