"""Pocket cards (issue 15, offline): one page per team member to carry when the network or Phrom is
down — their role, whom they call with the numbers, the first-day steps and the key contacts.

Made from the plan as it last left the agency (its approved version: what the head signed and sent);
a plan never sent is printed as it is now and the card says so. Only the agency's members download
them (phrom.documents.files checks can_read_live_plan), so a security-sensitive plan's cards never
leave it; each download is logged as an export of contact data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import pgettext

from phrom.core.thaidates import format_date
from phrom.plans.calltree import CallTree

from . import labels
from .context import phone_text
from .fonts import embedded_font_faces

TEMPLATE = "documents/pocket_cards.html"


@dataclass(frozen=True)
class Source:
    """Which plan the cards are made from: the version that left the agency last, or the live plan."""

    version: int
    approved: bool  # False: never sent, the live plan (a draft) is printed
    sent_at: datetime.datetime | None  # when that version was sent


def card_source(plan) -> Source:
    from phrom.campaigns.facts import last_sent

    found = last_sent([plan.pk]).get(plan.pk)
    if found is None:
        return Source(plan.revision, False, None)
    return Source(found[0], True, found[1])


def plan_for_cards(plan) -> tuple[dict, dict, Source]:
    """(doc, header, source): the plan document the cards are printed from."""
    from .export import plan_document

    source = card_source(plan)
    doc, header = plan_document(plan, source.version if source.approved else None)
    return doc, header, source


def _contact(member: dict | None, relation: str = "") -> dict | None:
    if not member:
        return None
    return {
        "key": member.get("key"),
        "name": member.get("name", ""),
        "position": member.get("position", ""),
        "role": str(labels.ROLES.get(member.get("role"), "")),
        "relation": relation,
        "phone": phone_text(member.get("phone", "")),
        "line_id": member.get("line_id", ""),
        "email": member.get("email", ""),
    }


def cards(doc: dict) -> list[dict]:
    """One card per team member, in the team's order."""
    team = doc.get("team") or []
    members = {m.get("key"): m for m in team}
    tree = CallTree(team, doc.get("call_tree") or [])
    day1 = sorted((s for s in doc.get("procedures") or [] if s.get("window") == "day1"),
                  key=lambda s: s.get("order") or 0)
    heads = [m for m in team if m.get("role") == "head"]
    coordinators = [m for m in team if m.get("role") == "coordinator"]
    out = []
    for member in team:
        key = member.get("key")
        calls = []
        for link in tree.children.get(key, ()):
            callee = _contact(members.get(link["callee"]))
            callee["channel"] = str(labels.CHANNELS.get(link.get("channel"), ""))
            calls.append(callee)
        caller = members.get(tree.first_caller(key))
        alternate = members.get(member.get("alternate"))
        key_contacts = [
            *(_contact(m, pgettext("pocket card", "Head of the BCP team")) for m in heads),
            *(_contact(m, pgettext("pocket card", "BCP coordinator")) for m in coordinators),
            _contact(caller, pgettext("pocket card", "Alerts you")),
            _contact(alternate, pgettext("pocket card", "Your alternate")),
        ]
        seen, contacts = {key}, []
        for c in key_contacts:  # each person once, under the first relation that names them
            if c and c["key"] not in seen:
                seen.add(c["key"])
                contacts.append(c)
        out.append({
            "member": _contact(member),
            "team": member.get("team", ""),
            "first": tree.first_caller(key) is None and any(link["callee"] == key for link in tree.roots),
            "calls": calls,
            "contacts": contacts,
            "steps": [{"number": i, "activity": s.get("activity", ""), "mine": s.get("owner") == key}
                      for i, s in enumerate(day1, start=1)],
        })
    return out


def render_cards_html(plan, doc: dict, header: dict, source: Source, chosen: list[dict], *,
                      font_faces: str | None = None, printed_at: datetime.datetime | None = None) -> str:
    """The cards as one self-contained page (fonts embedded unless given), one card per A4 page when
    printed; the same markup is the offline page's body (phrom/documents/templates)."""
    return render_to_string(TEMPLATE, cards_context(plan, doc, header, source, chosen, printed_at=printed_at)
                            | {"font_faces": embedded_font_faces() if font_faces is None else font_faces})


def cards_context(plan, doc: dict, header: dict, source: Source, chosen: list[dict], *,
                  printed_at: datetime.datetime | None = None) -> dict:
    sent = format_date(source.sent_at) if source.sent_at else ""
    return {
        "organisation": header.get("organisation", ""),
        "title": doc.get("title") or "",
        "fiscal_year": plan.fiscal_year,
        "version": source.version,
        "approved": source.approved,
        "source_line": (
            pgettext("pocket card", "From the approved plan, version %(v)s, sent on %(date)s") % {"v": source.version, "date": sent}
            if source.approved else
            pgettext("pocket card", "This plan has never been approved: the card shows the current draft (version %(v)s)")
            % {"v": source.version}
        ),
        "sensitive": doc.get("classification") == "sensitive",
        "mark": str(labels.SECURITY_MARK),
        "printed_on": format_date(printed_at or timezone.now(), with_time=True),
        "cards": chosen,
    }


def render_cards_pdf(plan, chosen_key: str | None) -> tuple[bytes, Source] | None:
    """The PDF of one member's card (`chosen_key`) or of every card (None); None if no such member."""
    from .reports import html_to_pdf

    doc, header, source = plan_for_cards(plan)
    every = cards(doc)
    chosen = every if chosen_key is None else [c for c in every if c["member"]["key"] == chosen_key]
    if not chosen:
        return None
    return html_to_pdf(render_cards_html(plan, doc, header, source, chosen)), source
