"""Download pages: a plan as PDF or Word (phrom.documents.files does the checks and the printing)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import files
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
