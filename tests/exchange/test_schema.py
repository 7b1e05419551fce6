"""The schema file, its error messages, and the compiled check that must agree with jsonschema."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from phrom.exchange.schema import compiled, conforms, format_path, schema, schema_errors, validator
from tests.helpers.plans import FULL, documents, exchange_plan


def test_the_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    plan = schema()["$defs"]["plan"]["properties"]
    for name in ("organisation", "fiscal_year", "state", "version", "submitted_on", "accepted_on", "classification",
                 "reviewed_on", "exercised_on", "scope", "impacts", "team", "strategies", "processes", "resources",
                 "procedures", "call_tree"):
        assert name in plan


def test_paths():
    assert format_path(["plans", 3, "processes", 0, "rto_hours"]) == "plans[3].processes[0].rto_hours"
    assert format_path([]) == ""


def test_messages_are_in_thai_and_english():
    bad = {"format": "phrom-plan-exchange/1", "plans": [exchange_plan(FULL, "X") | {"fiscal_year": 1999}]}
    [error] = schema_errors(bad)
    assert error == {"path": "plans[0].fiscal_year", "message_th": "ต้องไม่น้อยกว่า 2500",
                     "message_en": "must be at least 2500"}


# Values that break one rule or another of the schema, or none.
ANY = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(-1, 1e6, allow_nan=False),
                st.sampled_from(["", "x", "2025-02-30", "2025-01-31", "normal", "sensitive", "accepted", "m1", "p1",
                                 "flood", "a b", "4h", "x" * 600, "building", "day1", "phone"]),
                # fresh containers each time: a shared one could be inserted into itself (a cycle)
                st.builds(list), st.builds(dict), st.builds(lambda: [{}]), st.builds(lambda: {"4h": "x"}))


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths_of(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths_of(v, (*prefix, i))


@st.composite
def mutated(draw):
    doc = draw(documents())
    item = {"organisation": "PU21-HEALTH", "fiscal_year": 2569, "state": "draft", "version": 1,
            **{k: v for k, v in doc.items() if k != "format"}}
    data = {"format": "phrom-plan-exchange/1", "plans": [item]}
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in paths_of(data) if p]
        if not paths:  # every key deleted or replaced by a scalar: nothing left to mutate
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            parent[path[-1]] = draw(ANY)
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "rto", "name", "key"]))] = draw(ANY)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated())
def test_the_compiled_check_agrees_with_jsonschema(data):
    expected = validator().is_valid(data)
    assert conforms(copy.deepcopy(data)) is expected
    errors = schema_errors(data)
    assert (errors == []) is expected
    # The fast path lists the same errors as jsonschema over the whole file.
    full = sorted((e["path"], e["message_en"]) for e in _full_errors(data))
    assert sorted((e["path"], e["message_en"]) for e in errors) == full


def _full_errors(data):
    from phrom.exchange.schema import _described

    return _described(validator().iter_errors(data))


def test_compiled_parts():
    assert compiled("plan")(exchange_plan(FULL, "X"))
    assert not compiled("plan")(exchange_plan(FULL, "X") | {"state": "approved"})
    assert not compiled("hours")(True) and compiled("hours")(None) and compiled("hours")(2.5)
