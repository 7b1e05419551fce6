"""The log of downloads that hold contact data (PDPA: who took personal data out, and when).

Every export of a plan's content calls record_export: the exchange JSON, the PDF and Word files (live
or sent), the original document attached to the plan, and bundles (one row per agency in the ZIP).
The organisation CSV holds no personal data and is not logged (docs/privacy.md).
"""

from __future__ import annotations

from phrom.core.http import client_ip
from phrom.plans.content.audit import author_of, username_of
from phrom.plans.models import Plan

from .models import ExportRecord

What = ExportRecord.What


def record_export(request, what: str, plans, *, version: int | None = None, via: str = "page",
                  detail: dict | None = None) -> None:
    """Log that request.user downloaded `what` holding the contacts of each of `plans` (one row per plan)."""
    user = request.user
    common = {"user": author_of(user), "username": username_of(user), "what": what, "version": version,
              "via": via, "detail": detail or {}, "ip": client_ip(request)}
    ExportRecord.objects.bulk_create(
        [ExportRecord(organisation_id=plan.organisation_id, plan=plan, **common) for plan in plans],
        batch_size=1000,
    )


def record_bundle_export(request, bundle, *, via: str = "page") -> None:
    """A bundle's ZIP holds the plan of each agency in its contents: one row for each."""
    plans = Plan.objects.filter(pk__in=[int(pk) for pk in bundle.contents]).only("id", "organisation_id")
    record_export(request, What.BUNDLE, plans, via=via, detail={"bundle": bundle.pk})
