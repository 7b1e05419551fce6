"""Bundle pages: ask for a ZIP of many plans, follow its progress, download it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from phrom.core.http import client_ip
from phrom.privacy.exports import record_bundle_export

from . import access, services
from .forms import BundleForm
from .models import PlanBundle

RECENT = 20


@login_required
def bundle_list(request):
    """The user's bundles, and the form to ask for one (prefilled by ?province=21 or ?organisation=CODE&campaign=N)."""
    if request.method == "POST":
        form = BundleForm(request.POST, user=request.user)
        if form.is_valid():
            bundle = services.request_bundle(request.user, **form.scope_kwargs(), language=get_language(),
                                             ip=client_ip(request))
            return redirect("bundles:detail", pk=bundle.pk)
    else:
        initial = {k: request.GET[k] for k in ("province", "organisation", "campaign", "fiscal_year") if request.GET.get(k)}
        initial["scope"] = PlanBundle.Scope.SUBTREE if "organisation" in initial else PlanBundle.Scope.PROVINCE
        form = BundleForm(initial=initial, user=request.user)
    bundles = PlanBundle.objects.filter(requested_by=request.user).select_related("province", "root", "campaign")
    return render(request, "bundles/list.html", {"form": form, "bundles": bundles[:RECENT]})


@login_required
def bundle_detail(request, pk):
    """The bundle's page; htmx polls it every 2 seconds for the status fragment until it is finished."""
    bundle = access.get_bundle_for_user(request, pk)
    template = "bundles/_status.html" if request.htmx else "bundles/detail.html"
    return render(request, template, {"bundle": bundle})


@login_required
@require_GET
def bundle_download(request, pk):
    bundle = access.get_bundle_to_download(request, pk)
    record_bundle_export(request, bundle)
    return FileResponse(bundle.file.open("rb"), as_attachment=True, filename=bundle.download_name(),
                        content_type="application/zip")
