"""Where each field of the plan document is stored: the one table the plan writers follow.

For each component: the columns of the Plan row it fills (the header and the scope's texts), or the
model of its rows and, per column, how the value comes from the document's row. A value that names
another row of the plan (a member's key, a process's key, a scenario's code) is stored as that
row's id (`ref`). Adding a field to a component means one line here (and its cleaner, reader,
formatter and editor); the single-plan writer and the bulk writer both read this table.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..codes import HEADER, PERIODS
from ..models import (
    CallTreeLink,
    Impact,
    PlanScenario,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Strategy,
    TeamMember,
)


@dataclass(frozen=True)
class Column:
    name: str  # the model field's attname
    value: Callable[[dict], Any]  # its value, from the document's row
    ref: str | None = None  # the value is the key of a row of REFS[ref] (or the catalogue): store that row's id


def col(name: str, source: str | Callable | None = None, *, ref: str | None = None) -> Column:
    """A column filled from the document key `source` (by default the column's own name) or a function."""
    return Column(name, source if callable(source) else itemgetter(source or name), ref)


def _day(name: str) -> Callable[[dict], datetime.date | None]:
    return lambda d: datetime.date.fromisoformat(d[name]) if d[name] else None


@dataclass(frozen=True)
class Rows:
    """The rows of one component: a model, its columns (plus `position`, the row's place in the list)."""

    model: type
    columns: tuple[Column, ...]
    identity: tuple[str, ...]  # the columns that match a row to the stored one when a component is saved again
    items: Callable[[Any], list] = lambda data: data  # the component's list of rows in its document
    key: str | None = None  # the REFS name other rows use to point at these rows

    def identify(self, row: dict):
        return row[self.identity[0]] if len(self.identity) == 1 else tuple(row[c] for c in self.identity)


# The Plan row's own columns, for the components stored there.
PLAN_COLUMNS: dict[str, tuple[Column, ...]] = {
    HEADER: (
        col("title"), col("classification"), col("reviewed_on", _day("reviewed_on")),
        col("exercised_on", _day("exercised_on")),
    ),
    "scope": (col("objectives"), col("assumptions"), col("scope_text", "scope"), col("long_crisis")),
}

ROWS: dict[str, Rows] = {
    "scope": Rows(
        PlanScenario,
        (
            col("code"), col("scenario_id", "code", ref="catalogue"), col("name_th", lambda s: s.get("name_th", "")),
            col("name_en", lambda s: s.get("name_en", "")), col("note"),
        ),
        identity=("code",), items=itemgetter("scenarios"), key="scenario",
    ),
    "impacts": Rows(
        Impact,
        (col("scenario_id", "scenario", ref="scenario"), col("category"), col("impacted"), col("note")),
        identity=("scenario_id", "category"),
    ),
    "team": Rows(
        TeamMember,
        (
            col("key"), col("name"), col("job_title", "position"), col("role"), col("team"), col("phone"),
            col("email"), col("line_id"), col("alternate_id", "alternate", ref="member"),
        ),
        identity=("key",), key="member",
    ),
    "strategies": Rows(Strategy, (col("category"), col("strategy"), col("digital")), identity=("position",)),
    "processes": Rows(
        Process,
        (
            col("key"), col("name"), col("mission"), col("impact_level", lambda p: p["impact_level"] or ""),
            col("mtpd_hours"), col("rto_hours"), col("rpo_hours"), col("depends_on_it"), col("eservice"),
            col("impact_over_time"), col("dependencies", lambda p: p.get("dependencies", [])),
        ),
        identity=("key",), key="process",
    ),
    "resources": Rows(
        ResourceRequirement,
        (
            col("process_id", "process", ref="process"), col("category"), col("item"), col("unit"),
            *(col(f"qty_{p}", lambda r, p=p: r["quantities"].get(p)) for p in PERIODS),
        ),
        identity=("position",),
    ),
    "procedures": Rows(
        ProcedureStep,
        (
            col("window"), col("order"), col("activity"), col("owner_id", "owner", ref="member"),
            col("process_id", "process", ref="process"),
        ),
        identity=("position",),
    ),
    "call_tree": Rows(
        CallTreeLink,
        (
            col("caller_id", "caller", ref="member"), col("callee_id", "callee", ref="member"), col("order"),
            col("channel"),
        ),
        identity=("position",),
    ),
}

# The rows other rows point at, by the name their references use.
REFS = {rows.key: rows for rows in ROWS.values() if rows.key}


def plan_values(component: str, data) -> dict:
    """attname -> value of the Plan row's columns that `component` fills (none for the list components)."""
    return {c.name: c.value(data) for c in PLAN_COLUMNS.get(component, ())}


def row_values(component: str, data, ids: dict[str, dict], *, skip: str | None = None) -> list[dict]:
    """attname -> value of each row of `component`; `ids[ref]` gives the id of the row each key names.

    skip: leave out the columns referring to that REFS name (rows not written yet).
    """
    rows = ROWS[component]
    columns = [(c.name, c.value, c.ref) for c in rows.columns if skip is None or c.ref != skip]
    out = []
    for i, item in enumerate(rows.items(data)):
        row = {"position": i}
        for name, get, ref in columns:
            value = get(item)
            row[name] = value if ref is None else (ids[ref].get(value) if value else None)
        out.append(row)
    return out
