"""The OPDC self-assessment checklist and the strategy map, derived from the plan."""

import copy
import datetime

import pytest

from phrom.plans.checklist import ChecklistError, answer_items, checklist, stored_answers, strategy_map
from phrom.plans.models import PlanAudit
from tests.helpers.plans import FULL

TODAY = datetime.date(2026, 3, 1)


def answers(doc, stored=None):
    return {r["code"]: (r["source"], r["answer"]) for r in checklist(doc, stored, today=TODAY)}


def test_items_the_plan_answers_follow_the_data():
    doc = copy.deepcopy(FULL)
    got = answers(doc)
    assert got["epidemic"] == ("plan", "yes")
    assert got["call_tree"] == ("plan", "yes")
    assert got["approved"] == ("coordinator", None)
    doc["scope"]["scenarios"] = doc["scope"]["scenarios"][1:]
    doc["team"][2]["alternate"] = None
    doc["exercised_on"] = "2024-01-01"
    got = answers(doc)
    assert got["epidemic"] == ("plan", "no")
    assert got["alternates"] == ("plan", "no")
    assert got["exercised"] == ("plan", "no")


def test_coordinator_answers_the_rest(plan, coordinator):
    answer_items(plan, [{"item": "approved", "answer": "yes", "note": "ลงนามเมื่อ 1 ต.ค. 2568"}], user=coordinator)
    got = answers(FULL, stored_answers(plan))
    assert got["approved"] == ("coordinator", "yes")
    assert PlanAudit.objects.filter(plan=plan, action="checklist").exists()


@pytest.mark.parametrize("answer", [
    {"item": "epidemic", "answer": "yes"},  # answered by the data
    {"item": "nonsense", "answer": "yes"},
    {"item": "budget", "answer": "maybe"},
])
def test_bad_answers_are_refused(plan, coordinator, answer):
    with pytest.raises(ChecklistError):
        answer_items(plan, [answer], user=coordinator)


def test_strategy_map_links_scenarios_categories_and_strategies():
    rows = {r["scenario"]: r for r in strategy_map(copy.deepcopy(FULL))}
    flood = rows["flood"]
    assert flood["name_th"] == "อุทกภัย"
    assert [c["category"] for c in flood["categories"]] == ["building"]
    assert flood["categories"][0]["label_th"] == "ด้านอาคาร/สถานที่ปฏิบัติงานหลัก"
    assert flood["categories"][0]["strategies"][0]["strategy"].startswith("ใช้ห้องประชุม")
    assert rows["custom-1"]["name_th"] == "ท่อก๊าซรั่ว" and rows["custom-1"]["categories"] == []
