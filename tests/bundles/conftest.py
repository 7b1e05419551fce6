"""Bundle fixtures: a province (Rayong, 21) whose agencies sent plans through an OPDC campaign, with a
draft, a security-sensitive plan full of distinctive strings, and a plan in another province."""

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.utils import translation

from phrom.campaigns import services
from phrom.plans.content import apply_component, component_document
from tests.campaigns.conftest import document, make_plan, open_campaign, people, send  # noqa: F401

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}

SECRETS = [
    "KRAKEN-BUNDLE-5521",
    "ศูนย์สั่งการลับใต้ดินชั้นเก้า",
    "คลื่นวิทยุพิเศษหมายเลข-8832",
    "พันตรีลับเฉพาะ นามแฝงหนึ่ง",
    "hidden-officer-3@secret.example.go.th",
]
SECRET_TITLE = "แผนความต่อเนื่องภารกิจพิเศษของโรงพยาบาลระยอง"


def title_of(org) -> str:
    return f"แผนบริหารความพร้อมต่อสภาวะวิกฤตของ{org.name_th} ประจำปีงบประมาณ พ.ศ. 2570"


def sensitive_document():
    doc = document(classification="sensitive", title=SECRET_TITLE)
    doc["scope"]["objectives"] = f"รักษาการสั่งการจาก{SECRETS[1]} ({SECRETS[0]})"
    doc["team"][0]["name"] = SECRETS[3]
    doc["team"][0]["email"] = SECRETS[4]
    doc["strategies"][0]["strategy"] = f"ย้ายไปใช้{SECRETS[2]}"
    doc["processes"][0]["name"] = f"การสื่อสารผ่าน{SECRETS[2]}"
    doc["resources"][0]["item"] = SECRETS[0]
    doc["procedures"][0]["activity"] = f"เปิด{SECRETS[1]}"
    return doc


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def rayong(structure, people):  # noqa: F811
    """Plans of province 21 and one of province 20, sent to OPDC's campaign.

    - PU21-HEALTH (provincial unit, collected by PO21): sent; then edited in the agency (not sent again)
    - CU21-DMS (central unit, PO21 informed): sent
    - HOSP21 (hospital, under PU21-HEALTH): a security-sensitive plan, declared
    - PO21 (the provincial office itself): a draft only
    - TM21-001 (municipality, straight to OPDC): sent — not on PO21's reporting line
    - PO20 (Chonburi): sent — another province
    """
    s = structure
    campaign = open_campaign(s.opdc, people.opdc_coordinator)
    plans = {}
    for org in (s.rayong_unit, s.central_unit, s.municipality, s.chonburi_office):
        plan = make_plan(org, people.coordinator(org), title=title_of(org))
        send(campaign, org, people, plan)
        plans[org.code] = plan
    secret = make_plan(s.hospital, people.coordinator(s.hospital), **sensitive_document())
    services.declare(campaign, s.hospital, user=people.approver(s.hospital), title=secret.title, reviewed_on=None,
                     plan=secret, approve_now=True)
    plans[s.hospital.code] = secret
    plans[s.rayong_office.code] = make_plan(s.rayong_office, people.coordinator(s.rayong_office),
                                            title=title_of(s.rayong_office))
    # The unit edits its plan after sending it: that new version has not left the agency.
    unit_plan = plans[s.rayong_unit.code]
    unit_plan.refresh_from_db()
    header = component_document(unit_plan, "header")
    apply_component(unit_plan, "header", {**header, "title": "ร่างแก้ไขที่ยังไม่ได้ส่ง"},
                    user=people.coordinator(s.rayong_unit), expected_revision=unit_plan.component_revision("header"))
    return {"campaign": campaign, "plans": plans}


# --------------------------------------------------------------------------- reading a ZIP back


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens: a PDF's lines break anywhere."""
    return re.sub(r"[\s-]+", "", text)


def pdftotext(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def every_byte(zip_bytes: bytes) -> list[tuple[str, bytes]]:
    """Every member of the ZIP, and every member of a member that is itself a ZIP (a .docx)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            out.append((info.filename, data))
            if data[:4] == b"PK\x03\x04":
                out.extend((f"{info.filename}/{name}", inner) for name, inner in every_byte(data))
    return out


def download_bytes(response) -> bytes:
    return b"".join(response.streaming_content)
