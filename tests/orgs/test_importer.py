"""The organisation import: a good file, every kind of bad row (nothing stored), idempotence, XLSX, export."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from bench.import_orgs import generate_rows, to_csv
from phrom.orgs.importer import COLUMNS, export_orgs, import_organisations, sample_csv
from phrom.orgs.models import Organisation, RouteEntry
from phrom.orgs.routes import stored_route
from phrom.orgs.tree_paths import refresh_tree_paths
from tests.factories import OrganisationFactory
from tests.helpers.orgs import GOOD, csv_bytes, with_row


def run(rows, **kwargs):
    return import_organisations(csv_bytes(rows, **kwargs), "orgs.csv")


def problems(report):
    return [(e.row, e.column, e.code) for e in report.errors]


def test_good_file_creates_organisations_tree_and_routes(db):
    report = run(GOOD)
    assert report.ok, report.errors
    assert (report.rows, report.created, report.updated, report.unchanged) == (7, 7, 0, 0)
    po = Organisation.objects.select_related("parent", "province", "kind").get(code="PO21")
    assert (po.name_th, po.kind_id, po.parent.code, po.province_id, po.site) == (
        "สำนักงานจังหวัดระยอง", "provincial_office", "DOPA", "21", "ศาลากลาง"
    )
    assert po.tree_path == "/MOI/DOPA/PO21/"
    assert "ระยอง" in po.search_text and "rayong" in po.search_text
    opdc = Organisation.objects.get(code="OPDC")
    assert (opdc.collector, opdc.latitude, opdc.longitude) == ("national", Decimal("13.7648"), Decimal("100.5099"))
    assert Organisation.objects.get(code="PEA").sector == "energy"
    # The importer wrote the same tree paths as the shared refresher computes.
    assert refresh_tree_paths() == 0
    hospital = Organisation.objects.get(code="HOSP21")
    assert [o.code for o in stored_route(hospital).collectors] == ["PU21-HEALTH", "PO21", "OPDC"]


def test_csv_with_bom_and_semicolons(db):
    report = import_organisations(csv_bytes(GOOD, encoding="utf-8-sig", delimiter=";"), "orgs.csv")
    assert report.ok, report.errors
    assert Organisation.objects.count() == 7


def test_progress_is_reported_while_validating_and_writing(db):
    calls = []
    import_organisations(csv_bytes(GOOD), "orgs.csv", progress=lambda *a: calls.append(a))
    assert ("validate", 7, 7) in calls
    assert calls[-1] == ("write", 7, 7)


def test_sample_file_imports_cleanly(db):
    report = import_organisations(sample_csv().encode(), "sample.csv")
    assert report.ok, report.errors
    assert report.created == report.rows > 5


# Each case: a file with one kind of bad row, and the (row, column, code) reported. Row 1 is the header.
BAD_FILES = {
    "unknown kind": (with_row(1, kind="kingdom"), [(3, "kind", "unknown_kind")]),
    "empty kind": (with_row(1, kind=""), [(3, "kind", "required")]),
    "unknown parent": (with_row(5, parent_code="NOPE"), [(7, "parent_code", "unknown_parent")]),
    "unknown province": (with_row(4, province_code="99"), [(6, "province_code", "unknown_province")]),
    "province needed for a routed kind": (with_row(4, province_code=""), [(6, "province_code", "province_required")]),
    "duplicate code": (GOOD + [GOOD[1]], [(9, "code", "duplicate_code")]),
    "empty Thai name": (with_row(2, name_th=""), [(4, "name_th", "required")]),
    "empty code": (with_row(6, code=""), [(8, "code", "required")]),
    "invalid code characters": (with_row(6, code="การไฟฟ้า 1"), [(8, "code", "code_invalid")]),
    "code too long": (with_row(6, code="X" * 33), [(8, "code", "too_long")]),
    "bad sector": (with_row(6, sector="oil"), [(8, "sector", "bad_sector")]),
    "bad collector": (with_row(1, collector="regional"), [(3, "collector", "bad_collector")]),
    "second national collector": (
        with_row(1, collector="national"), [(2, "collector", "duplicate_collector"), (3, "collector", "duplicate_collector")]
    ),
    "bad latitude": (with_row(0, latitude="north"), [(2, "latitude", "bad_latitude")]),
    "longitude out of range": (with_row(0, longitude="200"), [(2, "longitude", "bad_longitude")]),
    "latitude without longitude": (with_row(0, longitude=""), [(2, "longitude", "coordinates_incomplete")]),
    "parent of itself": (with_row(1, parent_code="MOI"), [(3, "parent_code", "parent_cycle")]),
    "cycle of two": (
        with_row(1, parent_code="DOPA"), [(3, "parent_code", "parent_cycle"), (5, "parent_code", "parent_cycle")]
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_row_refuses_the_whole_file(db, case):
    rows, expected = BAD_FILES[case]
    report = run(rows)
    assert problems(report) == expected
    assert not report.ok and report.created == 0
    assert Organisation.objects.count() == 0 and RouteEntry.objects.count() == 0
    for error in report.errors:
        assert error.message_en and error.message_th


def test_missing_column_is_one_error_per_column(db):
    header = [c for c in COLUMNS if c not in ("kind", "collector")]
    rows = [[v for c, v in zip(COLUMNS, r, strict=True) if c not in ("kind", "collector")] for r in GOOD]
    report = run(rows, header=header)
    assert problems(report) == [(1, "kind", "missing_column"), (1, "collector", "missing_column")]
    assert Organisation.objects.count() == 0


def test_latitude_column_without_longitude_column(db):
    report = run([r[:10] for r in GOOD], header=COLUMNS[:10])
    assert problems(report) == [(1, "longitude", "missing_column")]


def test_not_utf8_is_one_clear_error_for_the_file(db):
    report = import_organisations(csv_bytes(GOOD, encoding="cp874"), "orgs.csv")  # Thai Windows encoding
    assert problems(report) == [(0, "", "encoding")]
    assert "UTF-8" in report.errors[0].message_en and "line 2" in report.errors[0].message_en
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "data, name, code",
    [
        (b"", "orgs.csv", "empty_file"),
        (",".join(COLUMNS).encode() + b"\n", "orgs.csv", "no_rows"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "orgs.xls", "xls_old"),
        (b"PK\x03\x04 not really a workbook", "orgs.xlsx", "not_xlsx"),
        (b"%PDF-1.7\n", "orgs.pdf", "file_type"),
    ],
)
def test_unreadable_files(db, data, name, code):
    report = import_organisations(data, name)
    assert [e.code for e in report.errors] == [code]
    assert Organisation.objects.count() == 0


def test_every_bad_row_is_listed_with_its_file_row_number(db):
    rows = with_row(1, kind="kingdom")
    rows[3][COLUMNS.index("province_code")] = "00"
    rows.insert(5, [""] * len(COLUMNS))  # a blank line: skipped, but it still counts in the numbering
    rows[7][COLUMNS.index("name_th")] = ""
    report = run(rows)
    assert problems(report) == [
        (3, "kind", "unknown_kind"), (5, "province_code", "unknown_province"), (9, "name_th", "required")
    ]
    assert report.bad_rows == 3
    assert Organisation.objects.count() == 0


def test_parent_may_be_in_the_database(structure):
    report = run([["PO22", "สำนักงานจังหวัดจันทบุรี", "", "provincial_office", "DOPA", "22", "", "", "", "", ""]])
    assert report.ok, report.errors
    assert Organisation.objects.get(code="PO22").parent == structure.dopa


def test_cycle_through_the_database_is_refused(structure):
    # MOI is DOPA's parent in the database; making MOI a child of DOPA closes a loop.
    report = run([["MOI", "กระทรวงมหาดไทย", "", "ministry", "DOPA", "", "", "", "", "", ""]])
    assert problems(report) == [(2, "parent_code", "parent_cycle")]
    assert "MOI → DOPA → MOI" in report.errors[0].message_en
    assert Organisation.objects.get(code="MOI").parent is None


def test_second_national_collector_against_the_database(structure):
    report = run([["OPDC2", "สำนักงานใหม่", "", "department", "", "", "", "", "national", "", ""]])
    assert problems(report) == [(2, "collector", "duplicate_collector")]
    assert "OPDC" in report.errors[0].message_en


def test_reimport_changes_nothing(db):
    run(GOOD)
    entries = list(RouteEntry.objects.order_by("pk").values_list("pk", flat=True))
    report = run(GOOD)
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 7)
    assert list(RouteEntry.objects.order_by("pk").values_list("pk", flat=True)) == entries


def test_changed_row_updates_that_organisation(db):
    run(GOOD)
    moved = with_row(4, name_th="สำนักงานสาธารณสุขจังหวัดระยอง (ใหม่)", parent_code="PO21")
    report = run(moved)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 6)
    unit = Organisation.objects.get(code="PU21-HEALTH")
    assert unit.name_th.endswith("(ใหม่)") and unit.parent.code == "PO21"
    assert "(ใหม่)" in unit.search_text
    # The hospital below it is not in the second file, yet its path follows the move.
    assert Organisation.objects.get(code="HOSP21").tree_path == "/MOI/DOPA/PO21/PU21-HEALTH/HOSP21/"


def test_file_without_coordinate_columns_keeps_coordinates(db):
    run(GOOD)
    header = COLUMNS[:9]
    report = run([r[:9] for r in GOOD], header=header)
    assert (report.updated, report.unchanged) == (0, 7)
    assert Organisation.objects.get(code="OPDC").latitude == Decimal("13.7648")


def test_export_then_import_is_a_no_op(structure):
    OrganisationFactory(code="GEO", name_th="หน่วย, \"มีจุลภาค\"", kind_id="department", latitude=Decimal("13.123456"),
                        longitude=Decimal("100.5"), sector="water", site="อาคาร ก\nชั้น 2")
    refresh_tree_paths()
    out = io.StringIO()
    count = export_orgs(out)
    assert count == Organisation.objects.count()
    report = import_organisations(out.getvalue().encode("utf-8-sig"), "export.csv")
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, count)


def test_xlsx(db):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in GOOD:
        # Spreadsheets type numbers as numbers: a province code or a coordinate arrives as int/float.
        values = list(row)
        values[5] = int(values[5])
        values[9] = float(values[9]) if values[9] else None
        values[10] = float(values[10]) if values[10] else None
        sheet.append(values)
    data = io.BytesIO()
    workbook.save(data)
    report = import_organisations(data.getvalue(), "orgs.xlsx")
    assert report.ok, report.errors
    assert report.created == 7
    assert Organisation.objects.get(code="OPDC").latitude == Decimal("13.7648")
    assert Organisation.objects.get(code="PO21").province_id == "21"


def test_xlsx_bad_row_is_reported_with_its_sheet_row(db):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in with_row(2, kind="province"):
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    report = import_organisations(data.getvalue(), "orgs.xlsx")
    assert problems(report) == [(4, "kind", "unknown_kind")]
    assert Organisation.objects.count() == 0


def test_ten_thousand_rows(db):
    rows = generate_rows(10_000)
    report = import_organisations(to_csv(rows), "national.csv")
    assert report.ok, report.errors[:5]
    assert report.created == Organisation.objects.count() == 10_000
    assert refresh_tree_paths() == 0
    unit = Organisation.objects.get(code="PU21-HEALTH")
    assert [o.code for o in stored_route(unit).collectors] == ["PO21", "OPDC"]
    assert RouteEntry.objects.filter(target__code="OPDC").count() > 9_000


def test_formulas_are_exported_escaped_and_imported_back_as_they_were(structure):
    # Values a spreadsheet would run as formulas: escaped in the file, the same after the import.
    OrganisationFactory(code="EVIL", name_th="=HYPERLINK(\"http://x.example\",\"คลิก\")", name_en="@SUM(1+1)",
                        kind_id="department", site="+1+cmd|' /C calc'!A0", sector="")
    OrganisationFactory(code="QUOTE", name_th="'=เครื่องหมายคำพูด", name_en="-2+3", kind_id="department")
    refresh_tree_paths()
    before = {o.code: (o.name_th, o.name_en, o.site) for o in Organisation.objects.all()}
    out = io.StringIO(newline="")
    export_orgs(out)
    text = out.getvalue()
    assert "'=HYPERLINK(" in text and ",'@SUM(1+1)," in text and ",'-2+3," in text and ",''=เครื่องหมาย" in text
    assert not any(line.startswith(("=", "+", "-", "@")) for line in text.splitlines())
    Organisation.objects.filter(code__in=["EVIL", "QUOTE"]).update(name_th="x", name_en="", site="")
    report = import_organisations(text.encode("utf-8-sig"), "export.csv")
    assert report.ok, report.errors
    assert report.updated == 2
    assert {o.code: (o.name_th, o.name_en, o.site) for o in Organisation.objects.all()} == before
