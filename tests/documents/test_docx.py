"""The plan as a Word document: opens with python-docx, carries the tables of the OPDC form, sets the
Thai font the way Word reads it, and converts with LibreOffice."""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from lxml import etree

from phrom.documents.context import print_context
from phrom.documents.docx import FONT, render_docx
from phrom.documents.sample import typical_header, typical_plan
from tests.helpers.pdf import pdftotext, squeeze
from tests.helpers.plans import starter_templates

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sensitive_docx():
    return render_docx(typical_plan(sensitive=True), typical_header(sensitive=True))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def cell_texts(table, row: int) -> list[str]:
    return [c.text for c in table.rows[row].cells]


def test_the_document_holds_the_tables_of_the_opdc_form(plan, header):
    data = render_docx(plan, header)
    document = Document(io.BytesIO(data))
    c = print_context(plan, header)
    # impacts, team, strategies, BIA + impact over time, one per resource category, three checklists,
    # the call tree's order of alerting
    expected = 1 + 1 + 1 + 2 + len(c["resources"]["tables"]) + len(c["procedures"]["windows"]) + 1
    assert len(document.tables) == expected
    call_tree = document.tables[-1]
    assert cell_texts(call_tree, 0) == ["ลำดับ", "ผู้แจ้ง", "ผู้รับแจ้ง", "ช่องทาง"]
    assert len(call_tree.rows) == 1 + len(c["call_tree"]["rows"]) > 1
    grid, team, strategies, bia = document.tables[:4]
    assert cell_texts(grid, 0) == ["สถานการณ์วิกฤต", *c["impacts"]["categories"]]
    assert len(grid.rows) == 1 + len(c["impacts"]["rows"])
    assert cell_texts(team, 0)[:3] == ["บทบาท", "ผู้ปฏิบัติงานหลัก", "ผู้ปฏิบัติงานหลัก"]  # merged across two
    assert cell_texts(team, 0)[3] == "ผู้ปฏิบัติงานสำรอง"
    assert cell_texts(team, 1)[1:] == ["ชื่อ-นามสกุล / ตำแหน่ง", "หมายเลขโทรศัพท์"] * 2
    assert cell_texts(strategies, 0) == ["ทรัพยากร", "กลยุทธ์ความต่อเนื่อง"]
    assert cell_texts(bia, 1)[3:8] == ["4 ชั่วโมง", "1 วัน", "1 สัปดาห์", "2 สัปดาห์", "1 เดือน"]
    assert cell_texts(bia, 0)[8:] == ["MTPD", "RPO", "e-Service"]
    assert len(bia.rows) == 2 + 20
    # Process 1 (RTO 4 hours) is ticked under "4 hours"; process 3 (RTO 2 hours) too, with its value.
    assert cell_texts(bia, 2)[3:8] == ["✓", "", "", "", ""]
    assert cell_texts(bia, 4)[3] == "✓\n2 ชั่วโมง"
    resources = document.tables[5]
    assert cell_texts(resources, 0)[:4] == ["กระบวนการทำงานที่สำคัญ", "ทรัพยากร", "หน่วยนับ", "จำนวนที่ต้องการภายใน"]
    checklist = document.tables[-3]
    assert cell_texts(checklist, 0) == ["ลำดับ", "ขั้นตอน / กิจกรรม", "ผู้รับผิดชอบ", "ดำเนินการแล้ว"]
    assert cell_texts(checklist, 1)[0] == "1" and cell_texts(checklist, 1)[3] == "☐"


