"""What an activation shows and leaves behind: the figures of the board, the timeline, and the
draft result it closes into."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from phrom.core.numbers import percent
from phrom.core.thaidates import format_date

from .models import Activation, Answer, Message


@dataclass
class Figures:
    total: int
    alerted: int
    answered: int
    need_help: int
    unreachable: int  # no message could be handed to any provider
    minutes_to_last_answer: int | None

    @property
    def share_answered(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def percent_answered(self) -> Decimal | None:
        """As the pages show it (the `percent` filter): the one rounding of shares."""
        return percent(self.answered, self.total)


def figures(activation: Activation) -> Figures:
    people = list(activation.recipients.values_list("alerted_at", "answered_at", "answer"))
    failed_everywhere = (activation.recipients.filter(alerted_at__isnull=True, answered_at__isnull=True)
                         .filter(messages__status=Message.Status.FAILED)
                         .exclude(messages__status__in=[Message.Status.CREATED, Message.Status.SENDING,
                                                        Message.Status.SENT]).distinct().count())
    no_message = activation.recipients.filter(messages__isnull=True, alerted_at__isnull=True).count()
    answers = [a for _al, a, _ans in people if a]
    last = max(answers, default=None)
    return Figures(
        total=len(people), alerted=sum(1 for al, _a, _ans in people if al), answered=len(answers),
        need_help=sum(1 for _al, a, ans in people if ans == Answer.NEED_HELP),
        unreachable=failed_everywhere + (no_message if activation.mode == Activation.Mode.ALL else 0),
        minutes_to_last_answer=round((last - activation.started_at).total_seconds() / 60) if last else None,
    )


def answers_over_time(activation: Activation) -> list[tuple[int, float]]:
    """(minutes since the start, share of the team that has answered) at each answer: the chart."""
    total = activation.recipients.count()
    times = sorted(activation.recipients.filter(answered_at__isnull=False).values_list("answered_at", flat=True))
    return [(round((t - activation.started_at).total_seconds() / 60, 1), (i + 1) / total)
            for i, t in enumerate(times)]


def timeline(activation: Activation) -> list[tuple[datetime.datetime, str]]:
    """What happened, in order: the start, each person's first alert and answer, steps done, the end."""
    entries = [(activation.started_at, _("Plan activated: %(scenario)s") % {"scenario": activation.scenario_name})]
    labels = dict(Answer.choices)
    for r in activation.recipients.all():
        if r.alerted_at:
            entries.append((r.alerted_at, _("%(name)s alerted") % {"name": r.name}))
        if r.answered_at:
            entries.append((r.answered_at, _("%(name)s answered: %(answer)s") % {"name": r.name,
                                                                                  "answer": labels[r.answer]}))
    steps = activation.snapshot.get("procedures", [])
    for done in activation.steps_done.all():
        if done.step < len(steps):
            entries.append((done.done_at, _("Step done: %(step)s") % {"step": steps[done.step].get("activity", "")}))
    if activation.closed_at:
        entries.append((activation.closed_at, _("Activation closed")))
    return sorted(entries, key=lambda e: e[0])


def close_record(activation: Activation, now: datetime.datetime) -> tuple[str, dict]:
    """The title and the fields of the draft result an activation closes into."""
    found = figures(activation)
    done = set(activation.steps_done.values_list("step", flat=True))
    procedures = [{"step": s.get("activity", ""), "followed": i in done}
                  for i, s in enumerate(activation.snapshot.get("procedures", []))]
    lines = [f"{format_date(at, with_time=True)} — {text}" for at, text in timeline(activation)]
    observations = _("Timeline of the activation:") + "\n" + "\n".join(lines)
    day = format_date(activation.started_at, with_time=True)
    title = (_("Call-tree test: %(scenario)s (%(day)s)") if activation.is_test
             else _("Plan activated: %(scenario)s (%(day)s)")) % {"scenario": activation.scenario_name, "day": day}
    record = {
        "call_tree": {"reached": found.answered, "total": found.total, "minutes": found.minutes_to_last_answer},
        "procedures": procedures,
        "observations": observations,
    }
    return title[:255], record
