"""Access helpers: each view and API endpoint starts with one of these."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions

from .models import Organisation


def get_organisation_for_user(request, code: str) -> Organisation:
    org = get_object_or_404(Organisation.objects.select_related("kind", "parent__kind", "province"), code=code)
    if not permissions.can_view_organisation(request.user, org):
        raise PermissionDenied
    return org
