"""Download pages: a plan as PDF or Word (phrom.documents.files does the checks and the printing)."""

from django.contrib.auth.decorators import login_required

from . import files


@login_required
def plan_file(request, pk, fmt):
    return files.plan_file(request, pk, fmt)


@login_required
def submission_file(request, pk, fmt):
    return files.submission_file(request, pk, fmt, via="page")
