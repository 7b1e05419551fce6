"""Tables for spreadsheets: the one way the project writes CSV, and reads back what it wrote.

A text cell starting with = + - @ (or a tab or carriage return) is taken by Excel and LibreOffice
for a formula (`=HYPERLINK(…)`, `=cmd|…`): every such cell is written with a leading apostrophe,
which the spreadsheet shows as text. A cell that already starts with an apostrophe gets one more,
so that reading back (`unescape`) drops exactly one and the round trip is exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_ESCAPED_START = (*FORMULA_START, ESCAPE)  # what may follow the apostrophe we add


def cell(value) -> str:
    """The value as safe text for a spreadsheet."""
    text = "" if value is None else str(value)
    return ESCAPE + text if text.startswith(_ESCAPED_START) else text


def unescape(text: str) -> str:
    """The text `cell` was given: a cell written by `cell` loses its added apostrophe; any other
    text (an apostrophe typed before a letter, say) is kept as it is."""
    if text[:1] == ESCAPE and text[1:2] and text[1] in _ESCAPED_START:
        return text[1:]
    return text


def write_csv(out, header: Iterable, rows: Iterable[Iterable]) -> int:
    """Write the header and the rows as CSV to the text stream `out`; returns the number of rows.

    The caller opens `out` with newline="" and, for a file, encoding "utf-8-sig": a byte-order
    mark, so that Excel shows Thai.
    """
    writer = csv.writer(out)
    writer.writerow([cell(v) for v in header])
    count = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    return count


def csv_bytes(header: Iterable, rows: Iterable[Iterable]) -> bytes:
    """The table as CSV in UTF-8 with a byte-order mark."""
    out = io.StringIO(newline="")
    write_csv(out, header, rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(header: Iterable, rows: Iterable[Iterable], *, title: str = "Sheet1") -> bytes:
    """The table as an Excel workbook (.xlsx): text cells through `cell`, numbers as numbers."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([cell(v) for v in header])
    for row in rows:
        sheet.append([v if isinstance(v, int | float) and not isinstance(v, bool) else cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    """The rows of CSV text, each cell un-escaped."""
    return [[unescape(v) for v in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
