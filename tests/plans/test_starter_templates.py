"""The starter templates are data: every file must be a complete, consistent plan document.

Checked with the standard library only, against the contract of the plan document
(format `phrom-plan/1`), so that an administrator who edits a file sees at once what broke.
"""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from phrom.orgs.data.kinds import KINDS

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "phrom" / "plans" / "starter_templates"
FILES = sorted(TEMPLATE_DIR.glob("*.json"))

EXPECTED = {"department_service", "department_admin", "province", "local_government", "hospital", "school",
            "district_office"}
KIND_CODES = {code for code, *_ in KINDS}

FORMAT = "phrom-plan/1"
TOP_KEYS = {"format", "template", "title", "classification", "reviewed_on", "exercised_on", "scope", "impacts",
            "team", "strategies", "processes", "resources", "procedures", "call_tree"}
TEMPLATE_KEYS = {"code", "name_th", "name_en", "description_th", "description_en", "kinds"}
CATEGORIES = {"building", "equipment", "supply", "it", "personnel", "stakeholders"}
PERIODS = {"4h", "1d", "1w", "2w", "1m"}
WINDOWS = {"day1", "d1_7", "d7_30", "beyond30"}
CHANNELS = {"phone", "sms", "line", "email", "radio"}
IMPACT_LEVELS = {"very_high", "high", "medium", "low"}
ROLES = {"head", "coordinator", "leader", "member"}
CLASSIFICATIONS = {"normal", "sensitive"}
CATALOGUE = {"epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber", "drought",
             "storm", "chemical", "building_collapse"}
REQUIRED_SCENARIOS = {"epidemic", "fire", "flood", "power_outage", "cyber"}

KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,32}$")
CUSTOM_RE = re.compile(r"^custom-[A-Za-z0-9_.\-]{1,50}$")
THAI_RE = re.compile(r"[\u0E00-\u0E7F]")
PLACEHOLDER_RE = re.compile(r"\btodo\b|\btbd\b|fixme|lorem|ipsum|xxx|placeholder|\.\.\.|…|[\[\]{}<>]|ชื่อหน่วยงาน",
                            re.IGNORECASE)


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def doc(request):
    return load(request.param)


def thai(text) -> bool:
    return isinstance(text, str) and bool(text.strip()) and bool(THAI_RE.search(text))


