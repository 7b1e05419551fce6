"""The quality checker: every rule with a plan that triggers it and one that does not, and the score."""

import copy
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrom.plans.checker import CODES, check_plan
from phrom.plans.content import empty_document
from tests.helpers.plans import FULL

TODAY = datetime.date(2026, 3, 1)


def codes(doc, **kwargs) -> set:
    return {f.code for f in check_plan(doc, today=kwargs.pop("today", TODAY), **kwargs).findings}


def test_the_complete_plan_has_no_findings_and_full_score():
    result = check_plan(copy.deepcopy(FULL), today=TODAY, required_scenarios=["cyber", "epidemic"])
    assert result.findings == []
    assert result.score == 100
    assert set(result.component_scores.values()) == {100}


def test_an_empty_plan_scores_zero():
    result = check_plan(empty_document(), today=TODAY)
    assert result.score == 0
    assert [f.component for f in result.findings if f.code == "component_empty"] == [
        "scope", "impacts", "team", "strategies", "processes", "resources", "procedures", "call_tree"
    ]


def _drop_flood_impacts(d):
    d["impacts"] = [r for r in d["impacts"] if r["scenario"] != "flood"]


def _drop_building_strategy(d):
    d["strategies"] = [s for s in d["strategies"] if s["category"] != "building"]


def _drop_m3_call(d):
    d["call_tree"] = d["call_tree"][:2]


def _cycle(d):
    d["call_tree"].append({"caller": "m3", "callee": "m1", "order": 2, "channel": "phone"})


def _no_root(d):
    d["call_tree"] = [link for link in d["call_tree"] if link["caller"] is not None]


def _strip_contacts(d):
    d["team"][2].update(phone="", email="", line_id="")


# code -> a change to the complete plan that must trigger it (and nothing in FULL triggers it)
TRIGGERS = {
    "component_empty": lambda d: d.update(strategies=[]),
    "scope_without_scenarios": lambda d: d["scope"].update(scenarios=[]),
    "scope_without_objectives": lambda d: d["scope"].update(objectives=""),
    "missing_required_scenario": lambda d: d["scope"].update(scenarios=d["scope"]["scenarios"][:2]),
    "long_crisis_not_covered": lambda d: d["scope"].update(long_crisis=False),
    "scenario_without_impact": _drop_flood_impacts,
    "impact_without_strategy": _drop_building_strategy,
    "no_digital_strategy": lambda d: [s.update(digital=False) for s in d["strategies"]],
    "team_without_head": lambda d: d["team"][0].update(role="leader"),
    "team_without_coordinator": lambda d: d["team"][1].update(role="member"),
    "member_without_name": lambda d: d["team"][2].update(name="  "),
    "member_without_alternate": lambda d: d["team"][2].update(alternate=None),
    "member_without_contact": _strip_contacts,
    "process_without_impact_level": lambda d: d["processes"][1].update(impact_level=None),
    "process_without_mtpd": lambda d: d["processes"][1].update(mtpd_hours=None),
    "process_without_rto": lambda d: d["processes"][0].update(rto_hours=None),
    "rto_exceeds_mtpd": lambda d: d["processes"][0].update(rto_hours=48),
    "process_without_rpo": lambda d: d["processes"][0].update(rpo_hours=None),
    "process_without_resources": lambda d: d.update(resources=d["resources"][:1]),
    "process_without_steps": lambda d: [s.update(process=None) for s in d["procedures"]],
    "procedures_without_first_day": lambda d: d.update(procedures=d["procedures"][2:]),
    "step_without_owner": lambda d: d["procedures"][0].update(owner=None),
    "calltree_no_root": _no_root,
    "calltree_unreached_member": _drop_m3_call,
    "calltree_cycle": _cycle,
    "not_reviewed_12_months": lambda d: d.update(reviewed_on="2025-02-28"),
    "not_exercised_12_months": lambda d: d.update(exercised_on=None),
    "rto_unreachable": lambda d: d["processes"][0].update(dependencies=[{"kind": "utility", "utility": "electricity"}]),
}
# What the database would tell the checker about a trigger (phrom.plans.quality).
CONTEXT = {
    "rto_unreachable": {"dependency_gaps": {"p1": {
        "rto_hours": 4, "mtpd_hours": 24, "achievable_hours": 24, "severe": False,
        "chain_th": "ไฟฟ้า (กลับมาใน 1 วัน)", "chain_en": "Electricity (back in 1 day)"}}},
}


