"""phrom check_plan ORG_CODE [--version N] --json."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from phrom.plans.content import apply_component


def run(*args) -> str:
    out = StringIO()
    call_command("check_plan", *args, stdout=out)
    return out.getvalue()


def test_json_lists_the_findings(plan):
    findings = json.loads(run("PU21-HEALTH", "--json"))
    assert isinstance(findings, list) and findings
    for f in findings:
        assert {"code", "severity", "component", "message_th", "message_en"} <= set(f)
    # create_plan drops a template's review dates, so the new plan is "not reviewed".
    assert "not_reviewed_12_months" in {f["code"] for f in findings}


def test_version_option_checks_an_earlier_version(plan, coordinator, full_doc):
    processes = copy.deepcopy(full_doc["processes"])
    processes[0]["rto_hours"] = None
    apply_component(plan, "processes", processes, user=coordinator, expected_revision=1)
    now = {f["code"] for f in json.loads(run("PU21-HEALTH", "--json"))}
    before = {f["code"] for f in json.loads(run("PU21-HEALTH", "--version", "1", "--json"))}
    assert "process_without_rto" in now and "process_without_rto" not in before


def test_table_output(plan):
    text = run("PU21-HEALTH")
    assert "score" in text and "not_reviewed_12_months" in text


def test_errors(plan, structure):
    with pytest.raises(CommandError):
        run("NOPE", "--json")
    with pytest.raises(CommandError):
        run("TM21-001", "--json")  # no plan
    with pytest.raises(CommandError):
        run("PU21-HEALTH", "--version", "9")
