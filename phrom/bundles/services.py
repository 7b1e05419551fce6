"""Asking for a bundle: the one way a PlanBundle is created and queued (pages and API alike)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from phrom.accounts import permissions
from phrom.campaigns.models import Campaign
from phrom.orgs.models import Organisation, Province

from .models import PlanBundle
from .tasks import build_plan_bundle


def request_bundle(user, *, province: Province | None = None, root: Organisation | None = None,
                   campaign: Campaign | None = None, fiscal_year: int | None = None, language: str = "th",
                   ip=None) -> PlanBundle:
    """Queue the ZIP of a province's (or an organisation's subtree's) plans; PermissionDenied if the
    user may not ask for that scope."""
    if (province is None) == (root is None):
        raise ValueError("a bundle is of one province or of one organisation's subtree")
    bundle = PlanBundle(
        requested_by=user, scope=PlanBundle.Scope.PROVINCE if province is not None else PlanBundle.Scope.SUBTREE,
        province=province, root=root, campaign=campaign, fiscal_year=None if campaign else fiscal_year,
        language="en" if language == "en" else "th", ip=ip or None,
    )
    if not permissions.can_request_bundle(user, bundle):
        raise PermissionDenied
    # The same ZIP asked for again while it is still being made (a double click, an impatient
    # client): the one on its way, rather than a second build of hundreds of plans.
    waiting = PlanBundle.objects.filter(
        requested_by=user, scope=bundle.scope, province=province, root=root, campaign=campaign,
        fiscal_year=bundle.fiscal_year, status__in=[PlanBundle.Status.QUEUED, PlanBundle.Status.RUNNING],
    ).first()
    if waiting is not None:
        return waiting
    bundle.save()
    build_plan_bundle.enqueue(bundle.pk)
    bundle.refresh_from_db()  # an immediate backend (tests) has built it already
    return bundle