def test_every_code_has_a_trigger_test():
    assert set(TRIGGERS) == set(CODES)


@pytest.mark.parametrize("code", TRIGGERS)
def test_each_rule_triggers_on_its_problem_only(code):
    doc = copy.deepcopy(FULL)
    required = ["cyber"]
    assert code not in codes(doc, required_scenarios=required)
    TRIGGERS[code](doc)
    result = check_plan(doc, today=TODAY, required_scenarios=required, **CONTEXT.get(code, {}))
    found = [f for f in result.findings if f.code == code]
    assert found, code
    for f in found:
        assert f.severity == CODES[code]
        assert f.message_th and f.message_en and f.message_th != f.message_en
        assert f.path and f.anchor.startswith("f-")
    assert result.score < 100 or CODES[code] == "info"


@pytest.mark.parametrize("code,component,path", [
    ("process_without_rto", "processes", "processes[0].rto_hours"),
    ("member_without_alternate", "team", "team[2].alternate"),
    ("step_without_owner", "procedures", "procedures[0].owner"),
    ("calltree_unreached_member", "call_tree", "call_tree[m3]"),
    ("scenario_without_impact", "impacts", "impacts[flood]"),
    ("impact_without_strategy", "strategies", "strategies[building]"),
    ("process_without_resources", "resources", "resources[p2]"),
    ("missing_required_scenario", "scope", "scope.scenarios[cyber]"),
    ("not_reviewed_12_months", "header", "reviewed_on"),
])
def test_findings_point_at_the_field_to_fix(code, component, path):
    doc = copy.deepcopy(FULL)
    TRIGGERS[code](doc)
    found = [f for f in check_plan(doc, today=TODAY, required_scenarios=["cyber"]).findings if f.code == code]
    assert (found[0].component, found[0].path) == (component, path)


def test_reviewed_exactly_a_year_ago_is_still_current():
    doc = copy.deepcopy(FULL)
    doc["reviewed_on"] = "2025-03-01"
    assert "not_reviewed_12_months" not in codes(doc)
    doc["reviewed_on"] = "2025-02-28"
    assert "not_reviewed_12_months" in codes(doc)


def test_required_scenarios_come_from_the_argument():
    doc = copy.deepcopy(FULL)
    assert "missing_required_scenario" not in codes(doc)
    assert "missing_required_scenario" in codes(doc, required_scenarios=["drought"])
    f = next(f for f in check_plan(doc, today=TODAY, required_scenarios=["drought"]).findings)
    assert "ภัยแล้ง" in f.message_th and "Drought" in f.message_en


def test_rto_equal_to_mtpd_is_fine():
    doc = copy.deepcopy(FULL)
    doc["processes"][0]["rto_hours"] = doc["processes"][0]["mtpd_hours"]
    assert "rto_exceeds_mtpd" not in codes(doc)


def test_rto_message_gives_both_durations():
    doc = copy.deepcopy(FULL)
    doc["processes"][0]["rto_hours"] = 48
    f = next(f for f in check_plan(doc, today=TODAY).findings if f.code == "rto_exceeds_mtpd")
    assert "48" in f.message_th and "24" in f.message_th and "ชั่วโมง" in f.message_th


def test_cycle_is_reported_once_with_its_members():
    doc = copy.deepcopy(FULL)
    _cycle(doc)
    cycles = [f for f in check_plan(doc, today=TODAY).findings if f.code == "calltree_cycle"]
    assert len(cycles) == 1
    assert "นายแพทย์สมชาย ใจดี" in cycles[0].message_th


