"""Reading a plan as a document: as stored now, as it was at a version, or what its editors last saw."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from ..codes import ALL_COMPONENTS, COMPONENTS, FORMAT, HEADER, PERIODS
from ..models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Strategy,
    TeamMember,
)
from .shape import HEADER_FIELDS, assemble, empty_component, plain_number


def component_document(plan: Plan, component: str):
    """One component of the plan as stored now, in the document's form."""
    if component == HEADER:
        return {
            "title": plan.title, "classification": plan.classification,
            "reviewed_on": plan.reviewed_on.isoformat() if plan.reviewed_on else None,
            "exercised_on": plan.exercised_on.isoformat() if plan.exercised_on else None,
        }
    if component == "scope":
        scenarios = []
        for code, scenario_id, name_th, name_en, note in PlanScenario.objects.filter(plan=plan).order_by(
            "position"
        ).values_list("code", "scenario_id", "name_th", "name_en", "note"):
            if scenario_id is not None:
                scenarios.append({"code": code, "note": note})
            else:
                scenarios.append({"code": code, "name_th": name_th, "name_en": name_en, "note": note})
        return {
            "objectives": plan.objectives, "assumptions": plan.assumptions, "scope": plan.scope_text,
            "long_crisis": plan.long_crisis, "scenarios": scenarios,
        }
    if component == "impacts":
        rows = Impact.objects.filter(plan=plan).order_by("position").values_list(
            "scenario__code", "category", "impacted", "note"
        )
        return [{"scenario": s, "category": c, "impacted": i, "note": n} for s, c, i, n in rows]
    if component == "team":
        rows = TeamMember.objects.filter(plan=plan).order_by("position").values_list(
            "key", "name", "job_title", "role", "team", "phone", "email", "line_id", "alternate__key"
        )
        names = ("key", "name", "position", "role", "team", "phone", "email", "line_id", "alternate")
        return [dict(zip(names, r, strict=True)) for r in rows]
    if component == "strategies":
        rows = Strategy.objects.filter(plan=plan).order_by("position").values_list("category", "strategy", "digital")
        return [{"category": c, "strategy": s, "digital": d} for c, s, d in rows]
    if component == "processes":
        rows = Process.objects.filter(plan=plan).order_by("position").values_list(
            "key", "name", "mission", "impact_level", "mtpd_hours", "rto_hours", "rpo_hours",
            "depends_on_it", "eservice", "impact_over_time", "dependencies",
        )
        return [
            {
                "key": k, "name": n, "mission": m, "impact_level": lvl or None, "mtpd_hours": plain_number(mtpd),
                "rto_hours": plain_number(rto), "rpo_hours": plain_number(rpo), "depends_on_it": it, "eservice": es,
                "impact_over_time": {p: iot[p] for p in PERIODS if iot.get(p)}, **({"dependencies": deps} if deps else {}),
            }
            for k, n, m, lvl, mtpd, rto, rpo, it, es, iot, deps in rows
        ]
    if component == "resources":
        rows = ResourceRequirement.objects.filter(plan=plan).order_by("position").values_list(
            "process__key", "category", "item", "unit", *[f"qty_{p}" for p in PERIODS]
        )
        return [
            {
                "process": r[0], "category": r[1], "item": r[2], "unit": r[3],
                "quantities": {p: plain_number(q) for p, q in zip(PERIODS, r[4:], strict=True) if q is not None},
            }
            for r in rows
        ]
    if component == "procedures":
        rows = ProcedureStep.objects.filter(plan=plan).order_by("position").values_list(
            "window", "order", "activity", "owner__key", "process__key"
        )
        return [{"window": w, "order": o, "activity": a, "owner": ow, "process": pr} for w, o, a, ow, pr in rows]
    if component == "call_tree":
        rows = CallTreeLink.objects.filter(plan=plan).order_by("position").values_list(
            "caller__key", "callee__key", "order", "channel"
        )
        return [{"caller": a, "callee": b, "order": o, "channel": ch} for a, b, o, ch in rows]
    raise ValueError(f"unknown component {component!r}")


def export_document(plan: Plan) -> dict:
    """The plan as it is stored now, as one `phrom-plan/1` document."""
    return assemble({c: component_document(plan, c) for c in ALL_COMPONENTS})


class StoredDocument(Mapping):
    """The plan as it is stored now, read one component at a time when first asked for: a save
    that needs only its own component does not read the other seven (export_document reads all;
    dict(StoredDocument(plan)) equals it)."""

    KEYS = ("format", *HEADER_FIELDS, *COMPONENTS)

    def __init__(self, plan: Plan):
        self.plan = plan
        self._read: dict = {}

    def __getitem__(self, key):
        if key == "format":
            return FORMAT
        if key in HEADER_FIELDS:
            return component_document(self.plan, HEADER)[key]
        if key not in COMPONENTS:
            raise KeyError(key)
        if key not in self._read:
            self._read[key] = component_document(self.plan, key)
        return self._read[key]

    def __iter__(self):
        return iter(self.KEYS)

    def __len__(self):
        return len(self.KEYS)


def latest_version_data(plan: Plan, components) -> dict:
    """component -> data of its latest PlanVersion (what the editor of that component last saw); the rows
    if it has none. The plan's revision is the number of its latest version (the writer locks the plan)."""
    found = components_at({plan.pk: plan.revision}, components)[plan.pk]
    return {c: found[c] if c in found else component_document(plan, c) for c in components}


def document_at(plan: Plan, number: int | None = None) -> dict:
    """The plan as it was at version `number` (the latest if None): per component, the latest row ≤ N."""
    return documents_at({plan.pk: plan.revision if number is None else number})[plan.pk]


def documents_at(versions: dict[int, int]) -> dict[int, dict]:
    """plan id -> the plan document as it was at its version (many plans: statistics, dependencies)."""
    found = components_at(versions, ALL_COMPONENTS)
    return {pk: assemble({c: found[pk].get(c, empty_component(c)) for c in ALL_COMPONENTS}) for pk in versions}


CHUNK = 2000  # ids per query (SQLite limits a statement's parameters)


def components_at(versions: dict[int, int], components) -> dict[int, dict[str, object]]:
    """plan id -> {component: its data at the plan's version} for the components asked (per component,
    the latest row numbered at or below the version; a component never saved is absent). One query per
    CHUNK plans: the rows at or below each plan's version, numbered newest first per (plan, component) by
    the database, and only the newest of each sent back (not every version number the plan ever had)."""
    out: dict[int, dict[str, object]] = {pk: {} for pk in versions}
    plan_ids = list(versions)
    for start in range(0, len(plan_ids), CHUNK):
        by_version: dict[int, list[int]] = defaultdict(list)  # plans sharing a version share a condition
        for pk in plan_ids[start:start + CHUNK]:
            by_version[versions[pk]].append(pk)
        within = Q()
        for number, pks in by_version.items():
            within |= Q(plan_id__in=pks, number__lte=number)
        newest = Window(RowNumber(), partition_by=[F("plan_id"), F("component")], order_by=F("number").desc())
        rows = (PlanVersion.objects.filter(within, component__in=list(components)).order_by()
                .annotate(newest=newest).filter(newest=1).values_list("plan_id", "component", "data"))
        for plan_id, component, data in rows:
            out[plan_id][component] = data
    return out
