"""Organisation files for tests: a good CSV, and the same with one row changed."""

import csv
import io

from phrom.orgs.importer import COLUMNS

# code, name_th, name_en, kind, parent_code, province_code, site, sector, collector, latitude, longitude
GOOD = [
    ["OPDC", "สำนักงาน ก.พ.ร.", "OPDC", "department", "", "10", "ถนนพิษณุโลก", "", "national", "13.7648", "100.5099"],
    ["MOI", "กระทรวงมหาดไทย", "Ministry of Interior", "ministry", "", "10", "", "", "", "", ""],
    # A child before its parent: the order of rows does not matter.
    ["PO21", "สำนักงานจังหวัดระยอง", "Rayong Provincial Office", "provincial_office", "DOPA", "21", "ศาลากลาง", "", "",
     "", ""],
    ["DOPA", "กรมการปกครอง", "Department of Provincial Administration", "department", "MOI", "10", "", "", "", "", ""],
    ["PU21-HEALTH", "สำนักงานสาธารณสุขจังหวัดระยอง", "", "provincial_unit", "", "21", "", "", "", "", ""],
    ["HOSP21", "โรงพยาบาลระยอง", "Rayong Hospital", "hospital", "PU21-HEALTH", "21", "", "", "", "", ""],
    ["PEA", "การไฟฟ้าส่วนภูมิภาค", "PEA", "state_enterprise", "", "10", "", "energy", "", "", ""],
]


def csv_bytes(rows, header=COLUMNS, encoding="utf-8", delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def with_row(index, **changes):
    """GOOD with one row changed."""
    rows = [list(r) for r in GOOD]
    for column, value in changes.items():
        rows[index][COLUMNS.index(column)] = value
    return rows
