"""Writing plans: the one writer of the plan tables, for one plan at a time and for many new plans at once.

Every write of a plan's content goes through `apply_component` (one component, from an editor that
loaded it at a known revision), `apply_document` (all components: templates, copies, imports into an
existing plan) or `create_plans` (new plans in bulk: imports, the demo). All three store the
components as the field table says (phrom.plans.content.fields) and record one PlanVersion row per
changed component and a PlanAudit row; the first two in one transaction with the plan row locked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import DateField, GenericIPAddressField, JSONField, Max
from django.utils import timezone

from phrom.accounts.names import display_name

from ..codes import ALL_COMPONENTS, COMPONENTS, Status
from ..models import (
    Plan,
    PlanAudit,
    PlanScenario,
    PlanVersion,
    Process,
    Scenario,
    TeamMember,
)
from .audit import Saved, author_of, record_save, username_of
from .diff import counts_from_empty
from .errors import PlanValidationError, StaleComponent
from .fields import PLAN_COLUMNS, REFS, ROWS, plan_values, row_values
from .read import component_document, latest_version_data
from .shape import empty_component
from .validate import Refs, catalogue_codes, clean_component, clean_document, unknown_component

# Saving one component can change another through the references: removing a member empties
# the steps it owned and drops its call-tree links; removing a scenario drops its impact rows.
DEPENDENTS = {
    "scope": ("impacts",),
    "team": ("procedures", "call_tree"),
    "processes": ("resources", "procedures"),
}


# --------------------------------------------------------------------------- one plan


def apply_component(plan: Plan, component: str, data, *, user, expected_revision: int, ip=None,
                    summary: str = "", action: str = PlanAudit.Action.SAVE, detail: dict | None = None) -> Saved:
    """Save one component from an editor that loaded it at `expected_revision`.

    Raises StaleComponent if the component was saved since, PlanValidationError if the data is
    not valid. Saving identical data changes nothing and returns `changed=False`.
    """
    if component not in ALL_COMPONENTS:
        raise PlanValidationError([unknown_component(component)])
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        current = locked.component_revision(component)
        if expected_revision is None or int(expected_revision) != current:
            last = PlanVersion.objects.filter(plan=locked, component=component).order_by("-number").select_related(
                "author"
            ).first()
            raise StaleComponent(
                component, expected_revision, current,
                changed_by=display_name(last.author) if last and last.author else "",
                changed_at=last.created_at if last else None, version=last.number if last else None,
            )
        # The scope's scenarios are checked against the catalogue and stored by its ids: read once.
        catalogue = dict(Scenario.objects.values_list("code", "id")) if component == "scope" else None
        cleaned = clean_component(component, data, _refs_for(locked, component, catalogue))
        watched = (component, *DEPENDENTS.get(component, ()))
        previous = latest_version_data(locked, watched)
        if cleaned == previous[component]:
            copy_state(plan, locked)
            return Saved(version=locked.revision, revisions={component: current}, changed=False,
                         data={component: cleaned})
        removed = _store(locked, component, cleaned, catalogue)
        # The cleaned input is exactly what the tables now give back (tests/plans: round trips).
        new_docs = {component: cleaned}
        if removed:
            for dep in DEPENDENTS.get(component, ()):
                dep_doc = component_document(locked, dep)
                if dep_doc != previous[dep]:
                    new_docs[dep] = dep_doc
        saved = record_save(locked, new_docs, previous, user=user, action=action, ip=ip,
                            summary=summary, primary=component, detail=detail)
    copy_state(plan, locked)
    return saved


def copy_state(target: Plan, source: Plan):
    """Keep the caller's Plan object in step with the row just written."""
    if target is not source:
        for f in Plan._meta.concrete_fields:
            setattr(target, f.attname, getattr(source, f.attname))


