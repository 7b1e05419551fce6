"""A data-subject request (PDPA): remove a person, found by e-mail or phone, from the team and the call
tree of every plan as it is now.

The removal goes through the one writer of plan rows (apply_component on the team: the call-tree links
go with the member, the steps they owned lose their owner), as a new version whose audit entry says
"erased" and holds no personal data. The versions saved before, the versions sent to campaigns and
their printed copies keep the person: they are the record of the public task (docs/privacy.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from phrom.plans.content import apply_component, component_document, normalise_phone
from phrom.plans.models import Plan, PlanAudit, TeamMember

REASON = "data-subject request"


@dataclass
class Found:
    plan: Plan
    keys: list[str]  # the person's entries in the plan's team
    names: list[str]


def _matches(member: TeamMember, email: str, phone: str | None) -> bool:
    if email and member.email.strip().lower() == email:
        return True
    return bool(phone) and normalise_phone(member.phone) == phone


def find_person(*, email: str = "", phone: str = "") -> list[Found]:
    """Every plan whose team lists the person now (by e-mail, case ignored, or by phone, however written)."""
    email = email.strip().lower()
    wanted_phone = normalise_phone(phone) if phone else None
    if not email and not wanted_phone:
        return []
    # Phones are stored as typed (dashes, +66): narrow by the last digits, then compare normalised.
    where = Q(email__iexact=email) if email else Q(pk__in=[])
    if wanted_phone:
        where |= Q(phone__endswith=wanted_phone[-4:])
    found: dict[int, Found] = {}
    members = TeamMember.objects.filter(where).select_related("plan__organisation").order_by("plan_id", "position")
    for member in members:
        if _matches(member, email, wanted_phone):
            entry = found.setdefault(member.plan_id, Found(member.plan, [], []))
            entry.keys.append(member.key)
            entry.names.append(member.name)
    return list(found.values())


def erase_person(found: Found, *, user=None) -> int:
    """Remove the person's entries from the plan's team (and so from its call tree); returns the plan's
    new version. Another member whose alternate they were keeps no alternate."""
    plan = found.plan
    keys = set(found.keys)
    team = [dict(m, alternate=None if m.get("alternate") in keys else m.get("alternate"))
            for m in component_document(plan, "team") if m["key"] not in keys]
    saved = apply_component(
        plan, "team", team, user=user, expected_revision=plan.component_revision("team"),
        action=PlanAudit.Action.ERASE, detail={"reason": REASON, "entries_removed": len(keys)},
    )
    return saved.version
