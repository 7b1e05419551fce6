"""The OPDC self-assessment checklist (แบบประเมินตนเองเบื้องต้น, BCP Checklist) and the BCP strategy map.

Both are derived from the plan document, not filled in twice: a checklist item that the plan data
answers is answered from it (and changes when the plan does); the others are the coordinator's
answers, stored as ChecklistAnswer rows. The strategy map is scenario → impacted resource
categories → the strategies for each.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from phrom.core.errors import PhromError
from phrom.core.messages import both, label_pair

from .checker import BUILTIN_SCENARIO_NAMES, one_year_before
from .codes import Category
from .models import ChecklistAnswer, Plan, PlanAudit


def _has_text(doc, *names):
    scope = doc.get("scope") or {}
    return all((scope.get(n) or "").strip() for n in names)


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _within_year(value, today):
    day = _date(value)
    return day is not None and day >= one_year_before(today)


def _covers(doc, code):
    return any(s.get("code") == code for s in (doc.get("scope") or {}).get("scenarios", []))


def _strategy_in(doc, category):
    return any(s.get("category") == category for s in doc.get("strategies", []))


def _all_alternates(doc):
    team = doc.get("team", [])
    return bool(team) and all(m.get("alternate") for m in team)


def _recovery_targets(doc):
    processes = doc.get("processes", [])
    return bool(processes) and all(p.get("rto_hours") is not None for p in processes)


def _data_backed_up(doc):
    processes = [p for p in doc.get("processes", []) if p.get("depends_on_it")]
    return _strategy_in(doc, "it") and all(p.get("rpo_hours") is not None for p in processes)


def _digital(doc):
    return any(s.get("digital") for s in doc.get("strategies", [])) or any(
        p.get("eservice") for p in doc.get("processes", [])
    )


@dataclass(frozen=True)
class Item:
    code: str
    text: str  # English msgid; Thai in the catalogue
    component: str  # where to look or fix, for linking
    auto: Callable | None = None  # (doc, today) -> bool; None: the coordinator answers


ITEMS = [
    Item("objectives", gettext_noop("The plan states its objectives, assumptions and scope."), "scope",
         lambda d, t: _has_text(d, "objectives", "assumptions", "scope")),
    Item("scenarios", gettext_noop("The plan names the crisis scenarios it covers and their impact on critical resources."),
         "impacts", lambda d, t: bool((d.get("scope") or {}).get("scenarios")) and bool(d.get("impacts"))),
    Item("epidemic", gettext_noop("The plan covers a continuing epidemic or emerging infectious disease."), "scope",
         lambda d, t: _covers(d, "epidemic")),
    Item("long_crisis", gettext_noop("The plan holds for a crisis longer than one month."), "scope",
         lambda d, t: bool((d.get("scope") or {}).get("long_crisis"))),
    Item("team", gettext_noop("A BCP team with a head, a coordinator and defined roles has been appointed."), "team",
         lambda d, t: {"head", "coordinator"} <= {m.get("role") for m in d.get("team", [])}),
    Item("alternates", gettext_noop("Every key person of the BCP team has an alternate."), "team",
         lambda d, t: _all_alternates(d)),
    Item("strategies", gettext_noop("Continuity strategies are set for the affected resource categories."), "strategies",
         lambda d, t: bool(d.get("strategies"))),
    Item("alternate_site", gettext_noop("An alternate workplace is arranged."), "strategies",
         lambda d, t: _strategy_in(d, Category.BUILDING)),
    Item("digital", gettext_noop("e-Services or digital technology keep services going without the counter."), "strategies",
         lambda d, t: _digital(d)),
    Item("bia", gettext_noop("Critical processes are identified with their impact and recovery time objectives."),
         "processes", lambda d, t: _recovery_targets(d)),
    Item("data_backup", gettext_noop("Critical data is backed up with a recovery point objective."), "processes",
         lambda d, t: _data_backed_up(d)),
    Item("resources", gettext_noop("The resources needed to recover each critical process are listed."), "resources",
         lambda d, t: bool(d.get("resources"))),
    Item("procedures", gettext_noop("Recovery procedures with a responsible person for each step are written."),
         "procedures", lambda d, t: bool(d.get("procedures")) and all(s.get("owner") for s in d["procedures"])),
    Item("call_tree", gettext_noop("A call tree sets who alerts whom in an emergency."), "call_tree",
         lambda d, t: bool(d.get("call_tree"))),
    Item("reviewed", gettext_noop("The plan has been reviewed in the last 12 months."), "header",
         lambda d, t: _within_year(d.get("reviewed_on"), t)),
    Item("exercised", gettext_noop("The plan has been exercised (drilled) in the last 12 months."), "header",
         lambda d, t: _within_year(d.get("exercised_on"), t)),
    Item("approved", gettext_noop("The head of the agency has approved the plan."), "header"),
    Item("communicated", gettext_noop("The staff have been told about the plan and their roles in it."), "header"),
    Item("budget", gettext_noop("A budget and resources are set aside to carry out the plan."), "header"),
    Item("shared_resources", gettext_noop("Agreements are in place with other agencies or providers in the same area or "
                                "building to share resources in a crisis."), "header"),
    Item("lessons", gettext_noop("The plan is improved after each exercise and each real event."), "header"),
]
ITEM_CODES = {i.code for i in ITEMS}


def checklist(doc: dict, answers: dict | None = None, *, today: datetime.date) -> list[dict]:
    """Each checklist item with its answer: from the plan data where it answers it, else the coordinator's."""
    answers = answers or {}
    out = []
    for item in ITEMS:
        th, en = both(item.text)
        row = {"code": item.code, "text_th": th, "text_en": en, "component": item.component}
        if item.auto is not None:
            row.update(source="plan", answer="yes" if item.auto(doc, today) else "no", note="")
        elif item.code in answers:
            answer, note = answers[item.code]
            row.update(source="coordinator", answer=answer, note=note)
        else:
            row.update(source="coordinator", answer=None, note="")
        out.append(row)
    return out