def test_headings_are_the_eight_components_in_order_and_a_toc_field_lists_them(plan, header):
    data = render_docx(plan, header)
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.split(".")[0] for h in headings] == [str(i) for i in range(1, 9)]
    assert headings[0] == "1. วัตถุประสงค์ สมมติฐาน และขอบเขตของแผน"
    assert headings[7] == "8. แผนผังการติดต่อสื่อสาร (Call Tree)"
    body = part(data, "word/document.xml")
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    settings = part(data, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


def test_the_cover_names_the_agency_version_and_approval_in_the_buddhist_era(plan, header):
    document = Document(io.BytesIO(render_docx(plan, header)))
    cover = [p.text for p in document.paragraphs[:12]]
    assert plan["title"] in cover
    assert "สำนักงานจังหวัดระยอง" in cover
    assert "ฉบับที่ 3" in cover
    assert "อนุมัติเมื่อวันที่ 20 ตุลาคม 2569" in cover


def test_styles_name_the_thai_font_for_complex_script_and_no_theme_font(plan, header):
    styles = part(render_docx(plan, header), "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        assert not [a for a in fonts.attrib if "theme" in a.lower()], etree.tostring(fonts)
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal").find(f"{W}rPr")
    for rpr in (defaults, normal):
        fonts = rpr.find(f"{W}rFonts")
        assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
        assert rpr.find(f"{W}szCs").get(f"{W}val") == "32"  # 16 pt
        assert rpr.find(f"{W}sz").get(f"{W}val") == "32"
        assert rpr.find(f"{W}lang").get(f"{W}bidi") == "th-TH"
    heading = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1").find(f"{W}rPr")
    assert heading.find(f"{W}b") is not None and heading.find(f"{W}bCs") is not None  # bold Thai
    assert heading.find(f"{W}rFonts").get(f"{W}cs") == FONT


def test_every_page_header_carries_the_security_marking_when_sensitive(sensitive_docx):
    document = Document(io.BytesIO(sensitive_docx))
    assert len(document.sections) == 3  # portrait, landscape for the BIA, portrait
    for section in document.sections:
        headers = [section.header] + ([section.first_page_header] if section.different_first_page_header_footer else [])
        for h in headers:
            assert not h.is_linked_to_previous
            text = "\n".join(p.text for p in h.paragraphs)
            assert text == "ลับ\nเอกสารนี้มีเนื้อหาที่อ่อนไหวด้านความมั่นคง — ใช้ภายในหน่วยงานเท่านั้น"
        footer = section.footer._element
        assert any(t.text.strip() == "PAGE" for t in footer.iter(f"{W}instrText"))
        assert "ลับ" in "".join(t.text for t in footer.iter(f"{W}t"))
    assert document.sections[1].page_width > document.sections[1].page_height


def test_a_normal_plan_has_no_marking(plan, header):
    document = Document(io.BytesIO(render_docx(plan, header)))
    for section in document.sections:
        assert "ลับ" not in "".join(p.text for p in section.header.paragraphs)


def test_the_call_tree_is_a_drawing_with_a_box_per_person(plan, header):
    body = part(render_docx(plan, header), "word/document.xml")
    wpg = "{http://schemas.microsoft.com/office/word/2010/wordprocessingGroup}"
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    groups = list(body.iter(f"{wpg}wgp"))
    assert groups
    boxes = [s for g in groups for s in g.iter(f"{wps}wsp") if s.find(f"{wps}txbx") is not None]
    assert len(boxes) == 40
    names = {"".join(t.text for t in b.iter(f"{W}t")) for b in boxes}
    assert any(n.startswith("นายสมชาย ใจดี") for n in names)
    ids = [int(d.get("id")) for d in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(ids) == len(set(ids))


def test_thai_numerals_option(plan, header):
    document = Document(io.BytesIO(render_docx(plan, header, thai_digits=True)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "อนุมัติเมื่อวันที่ ๒๐ ตุลาคม ๒๕๖๙" in text
    assert "๑. วัตถุประสงค์ สมมติฐาน และขอบเขตของแผน" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "๑.๑" in "".join(headings) and not re.search(r"[๐-๙]\.[0-9]", "\n".join(headings))  # no "๑.1"
    bia = document.tables[3]
    assert bia.rows[1].cells[3].text == "๔ ชั่วโมง"
    footer = document.sections[0].footer._element
    assert any("ThaiArabic" in t.text for t in footer.iter(f"{W}instrText"))
    # Every number the reader sees is in Thai digits: the scenario list's "(๑)", the page number
    # shown before Word updates the field; only e-mail addresses keep theirs.
    data = render_docx(plan, header, thai_digits=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        seen = [t.text or "" for name in z.namelist() if name.startswith("word/") and name.endswith(".xml")
                for t in part(data, name).iter(f"{W}t")]
    assert "(๑) " in "".join(seen)
    assert [t for t in seen if re.search(r"[0-9]", t) and "@" not in t] == []


def test_run_properties_keep_the_schema_order(plan, header):
    """Word refuses a file whose run properties are out of order (e.g. <w:szCs> before <w:b>)."""
    order = ["rFonts", "b", "bCs", "i", "iCs", "color", "sz", "szCs", "lang"]
    for name in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
        try:
            root = part(render_docx(typical_plan(sensitive=True), typical_header(sensitive=True)), name)
        except KeyError:
            continue
        for rpr in root.iter(f"{W}rPr"):
            tags = [el.tag.replace(W, "") for el in rpr if el.tag.replace(W, "") in order]
            assert tags == sorted(tags, key=order.index), (name, tags)


def test_an_almost_empty_plan_renders():
    data = render_docx({"format": "phrom-plan/1", "title": "แผนทดสอบ"}, {"organisation": "หน่วยงานทดสอบ"})
    assert "แผนทดสอบ" in [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize(("code", "doc"), starter_templates() or [pytest.param("none", {}, marks=pytest.mark.skip(reason="no starter templates yet"))])
def test_starter_templates_render(code, doc, header):
    document = Document(io.BytesIO(render_docx(doc, header)))
    assert len([p for p in document.paragraphs if p.style.name == "Heading 1"]) == 8


@pytest.mark.slow
def test_libreoffice_converts_the_document_to_pdf(sensitive_docx, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    source = tmp_path / "plan.docx"
    source.write_bytes(sensitive_docx)
    result = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    text = squeeze(pdftotext(pdf))
    for phrase in ("สำนักงานจังหวัดระยอง", "ผู้อำนวยการสำนักงาน", "การวิเคราะห์ผลกระทบทางธุรกิจ"):
        assert phrase in text
