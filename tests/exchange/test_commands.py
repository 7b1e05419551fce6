"""phrom import_plans and phrom export_plan."""

import json
import subprocess

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from phrom.plans.models import Plan
from tests.helpers.plans import exchange_plan


def test_import_then_export_json(structure, full_doc, tmp_path, capsys):
    src = tmp_path / "plans.json"
    src.write_text(json.dumps([exchange_plan(full_doc, "PU21-HEALTH", state="accepted", version=2)],
                              ensure_ascii=False), encoding="utf-8")
    call_command("import_plans", str(src))
    assert "1 created" in capsys.readouterr().out
    out = tmp_path / "out.json"
    call_command("export_plan", "PU21-HEALTH", "--format", "json", "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "phrom-plan-exchange/1"
    assert data["plans"][0]["version"] == 2 and data["plans"][0]["state"] == "accepted"
    call_command("import_plans", str(out))
    assert "1 unchanged" in capsys.readouterr().out


def test_a_refused_file_lists_every_error_and_stores_nothing(structure, full_doc, tmp_path, capsys):
    bad = exchange_plan(full_doc, "PU21-HEALTH")
    bad["processes"][0]["rto_hours"] = "สี่ชั่วโมง"
    src = tmp_path / "bad.json"
    src.write_text(json.dumps([exchange_plan(full_doc, "NOPE"), bad], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="2 error"):  # the console script exits with status 1
        call_command("import_plans", str(src), "--english")
    err = capsys.readouterr().err
    assert "plans[0].organisation: There is no organisation with the code NOPE." in err
    assert "plans[1].processes[0].rto_hours: must be a number or null" in err
    assert Plan.objects.count() == 0


def test_not_json(tmp_path, db):
    src = tmp_path / "x.json"
    src.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("import_plans", str(src))


def test_a_sensitive_plan_is_exported_only_for_a_member(plan, coordinator, tmp_path):
    Plan.objects.filter(pk=plan.pk).update(classification="sensitive")
    out = tmp_path / "p.json"
    with pytest.raises(CommandError, match="security-sensitive"):
        call_command("export_plan", "PU21-HEALTH", "--format", "json", "-o", str(out))
    assert not out.exists()
    call_command("export_plan", "PU21-HEALTH", "--format", "json", "-o", str(out), "--user", coordinator.username)
    assert json.loads(out.read_text(encoding="utf-8"))["plans"][0]["classification"] == "sensitive"


def test_unknown_version_and_organisation(plan, tmp_path):
    with pytest.raises(CommandError, match="no version 5"):
        call_command("export_plan", "PU21-HEALTH", "-o", str(tmp_path / "x.json"), "--version", "5")
    with pytest.raises(CommandError, match="no organisation"):
        call_command("export_plan", "NOPE", "-o", str(tmp_path / "x.json"))


def test_export_as_word(plan, tmp_path):
    out = tmp_path / "plan.docx"
    call_command("export_plan", "PU21-HEALTH", "--format", "docx", "-o", str(out))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "สำนักงานสาธารณสุขจังหวัดระยอง" in text


@pytest.mark.browser
def test_export_as_pdf(plan, tmp_path):
    out = tmp_path / "plan.pdf"
    call_command("export_plan", "PU21-HEALTH", "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "การเฝ้าระวังและสอบสวนโรค" in text