def apply_document(plan: Plan, doc: dict, *, user, ip=None, summary: str = "", action: str = PlanAudit.Action.SAVE,
                   record_all: bool = False, header: bool = True, cleaned: bool = False) -> Saved:
    """Replace the whole content of the plan by `doc` (templates, copies, imports), as one version.

    With header=False the document's title, classification and dates are left as they are.
    cleaned=True: `doc` is already the output of clean_document (component -> canonical data).
    """
    cleaned = doc if cleaned else clean_document(doc)
    components = ALL_COMPONENTS if header else COMPONENTS
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        previous = latest_version_data(locked, components) if locked.revision else {
            c: empty_component(c) for c in components
        }
        for c in components:
            _store(locked, c, cleaned[c])
        # Cleaned data is exactly what the tables give back (round-trip tests), so no re-read.
        new_docs = {c: cleaned[c] for c in components if record_all or cleaned[c] != previous[c]}
        if not new_docs:
            copy_state(plan, locked)
            return Saved(version=locked.revision, revisions={}, changed=False)
        saved = record_save(locked, new_docs, previous, user=user, action=action, ip=ip, summary=summary)
    copy_state(plan, locked)
    return saved


def _refs_for(plan: Plan, component: str, catalogue: dict | None = None) -> Refs:
    refs = Refs()
    if component == "scope":
        refs.catalogue = set(catalogue) if catalogue is not None else catalogue_codes()
    if component == "impacts":
        refs.scenarios = set(PlanScenario.objects.filter(plan=plan).values_list("code", flat=True))
    if component in ("procedures", "call_tree"):
        refs.members = set(TeamMember.objects.filter(plan=plan).values_list("key", flat=True))
    if component in ("procedures", "resources"):
        refs.processes = set(Process.objects.filter(plan=plan).values_list("key", flat=True))
    return refs


def _stored_ids(plan: Plan, component: str, data, skip: str | None, catalogue: dict | None = None) -> dict[str, dict]:
    """For each reference the component's columns make: key -> id of the rows stored now (catalogue:
    code -> id of every scenario, if read already)."""
    rows = ROWS[component]
    ids = {}
    for column in rows.columns:
        if column.ref is None or column.ref == skip or column.ref in ids:
            continue
        if column.ref == "catalogue":
            codes = {column.value(item) for item in rows.items(data)}
            ids[column.ref] = ({c: catalogue[c] for c in codes if c in catalogue} if catalogue is not None
                               else dict(Scenario.objects.filter(code__in=codes).values_list("code", "id")))
        else:
            target = REFS[column.ref]
            ids[column.ref] = dict(target.model.objects.filter(plan=plan).values_list(target.identity[0], "id"))
    return ids


def _store(plan: Plan, component: str, data, catalogue: dict | None = None) -> set:
    """Write one cleaned component to the tables (the Plan row's columns are set, not saved);
    returns the identities of the rows removed. catalogue: as _stored_ids."""
    for name, value in plan_values(component, data).items():
        setattr(plan, name, value)
    if component not in ROWS:
        return set()
    rows = ROWS[component]
    # A reference to the component's own rows (a member's alternate) is written once they all exist.
    own = [c for c in rows.columns if rows.key is not None and c.ref == rows.key]
    skip = rows.key if own else None
    values = row_values(component, data, _stored_ids(plan, component, data, skip, catalogue), skip=skip)
    ids, removed = _sync(rows.model, plan, values, rows.identify)
    if own:
        names = [c.name for c in own]
        current = {r["id"]: r for r in rows.model.objects.filter(plan=plan).values("id", *names)}
        changed = []
        for row, item in zip(values, rows.items(data), strict=True):
            pk = ids[rows.identify(row)]
            wanted = {c.name: ids.get(c.value(item)) if c.value(item) else None for c in own}
            if any(current[pk][n] != wanted[n] for n in names):
                changed.append(rows.model(id=pk, **wanted))
        if changed:
            rows.model.objects.bulk_update(changed, names, batch_size=500)
    return removed


