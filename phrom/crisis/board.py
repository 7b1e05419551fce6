"""What the pages and the API show of an activation: the people alerted with their messages and
answers (those who need help first), the procedures by time window with the steps ticked, the
critical processes' RTO clocks, the export, and the open activations a person follows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from phrom.accounts import permissions
from phrom.core.errors import in_language
from phrom.core.thaidates import format_date
from phrom.plans.codes import TeamRole, Window
from phrom.plans.content import document_at
from phrom.plans.quality import check_stored_plan

from . import alerts
from .models import Activation, Answer, Message, Recipient
from .report import answers_over_time

RTO_WARNING = 0.8  # share of a process's RTO gone when the board warns that it is near
# Order of the people on the board: who needs help, who has not answered, then who has.
_NEED_HELP, _SILENT, _ANSWERED = 0, 1, 2


@dataclass
class Person:
    recipient: Recipient
    caller: str  # name of who alerts them ("" : alerted first)
    started_at: datetime.datetime  # the activation's start: the clock of someone answering before their alert
    messages: list[Message] = field(default_factory=list)
    stands_in_for: list[str] = field(default_factory=list)  # names of silent people they were alerted in place of

    @property
    def minutes_to_answer(self) -> int | None:
        r = self.recipient
        if r.answered_at is None:
            return None
        since = r.alerted_at or self.started_at
        return max(0, round((r.answered_at - since).total_seconds() / 60))

    @property
    def rank(self) -> int:
        if self.recipient.answer == Answer.NEED_HELP:
            return _NEED_HELP
        return _SILENT if self.recipient.answered_at is None else _ANSWERED


def people(activation: Activation) -> list[Person]:
    """Everyone on the activation, those who need help first, then the silent, then who answered."""
    recipients = list(activation.recipients.all())
    names = {r.key: r.name for r in recipients}
    out = {}
    for r in recipients:
        out[r.pk] = Person(r, names.get(r.caller_key, ""), activation.started_at)
    for m in activation.messages.select_related("about").order_by("pk"):
        person = out.get(m.recipient_id)
        if person is None:
            continue
        if m.kind != Message.Kind.SILENCE:
            person.messages.append(m)
        if m.kind == Message.Kind.STAND_IN and m.about and m.about.name not in person.stands_in_for:
            person.stands_in_for.append(m.about.name)
    return sorted(out.values(), key=lambda p: (p.rank, p.recipient.position))


@dataclass
class Step:
    index: int  # in snapshot["procedures"]: what services.mark_step takes
    activity: str
    owner: str
    process: str
    done_at: datetime.datetime | None = None
    done_by: str = ""


def procedures(activation: Activation) -> list[tuple[str, list[Step]]]:
    """The snapshot's procedures as a checklist: (time window label, its steps in order)."""
    snap = activation.snapshot
    members = {m.get("key"): m.get("name") or "" for m in snap.get("team", [])}
    processes = {p.get("key"): p.get("name") or "" for p in snap.get("processes", [])}
    done = {d.step: d for d in activation.steps_done.all()}
    groups: dict[str, list[tuple]] = {w: [] for w in Window.values}
    for i, s in enumerate(snap.get("procedures", [])):
        step = Step(i, s.get("activity") or "", members.get(s.get("owner"), ""), processes.get(s.get("process"), ""))
        if i in done:
            step.done_at, step.done_by = done[i].done_at, done[i].done_by_name
        order = s.get("order") if isinstance(s.get("order"), int | float) else 0
        groups.setdefault(s.get("window") or "", []).append((order, i, step))
    labels = dict(Window.choices)
    return [(str(labels.get(w, w or "—")), [step for _o, _i, step in sorted(rows, key=lambda r: r[:2])])
            for w, rows in groups.items() if rows]


