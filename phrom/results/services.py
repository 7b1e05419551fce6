"""Every change of exercises, events, results and corrective actions, one function each, each in one
transaction. Permissions are asked by the callers (views and API); these functions check the input
and the state: an event ending before it starts, a recovery time that is not a duration, a
corrective action without an owner or due date, an edit on a result someone has just changed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from phrom.core.errors import InvalidInput, PhromError
from phrom.core.messages import both
from phrom.core.thaidates import fiscal_year
from phrom.orgs.models import Organisation
from phrom.plans.codes import COMPONENTS, Category, Classification
from phrom.plans.content import document_at
from phrom.plans.formatting import parse_duration, parse_number
from phrom.plans.models import Plan, Scenario

from .models import (
    CorrectiveAction,
    Event,
    Exercise,
    ExerciseScenario,
    ExerciseType,
    ProcessRecovery,
    Result,
    TrainingNeed,
    TrainingSkill,
)

OBJECTIVE_STATUSES = ("met", "partly", "not_met")
RATINGS = ("usable", "partly", "unusable")


class Refusals:
    """Collects what is wrong with an input, field by field, and refuses it all at once."""

    def __init__(self):
        self.errors: list[dict] = []

    def add(self, path: str, msgid: str, **params) -> None:
        th, en = both(msgid, **params)
        self.errors.append({"path": path, "message_th": th, "message_en": en})

    def raise_any(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors, "results_invalid")


def _plan_of(org: Organisation, day: datetime.date) -> Plan | None:
    """The agency's plan carried out on that day: the latest of the fiscal years up to that day's."""
    return (Plan.objects.filter(organisation=org, fiscal_year__lte=fiscal_year(day))
            .order_by("-fiscal_year").first())


def _new_result(kind: str, occasion, org: Organisation, day: datetime.date, user) -> Result:
    plan = _plan_of(org, day)
    result = Result.objects.create(
        kind=kind, organisation=org, occurred_on=day, fiscal_year=fiscal_year(day), recorded_by=user, plan=plan, hazard_id=occasion.hazard_id,
        plan_version=plan.revision if plan else None,
        sensitive=bool(plan and plan.classification == Classification.SENSITIVE),
        **{kind: occasion})
    if plan is not None:  # the processes of the version carried out, with their RTO and MTPD as planned
        processes = document_at(plan, plan.revision).get("processes") or []
        ProcessRecovery.objects.bulk_create(
            ProcessRecovery(result=result, position=i, process_key=p["key"], process_name=p.get("name", ""),
                            rto_hours=p.get("rto_hours"), mtpd_hours=p.get("mtpd_hours"))
            for i, p in enumerate(processes))
    return result


def _check_text(refusals: Refusals, path: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        refusals.add(path, gettext_noop("This is required."))
    return value


@transaction.atomic
def record_exercise(user, *, organiser: Organisation, participants: Iterable[Organisation], kind: str, title: str,
                    held_on: datetime.date, hazard: Scenario, scenario: ExerciseScenario | None = None,
                    objectives: Iterable[str] = ()) -> Exercise:
    """An exercise, with an empty result for each agency taking part (each records its own)."""
    refusals = Refusals()
    title = _check_text(refusals, "title", title)
    if kind not in ExerciseType.values:
        refusals.add("kind", gettext_noop("Choose a type of exercise."))
    participants = list(participants)
    if not participants:
        refusals.add("participants", gettext_noop("Choose at least one agency taking part."))
    refusals.raise_any()
    exercise = Exercise.objects.create(
        organiser=organiser, kind=kind, title=title, held_on=held_on, hazard=hazard, scenario=scenario,
        objectives=[o.strip() for o in objectives if o.strip()], created_by=user)
    for org in participants:
        result = _new_result(Result.Kind.EXERCISE, exercise, org, held_on, user)
        result.objectives = [{"objective": o, "status": ""} for o in exercise.objectives]
        result.save(update_fields=["objectives"])
    return exercise


@transaction.atomic
def record_event(user, *, reporter: Organisation, organisations: Iterable[Organisation], title: str, hazard: Scenario,
                 area: str, started_at: datetime.datetime, ended_at: datetime.datetime | None) -> Event:
    """A real event, with an empty result for each agency it affected."""
    refusals = Refusals()
    title = _check_text(refusals, "title", title)
    if ended_at is not None and ended_at < started_at:
        refusals.add("ended_at", gettext_noop("The event cannot end before it starts."))
    organisations = list(organisations)
    if not organisations:
        refusals.add("organisations", gettext_noop("Choose at least one agency affected."))
    refusals.raise_any()
    event = Event.objects.create(reporter=reporter, title=title, hazard=hazard, area=area.strip(),
                                 started_at=started_at, ended_at=ended_at, created_by=user)
    day = timezone.localtime(started_at).date()
    for org in organisations:
        _new_result(Result.Kind.EVENT, event, org, day, user)
    return event


@transaction.atomic
def end_event(user, event: Event, ended_at: datetime.datetime) -> Event:
    refusals = Refusals()
    if ended_at < event.started_at:
        refusals.add("ended_at", gettext_noop("The event cannot end before it starts."))
    refusals.raise_any()
    event.ended_at = ended_at
    event.save(update_fields=["ended_at"])
    return event


def _number(refusals: Refusals, path: str, value, *, minimum=0):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        refusals.add(path, gettext_noop("Enter a number, e.g. 12."))
        return None
    if number < minimum:
        refusals.add(path, gettext_noop("Enter a number of at least {minimum}."), minimum=minimum)
        return None
    return number


def _recovery_hours(refusals: Refusals, path: str, row: dict):
    """`recovered_hours`, or `recovered_amount` in `recovered_unit` (hour, day, week, month) as a page types it."""
    amount = row.get("recovered_amount")
    if amount in (None, ""):
        return _number(refusals, f"{path}.recovered_hours", row.get("recovered_hours"))
    if not row.get("recovered_unit"):
        refusals.add(f"{path}.recovered_unit", gettext_noop("Give the unit of the recovery time (hours, days, weeks, months)."))
        return None
    try:
        return 0 if str(amount).strip() in ("0", "0.0") else parse_duration(parse_number(str(amount)), row["recovered_unit"])
    except ValueError:
        refusals.add(f"{path}.recovered_amount", gettext_noop("Enter the recovery time as a number of at least 0 and a unit."))
        return None


@transaction.atomic
def save_result(user, result: Result, data: dict, *, revision: int) -> Result:
    """Write an agency's result of an exercise or event as a whole (the page's form, the API's PUT).

    `data` holds: activated_at, participants, observations, objectives [{objective, status}],
    processes [{key, recovered_hours (or recovered_amount and recovered_unit), still_down}], call_tree {reached, total, minutes},
    usability {component: {rating, reason}}, resources_short [{category, item, needed, available}],
    procedures [{step, followed}], authority_affected, authority_note, findings [{component, text}],
    improvements, training_needs [{skill, text, people}]. Refused as a whole, nothing half-saved, when any
    part is wrong or when someone else saved the result since `revision`.
    """
    refusals = Refusals()
    by_key = {p.process_key: p for p in result.processes.all()}
    recoveries = []
    for i, row in enumerate(data.get("processes") or []):
        process = by_key.get(row.get("key"))
        if process is None:
            refusals.add(f"processes[{i}].key", gettext_noop("This process is not in the plan carried out."))
            continue
        still_down = bool(row.get("still_down"))
        hours = _recovery_hours(refusals, f"processes[{i}]", row)
        if still_down and hours is not None:
            refusals.add(f"processes[{i}].recovered_hours",
                         gettext_noop("A process still down has no recovery time yet: clear one of the two."))
        process.recovered_hours, process.still_down = (None if still_down else hours), still_down
        recoveries.append(process)
    objectives = []
    for i, row in enumerate(data.get("objectives") or []):
        status = row.get("status") or ""
        if status and status not in OBJECTIVE_STATUSES:
            refusals.add(f"objectives[{i}].status", gettext_noop("Choose met, partly met or not met."))
        if (row.get("objective") or "").strip():
            objectives.append({"objective": row["objective"].strip(), "status": status})
    usability = {}
    for component, row in (data.get("usability") or {}).items():
        if component not in COMPONENTS:
            refusals.add(f"usability.{component}", gettext_noop("Unknown plan component."))
        elif row.get("rating"):
            if row["rating"] not in RATINGS:
                refusals.add(f"usability.{component}.rating", gettext_noop("Choose usable, partly usable or unusable."))
            usability[component] = {"rating": row["rating"], "reason": (row.get("reason") or "").strip()}
    resources = []
    for i, row in enumerate(data.get("resources_short") or []):
        if not (row.get("item") or "").strip():
            continue
        if row.get("category") not in Category.values:
            refusals.add(f"resources_short[{i}].category", gettext_noop("Choose a resource category."))
        resources.append({"category": row.get("category"), "item": row["item"].strip(),
                          "needed": _number(refusals, f"resources_short[{i}].needed", row.get("needed")),
                          "available": _number(refusals, f"resources_short[{i}].available", row.get("available"))})
    call_tree = {k: _number(refusals, f"call_tree.{k}", (data.get("call_tree") or {}).get(k))
                 for k in ("reached", "total", "minutes")}
    if None not in (call_tree["reached"], call_tree["total"]) and call_tree["reached"] > call_tree["total"]:
        refusals.add("call_tree.reached", gettext_noop("More people reached than are on the call tree."))
    findings = []
    for i, row in enumerate(data.get("findings") or []):
        if (row.get("text") or "").strip():
            if row.get("component") and row["component"] not in COMPONENTS:
                refusals.add(f"findings[{i}].component", gettext_noop("Unknown plan component."))
            findings.append({"component": row.get("component") or "", "text": row["text"].strip()})
    needs = []
    skills = {s.code: s for s in TrainingSkill.objects.all()}
    for i, row in enumerate(data.get("training_needs") or []):
        code, text = row.get("skill") or "", (row.get("text") or "").strip()
        if not code and not text:
            continue
        if code and code not in skills:
            refusals.add(f"training_needs[{i}].skill", gettext_noop("Choose a skill from the catalogue."))
        people = _number(refusals, f"training_needs[{i}].people", row.get("people") or 1, minimum=1)
        needs.append(TrainingNeed(result=result, skill=skills.get(code), text=text, people=int(people or 1)))
    activated_at = data.get("activated_at")
    if activated_at and result.kind == Result.Kind.EVENT and activated_at < result.event.started_at:
        refusals.add("activated_at", gettext_noop("The plan cannot be activated before the event starts."))
    refusals.raise_any()

    # Only the writer that read the current revision may save: a conflicting edit is refused.
    if Result.objects.filter(pk=result.pk, revision=revision).update(revision=F("revision") + 1) != 1:
        raise PhromError("results_conflict")
    result.refresh_from_db(fields=["revision"])
    procedures = [{"step": (r.get("step") or "").strip(), "followed": bool(r.get("followed"))}
                  for r in data.get("procedures") or [] if (r.get("step") or "").strip()]
    for name, value in {
        "activated_at": activated_at or None, "participants": (data.get("participants") or "").strip(),
        "observations": (data.get("observations") or "").strip(), "objectives": objectives,
        "call_tree": {k: v for k, v in call_tree.items() if v is not None}, "usability": usability,
        "resources_short": resources, "procedures": procedures, "authority_affected": data.get("authority_affected"),
        "authority_note": (data.get("authority_note") or "").strip(), "findings": findings,
        "improvements": (data.get("improvements") or "").strip(),
    }.items():
        setattr(result, name, value)
    result.recorded_by = user
    result.save()
    ProcessRecovery.objects.bulk_update(recoveries, ["recovered_hours", "still_down"])
    result.training_needs.all().delete()
    TrainingNeed.objects.bulk_create(needs)
    return result


@transaction.atomic
def add_corrective_action(user, result: Result, *, component: str, description: str, owner: str,
                          due_on: datetime.date | None) -> CorrectiveAction:
    refusals = Refusals()
    if component not in COMPONENTS:
        refusals.add("component", gettext_noop("Choose the plan component the action changes."))
    description = _check_text(refusals, "description", description)
    owner = (owner or "").strip()
    if not owner:
        refusals.add("owner", gettext_noop("Name who is responsible for the action."))
    if due_on is None:
        refusals.add("due_on", gettext_noop("Give the date the action is due."))
    refusals.raise_any()
    return CorrectiveAction.objects.create(result=result, organisation=result.organisation, plan=result.plan,
                                           component=component, description=description, owner=owner, due_on=due_on)


@transaction.atomic
def set_action_status(user, action: CorrectiveAction, status: str) -> CorrectiveAction:
    """Move a corrective action on; closing it waits for the plan's next version to record it answered."""
    if status not in CorrectiveAction.Status.values:
        raise PhromError("results_invalid_status")
    action.status = status
    done = status == CorrectiveAction.Status.DONE
    action.closed_at, action.closed_by = (timezone.now(), user) if done else (None, None)
    if not done:
        action.answered_in = None
    action.save(update_fields=["status", "closed_at", "closed_by", "answered_in"])
    return action