def _sync(model, plan: Plan, rows: list[dict], identity) -> tuple[dict, set]:
    """Make the plan's rows of `model` equal to `rows`, touching only what differs.

    Rows are matched by `identity` (a key, a natural key or the position), so that unchanged rows
    keep their ids (and the foreign keys pointing at them). Returns (identity -> id, removed identities).
    """
    fields = list(rows[0]) if rows else []
    existing = {}
    for r in model.objects.filter(plan=plan).values("id", *fields) if fields else model.objects.filter(plan=plan).values("id"):
        existing[identity(r) if fields else r["id"]] = r
    ids, to_update, to_create = {}, [], []
    for row in rows:
        ident = identity(row)
        old = existing.pop(ident, None)
        if old is None:
            to_create.append(model(plan=plan, **row))
        else:
            ids[ident] = old["id"]
            if any(old[f] != row[f] for f in fields):
                to_update.append(model(id=old["id"], plan=plan, **row))
    removed = set(existing)
    if existing:
        model.objects.filter(id__in=[r["id"] for r in existing.values()]).delete()
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    if to_create:
        created = model.objects.bulk_create(to_create, batch_size=500)
        for obj in created:
            ids[identity({f: getattr(obj, f) for f in fields})] = obj.pk
    return ids, removed


# --------------------------------------------------------------------------- new plans in bulk


@dataclass
class NewPlan:
    """One plan to create: `cleaned` is the output of clean_document (component -> canonical data)."""

    organisation_id: int
    fiscal_year: int
    cleaned: dict
    status: str = Status.DRAFT
    version: int = 1
    detail: dict = field(default_factory=dict)  # extra facts for the "create" audit entry
    plan: Plan | None = None  # set by create_plans


# Parents before children, for databases that check foreign keys at once.
ORDER = (Plan, *(ROWS[c].model for c in COMPONENTS), PlanVersion, PlanAudit)
# Tables whose ids are given here, because other rows of the same write refer to them.
KEYED = (Plan, PlanScenario, TeamMember, Process)
MAX_ID_BLOCK = 4096


class _Table:
    """Rows of one model, written with a few statements: the model's concrete columns, each value prepared
    by its field as the ORM would prepare it (a model instance per row would cost more than the rest of
    the write together). Columns a row does not give take the field's default (auto_now fields: now)."""

    def __init__(self, model, now):
        self.model = model
        keyed = model in KEYED
        self.fields = [f for f in model._meta.concrete_fields if keyed or not f.primary_key]
        preparers = [self._preparer(f) for f in self.fields]
        self.defaults = {}  # attname -> the prepared value
        for f, prepare in zip(self.fields, preparers, strict=True):
            if f.primary_key:
                continue
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            value = now if auto else f.get_default()
            self.defaults[f.attname] = prepare(value) if prepare is not None and value is not None else value
        self.columns = [(f.attname, self.defaults.get(f.attname)) for f in self.fields]
        self.prepared = [(i, f.attname, prepare) for i, (f, prepare) in enumerate(zip(self.fields, preparers, strict=True))
                         if prepare is not None]
        qn = connection.ops.quote_name
        self.table, columns = qn(model._meta.db_table), ", ".join(qn(f.column) for f in self.fields)
        self.insert = f"INSERT INTO {self.table} ({columns}) VALUES "
        self.values = "({})".format(", ".join(["%s"] * len(self.fields)))
        self.copy = f"COPY {self.table} ({columns}) FROM STDIN"
        self.rows: list[list] = []
        self.free_ids: list[int] = []
        self.block = 8  # PostgreSQL: the size of the last block of ids taken (doubled at each refill)
        self.next_id = None

    @staticmethod
    def _preparer(f):
        if isinstance(f, JSONField) and connection.vendor == "sqlite":
            # The same JSON value the field would store, with Thai as UTF-8 rather than \u escapes:
            # half the size on disk. PostgreSQL stores jsonb whatever the text, so the field prepares it.
            return lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))
        if isinstance(f, JSONField | DateField):  # DateTimeField is a DateField
            return lambda v: f.get_db_prep_save(v, connection)
        if isinstance(f, GenericIPAddressField):
            return f.get_prep_value
        return None

    def take_id(self) -> int:
        """A new row id. PostgreSQL hands them out from the table's sequence, in blocks, so that other
        writers are never in the way; elsewhere (SQLite, whose transactions here take the write lock at
        their start) they follow the largest id."""
        if connection.vendor == "postgresql":
            if not self.free_ids:
                # Blocks that grow with the write: a one-plan import spends few numbers, a national one few queries.
                self.block = min(self.block * 2, MAX_ID_BLOCK)
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                        [self.model._meta.db_table, self.block],
                    )
                    self.free_ids = [r[0] for r in cursor.fetchall()][::-1]
            return self.free_ids.pop()
        if self.next_id is None:
            self.next_id = (self.model.objects.aggregate(n=Max("id"))["n"] or 0) + 1
        self.next_id += 1
        return self.next_id - 1

    def add(self, values: dict):
        row = [values[name] if name in values else default for name, default in self.columns]
        for i, name, prepare in self.prepared:  # the defaults are prepared already
            if name in values and row[i] is not None:
                row[i] = prepare(row[i])
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


