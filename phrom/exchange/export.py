"""Plans out as exchange JSON (`phrom-plan-exchange/1`, docs/exchange.md).

Every export goes through `can_export`: the content of a plan leaves Phrom only for someone who may
read its live content (phrom.accounts.permissions.can_read_live_plan: members of its agency); outside
the agency plans travel as sent, through campaign submissions and bundles.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from phrom.accounts.permissions import can_read_live_plan
from phrom.campaigns.facts import PlanDates, plan_dates
from phrom.plans.content import document_at, export_document
from phrom.plans.models import Plan

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
    return can_read_live_plan(user, plan.organisation)


def plan_exchange(plan: Plan, *, version: int | None = None, dates: PlanDates | None = None) -> dict:
    """One plan in the exchange format, now or at `version` (no permission check: see export_plans).
    `dates`: the plan's campaign dates, when the caller fetched them for many plans at once."""
    doc = export_document(plan) if version is None or version == plan.revision else document_at(plan, version)
    submitted_on, accepted_on = dates or plan_dates([plan.pk])[plan.pk]
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
    dates = plan_dates([p.pk for p in plans])
    out = [plan_exchange(p, version=version, dates=dates[p.pk]) for p in plans]
    return envelope(out)
