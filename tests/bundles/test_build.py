"""Building a bundle for real: PDFs printed by Chromium and read back with pdftotext, Word files opened
with python-docx, the index read as Excel would, and the security-sensitive plan nowhere."""

import csv
import io
import zipfile

import pytest

from phrom.bundles import services
from phrom.bundles.build import INDEX_NAME, safe_filename
from phrom.bundles.models import PlanBundle
from phrom.plans.models import PlanAudit, PlanVersion
from tests.helpers.bundles import SECRET_TITLE, SECRETS, docx_text, every_byte, pdftotext, title_of
from tests.helpers.pdf import squeeze

pytestmark = pytest.mark.django_db


def read_index(data: bytes) -> dict[str, dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Thai names as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[0]
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}


@pytest.mark.browser  # prints PDFs with Chromium
def test_province_bundle_has_the_sent_plans_and_never_the_sensitive_content(
    structure, people, rayong, immediate_tasks, tmp_path, media
):
    s = structure
    user = people.rayong_office_coordinator
    bundle = services.request_bundle(user, province=s.rayong_office.province, ip="10.0.0.7")

    assert bundle.status == PlanBundle.Status.DONE
    # Progress: the unit's plan and the central unit's; five organisations of Rayong in the index.
    assert (bundle.done, bundle.total, bundle.failed, bundle.organisations) == (2, 2, 0, 5)
    assert bundle.started_at and bundle.finished_at and bundle.expires_at > bundle.finished_at
    zip_bytes = (media / bundle.file.name).read_bytes()
    assert bundle.size == len(zip_bytes)

    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())
        names = sorted(zf.namelist())
        expected = sorted([
            INDEX_NAME,
            "CU21-DMS ศูนย์การแพทย์ระยอง.pdf", "CU21-DMS ศูนย์การแพทย์ระยอง.docx",
            "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf", "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.docx",
        ])
        assert names == expected  # no draft (PO21), no sensitive plan (HOSP21), nobody off the route or province
        files = {name: zf.read(name) for name in names}

    # Each PDF's text layer gives the plan's Thai title back; each Word file opens and has it too.
    for org in (s.rayong_unit, s.central_unit):
        stem = f"{org.code} {org.name_th}"
        pdf_text = pdftotext(files[f"{stem}.pdf"], tmp_path)
        assert squeeze(title_of(org)) in squeeze(pdf_text)
        assert squeeze(title_of(org)) in squeeze(docx_text(files[f"{stem}.docx"]))
    # The unit's edit after sending never left it: the ZIP has the version that was sent.
    unit_pdf = pdftotext(files["PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf"], tmp_path)
    assert squeeze("ร่างแก้ไขที่ยังไม่ได้ส่ง") not in squeeze(unit_pdf)

    # The sensitive plan's distinctive strings are nowhere: not in any member's bytes, not inside
    # the Word files' parts, not in the text of the PDFs.
    for name, data in every_byte(zip_bytes):
        for secret in SECRETS:
            assert secret.encode("utf-8") not in data, (secret, name)
            assert secret.encode("utf-16-be") not in data, (secret, name)
    texts = [pdftotext(files[n], tmp_path) for n in names if n.endswith(".pdf")]
    texts += [docx_text(files[n]) for n in names if n.endswith(".docx")]
    texts.append(files[INDEX_NAME].decode("utf-8-sig"))
    for text in texts:
        for secret in SECRETS:
            assert squeeze(secret) not in squeeze(text)

    index = read_index(files[INDEX_NAME])
    assert set(index) == {"CU21-DMS", "HOSP21", "PO21", "PU21-HEALTH", "TM21-001"}  # not PO20 (Chonburi)
    columns = list(index["HOSP21"])
    outcome, title, pdf_col, docx_col = columns[8], columns[4], columns[9], columns[10]
    assert index["HOSP21"][title] == SECRET_TITLE
    assert index["HOSP21"][outcome] == "แจ้งชื่อแผนแล้ว (แผนที่เกี่ยวกับความมั่นคง): เนื้อหาเก็บไว้ที่หน่วยงาน"
    assert index["HOSP21"][pdf_col] == index["HOSP21"][docx_col] == ""
    assert index["PU21-HEALTH"][outcome] == "รวมอยู่ในไฟล์นี้"
    assert index["PU21-HEALTH"][title] == title_of(s.rayong_unit)
    assert index["PU21-HEALTH"][pdf_col] == "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf"
    assert index["PO21"][outcome] == "ยังไม่มีแผนที่ส่งออกจากหน่วยงาน"  # its own draft does not go
    assert index["PO21"][title] == ""
    assert index["TM21-001"][outcome] == "ไม่รวม: ไม่อยู่ในสายการรายงานของท่าน"
    assert index["TM21-001"][title] == ""

    # Reading the plans from outside their agencies is in their audit trails, with the bundle.
    reads = PlanAudit.objects.filter(action=PlanAudit.Action.READ, username=user.username)
    assert sorted(r.plan.organisation.code for r in reads) == ["CU21-DMS", "PU21-HEALTH"]
    assert all(r.detail == {"bundle": bundle.pk} and r.ip == "10.0.0.7" for r in reads)