class NewPlans:
    """The rows of new plans, gathered by `add` and written by `flush` with a few statements per table.

    Each plan gets what creating it and saving its whole document would leave behind: the Plan row
    with every component at revision 1 and the version `item.version`, the component tables, one
    PlanVersion per component and the audit trail (created, then each component saved). Row ids are
    given here, so that a member's alternate, a step's owner or a call-tree link points at its row in
    the same insert. Use inside a transaction; flush as often as memory requires.
    """

    def __init__(self, *, user=None, ip=None, summary: str = ""):
        author = author_of(user)
        self.author_id = author.pk if author else None
        self.username, self.ip, self.summary = username_of(user), ip, summary[:500]
        self.tables = {model: _Table(model, timezone.now()) for model in ORDER}
        self.catalogue = dict(Scenario.objects.values_list("code", "id"))
        self.revisions = {c: 1 for c in ALL_COMPONENTS}

    def add(self, item: NewPlan) -> int:
        """Gather the rows of one plan; returns its id."""
        t, cleaned = self.tables, item.cleaned
        plan_id = t[Plan].take_id()
        header = {name: value for c in PLAN_COLUMNS for name, value in plan_values(c, cleaned[c]).items()}
        t[Plan].add({
            "id": plan_id, "organisation_id": item.organisation_id, "fiscal_year": item.fiscal_year,
            "status": item.status, "revision": item.version, "component_revisions": self.revisions,
            "created_by_id": self.author_id, "updated_by_id": self.author_id, **header,
        })
        ids = {"catalogue": self.catalogue}
        for c in COMPONENTS:
            rows = ROWS[c]
            table = t[rows.model]
            if rows.key is not None:
                key = next(col for col in rows.columns if col.name == rows.identity[0])
                ids[rows.key] = {key.value(item_row): table.take_id() for item_row in rows.items(cleaned[c])}
                for row in row_values(c, cleaned[c], ids):
                    table.add({"id": ids[rows.key][row[rows.identity[0]]], "plan_id": plan_id, **row})
            else:
                for row in row_values(c, cleaned[c], ids):
                    table.add({"plan_id": plan_id, **row})
        who = {"user_id": self.author_id, "username": self.username, "ip": self.ip}
        t[PlanAudit].add({"plan_id": plan_id, **who, "action": PlanAudit.Action.CREATE,
                          "detail": {"fiscal_year": item.fiscal_year, **item.detail}})
        for c in ALL_COMPONENTS:
            changes = counts_from_empty(c, cleaned[c])
            t[PlanVersion].add({"plan_id": plan_id, "number": item.version, "component": c, "data": cleaned[c],
                                "author_id": self.author_id, "summary": self.summary, "changes": changes})
            t[PlanAudit].add({"plan_id": plan_id, **who, "version": item.version, "component": c,
                              "action": PlanAudit.Action.SAVE, "detail": {"changes": changes}})
        return plan_id

    def flush(self):
        with connection.cursor() as cursor:
            for model in ORDER:
                self.tables[model].flush(cursor)


def create_plans(items: list[NewPlan], *, user, ip=None, summary: str = "") -> list[Plan]:
    """Create every plan of `items` with its content as one version (imports); sets `item.plan`."""
    if not items:
        return []
    with transaction.atomic():
        writer = NewPlans(user=user, ip=ip, summary=summary)
        ids = [writer.add(item) for item in items]
        writer.flush()
    stored = Plan.objects.select_related("organisation").in_bulk(ids)
    for item, pk in zip(items, ids, strict=True):
        item.plan = stored[pk]
    return [item.plan for item in items]
