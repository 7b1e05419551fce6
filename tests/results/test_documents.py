"""The after-action report read back: the PDF's text layer (pdftotext) and the Word file (python-docx)."""

import io

import pytest
from docx import Document

from phrom.results import documents, services
from tests.helpers.pdf import pdftotext, squeeze
from tests.helpers.plans import make_plan
from tests.results.helpers import event_result, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(structure, coordinator):
    make_plan(structure.rayong_unit, coordinator)
    result = event_result(structure.rayong_unit, coordinator)
    save(coordinator, result, processes=[{"key": "p1", "recovered_hours": 6}, {"key": "p2", "still_down": True}],
         findings=[{"component": "team", "text": "ไม่มีผู้ปฏิบัติงานแทนหัวหน้าทีม"}],
         training_needs=[{"skill": "call_tree", "people": 4}], authority_affected=True,
         authority_note="รองผู้อำนวยการสั่งการแทน")
    services.add_corrective_action(coordinator, result, component="team", description="กำหนดผู้สำรองทุกตำแหน่ง",
                                   owner="หัวหน้าฝ่ายบริหาร", due_on=result.occurred_on)
    return result


def test_the_pdf_says_which_processes_missed_their_rto(result, tmp_path):
    data, ctype = documents.render(result, "pdf")
    assert ctype == "application/pdf"
    (tmp_path / "report.pdf").write_bytes(data)
    text = squeeze(pdftotext(tmp_path / "report.pdf"))
    for words in ("รายงานผลการใช้แผนในเหตุการณ์จริง", "น้ำท่วมสำนักงาน", "การเฝ้าระวังและสอบสวนโรค", "ช้ากว่า RTO",
                  "ยังไม่ฟื้นคืน", "กระบวนงานที่ฟื้นคืนได้ภายใน RTO 0 จาก 2", "ไม่มีผู้ปฏิบัติงานแทนหัวหน้าทีม",
                  "กำหนดผู้สำรองทุกตำแหน่ง", "การแจ้งเหตุและการใช้ผังการติดต่อ", "ได้รับผลกระทบ"):
        assert squeeze(words) in text, words


def test_the_word_file_has_the_same_table(result):
    data, _ = documents.render(result, "docx")
    doc = Document(io.BytesIO(data))
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["กระบวนงาน", "RTO ตามแผน", "ระยะเวลาสูงสุดที่ยอมรับได้",
                                                   "ฟื้นคืนได้ใน", "ผล"]
    assert [c.text for c in first.rows[1].cells] == ["การเฝ้าระวังและสอบสวนโรค", "4 ชั่วโมง", "1 วัน", "6 ชั่วโมง",
                                                   "ช้ากว่า RTO"]
    assert first.rows[2].cells[3].text == "ยังไม่ฟื้นคืน"
    assert "กำหนดผู้สำรองทุกตำแหน่ง" in [c.text for t in doc.tables for r in t.rows for c in r.cells]
