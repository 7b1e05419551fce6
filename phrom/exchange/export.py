"""Plans out as exchange JSON (`phrom-plan-exchange/1`, docs/exchange.md).

Every export goes through `can_export`: the content of a plan leaves Phrom only for someone who may
read its live content (phrom.plans.access.can_read_plan_content: members of its agency); outside
the agency plans travel as sent, through campaign submissions and bundles.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from phrom.plans.access import can_read_plan_content
from phrom.plans.content import document_at, export_document
from phrom.plans.models import Plan, PlanVersion

from .schema import FORMAT

SOURCE = "Phrom"
# The plan's own fields in an exchange plan, besides the components of its document.
META_KEYS = ("organisation", "organisation_name", "fiscal_year", "state", "version", "submitted_on", "accepted_on")


def can_export(user, plan: Plan) -> bool:
    """May `user` take the plan's content out of Phrom? user=None is the server's operator on the
    command line: never the content of a security-sensitive plan, which only its agency may export."""
    if user is None:
        return not plan.is_sensitive
    # The live plan is the agency's; outside it, plans are read as sent (campaign submissions, bundles).
    return can_read_plan_content(user, plan)


def has_version(plan: Plan, number: int) -> bool:
    return PlanVersion.objects.filter(plan=plan, number__lte=number).exists() and number <= plan.revision


def submission_dates(plan_ids) -> dict[int, tuple]:
    """plan id -> (submitted_on, accepted_on) from the campaigns' submissions (the plans tables keep no
    such dates): the first time the plan was sent, and the last time it was accepted."""
    from phrom.campaigns.models import Submission

    out: dict[int, list] = {}
    rows = Submission.objects.filter(plan_id__in=list(plan_ids), kind=Submission.Kind.PLAN).values_list(
        "plan_id", "first_sent_at", "decided_at", "state"
    )
    for plan_id, first_sent, decided, state in rows:
        dates = out.setdefault(plan_id, [None, None])
        if first_sent is not None:
            day = timezone.localdate(first_sent)
            dates[0] = day if dates[0] is None else min(dates[0], day)
        if state == Submission.State.ACCEPTED and decided is not None:
            day = timezone.localdate(decided)
            dates[1] = day if dates[1] is None else max(dates[1], day)
    return {k: tuple(v) for k, v in out.items()}


def plan_exchange(plan: Plan, *, version: int | None = None, dates: tuple | None = None) -> dict:
    """One plan in the exchange format, now or at `version` (no permission check: see export_plans)."""
    doc = export_document(plan) if version is None or version == plan.revision else document_at(plan, version)
    if dates is None:
        dates = submission_dates([plan.pk]).get(plan.pk, (None, None))
    submitted_on, accepted_on = dates
    out = {
        "organisation": plan.organisation.code,
        "organisation_name": plan.organisation.name_th,
        "fiscal_year": plan.fiscal_year,
        "state": plan.status,
        "version": version or plan.revision or 1,
        "submitted_on": submitted_on.isoformat() if submitted_on else None,
        "accepted_on": accepted_on.isoformat() if accepted_on else None,
    }
    out.update({k: v for k, v in doc.items() if k != "format"})
    return out


def envelope(plans: list[dict]) -> dict:
    return {
        "format": FORMAT,
        "exported_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "source": SOURCE,
        "plans": plans,
    }


def export_plans(plans, *, user, version: int | None = None, ip=None) -> dict:
    """The plans as one exchange file. Raises PermissionDenied if `user` may not export one of them.

    A reader from outside the agency (a collector, OPDC) is recorded in the plan's audit trail.
    `version` (one plan only) exports the plan as it was at that version.
    """
    plans = list(plans)
    for plan in plans:
        if not can_export(user, plan):
            raise PermissionDenied(plan.pk)
    if version is not None and len(plans) != 1:
        raise ValueError("a version is given for one plan only")
    dates = submission_dates([p.pk for p in plans])
    out = [plan_exchange(p, version=version, dates=dates.get(p.pk, (None, None))) for p in plans]
    return envelope(out)