@dataclass
class Clock:
    name: str
    rto_hours: float
    elapsed_hours: float
    steps_done: int
    steps: int

    @property
    def share(self) -> float:
        return self.elapsed_hours / self.rto_hours if self.rto_hours else 1.0

    @property
    def state(self) -> str:
        """"passed", "near" (RTO_WARNING of it gone) or "ok"."""
        if self.share >= 1:
            return "passed"
        return "near" if self.share >= RTO_WARNING else "ok"

    @property
    def percent(self) -> int:
        return min(100, round(self.share * 100))

    @property
    def elapsed(self) -> str:
        """The time since the start as a person reads it: "24 minutes", "7 h 5 min" (not "0.4 h")."""
        minutes = int(self.elapsed_hours * 60)
        if minutes < 60:
            return _("%(minutes)s min") % {"minutes": minutes}
        return _("%(hours)s h %(minutes)s min") % {"hours": minutes // 60, "minutes": minutes % 60}


def clocks(activation: Activation, now: datetime.datetime | None = None) -> list[Clock]:
    """Each critical process of the snapshot (one with an RTO) against the time since the activation
    started (until it closed), the soonest RTO first."""
    end = activation.closed_at or now or timezone.now()
    elapsed = max(0.0, (end - activation.started_at).total_seconds() / 3600)
    snap = activation.snapshot
    done = set(activation.steps_done.values_list("step", flat=True))
    out = []
    for p in snap.get("processes", []):
        rto = p.get("rto_hours")
        if not isinstance(rto, int | float) or rto <= 0:
            continue
        steps = [i for i, s in enumerate(snap.get("procedures", [])) if s.get("process") == p.get("key")]
        out.append(Clock(p.get("name") or "", float(rto), elapsed, len([i for i in steps if i in done]), len(steps)))
    return sorted(out, key=lambda c: c.rto_hours)


def chart(activation: Activation, now: datetime.datetime | None = None) -> dict:
    """The share of the team that has answered over the minutes since the start (ECharts' data)."""
    end = activation.closed_at or now or timezone.now()
    points = [[0, 0.0], *[[m, round(share * 100, 1)] for m, share in answers_over_time(activation)]]
    minutes = round((end - activation.started_at).total_seconds() / 60, 1)
    if minutes > points[-1][0]:
        points.append([minutes, points[-1][1]])
    return {"points": points, "labels": {"x": _("minutes since the start"), "y": _("% answered")}}


def warnings(plan) -> dict:
    """What to know before activating the plan: team members no channel reaches, call tree findings."""
    document = document_at(plan)
    findings = [f for f in check_stored_plan(plan, document=document).findings if f.component == "call_tree"]
    return {"without_contact": alerts.without_contact(document.get("team", [])),
            "call_tree": [in_language(f.message_th, f.message_en) for f in findings],
            "team_size": len(document.get("team", []))}


def open_activations(user) -> list[Activation]:
    """The open activations of the agencies the person belongs to (the home page's panel)."""
    orgs = permissions.member_organisation_ids(user)
    rows = Activation.objects.filter(organisation_id__in=orgs, closed_at__isnull=True).select_related("organisation", "plan")
    return [a for a in rows if permissions.can_follow_activation(user, a.organisation)]


def open_activation(plan) -> Activation | None:
    return Activation.objects.filter(plan=plan, closed_at__isnull=True).first()


# --------------------------------------------------------------------------- export

def table(activation: Activation) -> tuple[list[str], list[list]]:
    """The board as one row per person (CSV / XLSX)."""
    header = [_("Name"), _("Position"), _("Role"), pgettext("crisis", "Team"), pgettext("crisis", "Alerted by"), _("Messages"), _("Alerted at"),
              _("Answer"), _("Note"), _("Answered at"), _("Minutes to answer"), _("Escalation steps")]
    roles, answers = dict(TeamRole.choices), dict(Answer.choices)
    channels, statuses = dict(Message.Channel.choices), dict(Message.Status.choices)
    rows = []
    for p in people(activation):
        r = p.recipient
        sent = "; ".join(f"{channels.get(m.channel, m.channel)}: {statuses.get(m.status, m.status)}" for m in p.messages)
        rows.append([r.name, r.job_title, str(roles.get(r.role, r.role)), r.team, p.caller, sent,
                     format_date(r.alerted_at, with_time=True), str(answers.get(r.answer, "")), r.note,
                     format_date(r.answered_at, with_time=True),
                     p.minutes_to_answer if p.minutes_to_answer is not None else "", r.escalation_level])
    return header, rows
