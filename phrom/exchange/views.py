"""Pages of the exchange: a plan's exchange JSON to download, and the Word import (upload → review → confirm).

Only the agency's BCP coordinators upload and confirm (permissions.can_edit_plan); what was read
waits server-side in a WordImport row, never in the form, until they confirm or discard it.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phrom.accounts import permissions
from phrom.core.errors import show_on_form
from phrom.core.http import client_ip
from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.models import Organisation
from phrom.plans import access
from phrom.plans.content import bangkok_today
from phrom.plans.services import PlanCreationError
from phrom.privacy.exports import What, record_export

from .docx_safety import MAX_UPLOAD_BYTES, WordFileRefused
from .export import export_plans
from .forms import WordConfirmForm, WordUploadForm
from .models import WordImport
from .review import review_sections
from .services import confirm_word_import, discard_word_import, start_word_import


def organisation_for_word_import(request, code) -> Organisation:
    """The organisation, if the user may import a Word plan for it (its BCP coordinators); else PermissionDenied."""
    org = get_object_or_404(Organisation.objects.select_related("kind"), code=code)
    if not permissions.can_edit_plan(request.user, org):
        raise PermissionDenied
    return org


def word_import_for_user(request, pk) -> WordImport:
    job = get_object_or_404(WordImport.objects.select_related("organisation"), pk=pk)
    if not permissions.can_edit_plan(request.user, job.organisation):
        raise PermissionDenied
    return job


@login_required
def export_json(request, pk):
    plan = access.get_plan_for_user(request, pk)
    data = export_plans([plan], user=request.user, ip=client_ip(request))
    record_export(request, What.PLAN_JSON, [plan])
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.organisation.code}-{plan.fiscal_year}.json"'
    return response


@login_required
def word_upload(request, code):
    org = organisation_for_word_import(request, code)
    form = WordUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            job = start_word_import(org, form.cleaned_data["file"], user=request.user)
        except WordFileRefused as e:
            show_on_form(form, e)
            status = 400
        else:
            return redirect("exchange:word_review", pk=job.pk)
    elif request.method == "POST":
        status = 400
    pending = WordImport.objects.filter(organisation=org, status=WordImport.Status.PENDING)[:10]
    return render(request, "exchange/word_upload.html", {
        "org": org, "form": form, "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024), "pending": pending,
    }, status=status)


@login_required
def word_review(request, pk):
    job = word_import_for_user(request, pk)
    this_year = fiscal_year_of(bangkok_today())
    form = WordConfirmForm(request.POST or None, initial={"fiscal_year": this_year, "classification": "normal"})
    if request.method == "POST":
        if job.status != WordImport.Status.PENDING:
            messages.error(request, _("This file has already been dealt with."))
            return redirect("exchange:word_review", pk=job.pk)
        if request.POST.get("action") == "discard":
            discard_word_import(job)
            messages.success(request, _("The file was discarded: nothing was saved."))
            return redirect("exchange:word_upload", code=job.organisation.code)
        if form.is_valid():
            try:
                plan = confirm_word_import(job, user=request.user, fiscal_year=form.cleaned_data["fiscal_year"],
                                           classification=form.cleaned_data["classification"], ip=client_ip(request))
            except PlanCreationError as e:
                show_on_form(form, e)
            else:
                messages.success(request, _("The draft plan was created from the Word file. Check each part: what "
                                            "could not be read is still to be written."))
                return redirect("plans:overview", pk=plan.pk)
    return render(request, "exchange/word_review.html", {
        "job": job, "org": job.organisation, "form": form, "sections": review_sections(job.reading),
        "reading": job.reading, "pending": job.status == WordImport.Status.PENDING,
        "language": get_language(),
    }, status=400 if form.errors else 200)
