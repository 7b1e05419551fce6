"""A plan's state other than draft comes from campaigns, or from an operator migrating a historical
round (issue 11): a coordinator cannot make its own plan "accepted" by importing it."""

import json

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from phrom.campaigns import facts
from phrom.exchange.importer import import_plans
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import set_status
from tests.helpers.plans import exchange_plan


def post(user, body):
    client = APIClient()
    client.force_authenticate(user)
    return client.post("/api/v1/plans/import/", body, format="json")


def test_a_coordinator_cannot_import_its_own_plan_as_accepted(plan, coordinator):
    exported = APIClient()
    exported.force_authenticate(coordinator)
    data = exported.get(f"/api/v1/plans/{plan.pk}/export/").json()
    data["plans"][0]["state"] = "accepted"
    response = post(coordinator, data)
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "import_state_refused"
    assert [e["path"] for e in error["errors"]] == ["plans[0].state"]
    assert error["message_th"].startswith("เฉพาะผู้ดูแลระบบ")
    plan.refresh_from_db()
    assert plan.status == "draft" and not PlanAudit.objects.filter(plan=plan, action="status").exists()
    assert facts.last_sent_versions(plans=[plan.pk]) == {}


def test_nothing_of_the_file_is_imported(structure, coordinator, full_doc):
    body = [exchange_plan(full_doc, "PU21-HEALTH", fiscal_year=2570),
            exchange_plan(full_doc, "PU21-HEALTH", fiscal_year=2571, state="submitted")]
    assert post(coordinator, body).status_code == 403
    assert not Plan.objects.exists()


def test_a_coordinator_may_keep_the_state_a_campaign_gave(plan, coordinator, full_doc):
    set_status(plan, "accepted")  # as a campaign would
    changed = exchange_plan(full_doc, "PU21-HEALTH", state="accepted")
    response = post(coordinator, changed)
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert plan.status == "accepted"
    assert not PlanAudit.objects.filter(plan=plan, detail__has_key="historical_version").exists()
    assert facts.last_sent_versions(plans=[plan.pk]) == {}  # the new content has not left the agency


def test_an_administrator_imports_a_historical_round(structure, admin_user, full_doc):
    response = post(admin_user, exchange_plan(full_doc, "PU21-HEALTH", fiscal_year=2563, state="accepted", version=2))
    assert response.status_code == 200, response.json()
    plan = Plan.objects.get(organisation=structure.rayong_unit, fiscal_year=2563)
    assert plan.status == "accepted"
    create = PlanAudit.objects.get(plan=plan, action="create")
    assert create.username == admin_user.username and create.detail["historical_version"] == 2
    assert facts.last_sent_versions(plans=[plan.pk]) == {plan.pk: 2}  # counts as sent: bundles print it


def test_an_operator_update_records_the_version_it_says_was_sent(plan, full_doc):
    changed = exchange_plan(full_doc, "PU21-HEALTH", state="accepted")
    changed["processes"][0]["rto_hours"] = 8
    assert import_plans(changed, user=None).ok
    plan.refresh_from_db()
    entry = PlanAudit.objects.get(plan=plan, action="status")
    assert entry.detail == {"from": "draft", "to": "accepted", "imported": "phrom-plan-exchange/1",
                            "historical_version": plan.revision}
    assert facts.last_sent_versions(plans=[plan.pk]) == {plan.pk: plan.revision}
    assert import_plans(changed, user=None).unchanged  # re-run: nothing more recorded
    assert PlanAudit.objects.filter(plan=plan, action="status").count() == 1


def test_the_command_line(structure, coordinator, full_doc, tmp_path, capsys):
    src = tmp_path / "plans.json"
    src.write_text(json.dumps(exchange_plan(full_doc, "PU21-HEALTH", state="accepted"), ensure_ascii=False),
                   encoding="utf-8")
    with pytest.raises(CommandError, match="refused"):
        call_command("import_plans", str(src), "--user", coordinator.username, "--english")
    assert "plans[0].state" in capsys.readouterr().err and not Plan.objects.exists()
    call_command("import_plans", str(src))  # the operator: a historical round
    plan = Plan.objects.get()
    assert plan.status == "accepted" and facts.last_sent_versions(plans=[plan.pk]) == {plan.pk: 1}