@pytest.mark.browser  # prints PDFs with Chromium
def test_opdc_gets_every_sent_plan_of_the_province(structure, people, rayong, immediate_tasks, media):
    bundle = services.request_bundle(people.opdc_coordinator, province=structure.rayong_office.province,
                                     campaign=rayong["campaign"])
    with zipfile.ZipFile(media / bundle.file.name) as zf:
        pdfs = sorted(n.split(" ")[0] for n in zf.namelist() if n.endswith(".pdf"))
        index = read_index(zf.read(INDEX_NAME))
    assert pdfs == ["CU21-DMS", "PU21-HEALTH", "TM21-001"]
    outcome = list(index["PO21"])[8]
    assert index["PO21"][outcome] == "ยังไม่มีแผนที่ส่งออกจากหน่วยงาน"
    assert index["HOSP21"][outcome].startswith("แจ้งชื่อแผนแล้ว (แผนที่เกี่ยวกับความมั่นคง)")
    assert (bundle.done, bundle.total) == (3, 3)


@pytest.mark.browser  # prints PDFs with Chromium
def test_a_plan_that_cannot_be_printed_is_recorded_and_the_bundle_goes_on(
    structure, people, rayong, immediate_tasks, media
):
    # The central unit's stored version is damaged: its BIA is no list of processes.
    broken = rayong["plans"]["CU21-DMS"]
    PlanVersion.objects.filter(plan=broken, component="processes").update(data="not a list of processes")
    bundle = services.request_bundle(people.rayong_office_coordinator, province=structure.rayong_office.province)

    assert bundle.status == PlanBundle.Status.DONE
    assert (bundle.done, bundle.total, bundle.failed) == (2, 2, 1)
    assert list(bundle.contents) == [str(rayong["plans"]["PU21-HEALTH"].pk)]
    with zipfile.ZipFile(media / bundle.file.name) as zf:
        names = zf.namelist()
        index = read_index(zf.read(INDEX_NAME))
    assert not any(n.startswith("CU21-DMS") for n in names)
    assert "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf" in names  # printed after the failure
    outcome = list(index["CU21-DMS"])[8]
    assert index["CU21-DMS"][outcome].startswith("พิมพ์ไม่สำเร็จ: ")


@pytest.mark.browser  # prints PDFs with Chromium
def test_a_subtree_bundle_of_a_campaign_has_the_version_sent_to_it(
    structure, people, rayong, immediate_tasks, media, tmp_path
):
    unit = structure.rayong_unit
    bundle = services.request_bundle(people.coordinator(unit), root=unit, campaign=rayong["campaign"])
    with zipfile.ZipFile(media / bundle.file.name) as zf:
        names = sorted(zf.namelist())
        index = read_index(zf.read(INDEX_NAME))
        pdf = zf.read("PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf")
    # The unit and its hospital: the unit's own sent plan; the hospital's declaration, title only.
    assert set(index) == {"PU21-HEALTH", "HOSP21"}
    assert names == sorted([INDEX_NAME, "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.pdf",
                            "PU21-HEALTH สำนักงานสาธารณสุขจังหวัดระยอง.docx"])
    version = list(index["PU21-HEALTH"])[6]
    assert index["PU21-HEALTH"][version] == "1"
    assert squeeze(title_of(unit)) in squeeze(pdftotext(pdf, tmp_path))


@pytest.mark.parametrize(("code", "name", "expected"), [
    ("PO21", "สำนักงานจังหวัดระยอง", "PO21 สำนักงานจังหวัดระยอง.pdf"),
    ("X1", 'ชื่อ/มี:อักขระ*ต้องห้าม?"<>|\\', "X1 ชื่อ_มี_อักขระ_ต้องห้าม______.pdf"),
    ("X2", "หน่วยงาน.  ", "X2 หน่วยงาน.pdf"),
    ("X3", "ขึ้น\tบรรทัด\nใหม่", "X3 ขึ้น บรรทัด ใหม่.pdf"),
])
def test_file_names_are_safe_on_windows(code, name, expected):
    assert safe_filename(code, name, "pdf") == expected


def test_long_thai_names_are_cut_between_letters_not_inside_one():
    name = "ก" * 76 + "ที่"  # 'ที่' is a consonant with two marks; a leading vowel follows
    cut = safe_filename("X", name + "เเ", "pdf")
    stem = cut.removesuffix(".pdf")
    assert len(stem) <= 80
    assert stem.endswith("ที่") or stem.endswith("ก")
    assert not stem.endswith("ท") and not stem.endswith("ที")
    cut = safe_filename("X", "ก" * 77 + "เก", "pdf")
    assert not cut.removesuffix(".pdf").endswith("เ")
