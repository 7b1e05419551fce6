"""The report to the Cabinet: the PDF read back with pdftotext, the Word file read back, in seconds."""

import io
import time

import pytest
from docx import Document

from phrom.statistics.figures import Query, figures
from tests.helpers.pdf import pdftotext, squeeze


@pytest.fixture
def report_year(rayong):
    return 2570


def test_cabinet_pdf_says_the_figures(client, rayong, people, report_year, tmp_path):
    figs = figures(Query(report_year))
    client.force_login(people.opdc_coordinator)
    started = time.perf_counter()
    response = client.get("/statistics/cabinet-report/", {"fiscal_year": report_year, "format": "pdf"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert elapsed < 5
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = squeeze(pdftotext(pdf))
    assert squeeze(f"แผน BCP แล้ว {figs['with_plan']:,} หน่วยงาน") in text
    assert squeeze(f"ร้อยละ {figs['percent']}") in text
    assert squeeze(f"ทั้งหมดที่ต้องจัดทำแผน {figs['total']:,} หน่วยงาน") in text
    assert "อัคคีภัย" in text and "แนวโน้มรายปีงบประมาณ" in text


def test_cabinet_word_file_and_who_may_make_it(client, rayong, people, report_year, province_user):
    client.force_login(people.opdc_coordinator)
    response = client.get("/statistics/cabinet-report/", {"fiscal_year": report_year, "format": "docx"})
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"ปีงบประมาณ {report_year}" in text
    assert len(document.tables) == 5
    client.force_login(province_user)
    assert client.get("/statistics/cabinet-report/", {"fiscal_year": report_year}).status_code == 403
