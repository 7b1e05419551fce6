"""A plan's history: the version rows and audit entries of each save, and the record of who read it.

The audit trail (PlanAudit) is append-only: entries are only ever created.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.dispatch import Signal

from ..models import Plan, PlanAudit, PlanVersion
from .diff import change_counts
from .shape import empty_component

# Sent inside the save's transaction once a new version of a plan is written (plan=, number=,
# components=): other apps follow the plan's versions without the plans app knowing them.
version_recorded = Signal()


@dataclass
class Saved:
    """What a save did: the plan's new version, and each changed component's new revision."""

    version: int
    revisions: dict  # component -> revision, for every component changed (incl. cascaded ones)
    changed: bool = True
    data: dict = field(default_factory=dict)  # component -> its document as saved

    def revision(self, component: str) -> int:
        return self.revisions[component]


def author_of(user):
    """The account to name as the author, or None for a process or an anonymous user."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def username_of(user) -> str:
    author = author_of(user)
    return author.get_username() if author is not None else ""


def record_save(plan: Plan, new_docs: dict, previous: dict, *, user, action: str, ip=None, summary: str = "",
            primary: str | None = None, detail: dict | None = None) -> Saved:
    """Write the versions of the changed components and the audit entries; bump the counters."""
    number = plan.revision + 1
    author = author_of(user)
    revisions = dict(plan.component_revisions)
    versions = []
    for c, data in new_docs.items():
        revisions[c] = int(revisions.get(c, 0)) + 1
        versions.append(PlanVersion(
            plan=plan, number=number, component=c, data=data, author=author, summary=summary[:500],
            changes=change_counts(c, previous.get(c, empty_component(c)), data),
        ))
    PlanVersion.objects.bulk_create(versions)
    plan.revision = number
    plan.component_revisions = revisions
    plan.updated_by = author
    plan.save()
    # New rows only: bulk_create is append-only like save() on a new PlanAudit.
    PlanAudit.objects.bulk_create([
        PlanAudit(
            plan=plan, user=author, username=username_of(user), ip=ip, version=number, component=v.component,
            action=action if primary is None or v.component == primary else PlanAudit.Action.CASCADE,
            detail={**(detail or {}), "changes": v.changes,
                    **({"because_of": primary} if primary is not None and v.component != primary else {})},
        )
        for v in versions
    ])
    version_recorded.send(sender=Plan, plan=plan, number=number, components=list(new_docs))
    return Saved(version=number, revisions={c: revisions[c] for c in new_docs}, data=new_docs)


def record_read(plan: Plan, user, *, ip=None, version: int | None = None, detail: dict | None = None) -> PlanAudit:
    """Log that `user` read the plan's content (at `version`), from address `ip`."""
    author = author_of(user)
    return PlanAudit.objects.create(
        plan=plan, user=author, username=username_of(user), ip=ip or None, action=PlanAudit.Action.READ,
        version=version, detail=detail or {},
    )
