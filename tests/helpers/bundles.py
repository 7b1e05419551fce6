"""Bundles for tests: a security-sensitive plan full of distinctive strings that must never leak, and
readers of what a ZIP of plans holds."""

import io
import zipfile

from tests.helpers import pdf
from tests.helpers.plans import document

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


def sensitive_document(secrets=SECRETS, title=SECRET_TITLE):
    """A security-sensitive plan with the five `secrets` (a code, a place, a channel, a person, an
    e-mail) written into every component a reader could see."""
    doc = document(classification="sensitive", title=title)
    doc["scope"]["objectives"] = f"รักษาการสั่งการจาก{secrets[1]} ({secrets[0]})"
    doc["team"][0]["name"] = secrets[3]
    doc["team"][0]["email"] = secrets[4]
    doc["strategies"][0]["strategy"] = f"ย้ายไปใช้{secrets[2]}"
    doc["processes"][0]["name"] = f"การสื่อสารผ่าน{secrets[2]}"
    doc["resources"][0]["item"] = secrets[0]
    doc["procedures"][0]["activity"] = f"เปิด{secrets[1]}"
    return doc


def pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return pdf.pdftotext(path)


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