def checklist_summary(rows: list[dict]) -> dict:
    yes = sum(1 for r in rows if r["answer"] == "yes")
    applicable = sum(1 for r in rows if r["answer"] != "na")
    return {"yes": yes, "applicable": applicable, "unanswered": sum(1 for r in rows if r["answer"] is None)}


def stored_answers(plan: Plan) -> dict:
    return {a.item: (a.answer, a.note) for a in ChecklistAnswer.objects.filter(plan=plan)}


class ChecklistError(PhromError):
    def __init__(self, msgid, **params):
        super().__init__("invalid", msgid, **params)


def answer_items(plan: Plan, answers: list[dict], *, user, ip=None) -> None:
    """Store the coordinator's answers ({item, answer, note}); items the plan data answers are refused."""
    manual = {i.code for i in ITEMS if i.auto is None}
    for a in answers:
        if a.get("item") not in ITEM_CODES:
            raise ChecklistError(gettext_noop("Unknown checklist item {item}."), item=a.get("item"))
        if a["item"] not in manual:
            raise ChecklistError(gettext_noop("The item {item} is answered from the plan itself: change the plan instead."),
                                 item=a["item"])
        if a.get("answer") not in ChecklistAnswer.Answer.values:
            raise ChecklistError(gettext_noop("Answer yes, no or na."))
    author = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        for a in answers:
            ChecklistAnswer.objects.update_or_create(
                plan=plan, item=a["item"],
                defaults={"answer": a["answer"], "note": (a.get("note") or "").strip(), "answered_by": author},
            )
        PlanAudit.objects.create(
            plan=plan, user=author, username=author.get_username() if author else "", ip=ip,
            action=PlanAudit.Action.CHECKLIST, detail={"answers": {a["item"]: a["answer"] for a in answers}},
        )


def strategy_map(doc: dict, scenario_names: dict | None = None) -> list[dict]:
    """The BCP strategy map: per covered scenario, the impacted categories and the strategies for each."""
    names = scenario_names or BUILTIN_SCENARIO_NAMES
    by_category: dict[str, list] = {}
    for s in doc.get("strategies", []):
        by_category.setdefault(s.get("category"), []).append({"strategy": s.get("strategy"), "digital": s.get("digital")})
    labels = {c.value: label_pair(c.label) for c in Category}
    out = []
    for s in (doc.get("scope") or {}).get("scenarios", []):
        code = s.get("code")
        th, en = (s.get("name_th"), s.get("name_en") or s.get("name_th")) if s.get("name_th") else names.get(code, (code, code))
        categories = []
        for r in doc.get("impacts", []):
            if r.get("scenario") == code and r.get("impacted", True):
                cat = r.get("category")
                categories.append({
                    "category": cat, "label_th": labels.get(cat, (cat, cat))[0], "label_en": labels.get(cat, (cat, cat))[1],
                    "note": r.get("note", ""), "strategies": by_category.get(cat, []),
                })
        out.append({"scenario": code, "name_th": th, "name_en": en, "categories": categories})
    return out