def answer_actions(plan_id: int, version: int) -> int:
    """The plan's new version answers the corrective actions closed since its previous one."""
    return CorrectiveAction.objects.filter(plan_id=plan_id, status=CorrectiveAction.Status.DONE,
                                           answered_in__isnull=True).update(answered_in=version)


@transaction.atomic
def publish_scenario(user, *, publisher: Organisation, hazard: Scenario, title: str, narrative: str, injects: list,
                     lead_office: str, expected_actions: str, participants: Iterable[Organisation]) -> ExerciseScenario:
    refusals = Refusals()
    title = _check_text(refusals, "title", title)
    narrative = _check_text(refusals, "narrative", narrative)
    clean_injects = []
    for i, row in enumerate(injects or []):
        if not (row.get("text") or "").strip():
            continue
        minute = _number(refusals, f"injects[{i}].minute", row.get("minute"))
        clean_injects.append({"minute": int(minute or 0), "text": row["text"].strip()})
    refusals.raise_any()
    scenario = ExerciseScenario.objects.create(
        publisher=publisher, hazard=hazard, title=title, narrative=narrative,
        injects=sorted(clean_injects, key=lambda r: r["minute"]), lead_office=(lead_office or "").strip(),
        expected_actions=(expected_actions or "").strip(), created_by=user)
    scenario.participants.set(participants)
    return scenario
