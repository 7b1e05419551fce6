"""Fetching a bundle for a user: every bundle view and API endpoint starts here (PermissionDenied =
403). The questions are phrom.accounts.permissions (can_open_bundle, can_download_bundle)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions

from .models import PlanBundle


def get_bundle_for_user(request, pk) -> PlanBundle:
    user = request.user
    if not (user and user.is_authenticated):
        raise PermissionDenied
    bundle = get_object_or_404(
        PlanBundle.objects.select_related("province", "root__kind", "campaign", "requested_by"), pk=pk
    )
    if not permissions.can_open_bundle(user, bundle):
        raise PermissionDenied
    return bundle


def get_bundle_to_download(request, pk) -> PlanBundle:
    """The bundle, if its ZIP is ready and every plan in it may still leave for this user."""
    bundle = get_bundle_for_user(request, pk)
    if bundle.status != PlanBundle.Status.DONE or not bundle.file or bundle.expired:
        raise Http404
    if not permissions.can_download_bundle(request.user, bundle):
        raise PermissionDenied
    return bundle
