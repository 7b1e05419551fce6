"""Plans in from exchange JSON (`phrom-plan-exchange/1`, docs/exchange.md): all or nothing.

`import_plans(data, user=…)` first validates the file against the JSON Schema and collects every
error with its path; then, for the plans the schema accepts, the checks that need the database
and the plan rules: the organisation code, the permission to write its plans, one plan per
organisation and fiscal year in the file, the plan document's own validation (references between
components, duplicates, dates…) and cycles in the call tree. Any error: nothing is stored.

A plan whose organisation already has a plan for that fiscal year updates it: the changed
components become a new version (the backend's apply_document), and a plan whose content and
state are the same is left untouched — so importing the same file again changes nothing, and a
migration of historical records can be re-run without duplicates.

A state other than draft is a historical round migrated by an operator (the command line without
--user, or permissions.can_import_plan_states): anyone else's file may only keep a plan's state as
it is (campaigns set it), else the whole file is refused with the code `import_state_refused`. An
operator's state is recorded in the audit entry as `historical_version`: that version counts as
sent (phrom.campaigns.facts.last_sent_versions), as if it had left the agency through a campaign.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_noop

from phrom.accounts import permissions
from phrom.campaigns.sent import announce as announce_sent
from phrom.core.messages import both
from phrom.orgs.models import Organisation
from phrom.plans.calltree import CallTree
from phrom.plans.codes import ALL_COMPONENTS, COMPONENTS, Status
from phrom.plans.content import (
    NewPlan,
    PlanValidationError,
    apply_document,
    bangkok_today,
    catalogue_codes,
    clean_document,
    create_plans,
)
from phrom.plans.models import Plan, PlanVersion
from phrom.plans.services import set_status

from .schema import FORMAT, schema_errors

DOCUMENT_KEYS = ("format", "title", "classification", "reviewed_on", "exercised_on", *COMPONENTS)
SUMMARY = gettext_noop("Imported from a phrom-plan-exchange/1 file")
_PLAN_PATH = re.compile(r"^plans\[(\d+)\]")


@dataclass
class ImportReport:
    """What an import did, or why it did nothing: `errors` lists {path, message_th, message_en}."""

    errors: list[dict] = field(default_factory=list)
    code: str = "invalid"  # the PhromError code of a refusal (phrom.core.errors.CODES)
    created: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok, "errors": self.errors, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged,
        }


def _error(path: str, msgid: str, **params) -> dict:
    th, en = both(msgid, **params)
    return {"path": path, "message_th": th, "message_en": en}


def as_envelope(data):
    """A single plan object, a list of plans or the envelope, as the envelope."""
    if isinstance(data, list):
        return {"format": FORMAT, "plans": data}
    if isinstance(data, dict) and ("plans" in data or "format" in data and "organisation" not in data):
        return data
    return {"format": FORMAT, "plans": [data]}


def plan_document(item: dict) -> dict:
    """The `phrom-plan/1` document inside one exchange plan."""
    return {k: item[k] for k in DOCUMENT_KEYS if k in item}


def _check_plan(i: int, item: dict, orgs: dict, seen: dict, user, catalogue: set, today) -> tuple[list, dict | None]:
    """The errors of plans[i] that the schema cannot see, and its cleaned document."""
    prefix = f"plans[{i}]"
    errors = []
    org = orgs.get(item["organisation"])
    if org is None:
        errors.append(_error(f"{prefix}.organisation", gettext_noop("There is no organisation with the code {code}."),
                             code=item["organisation"]))
    elif user is not None and not permissions.can_import_plan(user, org):
        errors.append(_error(f"{prefix}.organisation",
                             gettext_noop("You may not write the plans of {org}: only its BCP coordinators may."),
                             org=org.name_th))
    pair = (item["organisation"], item["fiscal_year"])
    if pair in seen:
        errors.append(_error(f"{prefix}.fiscal_year", gettext_noop(
            "plans[{other}] is already a plan of the same organisation for fiscal year {year}: one plan per "
            "organisation and fiscal year."), other=seen[pair], year=item["fiscal_year"]))
    else:
        seen[pair] = i
    cleaned = None
    try:
        cleaned = clean_document(plan_document(item), catalogue=catalogue, today=today)
    except PlanValidationError as e:
        errors += [{**err, "path": f"{prefix}.{err['path']}" if err["path"] else prefix} for err in e.errors]
    if cleaned is not None:
        cycle = CallTree(cleaned["team"], cleaned["call_tree"]).closing_link()
        if cycle is not None:
            index, keys = cycle
            names = {m["key"]: m["name"] or m["position"] or m["key"] for m in cleaned["team"]}
            errors.append(_error(
                f"{prefix}.call_tree[{index}].callee",
                gettext_noop("The call tree goes round in a circle ({names}): each person should be alerted from above."),
                names=" → ".join(str(names.get(k, k)) for k in keys)))
    return errors, cleaned


def _refused_states(checked: list[tuple[int, dict]], orgs: dict, user) -> list[dict]:
    """The plans of a non-operator's file whose state would change the plan's status to one other
    than draft: only campaigns (and operators migrating history) give a plan such a state."""
    if _historical(user):
        return []
    stated = [(i, item) for i, item in checked if item.get("state", Status.DRAFT) != Status.DRAFT]
    if not stated:
        return []
    current = dict(
        ((org_id, year), status) for org_id, year, status in Plan.objects.filter(
            organisation__in=orgs.values(), fiscal_year__in={item["fiscal_year"] for _, item in stated}
        ).values_list("organisation_id", "fiscal_year", "status")
    )
    return [
        _error(f"plans[{i}].state", gettext_noop(
            "Only an administrator may import a plan as “{state}”: a plan's state comes from the campaigns it is "
            "sent to. Import it as draft (\"state\": \"draft\") and send it through a campaign."), state=item["state"])
        for i, item in stated
        if item["organisation"] in orgs
        and current.get((orgs[item["organisation"]].pk, item["fiscal_year"])) != item["state"]
    ]


def _latest_versions(plans: list[Plan]) -> dict[int, dict]:
    """plan id -> component -> data of its latest version: what the plan holds now."""
    out: dict[int, dict] = {p.pk: {} for p in plans}
    rows = PlanVersion.objects.filter(plan__in=plans).order_by("plan_id", "component", "number").values_list(
        "plan_id", "component", "data"
    )
    for plan_id, component, data in rows.iterator(chunk_size=2000):
        out[plan_id][component] = data
    return out


@contextmanager
def _no_cycle_collection():
    """A national file is millions of small dicts and lists, none of them in a cycle: the cyclic
    garbage collector would walk them again and again for nothing (a sixth of the import's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_plans(data, *, user, ip=None) -> ImportReport:
    """Validate and store the plans of an exchange file; with any error, store nothing.

    user=None is the server's operator (the command line); a signed-in user may write only the
    plans of agencies where they are a BCP coordinator (administrators: any).
    """
    with _no_cycle_collection():
        return _import_plans(data, user=user, ip=ip)


def _import_plans(data, *, user, ip=None) -> ImportReport:
    report = ImportReport()
    envelope = as_envelope(data)
    errors = schema_errors(envelope)
    report.errors = errors
    plans = envelope.get("plans") if isinstance(envelope, dict) else None
    if not isinstance(plans, list) or any(not _PLAN_PATH.match(e["path"]) for e in errors):
        return report  # the file itself is wrong: the plans cannot be read one by one
    broken = {int(_PLAN_PATH.match(e["path"]).group(1)) for e in errors}
    readable = [(i, p) for i, p in enumerate(plans) if i not in broken]
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={p["organisation"] for _, p in readable})}
    refused = _refused_states(readable, orgs, user)
    if refused:
        report.errors, report.code = refused, "import_state_refused"
        return report
    catalogue, today, seen = catalogue_codes(), bangkok_today(), {}
    checked = []
    for i, item in readable:
        plan_errors, cleaned = _check_plan(i, item, orgs, seen, user, catalogue, today)
        errors += plan_errors
        checked.append((i, item, cleaned))
    if errors:
        report.errors = sorted(errors, key=lambda e: _order(e["path"]))
        return report

    existing = {
        (p.organisation_id, p.fiscal_year): p
        for p in Plan.objects.filter(
            organisation__in=orgs.values(), fiscal_year__in={item["fiscal_year"] for _, item, _ in checked}
        ).select_related("organisation")
    }
    summary = both(SUMMARY)[0]
    new, updates = [], []
    for i, item, cleaned in checked:
        org = orgs[item["organisation"]]
        plan = existing.get((org.pk, item["fiscal_year"]))
        state = item.get("state", Status.DRAFT)
        if plan is None:
            version = item.get("version", 1)
            detail = {"imported": FORMAT, "state": state, "source_version": version}
            if state != Status.DRAFT:  # only an operator gets here with another state (_refused_states)
                detail["historical_version"] = version
            new.append((i, NewPlan(org.pk, item["fiscal_year"], cleaned, status=state, version=version, detail=detail)))
        else:
            updates.append((i, plan, cleaned, state))
    current = _latest_versions([plan for _, plan, _, _ in updates])
    with transaction.atomic():
        create_plans([n for _, n in new], user=user, ip=ip, summary=summary)
        # The bulk writer saves no audit rows one by one: their versions_sent signal is announced here.
        announce_sent([n.plan.pk for _, n in new if "historical_version" in n.detail])
        for i, n in new:
            report.created.append(_line(i, n.plan))
        for i, plan, cleaned, state in updates:
            stored = current.get(plan.pk, {})
            same = all(stored.get(c) == cleaned[c] for c in ALL_COMPONENTS)
            if same and plan.status == state:
                report.unchanged.append(_line(i, plan))
                continue
            if not same:
                apply_document(plan, cleaned, user=user, ip=ip, summary=summary, cleaned=True)
            if state != Status.DRAFT and _historical(user):
                # The operator says this content had this state: the version counts as sent.
                set_status(plan, state, user=user, ip=ip,
                           detail={"imported": FORMAT, "historical_version": plan.revision})
            elif plan.status != state:
                set_status(plan, state, user=user, ip=ip, detail={"imported": FORMAT})
            report.updated.append(_line(i, plan))
    return report


def _historical(user) -> bool:
    """Is the importer an operator, whose states are a historical round's?"""
    return user is None or permissions.can_import_plan_states(user)


def _line(i: int, plan: Plan) -> dict:
    return {"index": i, "organisation": plan.organisation.code, "fiscal_year": plan.fiscal_year, "plan": plan.pk,
            "version": plan.revision}


def _order(path: str) -> tuple:
    """Sort errors by plan, then as they come."""
    match = _PLAN_PATH.match(path)
    return (int(match.group(1)) if match else -1,)


def format_errors(errors: list[dict], language: str = "th") -> list[str]:
    """`path: message` lines, for the command line and the pages."""
    key = "message_en" if language == "en" else "message_th"
    return [f"{e['path'] or '(file)'}: {e[key]}" for e in errors]
