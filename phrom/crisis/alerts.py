"""Who is alerted, when, and by which channel: the rules of an activation, in plain functions.

- At the start, those the call tree alerts first get their alert (in "everyone at once" mode,
  everybody). Team members the call tree does not reach are alerted first too: in a crisis nobody
  is left out because the tree was drawn short (the checker flags them while the plan is written).
- Down the tree: once a person has been alerted (a message handed to a provider), the people they
  call get theirs (`alerted`).
- Escalation (`escalate`): a person silent `answer_minutes` after being alerted — their alternate
  is alerted in their place and their caller told; then, each `answer_minutes` more, the next one up
  the tree is told, up to the head of the BCP team. Each step runs only if it is still the current
  one (the recipient's row locked, its level checked), so a timer firing twice does nothing twice.
- A person who has answered is never alerted again: their waiting messages are cancelled.
- A message is made once per person, kind, subject and channel (Message.key): asking twice is harmless.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, Q

from phrom.plans.calltree import CallTree
from phrom.plans.codes import TeamRole

from . import channels
from .models import Activation, Message, Recipient

Kind = Message.Kind
Status = Message.Status
# What queueing a person's alert reads of them (thousands at a time down a large tree).
CHANNEL_FIELDS = ("activation_id", "key", "caller_key", "email", "phone", "line_id", "channel", "answered_at")


def recipients_from(activation: Activation) -> list[Recipient]:
    """The snapshotted team as Recipients (unsaved), each under whoever alerts them first."""
    team = activation.snapshot.get("team", [])
    tree = CallTree(team, activation.snapshot.get("call_tree", []))
    placed: dict = {}
    for key, depth, link in tree.walk():
        placed[key] = (link.get("caller") or "", depth, link.get("channel") or "")
    out = []
    for position, member in enumerate(team):
        caller, depth, channel = placed.get(member.get("key"), ("", 0, ""))
        out.append(Recipient(
            activation=activation, key=member.get("key") or "", position=position, name=member.get("name") or "",
            job_title=member.get("position") or "", role=member.get("role") or "", team=member.get("team") or "",
            phone=member.get("phone") or "", email=member.get("email") or "", line_id=member.get("line_id") or "",
            alternate_key=member.get("alternate") or "", caller_key=caller, depth=depth, channel=channel,
        ))
    return out


def without_contact(team: list[dict]) -> list[dict]:
    """Team members no channel can reach (flagged before an activation starts)."""
    return [m for m in team if not channels.reachable(m.get("email"), m.get("phone"), m.get("line_id"))]


def _key(kind: str, about: Recipient | None, recipient: Recipient, channel: str) -> str:
    return f"{kind}:{about.key if about else ''}:{recipient.key}:{channel}"


def queue(recipient: Recipient, kind: str, now: datetime.datetime, *, about: Recipient | None = None,
          channel: str | None = None) -> Message | None:
    """The message of this kind (about someone) to the recipient on their first channel (or the one
    named), made once; None when they have answered already or no channel reaches them."""
    if recipient.answered_at is not None and kind != Kind.SILENCE:
        return None
    if channel is None:
        order = channels.order(recipient)
        if not order:
            return None
        channel = order[0]
    message, _created = Message.objects.get_or_create(
        activation_id=recipient.activation_id, key=_key(kind, about, recipient, channel),
        defaults={"recipient": recipient, "about": about, "kind": kind, "channel": channel, "due_at": now,
                  "created_at": now},
    )
    return message


def _queue_alerts(recipients, now: datetime.datetime) -> None:
    """`queue` of an alert to many people at once (down the tree, thousands in a large agency)."""
    messages = []
    for r in recipients:
        order = channels.order(r)
        if r.answered_at is None and order:
            messages.append(Message(activation_id=r.activation_id, recipient=r, kind=Kind.ALERT, channel=order[0],
                                    key=_key(Kind.ALERT, None, r, order[0]), due_at=now, created_at=now))
    Message.objects.bulk_create(messages, ignore_conflicts=True)


def start(activation: Activation, now: datetime.datetime) -> int:
    """The first alerts of a new activation; how many were queued."""
    recipients = activation.recipients.all()
    if activation.mode == Activation.Mode.TREE:
        recipients = recipients.filter(caller_key="")
    return sum(1 for r in recipients if queue(r, Kind.ALERT, now))


def next_channel(message: Message, now: datetime.datetime) -> Message | None:
    """A message given up on its channel: the same message by the person's next channel, if any."""
    order = channels.order(message.recipient)
    rest = order[order.index(message.channel) + 1:] if message.channel in order else []
    if not rest:
        return None
    return queue(message.recipient, message.kind, now, about=message.about, channel=rest[0])


