import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext
from django.views import defaults

from phrom.core.errors import CODES
from phrom.crisis.board import open_activations
from phrom.dependencies.views import home_links
from phrom.orgs.models import Organisation, Province
from phrom.statistics.access import home_figure

from .worklist import latest_plans, tasks_for


@login_required
def home(request):
    """Each person's to-do list first, then the panels (templates core/home.html lists them, one include
    each, fed by one context entry each)."""
    memberships = request.user.memberships.select_related("organisation__kind").order_by("organisation__code")
    counts = _directory_counts()
    plans = latest_plans(request.user)
    return render(request, "core/home.html", {
        "today": timezone.localdate(),
        "tasks": tasks_for(request.user, plans),
        "memberships": memberships,
        "latest_plans": plans,
        "national_figure": home_figure(request.user),
        "counts": counts,
        "dependency_links": home_links(request.user, [m.organisation for m in memberships]),
        "crisis_open": open_activations(request.user),
    })


def _directory_counts() -> dict[str, int]:
    """The organisation directory's two figures, asked in one query (two whole-table counts)."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM {qn(Organisation._meta.db_table)}), "
                       f"(SELECT COUNT(*) FROM {qn(Province._meta.db_table)})")
        organisations, provinces = cursor.fetchone()
    return {"organisations": organisations, "provinces": provinces}


def server_error(request):
    """500, and 503 `database_unavailable` when the database connection broke (the request's transaction
    was rolled back): a Thai page drawn without the database, or the API's envelope; never a traceback."""
    exc = sys.exc_info()[1]
    code = "database_unavailable" if isinstance(exc, (OperationalError, InterfaceError)) else "server_error"
    status, message = CODES[code].status, gettext(CODES[code].message)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": code, "message": message}}, status=status)
    html = loader.render_to_string("core/error.html", {"code": code, "message": message})
    return HttpResponse(html, status=status)


def not_found(request, exception):
    """404: an address under /api/ that matches no route answers in the API's error envelope."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "not_found", "message": gettext(CODES["not_found"].message)}}, status=404)
    return defaults.page_not_found(request, exception)