def strings(value):
    """Every string anywhere in the document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def member_keys(doc) -> set:
    return {m["key"] for m in doc["team"]}


def process_keys(doc) -> set:
    return {p["key"] for p in doc["processes"]}


def scenario_codes(doc) -> list:
    return [s["code"] for s in doc["scope"]["scenarios"]]


# --------------------------------------------------------------------------- the set of files


def test_every_expected_template_is_there_and_named_after_its_code():
    assert {p.stem for p in FILES} >= EXPECTED
    for path in FILES:
        assert load(path)["template"]["code"] == path.stem


def test_every_organisation_kind_has_a_starter_template():
    covered = {kind for path in FILES for kind in load(path)["template"]["kinds"]}
    assert KIND_CODES - covered == set()


def test_files_are_utf8_json_with_thai_written_as_text():
    for path in FILES:
        raw = path.read_text(encoding="utf-8")
        json.loads(raw)
        # Readable for an administrator who edits the file: Thai letters, not \u escapes.
        assert "\\u0e" not in raw.lower(), path.name


# --------------------------------------------------------------------------- one file


def test_top_level_keys_and_header(doc):
    assert set(doc) == TOP_KEYS
    assert doc["format"] == FORMAT
    assert thai(doc["title"])
    assert doc["classification"] in CLASSIFICATIONS
    for name in ("reviewed_on", "exercised_on"):
        if doc[name] is not None:
            datetime.date.fromisoformat(doc[name])


def test_template_metadata(doc):
    meta = doc["template"]
    assert set(meta) == TEMPLATE_KEYS
    assert KEY_RE.match(meta["code"])
    assert thai(meta["name_th"]) and thai(meta["description_th"])
    assert meta["name_en"].strip() and meta["description_en"].strip()
    assert meta["kinds"], "a template suits at least one kind"
    assert set(meta["kinds"]) <= KIND_CODES, set(meta["kinds"]) - KIND_CODES
    assert len(meta["kinds"]) == len(set(meta["kinds"]))


def test_scope(doc):
    scope = doc["scope"]
    assert set(scope) == {"objectives", "assumptions", "scope", "long_crisis", "scenarios"}
    for name in ("objectives", "assumptions", "scope"):
        assert thai(scope[name]), name
    assert scope["long_crisis"] is True
    codes = scenario_codes(doc)
    assert len(codes) == len(set(codes))
    assert REQUIRED_SCENARIOS <= set(codes)
    for s in scope["scenarios"]:
        if s["code"] in CATALOGUE:
            assert set(s) == {"code", "note"}
        else:
            assert CUSTOM_RE.match(s["code"]), s["code"]
            assert set(s) == {"code", "name_th", "name_en", "note"}
            assert thai(s["name_th"])
        assert isinstance(s["note"], str)


def test_impact_grid_covers_every_scenario_and_category_once(doc):
    covered = set(scenario_codes(doc))
    cells = Counter((row["scenario"], row["category"]) for row in doc["impacts"])
    assert set(cells) == {(s, c) for s in covered for c in CATEGORIES}
    assert set(cells.values()) == {1}
    for row in doc["impacts"]:
        assert set(row) == {"scenario", "category", "impacted", "note"}
        assert isinstance(row["impacted"], bool)
        assert thai(row["note"])
    # Every scenario hits something.
    for s in covered:
        assert any(r["impacted"] for r in doc["impacts"] if r["scenario"] == s), s


def test_team_positions_without_personal_data_and_with_alternates(doc):
    keys = [m["key"] for m in doc["team"]]
    assert len(keys) == len(set(keys))
    roles = Counter(m["role"] for m in doc["team"])
    assert set(roles) <= ROLES
    assert roles["head"] >= 1 and roles["coordinator"] >= 1 and roles["leader"] >= 2
    for m in doc["team"]:
        assert set(m) == {"key", "name", "position", "role", "team", "phone", "email", "line_id", "alternate"}
        assert KEY_RE.match(m["key"])
        assert thai(m["position"]) and thai(m["team"])
        # The agency fills in its own people.
        assert m["name"] == m["phone"] == m["email"] == m["line_id"] == "", m["key"]
        assert m["alternate"] in keys and m["alternate"] != m["key"], m["key"]


def test_strategies_cover_every_impacted_category(doc):
    for s in doc["strategies"]:
        assert set(s) == {"category", "strategy", "digital"}
        assert s["category"] in CATEGORIES
        assert thai(s["strategy"])
        assert isinstance(s["digital"], bool)
    impacted = {r["category"] for r in doc["impacts"] if r["impacted"]}
    with_strategy = {s["category"] for s in doc["strategies"]}
    assert impacted <= with_strategy, impacted - with_strategy
    assert any(s["digital"] for s in doc["strategies"]), "at least one e-Service/digital strategy"
    assert any(not s["digital"] for s in doc["strategies"])


def test_processes(doc):
    procs = doc["processes"]
    assert 4 <= len(procs) <= 8
    assert len(process_keys(doc)) == len(procs)
    for p in procs:
        assert set(p) == {"key", "name", "mission", "impact_level", "mtpd_hours", "rto_hours", "rpo_hours",
                          "depends_on_it", "eservice", "impact_over_time"}
        assert KEY_RE.match(p["key"])
        assert thai(p["name"]) and thai(p["mission"])
        assert p["impact_level"] in IMPACT_LEVELS
        assert isinstance(p["depends_on_it"], bool) and isinstance(p["eservice"], bool)
        for name in ("mtpd_hours", "rto_hours"):
            value = p[name]
            assert isinstance(value, int | float) and not isinstance(value, bool) and value > 0, (p["key"], name)
        assert p["rto_hours"] <= p["mtpd_hours"], p["key"]
        if p["depends_on_it"]:
            assert isinstance(p["rpo_hours"], int | float) and p["rpo_hours"] >= 0, p["key"]
        else:
            assert p["rpo_hours"] is None or p["rpo_hours"] >= 0
        assert set(p["impact_over_time"]) == PERIODS
        assert all(thai(t) for t in p["impact_over_time"].values()), p["key"]
    assert any(p["eservice"] for p in procs)


def test_resources_per_process_category_and_period(doc):
    procs = process_keys(doc)
    for r in doc["resources"]:
        assert set(r) == {"process", "category", "item", "unit", "quantities"}
        assert r["process"] in procs
        assert r["category"] in CATEGORIES
        assert thai(r["item"]) and thai(r["unit"])
        assert set(r["quantities"]) == PERIODS
        for q in r["quantities"].values():
            assert isinstance(q, int | float) and not isinstance(q, bool) and q >= 0
    assert {r["process"] for r in doc["resources"]} == procs, "every process has resource requirements"
    # The OPDC tables: seats/area, equipment, IT systems, staff and suppliers appear for the plan.
    assert {"building", "equipment", "it", "personnel", "stakeholders"} <= {r["category"] for r in doc["resources"]}


def test_procedures_in_the_three_opdc_windows_and_beyond(doc):
    members, procs = member_keys(doc), process_keys(doc)
    by_window: dict[str, list[int]] = {}
    for step in doc["procedures"]:
        assert set(step) == {"window", "order", "activity", "owner", "process"}
        assert step["window"] in WINDOWS
        assert isinstance(step["order"], int) and not isinstance(step["order"], bool) and step["order"] >= 1
        assert thai(step["activity"])
        assert step["owner"] in members, step
        assert step["process"] is None or step["process"] in procs, step
        by_window.setdefault(step["window"], []).append(step["order"])
    assert set(by_window) == WINDOWS
    for window, orders in by_window.items():
        assert sorted(orders) == list(range(1, len(orders) + 1)), window
    assert len(by_window["day1"]) >= 5
    linked = {s["process"] for s in doc["procedures"] if s["process"]}
    assert linked == procs, "every critical process appears in some step"


def test_call_tree_reaches_every_member_without_cycles(doc):
    members = member_keys(doc)
    role = {m["key"]: m["role"] for m in doc["team"]}
    children: dict = {}
    roots = []
    pairs = set()
    for link in doc["call_tree"]:
        assert set(link) == {"caller", "callee", "order", "channel"}
        assert link["channel"] in CHANNELS
        assert isinstance(link["order"], int) and link["order"] >= 1
        assert link["callee"] in members
        assert link["caller"] is None or link["caller"] in members
        assert link["caller"] != link["callee"]
        assert (link["caller"], link["callee"]) not in pairs
        pairs.add((link["caller"], link["callee"]))
        if link["caller"] is None:
            roots.append(link["callee"])
        else:
            children.setdefault(link["caller"], []).append(link["callee"])
    assert roots, "someone is alerted first"
    # Executive first, then the BCP head, who alerts the team leads.
    assert all(role[r] == "head" for r in roots)
    callers_of = {}
    for link in doc["call_tree"]:
        callers_of.setdefault(link["callee"], set()).add(link["caller"])
    for key, r in role.items():
        if r == "leader":
            assert any(c is not None and role[c] == "head" for c in callers_of[key]), key

    # Every member reached from the roots.
    seen, stack = set(), list(roots)
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        stack.extend(children.get(key, []))
    assert seen == members, members - seen

    # No cycle: depth-first search with colours.
    state: dict = {}

    def visit(key):
        state[key] = "open"
        for nxt in children.get(key, []):
            assert state.get(nxt) != "open", f"cycle through {key} -> {nxt}"
            if nxt not in state:
                visit(nxt)
        state[key] = "done"

    for key in members:
        if key not in state:
            visit(key)

    # Call order within each caller is 1, 2, 3, …
    orders: dict = {}
    for link in doc["call_tree"]:
        orders.setdefault(link["caller"], []).append(link["order"])
    for caller, values in orders.items():
        assert sorted(values) == list(range(1, len(values) + 1)), caller


def test_real_text_not_placeholders(doc):
    for text in strings(doc):
        assert not PLACEHOLDER_RE.search(text), text
    # Thai throughout: every free-text field checked above; the plan as a whole is mostly Thai.
    thai_chars = sum(len(THAI_RE.findall(t)) for t in strings(doc))
    assert thai_chars > 5000
