"""The privacy notice (open to everyone, linked from every page's footer) and an agency's log of the
downloads that took its team's contacts out of Phrom."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from phrom.accounts import permissions
from phrom.orgs.access import get_organisation_for_user

from .models import ExportRecord

SHOWN = 200


@require_GET
def notice(request):
    return render(request, "privacy/notice.html")


@login_required
@require_GET
def export_log(request, code):
    org = get_organisation_for_user(request, code)
    if not permissions.can_view_export_log(request.user, org):
        raise PermissionDenied
    # The downloader's address stays out of the agency's view (another agency's user's IP); the admin shows it.
    records = ExportRecord.objects.filter(organisation=org).select_related("plan")[:SHOWN]
    return render(request, "privacy/export_log.html", {"org": org, "records": records, "shown": SHOWN})
