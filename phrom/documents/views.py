"""Download pages: a plan as PDF or Word, its pocket cards (phrom.documents.files does the checks and
the printing), and the pieces of the installable, offline-capable site (manifest, service worker)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from phrom.plans import access as plan_access
from phrom.plans.views import plan_page

from . import files, pocket
from .pdf import RendererUnavailable


def _renderer_missing_page(view):
    """No Chromium on the server: a page saying what to install (503), not a server error."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RendererUnavailable as exc:
            return render(request, "documents/renderer_unavailable.html", {"message": exc.message}, status=exc.status)

    return wrapped


@login_required
@_renderer_missing_page
def plan_file(request, pk, fmt):
    return files.plan_file(request, pk, fmt, via="page")


@login_required
@_renderer_missing_page
def submission_file(request, pk, fmt):
    return files.submission_file(request, pk, fmt, via="page")


@login_required
@_renderer_missing_page
def pocket_card(request, pk, key=None):
    return files.pocket_card_file(request, pk, key, via="page")


@login_required
def pocket_cards(request, pk):
    """The plan's pocket cards: a card per team member to download, and the page the phone keeps
    for offline reading (phrom/documents/static/documents/offline.js)."""
    plan = plan_access.get_plan_for_user(request, pk)
    doc, header, source = pocket.plan_for_cards(plan)
    context = pocket.cards_context(plan, doc, header, source, pocket.cards(doc))
    plan_pdf = reverse("documents:plan", args=[plan.pk, "pdf"]) + (f"?version={source.version}" if source.approved else "")
    return render(request, "documents/pocket_page.html", plan_page(request, plan, "pocket", plan_pdf=plan_pdf, **context))


# The service worker is served from the site's root: a worker controls only the paths under its own.
@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    return HttpResponse(render_to_string("documents/sw.js"), content_type="text/javascript")


@require_GET
def manifest(request):
    return JsonResponse({
        "name": "พร้อม — ระบบบริหารความพร้อมต่อสภาวะวิกฤต", "short_name": "พร้อม", "lang": "th", "start_url": reverse("plans:mine"), "scope": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#1f3a5f",
        "icons": [{"src": static("phrom/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }, content_type="application/manifest+json")