def alerted(message: Message, now: datetime.datetime) -> None:
    """A message was handed to its provider: the first alert of a person starts their clock and, down
    the tree, alerts the people they call."""
    if message.kind != Kind.SILENCE:
        _first_alerted(message.activation, Recipient.objects.filter(pk=message.recipient_id), now)


def record_alerted(activation: Activation, now: datetime.datetime) -> int:
    """`alerted` for every person a message (other than a silence notice) was handed over to and not
    yet recorded alerted: run after each batch the worker sends, it also catches up on a worker that
    died between handing messages over and recording this. How many people it recorded."""
    reached = (Message.objects.filter(activation=activation, status=Status.SENT).exclude(kind=Kind.SILENCE)
               .values("recipient_id"))
    return _first_alerted(activation, activation.recipients.filter(pk__in=reached), now)


def _first_alerted(activation: Activation, people, now: datetime.datetime) -> int:
    with transaction.atomic():
        first = list(people.select_for_update().filter(alerted_at__isnull=True).order_by("position")
                     .values_list("pk", "key"))
        if not first:
            return 0
        Recipient.objects.filter(pk__in=[pk for pk, _key in first]).update(
            alerted_at=now, escalate_at=now + datetime.timedelta(minutes=activation.answer_minutes))
        if activation.mode == Activation.Mode.TREE:
            callees = {}
            for r in (activation.recipients.filter(caller_key__in=[key for _pk, key in first])
                      .exclude(key=F("caller_key")).order_by("position").only(*CHANNEL_FIELDS)):
                callees.setdefault(r.caller_key, []).append(r)
            _queue_alerts([c for _pk, key in first for c in callees.get(key, [])], now)
        return len(first)


def escalation_chain(activation: Activation, silent: Recipient) -> list[Recipient]:
    """Whom the silence of `silent` is told to, step by step: their caller, the caller's caller …,
    then the head of the BCP team if not met on the way."""
    by_key = {r.key: r for r in activation.recipients.all()}
    chain, seen = [], {silent.key}
    key = silent.caller_key
    while key and key not in seen and key in by_key:
        seen.add(key)
        chain.append(by_key[key])
        key = by_key[key].caller_key
    head = next((r for r in by_key.values() if r.role == TeamRole.HEAD and r.key not in seen), None)
    if head is not None:
        chain.append(head)
    return chain


def escalate(recipient_id: int, level: int, now: datetime.datetime) -> bool:
    """Take escalation step `level` + 1 for a silent person, if it is still the current step; False if
    they answered, the step was taken already or the activation closed."""
    with transaction.atomic():
        r = (Recipient.objects.select_for_update().select_related("activation")
             .filter(pk=recipient_id).first())
        if (r is None or r.answered_at is not None or r.escalation_level != level or r.escalate_at is None
                or r.escalate_at > now or not r.activation.is_open):
            return False
        activation = r.activation
        chain = escalation_chain(activation, r)
        if level == 0 and r.alternate_key:
            alternate = activation.recipients.filter(key=r.alternate_key).exclude(pk=r.pk).first()
            if alternate is not None:
                queue(alternate, Kind.STAND_IN, now, about=r)
        if level < len(chain):
            queue(chain[level], Kind.SILENCE, now, about=r)
        r.escalation_level = level + 1
        more = r.escalation_level < len(chain)
        r.escalate_at = now + datetime.timedelta(minutes=activation.answer_minutes) if more else None
        r.save(update_fields=["escalation_level", "escalate_at"])
        return True


def due_escalations(now: datetime.datetime, activation_id: int | None = None) -> list[tuple[int, int]]:
    """(recipient id, level) of every escalation step due, in open activations (or in the one named)."""
    due = Recipient.objects.filter(escalate_at__lte=now, answered_at__isnull=True, activation__closed_at__isnull=True)
    if activation_id is not None:
        due = due.filter(activation_id=activation_id)
    return list(due.order_by("pk").values_list("pk", "escalation_level"))


def cancel_waiting(activation: Activation, recipient: Recipient | None = None) -> int:
    """Messages not yet handed to a provider that are no longer needed (the person answered — only
    alerts to them, a notice of their silence is moot too — or the activation closed)."""
    waiting = Status.CREATED
    if recipient is None:
        moot = Q(activation=activation, status=waiting)
    else:  # each branch by its own foreign key's index (the status inside, or SQLite scans by status)
        moot = (Q(recipient=recipient, status=waiting, kind__in=[Kind.ALERT, Kind.STAND_IN])
                | Q(about=recipient, status=waiting, kind=Kind.SILENCE))
    return Message.objects.filter(moot).update(status=Status.CANCELLED)
