"""The JSON Schema of the exchange format (schemas/phrom-plan-exchange-1.schema.json) and its errors.

Every schema error becomes {path, message_th, message_en} with the path written the way the plan
document's own errors are (`plans[3].processes[0].rto_hours`), so that a file's author finds the
field at once, whichever check found the problem.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_noop
from jsonschema import Draft202012Validator, FormatChecker

from phrom.core.messages import both, both_each

FORMAT = "phrom-plan-exchange/1"
SCHEMA_NAME = "phrom-plan-exchange-1.schema.json"
# The schema lives in the repository's schemas/ folder, where other systems find it.
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schemas" / SCHEMA_NAME

# Names of JSON types in messages: msgids marked here so that makemessages finds them.
TYPE_NAMES = {
    "number": gettext_noop("a number"),
    "integer": gettext_noop("a whole number"),
    "string": gettext_noop("text"),
    "boolean": gettext_noop("true or false"),
    "array": gettext_noop("a list"),
    "object": gettext_noop("an object"),
    "null": gettext_noop("null"),
}
PATTERN_MESSAGES = {
    "^[A-Za-z0-9_.\\-]{1,32}$": gettext_noop("must be 1–32 Latin letters, digits, '.', '-' or '_'"),
    "^[A-Za-z0-9_.\\-]{1,64}$": gettext_noop("must be 1–64 Latin letters, digits, '.', '-' or '_'"),
}
OR = gettext_noop("or")


@lru_cache(maxsize=1)
def schema() -> dict:
    with SCHEMA_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def _is_date_time(value) -> bool:
    """RFC 3339 date and time with an offset (jsonschema's own check needs another package)."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)", value):
        return False
    try:
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    checker = FormatChecker(["date"])
    checker.checks("date-time")(_is_date_time)
    return Draft202012Validator(schema(), format_checker=checker)


def format_path(parts: Iterable) -> str:
    """deque(['plans', 3, 'processes', 0, 'rto_hours']) -> 'plans[3].processes[0].rto_hours'."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _error(path: str, msgid: str, **params) -> dict:
    th, en = both(msgid, **params)
    return {"path": path, "message_th": th, "message_en": en}


def _types_phrase(types) -> tuple[str, str]:
    types = [types] if isinstance(types, str) else list(types)
    th_or, _ = both(OR)
    th = f" {th_or} ".join(both(TYPE_NAMES.get(t, t))[0] for t in types)
    en = " or ".join(TYPE_NAMES.get(t, t) for t in types)
    return th, en


def _literal(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def describe(error) -> list[dict]:
    """One jsonschema ValidationError as our errors (an error about missing or unknown fields
    names each field in its own path)."""
    path = format_path(error.absolute_path)
    kind, value = error.validator, error.validator_value
    if kind == "type":
        th, en = _types_phrase(value)
        msg_th, msg_en = both_each(gettext_noop("must be {types}"), {"types": th}, {"types": en})
        return [{"path": path, "message_th": msg_th, "message_en": msg_en}]
    if kind == "required":
        match = re.match(r"^'(.*)' is a required property$", error.message)
        missing = [match.group(1)] if match else [p for p in value if p not in (error.instance or {})]
        return [_error(_join(path, name), gettext_noop("is required")) for name in missing]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known]
        return [_error(_join(path, name), gettext_noop("is not a field of this format")) for name in extra]
    if kind == "enum":
        choices = ", ".join("null" if v is None else str(v) for v in value)
        return [_error(path, gettext_noop("must be one of: {choices}"), choices=choices)]
    if kind == "const":
        return [_error(path, gettext_noop("must be {value}"), value=_literal(value))]
    if kind == "format":
        if value == "date":
            return [_error(path, gettext_noop("must be a date as YYYY-MM-DD"))]
        return [_error(path, gettext_noop("must be a date and time as YYYY-MM-DDTHH:MM:SS+07:00"))]
    if kind == "minimum":
        return [_error(path, gettext_noop("must be at least {n}"), n=value)]
    if kind == "maximum":
        return [_error(path, gettext_noop("must be at most {n}"), n=value)]
    if kind == "minLength":
        if value == 1:
            return [_error(path, gettext_noop("must not be empty"))]
        return [_error(path, gettext_noop("must be at least {n} characters long"), n=value)]
    if kind == "maxLength":
        return [_error(path, gettext_noop("must be at most {n} characters long"), n=value)]
    if kind == "pattern":
        return [_error(path, PATTERN_MESSAGES.get(value, gettext_noop("is not in the expected form")))]
    return [{"path": path, "message_th": error.message, "message_en": error.message}]


@lru_cache(maxsize=1)
def _plan_validator() -> Draft202012Validator:
    """One plan's validator: its errors have paths inside the plan."""
    plan_schema = {"$ref": "#/$defs/plan", "$defs": schema()["$defs"]}
    return Draft202012Validator(plan_schema, format_checker=validator().format_checker)


def _described(errors, prefix: str = "") -> list[dict]:
    out = []
    for e in sorted(errors, key=lambda e: _sort_key(e.absolute_path)):
        for d in describe(e):
            path = d["path"]
            if prefix:
                d["path"] = prefix + (f".{path}" if path and not path.startswith("[") else path)
            out.append(d)
    return out


def schema_errors(data) -> list[dict]:
    """Every schema error of an exchange file, in document order.

    jsonschema takes ~30 ms per plan: a national file of 3,616 plans would spend minutes here. A
    compiled check (`conforms`, the same rules in plain Python, tests/exchange/test_schema.py
    holds the two equal) passes the valid plans; jsonschema then lists the errors of the others.
    """
    if conforms(data):
        return []
    plans = data.get("plans") if isinstance(data, dict) else None
    if not isinstance(plans, list):
        return _described(validator().iter_errors(data))
    errors = _described(validator().iter_errors({**data, "plans": []}))
    plan_check = compiled("plan")
    for i, plan in enumerate(plans):
        if not plan_check(plan):
            errors += _described(_plan_validator().iter_errors(plan), prefix=f"plans[{i}]")
    return errors


# --------------------------------------------------------------------------- the compiled check
# The schema turned into plain Python source (one function per $defs entry), in the manner of
# fastjsonschema: nested ifs instead of jsonschema's per-keyword dispatch, about a hundred times faster.

_TYPE_TESTS = {
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "boolean": "({v} is True or {v} is False)",
    "null": "{v} is None",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
}
_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "$defs", "$comment", "additionalProperties"}
_NUMBER = "(isinstance({v}, (int, float)) and not isinstance({v}, bool))"


