"""The export entry point: a header from an organisation, bytes per format, file names."""

import datetime
import io
import json

import pytest
from docx import Document

from phrom.documents.export import CONTENT_TYPES, document_header, filename, render_document


def test_header_from_an_organisation(structure):
    header = document_header(
        structure.rayong_office, version=2, approved_on=datetime.date(2026, 11, 1), fiscal_year=2570,
        classification="sensitive",
    )
    assert header["organisation"] == "สำนักงานจังหวัดระยอง"
    assert header["province"] == structure.rayong_office.province.name_th
    assert header["kind"] == structure.rayong_office.kind.name_th
    assert header["version"] == 2 and header["classification"] == "sensitive"


def test_json_is_the_document_itself(plan, header):
    assert json.loads(render_document("json", plan, header)) == plan


def test_docx_by_format(plan, header):
    data = render_document("docx", plan, header)
    assert len(Document(io.BytesIO(data)).tables) > 5


def test_unknown_format_is_refused(plan, header):
    with pytest.raises(ValueError, match="one of pdf, docx, json"):
        render_document("odt", plan, header)


def test_file_names_and_types():
    assert filename("PO21", 2570, 3, "pdf") == "BCP-PO21-2570-v3.pdf"
    assert filename("PO21", None, None, "docx") == "BCP-PO21.docx"
    assert CONTENT_TYPES["docx"].endswith("wordprocessingml.document")
