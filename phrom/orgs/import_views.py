"""The organisation import page for administrators: upload, progress, report; sample and export downloads."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from phrom.accounts import permissions
from phrom.core.filetypes import OLE_MAGIC, ZIP_MAGIC

from .importer import ImportReport, export_orgs, sample_csv
from .models import CollectorFlag, OrgImport, OrgKind, Sector
from .tasks import run_org_import

MAX_UPLOAD_MB = 20  # a national file of 100,000 organisations is about 16 MB of CSV


def require_administrator(request) -> None:
    if not permissions.can_import_organisations(request.user):
        raise PermissionDenied


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Organisation file (CSV in UTF-8, or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it into several files."), params={"mb": MAX_UPLOAD_MB}
            )
        head = upload.read(4096)
        upload.seek(0)
        if name.endswith(".xls") or head.startswith(OLE_MAGIC):
            raise forms.ValidationError(
                _("This is an old Excel file (.xls). In Excel, save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”.")
            )
        is_zip = head.startswith(ZIP_MAGIC)
        if not (name.endswith(".xlsx") and is_zip) and not (name.endswith(".csv") and not is_zip and b"\x00" not in head):
            raise forms.ValidationError(
                _("Wrong file type: upload a CSV file (.csv, UTF-8) or an Excel workbook (.xlsx).")
            )
        return upload


@login_required
def import_page(request):
    require_administrator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = OrgImport.objects.create(file=upload, original_name=upload.name[:255], created_by=request.user)
        run_org_import.enqueue(job.pk)
        return redirect("orgs:import_detail", pk=job.pk)
    recent = OrgImport.objects.select_related("created_by")[:10]
    context = {
        "form": form, "recent": recent, "max_mb": MAX_UPLOAD_MB, "kinds": OrgKind.objects.all(),
        "sectors": Sector.choices, "collectors": CollectorFlag.choices,
    }
    return render(request, "orgs/import.html", context)


@login_required
def import_detail(request, pk):
    """The import's page; htmx polls it every second for the status fragment until the import ends."""
    require_administrator(request)
    job = get_object_or_404(OrgImport.objects.select_related("created_by"), pk=pk)
    report = ImportReport.from_dict(job.report) if job.report else None
    context = {"job": job, "report": report, "percent": _percent(job)}
    template = "orgs/import_status.html" if request.htmx else "orgs/import_detail.html"
    return render(request, template, context)


def _percent(job: OrgImport) -> int | None:
    """Progress of the current stage, or None when it cannot be known (the bar is then indeterminate)."""
    if job.status == OrgImport.Status.VALIDATING and job.rows_total:
        return job.rows_validated * 100 // job.rows_total
    if job.status == OrgImport.Status.WRITING and job.rows_to_write and job.rows_written:
        return job.rows_written * 100 // job.rows_to_write
    return None


@login_required
@require_GET
def import_sample(request):
    require_administrator(request)
    response = HttpResponse("\ufeff" + sample_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="phrom-organisations-sample.csv"'
    return response


@login_required
@require_GET
def export_download(request):
    require_administrator(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so that Excel shows the Thai names
    export_orgs(response)
    filename = f"phrom-organisations-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
