"""The command-line tools: import_orgs (exit status), export_orgs, route."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from phrom.orgs.models import Organisation
from tests.helpers.orgs import GOOD, csv_bytes, with_row


def run(*args, **kwargs):
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_import_orgs_reports_counts_in_thai_by_default(db, tmp_path):
    path = tmp_path / "หน่วยงาน.csv"
    path.write_bytes(csv_bytes(GOOD))
    assert run("import_orgs", str(path)).strip() == (
        "อ่านข้อมูล 7 แถว: เพิ่มหน่วยงานใหม่ 7 หน่วยงาน ปรับปรุง 0 หน่วยงาน ไม่เปลี่ยนแปลง 0 หน่วยงาน"
    )
    assert "0 organisations created, 0 updated, 7 unchanged" in run("import_orgs", str(path), "--lang", "en")


def test_import_orgs_lists_every_bad_row_and_fails(db, tmp_path):
    rows = with_row(1, kind="kingdom")
    rows[5][1] = ""
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError) as refused:
        run("import_orgs", str(path))
    lines = str(refused.value).splitlines()
    assert lines[0].startswith("แถว 3 [kind]: ไม่รู้จักประเภทหน่วยงาน “kingdom”")
    assert lines[1].startswith("แถว 7 [name_th]: ต้องระบุค่านี้")
    assert lines[2].startswith("ไม่มีข้อมูลใดถูกนำเข้า")
    assert Organisation.objects.count() == 0
    with pytest.raises(CommandError, match=r"row 3 \[kind\]: Unknown kind “kingdom”"):
        run("import_orgs", str(path), "--lang", "en")


def test_import_orgs_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_orgs", str(tmp_path / "none.csv"), "--lang", "en")


def test_exit_status_of_the_console_script(tmp_path):
    """The real `phrom` script exits non-zero, with every bad row on stderr, when a file is refused."""
    env = {"PHROM_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3", "PATH": "/usr/bin:/bin",
           "SECRET_KEY": "a-key-for-this-test-only"}
    phrom = [sys.executable, "-m", "phrom.cli"]
    subprocess.run([*phrom, "migrate", "-v", "0"], env=env, check=True, capture_output=True)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(with_row(1, kind="kingdom")))
    refused = subprocess.run([*phrom, "import_orgs", str(bad), "--lang", "en"], env=env, capture_output=True, text=True)
    assert refused.returncode == 1
    assert "row 3 [kind]: Unknown kind" in refused.stderr


def test_export_orgs_round_trip(structure, tmp_path):
    path = tmp_path / "export.csv"
    assert "organisations written" in run("export_orgs", str(path), "--lang", "en")
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0] == (
        "code,name_th,name_en,kind,parent_code,province_code,site,sector,collector,latitude,longitude"
    )
    assert "0 organisations created, 0 updated" in run("import_orgs", str(path), "--lang", "en")


def test_export_orgs_to_stdout(structure):
    text = run("export_orgs", "-")
    assert text.splitlines()[0].startswith("code,name_th")
    assert "PO21,สำนักงานจังหวัดระยอง" in text


def test_route_of_a_provincial_unit(structure):
    assert run("route", "PU21-HEALTH").splitlines() == [
        "# หน่วยรวบรวมแผน ตามลำดับ",
        "PO21\tprovincial_office\tสำนักงานจังหวัดระยอง",
        "OPDC\tdepartment\tสำนักงาน ก.พ.ร.",
        "# หน่วยงานที่ได้รับแจ้ง",
    ]


def test_route_of_a_central_unit_in_english(structure):
    assert run("route", "CU21-DMS", "--lang", "en").splitlines() == [
        "# Collectors, in order",
        f"DMS\tdepartment\t{structure.dms.name_en}",
        "OPDC\tdepartment\tOPDC",
        "# Informed offices",
        f"PO21\tprovincial_office\t{structure.rayong_office.name_en}",
    ]


def test_route_of_unknown_code(db):
    with pytest.raises(CommandError, match="NOPE"):
        run("route", "NOPE")
