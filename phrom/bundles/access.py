"""Access helpers: every bundle view and API endpoint starts with one of these (PermissionDenied = 403)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from phrom.plans.models import Plan

from .models import PlanBundle
from .scope import may_request, readable_organisations


def _signed_in(request_or_user):
    user = getattr(request_or_user, "user", request_or_user)
    if not (user and user.is_authenticated):
        raise PermissionDenied
    return user


def get_bundle_for_user(request, pk) -> PlanBundle:
    """A bundle is its requester's, while they may still ask for its scope."""
    user = _signed_in(request)
    bundle = get_object_or_404(
        PlanBundle.objects.select_related("province", "root__kind", "campaign", "requested_by"), pk=pk
    )
    if bundle.requested_by_id != user.pk or not may_request(user, bundle):
        raise PermissionDenied
    return bundle


def get_bundle_to_download(request, pk) -> PlanBundle:
    """The bundle, if its ZIP is ready and every plan in it may still leave for this user: access is
    checked again at download, since memberships, routes and classifications change."""
    bundle = get_bundle_for_user(request, pk)
    if bundle.status != PlanBundle.Status.DONE or not bundle.file or bundle.expired:
        raise Http404
    if not contents_still_readable(request.user, bundle):
        raise PermissionDenied
    return bundle


def contents_still_readable(user, bundle: PlanBundle) -> bool:
    ids = [int(pk) for pk in bundle.contents]
    plans = list(Plan.objects.filter(pk__in=ids).only("pk", "organisation_id", "classification", "status"))
    if len(plans) != len(ids) or any(p.is_sensitive or p.is_draft for p in plans):
        return False
    org_ids = {p.organisation_id for p in plans}
    return readable_organisations(user, org_ids) >= org_ids
