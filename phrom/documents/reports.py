"""Short official reports in Thai (the Cabinet report, after-action reports): an A4 Word document with
the Sarabun font and plain tables, and the PDF of a page printed by the warm Chromium renderer."""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from docx.shared import Cm, Pt

from phrom.core.numbers import count_text, percent_text

from .docx import FONT, _thai_rpr
from .pdf import kept


def new_document():
    document = Document()
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Cm(3), Cm(2), Cm(2.5), Cm(2)
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(16)
    return document


def paragraph(document, text: str, *, size: float = 16, bold: bool = False, style: str | None = None):
    p = document.add_paragraph(style=style)
    run = p.add_run(text)
    run.bold = bold
    _thai_rpr(run._r.get_or_add_rPr(), size)
    return p


def table(document, header: list[str], rows: list[list]):
    """A grid with a bold header row; numbers as the pages show them (phrom.core.numbers: counts with
    thousands separators, shares with two decimals), None as a dash. A year is passed as text."""
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        _thai_rpr(run._r.get_or_add_rPr(), 14)
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            run = cell.paragraphs[0].add_run(_cell_text(value))
            _thai_rpr(run._r.get_or_add_rPr(), 14)
    return grid


def _cell_text(value) -> str:
    if isinstance(value, Decimal):  # a share, as phrom.core.numbers.percent gives it
        return percent_text(value)
    return count_text(value) if value is None or isinstance(value, int | float) else str(value)


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_to_pdf(html: str) -> bytes:
    """A report page (its own HTML with embedded fonts) as PDF, by the browser this process keeps warm."""
    return kept.render_html(html)
