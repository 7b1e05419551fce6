"""Writing the demo plans: every plan table in bulk, in one transaction, as the plans backend writes them.

For each plan this writes what `phrom.plans.services.create_plan` from a template followed by a
save of the whole document would leave behind: the Plan row at revision 1 (every component at its
revision 1), the component tables, one PlanVersion per component holding the component's cleaned
document (so version history, `document_at` and the checker read demo plans like any other), and
the audit trail (created, then each component saved). The documents go through the backend's
`clean_document` first: a demo plan is a valid plan or the command fails.

An organisation that already has a plan for the fiscal year is left alone, so a second run writes
nothing. Primary keys of the rows that other rows refer to are given here (max + 1 onwards, in the
one transaction), which lets a member's alternate, a step's owner and a call-tree link point at
their rows in the same bulk insert; the sequences are reset afterwards where the database has them.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import DateField, JSONField, Max
from django.utils import timezone

from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.models import Organisation, RouteEntry, RouteRule
from phrom.plans.codes import ALL_COMPONENTS, HEADER
from phrom.plans.document import PERIODS, bangkok_today, change_counts, clean_document, empty_component
from phrom.plans.models import (
    CallTreeLink,
    Impact,
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    ProcedureStep,
    Process,
    RequiredScenario,
    ResourceRequirement,
    Scenario,
    Strategy,
    TeamMember,
)
from phrom.plans.services import starter_templates

from .builder import OrgSpec
from .plans import DemoPlan, make_plan, select, template_for

# Tables whose ids are given here because other rows of the same load refer to them.
KEYED = (Plan, PlanScenario, TeamMember, Process)
# Plans generated, cleaned and written per round: bounds the memory of a load.
CHUNK = 250


@dataclass
class PlanLoadResult:
    fiscal_year: int
    selected: int = 0
    created: int = 0
    existing: int = 0
    tiers: Counter = field(default_factory=Counter)
    sensitive: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created)


def required_scenarios(org_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """For each organisation, the scenarios its collectors require (phrom.plans.quality, in bulk)."""
    rules = list(RequiredScenario.objects.values_list("collector_id", "collector_flag", "scenario__code"))
    if not rules:
        return {}
    flags = dict(Organisation.objects.exclude(collector="").values_list("pk", "collector"))
    collectors: dict[int, set] = {i: {i} for i in org_ids}
    # Every collect entry (two or three per organisation) in one read: cheaper than a long IN list.
    for org_id, target_id in RouteEntry.objects.filter(role=RouteRule.Role.COLLECT).values_list(
        "organisation_id", "target_id"
    ):
        if org_id in collectors:
            collectors[org_id].add(target_id)
    out = {}
    for org_id, ids in collectors.items():
        org_flags = {flags[i] for i in ids if i in flags}
        codes = sorted({code for cid, flag, code in rules if cid in ids or (flag and flag in org_flags)})
        if codes:
            out[org_id] = tuple(codes)
    return out


class _Table:
    """Rows of one model, written with executemany: the model's concrete columns, each value prepared
    by its field as the ORM would prepare it (a model instance per row would cost more than the rest of
    the load together). Columns a row does not give take the field's default (auto_now fields: now)."""

    def __init__(self, model, now):
        self.model = model
        keyed = model in KEYED
        self.fields = [f for f in model._meta.concrete_fields if keyed or not f.primary_key]
        self.prepare = [self._preparer(f) for f in self.fields]
        self.defaults = {}  # attname -> the prepared value
        for f, prepare in zip(self.fields, self.prepare, strict=True):
            if f.primary_key:
                continue
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            value = now if auto else f.get_default()
            self.defaults[f.attname] = prepare(value) if prepare is not None and value is not None else value
        qn = connection.ops.quote_name
        table, columns = qn(model._meta.db_table), ", ".join(qn(f.column) for f in self.fields)
        self.insert = f"INSERT INTO {table} ({columns}) VALUES "
        self.values = "({})".format(", ".join(["%s"] * len(self.fields)))
        self.copy = f"COPY {table} ({columns}) FROM STDIN"
        self.rows: list[list] = []
        self.next_id = (model.objects.aggregate(n=Max("id"))["n"] or 0) + 1 if keyed else None

    @staticmethod
    def _preparer(f):
        if isinstance(f, JSONField) and connection.vendor == "sqlite":
            # The same JSON value the field would store, with Thai as UTF-8 rather than \u escapes:
            # half the size on disk. PostgreSQL stores jsonb whatever the text, so the field prepares it.
            return lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        if isinstance(f, JSONField | DateField):  # DateTimeField is a DateField
            return lambda v: f.get_db_prep_save(v, connection)
        return None

    def take_id(self) -> int:
        value = self.next_id
        self.next_id += 1
        return value

    def add(self, **values):
        row = []
        for f, prepare in zip(self.fields, self.prepare, strict=True):
            if f.attname not in values:
                row.append(self.defaults[f.attname])
                continue
            value = values[f.attname]
            row.append(prepare(value) if prepare is not None and value is not None else value)
        self.rows.append(row)

    def flush(self, cursor):
        if not self.rows:
            return
        raw = getattr(cursor, "cursor", cursor)
        if connection.vendor == "sqlite":
            # One prepared statement run for every row, inside SQLite: the fastest way in.
            cursor.executemany(self.insert + self.values, self.rows)
        elif connection.vendor == "postgresql" and hasattr(raw, "copy"):
            # PostgreSQL with psycopg 3: COPY, which neither parses statements nor makes a round trip per row.
            with raw.copy(self.copy) as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            # Elsewhere a statement per row is a round trip each: many rows per statement instead.
            size = max(1, min(1000, 30000 // len(self.fields)))
            for start in range(0, len(self.rows), size):
                batch = self.rows[start:start + size]
                cursor.execute(self.insert + ", ".join([self.values] * len(batch)), [v for row in batch for v in row])
        self.rows = []


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _changes(component: str, data) -> dict:
    """What the version of a component records against the empty plan (phrom.plans.document.change_counts;
    for a list that is every row added, computed here without the diff)."""
    if isinstance(data, list):
        return {"added": len(data), "removed": 0, "changed": 0}
    return change_counts(component, empty_component(component), data)


def write_plan(t: dict, plan: DemoPlan, cleaned: dict, org_id: int, fiscal_year: int, catalogue: dict):
    """The rows of one plan, as phrom.plans.services.create_plan and document._store/_record write them."""
    plan_id = t[Plan].take_id()
    header, scope = cleaned[HEADER], cleaned["scope"]
    t[Plan].add(
        id=plan_id, organisation_id=org_id, title=header["title"], fiscal_year=fiscal_year,
        classification=header["classification"], reviewed_on=_date(header["reviewed_on"]),
        exercised_on=_date(header["exercised_on"]), objectives=scope["objectives"], assumptions=scope["assumptions"],
        scope_text=scope["scope"], long_crisis=scope["long_crisis"], revision=1,
        component_revisions={c: 1 for c in ALL_COMPONENTS},
    )
    scenario_ids = {}
    for i, s in enumerate(scope["scenarios"]):
        scenario_ids[s["code"]] = t[PlanScenario].take_id()
        t[PlanScenario].add(
            id=scenario_ids[s["code"]], plan_id=plan_id, position=i, code=s["code"],
            scenario_id=catalogue.get(s["code"]), name_th=s.get("name_th", ""), name_en=s.get("name_en", ""),
            note=s["note"],
        )
    for i, r in enumerate(cleaned["impacts"]):
        t[Impact].add(plan_id=plan_id, position=i, scenario_id=scenario_ids[r["scenario"]], category=r["category"],
                      impacted=r["impacted"], note=r["note"])
    member_ids = {m["key"]: t[TeamMember].take_id() for m in cleaned["team"]}
    for i, m in enumerate(cleaned["team"]):
        t[TeamMember].add(
            id=member_ids[m["key"]], plan_id=plan_id, position=i, key=m["key"], name=m["name"], job_title=m["position"],
            role=m["role"], team=m["team"], phone=m["phone"], email=m["email"], line_id=m["line_id"],
            alternate_id=member_ids[m["alternate"]] if m["alternate"] else None,
        )
    for i, s in enumerate(cleaned["strategies"]):
        t[Strategy].add(plan_id=plan_id, position=i, category=s["category"], strategy=s["strategy"],
                        digital=s["digital"])
    process_ids = {p["key"]: t[Process].take_id() for p in cleaned["processes"]}
    for i, p in enumerate(cleaned["processes"]):
        t[Process].add(
            id=process_ids[p["key"]], plan_id=plan_id, position=i, key=p["key"], name=p["name"], mission=p["mission"],
            impact_level=p["impact_level"] or "", mtpd_hours=p["mtpd_hours"], rto_hours=p["rto_hours"],
            rpo_hours=p["rpo_hours"], depends_on_it=p["depends_on_it"], eservice=p["eservice"],
            impact_over_time=p["impact_over_time"],
        )
    for i, r in enumerate(cleaned["resources"]):
        t[ResourceRequirement].add(
            plan_id=plan_id, position=i, process_id=process_ids.get(r["process"]), category=r["category"],
            item=r["item"], unit=r["unit"], **{f"qty_{p}": r["quantities"].get(p) for p in PERIODS},
        )
    for i, s in enumerate(cleaned["procedures"]):
        t[ProcedureStep].add(plan_id=plan_id, position=i, window=s["window"], order=s["order"], activity=s["activity"],
                             owner_id=member_ids.get(s["owner"]), process_id=process_ids.get(s["process"]))
    for i, r in enumerate(cleaned["call_tree"]):
        t[CallTreeLink].add(plan_id=plan_id, position=i, caller_id=member_ids.get(r["caller"]),
                            callee_id=member_ids[r["callee"]], order=r["order"], channel=r["channel"])
    t[PlanAudit].add(plan_id=plan_id, action=PlanAudit.Action.CREATE,
                     detail={"fiscal_year": fiscal_year, "template": plan.template, "demo": True, "demo_tier": plan.tier})
    for c in ALL_COMPONENTS:
        changes = _changes(c, cleaned[c])
        t[PlanVersion].add(plan_id=plan_id, number=1, component=c, data=cleaned[c], changes=changes)
        t[PlanAudit].add(plan_id=plan_id, action=PlanAudit.Action.SAVE, component=c, version=1,
                         detail={"changes": changes})


# Parents before children, for databases that check foreign keys at once.
ORDER = (Plan, PlanScenario, Impact, TeamMember, Strategy, Process, ResourceRequirement, ProcedureStep, CallTreeLink,
         PlanVersion, PlanAudit)


def load_plans(specs: list[OrgSpec], *, today: datetime.date | None = None) -> PlanLoadResult:
    """Give the selected demo organisations their plan for the current fiscal year, if they have none."""
    today = today or bangkok_today()
    fiscal_year = fiscal_year_of(today)
    result = PlanLoadResult(fiscal_year=fiscal_year)
    chosen = select(specs)
    result.selected = len(chosen)
    org_ids = dict(Organisation.objects.filter(code__in=[s.code for s in chosen]).values_list("code", "pk"))
    having = set(
        Plan.objects.filter(fiscal_year=fiscal_year, organisation_id__in=org_ids.values())
        .values_list("organisation_id", flat=True)
    )
    todo = [s for s in chosen if s.code in org_ids and org_ids[s.code] not in having]
    result.existing = len(chosen) - len(todo)
    if not todo:
        return result
    templates = {t.code: t for t in starter_templates()}
    required = required_scenarios([org_ids[s.code] for s in todo])
    catalogue = dict(Scenario.objects.values_list("code", "id"))
    catalogue_codes = set(catalogue)
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The ids are taken from max + 1: nobody else may insert into these tables until the commit.
            # (SQLite's transactions here take the write lock at their start.)
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in KEYED)
            cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
        tables = {model: _Table(model, now) for model in ORDER}
        for start in range(0, len(todo), CHUNK):
            for spec in todo[start:start + CHUNK]:
                org_id = org_ids[spec.code]
                plan = make_plan(spec, template_for(spec, templates), today=today, required=required.get(org_id, ()))
                cleaned = clean_document(plan.document, catalogue=catalogue_codes, today=today)
                write_plan(tables, plan, cleaned, org_id, fiscal_year, catalogue)
                result.tiers[plan.tier] += 1
                result.sensitive += plan.sensitive
                result.created += 1
            for model in ORDER:
                tables[model].flush(cursor)
        for sql in connection.ops.sequence_reset_sql(no_style(), list(KEYED)):
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            # Tables that grew from nothing to a million rows: without fresh statistics the planner takes
            # them for empty and reads a plan's rows by scanning whole tables until autovacuum comes by.
            for model in ORDER:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return result
