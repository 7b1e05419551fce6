"""Creating many new plans at once: the rows `apply_document` writes, in a few inserts per table.

`create_plan_reference` is the one-plan path through the backend (a plan row, its "create" audit
entry, then phrom.plans.document.apply_document with every component recorded); `create_plans`
writes exactly the same rows — plan, component tables, PlanVersion and PlanAudit — for thousands of
plans in one insert per table (tests/exchange/test_bulk.py compares the two). A migration of a
national round (3,616 plans) then takes seconds instead of a hundred thousand small queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone

from phrom.orgs.models import Organisation
from phrom.plans.codes import ALL_COMPONENTS, HEADER
from phrom.plans.document import IDENTITIES, PERIODS, apply_document, empty_component
from phrom.plans.models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    ResourceRequirement,
    Scenario,
    Strategy,
    TeamMember,
)


@dataclass
class NewPlan:
    """One plan to create: `cleaned` is the output of clean_document (component -> canonical data)."""

    organisation: Organisation
    fiscal_year: int
    cleaned: dict
    state: str = "draft"
    version: int = 1
    detail: dict = field(default_factory=dict)  # extra facts for the "create" audit entry
    plan: Plan | None = None  # set once created


def _author(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _create_detail(item: NewPlan) -> dict:
    return {"fiscal_year": item.fiscal_year, **item.detail}


def create_plan_reference(item: NewPlan, *, user, ip=None, summary: str = "") -> Plan:
    """One new plan through the backend's own writer (the slow path the bulk path must equal).

    The plan row starts empty, so that apply_document compares every component with an empty one,
    and with its counter just below the version to record, so that the content becomes `version`.
    """
    author = _author(user)
    plan = Plan.objects.create(
        organisation=item.organisation, title="", fiscal_year=item.fiscal_year, status=item.state,
        revision=item.version - 1, created_by=author, updated_by=author,
    )
    PlanAudit.objects.create(
        plan=plan, user=author, username=author.get_username() if author else "", ip=ip,
        action=PlanAudit.Action.CREATE, detail=_create_detail(item),
    )
    apply_document(plan, item.cleaned, user=user, ip=ip, summary=summary, action=PlanAudit.Action.SAVE,
                   record_all=True, cleaned=True)
    item.plan = plan
    return plan


def _day(value):
    return datetime.date.fromisoformat(value) if value else None


def create_plans(items: list[NewPlan], *, user, ip=None, summary: str = "") -> list[Plan]:
    """Create every plan of `items` with its content as one version; the caller holds the transaction.

    The rows go in with plain multi-row INSERTs (Django's bulk_create spends ~200 µs per row
    building model instances and SQL: a national round is 700,000 rows).
    """
    if not items:
        return []
    author = _author(user)
    author_id = author.pk if author else None
    username = author.get_username() if author else ""
    revisions = {c: 1 for c in ALL_COMPONENTS}
    plan_rows = []
    for item in items:
        header, scope = item.cleaned[HEADER], item.cleaned["scope"]
        plan_rows.append({
            "organisation_id": item.organisation.pk, "fiscal_year": item.fiscal_year, "status": item.state,
            "title": header["title"], "classification": header["classification"],
            "reviewed_on": _day(header["reviewed_on"]), "exercised_on": _day(header["exercised_on"]),
            "objectives": scope["objectives"], "assumptions": scope["assumptions"], "scope_text": scope["scope"],
            "long_crisis": scope["long_crisis"], "revision": item.version, "component_revisions": revisions,
            "created_by_id": author_id, "updated_by_id": author_id,
        })
    plan_ids = insert_rows(Plan, plan_rows, returning=True)
    stored = Plan.objects.in_bulk(plan_ids)
    for item, pk in zip(items, plan_ids, strict=True):
        item.plan = stored[pk]
        item.plan.organisation = item.organisation
    insert_rows(PlanAudit, [
        {"plan_id": item.plan.pk, "user_id": author_id, "username": username, "ip": ip,
         "action": PlanAudit.Action.CREATE, "component": "", "version": None, "detail": _create_detail(item)}
        for item in items
    ])

    codes = {s["code"] for item in items for s in item.cleaned["scope"]["scenarios"]}
    catalogue = dict(Scenario.objects.filter(code__in=codes).values_list("code", "id"))
    scenario_ids = _insert(PlanScenario, items, lambda item: [
        {"position": i, "code": s["code"], "scenario_id": catalogue.get(s["code"]), "name_th": s.get("name_th", ""),
         "name_en": s.get("name_en", ""), "note": s["note"]}
        for i, s in enumerate(item.cleaned["scope"]["scenarios"])
    ], key="code")
    _insert(Impact, items, lambda item: [
        {"position": i, "scenario_id": scenario_ids[(item.plan.pk, r["scenario"])], "category": r["category"],
         "impacted": r["impacted"], "note": r["note"]}
        for i, r in enumerate(item.cleaned["impacts"])
    ])
    member_ids = _insert(TeamMember, items, lambda item: [
        {"position": i, "key": m["key"], "name": m["name"], "job_title": m["position"], "role": m["role"],
         "team": m["team"], "phone": m["phone"], "email": m["email"], "line_id": m["line_id"], "alternate_id": None}
        for i, m in enumerate(item.cleaned["team"])
    ], key="key")
    alternates = [
        (member_ids[(item.plan.pk, m["alternate"])], member_ids[(item.plan.pk, m["key"])])
        for item in items for m in item.cleaned["team"] if m["alternate"]
    ]
    if alternates:
        table, column = TeamMember._meta.db_table, TeamMember._meta.get_field("alternate").column
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE {qn('id')} = %s", alternates)
    _insert(Strategy, items, lambda item: [{"position": i, **r} for i, r in enumerate(item.cleaned["strategies"])])
    process_ids = _insert(Process, items, lambda item: [
        {"position": i, "key": p["key"], "name": p["name"], "mission": p["mission"],
         "impact_level": p["impact_level"] or "", "mtpd_hours": p["mtpd_hours"], "rto_hours": p["rto_hours"],
         "rpo_hours": p["rpo_hours"], "depends_on_it": p["depends_on_it"], "eservice": p["eservice"],
         "impact_over_time": p["impact_over_time"]}
        for i, p in enumerate(item.cleaned["processes"])
    ], key="key")

    def ref(ids, item, key):
        return ids.get((item.plan.pk, key)) if key else None

    _insert(ResourceRequirement, items, lambda item: [
        {"position": i, "process_id": ref(process_ids, item, r["process"]), "category": r["category"],
         "item": r["item"], "unit": r["unit"], **{f"qty_{p}": r["quantities"].get(p) for p in PERIODS}}
        for i, r in enumerate(item.cleaned["resources"])
    ])
    _insert(ProcedureStep, items, lambda item: [
        {"position": i, "window": s["window"], "order": s["order"], "activity": s["activity"],
         "owner_id": ref(member_ids, item, s["owner"]), "process_id": ref(process_ids, item, s["process"])}
        for i, s in enumerate(item.cleaned["procedures"])
    ])
    _insert(CallTreeLink, items, lambda item: [
        {"position": i, "caller_id": ref(member_ids, item, r["caller"]),
         "callee_id": member_ids[(item.plan.pk, r["callee"])], "order": r["order"], "channel": r["channel"]}
        for i, r in enumerate(item.cleaned["call_tree"])
    ])

    versions, audits = [], []
    for item in items:
        for c in ALL_COMPONENTS:
            changes = counts_from_empty(c, item.cleaned[c])
            versions.append({"plan_id": item.plan.pk, "number": item.version, "component": c, "data": item.cleaned[c],
                             "author_id": author_id, "summary": summary[:500], "changes": changes})
            audits.append({"plan_id": item.plan.pk, "user_id": author_id, "username": username, "ip": ip,
                           "version": item.version, "component": c, "action": PlanAudit.Action.SAVE,
                           "detail": {"changes": changes}})
    insert_rows(PlanVersion, versions)
    insert_rows(PlanAudit, audits)
    return [item.plan for item in items]


def counts_from_empty(component: str, data) -> dict:
    """change_counts(component, empty, data) without diffing against nothing (a third of the
    import's time): every row is added, every field that is not empty is changed."""
    if component in (HEADER, "scope"):
        empty = empty_component(component)
        changed = sum(1 for k in set(empty) | set(data) if k != "scenarios" and data.get(k) != empty.get(k))
        added = len({s["code"] for s in data["scenarios"]}) if component == "scope" else 0
        return {"added": added, "removed": 0, "changed": changed}
    identity = IDENTITIES.get(component)
    return {"added": len({identity(r) for r in data}) if identity else len(data), "removed": 0, "changed": 0}


def _insert(model, items: list[NewPlan], rows_of, key: str | None = None) -> dict:
    """Insert the rows of every plan; with `key`, return (plan id, key value) -> row id."""
    rows = [{"plan_id": item.plan.pk, **row} for item in items for row in rows_of(item)]
    if key is None:
        insert_rows(model, rows)
        return {}
    ids = insert_rows(model, rows, returning=True)
    return {(row["plan_id"], row[key]): pk for row, pk in zip(rows, ids, strict=True)}


def qn(name: str) -> str:
    return connection.ops.quote_name(name)


def insert_rows(model, rows: list[dict], *, returning: bool = False) -> list[int]:
    """INSERT the rows (attname -> value) of `model`, with Django's own value conversions (JSON,
    dates) and defaults, timestamps for auto_now fields; with returning=True, the new ids in order."""
    if not rows:
        return []
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(qn(f.column) for f in fields)
    plans = []  # (attname, default, prepare)
    for f in fields:
        timestamp = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        prepare = isinstance(f, models.JSONField | models.DateField | models.GenericIPAddressField)  # and DateTimeField
        default = now if timestamp else (None if f.null else f.get_default())
        plans.append((f.attname, default, timestamp, prepare, f))
    values = []
    for row in rows:
        out = []
        for attname, default, timestamp, prepare, f in plans:
            value = default if timestamp or attname not in row else row[attname]
            out.append(f.get_db_prep_save(value, connection) if prepare and value is not None else value)
        values.append(out)
    table = qn(model._meta.db_table)
    if not returning:
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
        return []
    # PostgreSQL sets no parameter limit (None); 65,535 is its protocol bound.
    per_statement = max(1, (connection.features.max_query_params or 65535) // len(fields))
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            chunk = values[start:start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))} RETURNING {qn('id')}",
                [v for row in chunk for v in row],
            )
            ids += [r[0] for r in cursor.fetchall()]
    return ids