def test_score_rises_as_gaps_are_filled():
    doc = copy.deepcopy(FULL)
    for p in doc["processes"]:
        p["rto_hours"] = None
    low = check_plan(doc, today=TODAY).score
    doc["processes"][0]["rto_hours"] = 4
    mid = check_plan(doc, today=TODAY).score
    doc["processes"][1]["rto_hours"] = 100
    assert low < mid < check_plan(doc, today=TODAY).score == 100


def test_checker_is_pure():
    doc = copy.deepcopy(FULL)
    before = copy.deepcopy(doc)
    first = check_plan(doc, today=TODAY, required_scenarios=["drought"])
    assert doc == before
    assert check_plan(doc, today=TODAY, required_scenarios=["drought"]) == first


def test_malformed_documents_do_not_crash_the_checker():
    check_plan({"scope": "x", "team": [1, None, {"key": "a"}], "call_tree": [{"caller": "zz", "callee": None}],
                "processes": [{"rto_hours": "x", "mtpd_hours": 3}], "reviewed_on": "not a date"}, today=TODAY)


# ------------------------------------------------------------------ property tests over call trees


@st.composite
def trees(draw):
    """A team of n members and a call tree that is a random tree over it (possibly several roots)."""
    n = draw(st.integers(1, 60))
    keys = draw(st.permutations([f"m{i}" for i in range(n)]))
    team = [{"key": k, "name": f"คนที่ {k}", "role": "member", "phone": "0812345678", "alternate": None} for k in keys]
    links = [{"caller": None, "callee": keys[0], "order": 1, "channel": "phone"}]
    parents = {}
    for i in range(1, n):
        if draw(st.integers(0, 9)) == 0:
            parent = None  # another root
        else:
            parent = keys[draw(st.integers(0, i - 1))]
        parents[keys[i]] = parent
        links.append({"caller": parent, "callee": keys[i], "order": draw(st.integers(1, 5)), "channel": "line"})
    order = draw(st.permutations(range(len(links))))
    return team, [links[i] for i in order], parents


def _tree_doc(team, links):
    doc = copy.deepcopy(FULL)
    doc["team"], doc["call_tree"] = team, links
    doc["procedures"] = [dict(s, owner=team[0]["key"]) for s in doc["procedures"]]
    return doc


@settings(max_examples=150, deadline=None)
@given(trees())
def test_any_tree_reaches_everyone_without_cycles(tree):
    team, links, _parents = tree
    found = codes(_tree_doc(team, links))
    assert not found & {"calltree_unreached_member", "calltree_cycle", "calltree_no_root"}


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_cutting_a_link_leaves_exactly_that_subtree_unreached(tree, data):
    team, links, parents = tree
    non_roots = [k for k, p in parents.items() if p is not None]
    if not non_roots:
        return
    cut = data.draw(st.sampled_from(sorted(non_roots)))
    kept = [link for link in links if link["callee"] != cut]
    subtree, frontier = {cut}, [cut]
    while frontier:
        node = frontier.pop()
        for k, p in parents.items():
            if p == node and k not in subtree:
                subtree.add(k)
                frontier.append(k)
    result = check_plan(_tree_doc(team, kept), today=TODAY)
    unreached = {f.path[len("call_tree["):-1] for f in result.findings if f.code == "calltree_unreached_member"}
    assert unreached == subtree


@settings(max_examples=100, deadline=None)
@given(trees(), st.data())
def test_a_link_back_to_an_ancestor_is_a_cycle(tree, data):
    team, links, parents = tree
    deep = [k for k, p in parents.items() if p is not None]
    if not deep:
        return
    node = data.draw(st.sampled_from(sorted(deep)))
    ancestor = parents[node]
    links = [*links, {"caller": node, "callee": ancestor, "order": 9, "channel": "phone"}]
    assert "calltree_cycle" in codes(_tree_doc(team, links))