class _Generator:
    def __init__(self):
        self.lines: list[str] = []
        self.constants: dict = {}
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, value) -> str:
        name = self.name("c")
        self.constants[name] = value
        return name

    def emit(self, depth: int, line: str):
        self.lines.append("    " * depth + line)

    def node(self, node: dict, v: str, depth: int):
        self.emit(depth, "pass")
        for keyword, value in node.items():
            if keyword in _ANNOTATIONS:
                if keyword == "additionalProperties" and (value is not False or "properties" not in node):
                    raise ValueError("only additionalProperties: false beside properties is compiled")
                continue
            if keyword == "$ref":
                self.emit(depth, f"if not check_{value.removeprefix('#/$defs/')}({v}): return False")
            elif keyword == "type":
                tests = " or ".join(_TYPE_TESTS[t].format(v=v) for t in ([value] if isinstance(value, str) else value))
                self.emit(depth, f"if not ({tests}): return False")
            elif keyword in ("enum", "const"):
                options = value if keyword == "enum" else [value]
                if not all(o is None or isinstance(o, str) for o in options):
                    raise ValueError("only enums of text and null are compiled")
                self.emit(depth, f"if not any({v} == o for o in {self.constant(tuple(options))}): return False")
            elif keyword == "required":
                missing = " or ".join(f"{name!r} not in {v}" for name in value)
                self.emit(depth, f"if isinstance({v}, dict) and ({missing}): return False")
            elif keyword == "properties":
                child = self.name("v")
                self.emit(depth, f"if isinstance({v}, dict):")
                self.emit(depth + 1, f"for k, {child} in {v}.items():")
                for i, (name, sub) in enumerate(value.items()):
                    self.emit(depth + 2, f"{'if' if i == 0 else 'elif'} k == {name!r}:")
                    self.node(sub, child, depth + 3)
                if node.get("additionalProperties") is False:
                    self.emit(depth + 2, "else: return False")
            elif keyword == "items":
                child = self.name("v")
                self.emit(depth, f"if isinstance({v}, list):")
                self.emit(depth + 1, f"for {child} in {v}:")
                self.node(value, child, depth + 2)
            elif keyword in ("minimum", "maximum"):
                op = "<" if keyword == "minimum" else ">"
                self.emit(depth, f"if {_NUMBER.format(v=v)} and {v} {op} {value!r}: return False")
            elif keyword in ("minLength", "maxLength"):
                op = "<" if keyword == "minLength" else ">"
                self.emit(depth, f"if isinstance({v}, str) and len({v}) {op} {value!r}: return False")
            elif keyword == "pattern":
                rx = self.constant(re.compile(value))
                self.emit(depth, f"if isinstance({v}, str) and {rx}.search({v}) is None: return False")
            elif keyword == "format":
                self.emit(depth, f"if not conforms_format({v}, {value!r}): return False")
            else:
                raise ValueError(f"keyword {keyword!r} is not compiled: add it to phrom/exchange/schema.py")

    def function(self, name: str, node: dict):
        self.emit(0, f"def check_{name}(v0):")
        self.node(node, "v0", 1)
        self.emit(1, "return True")


@lru_cache(maxsize=1)
def _compiled() -> dict:
    gen = _Generator()
    for name, node in schema()["$defs"].items():
        gen.function(name, node)
    gen.function("file", schema())
    namespace = {"conforms_format": validator().format_checker.conforms, **gen.constants}
    exec(compile("\n".join(gen.lines), SCHEMA_NAME, "exec"), namespace)  # noqa: S102 (our own schema)
    return {k.removeprefix("check_"): v for k, v in namespace.items() if k.startswith("check_")}


def compiled(name: str = "file"):
    """The compiled check of the whole file, or of one of the schema's $defs (e.g. "plan")."""
    return _compiled()[name]


def conforms(data) -> bool:
    """Does `data` satisfy the schema? The same answer as jsonschema's (tests/exchange/test_schema.py)."""
    return compiled()(data)


def _sort_key(parts) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in parts)
