"""A plan as an official document to download (PDF or Word), for the pages and the API alike.

Two ways in, each with its access check: the agency's own plan (now or at a version: members of
the agency, phrom.plans.access), and the plan as it was sent in a campaign (whoever may read the
submission's content, phrom.campaigns.access; a read from outside the agency goes into the plan's
audit trail). A security-sensitive plan never leaves its agency by either way.

A version that was sent is copied from the store of printed sent versions (phrom.documents.store,
printed once); the live plan is printed on each download.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from phrom.accounts import permissions
from phrom.campaigns import access as campaign_access
from phrom.campaigns.facts import VersionDates, accepted_on, has_version
from phrom.core.http import client_ip
from phrom.plans import access as plan_access
from phrom.plans.content import record_read
from phrom.privacy.exports import What, record_export

from . import store
from .export import CONTENT_TYPES, filename, plan_document, render_document

FORMATS = ("pdf", "docx")
FILES = {"pdf": What.PLAN_PDF, "docx": What.PLAN_DOCX}  # what the export log calls each format


def requested_version(request: HttpRequest, plan) -> int | None:
    """?version=N: a version the plan has, else 404; none asked: the plan now."""
    raw = request.GET.get("version", "")
    if raw == "":
        return None
    if not raw.isdigit() or not has_version(plan, int(raw)):
        raise Http404
    return int(raw)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404


def _response(fmt: str, doc: dict, header: dict, code: str, fiscal_year, request: HttpRequest, *,
              sent_plan=None) -> HttpResponse:
    """`sent_plan`: the plan when a fixed version was asked for (the store serves it if it was sent)."""
    thai_digits = request.GET.get("digits") == "thai"
    if sent_plan is not None:
        data = store.sent_document(sent_plan, fmt, doc, header, thai_digits=thai_digits)
    else:
        data = render_document(fmt, doc, header, thai_digits=thai_digits)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = filename(code, fiscal_year, header["version"], fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"  # may be security-sensitive: no shared cache keeps a copy
    return response


def plan_file(request: HttpRequest, pk: int, fmt: str, *, via: str) -> HttpResponse:
    """The agency's plan, now or at ?version=N, as PDF or Word."""
    _check_format(fmt)
    plan = plan_access.get_plan_for_user(request, pk)
    version = requested_version(request, plan)
    doc, header = plan_document(plan, version)
    response = _response(fmt, doc, header, plan.organisation.code, plan.fiscal_year, request,
                         sent_plan=plan if version is not None else None)
    record_export(request, FILES[fmt], [plan], version=version, via=via)
    return response


def submission_document(sub) -> tuple[dict, dict]:
    """(doc, header) of the plan as sent in a submission, as its readers get it: approved by the
    agency's head the day it was sent, and accepted the day the campaign accepted it."""
    sent_on = timezone.localdate(sub.sent_at) if sub.sent_at else None
    return plan_document(sub.plan, sub.version, dates=VersionDates(sent_on, accepted_on(sub)))


def submission_file(request: HttpRequest, pk: int, fmt: str, *, via: str) -> HttpResponse:
    """The plan as sent in a campaign (the frozen version), as PDF or Word."""
    _check_format(fmt)
    sub = campaign_access.get_submission(request, pk)
    campaign_access.require(permissions.can_read_submission(request.user, sub))
    doc, header = submission_document(sub)
    if not permissions.is_member(request.user, sub.organisation):
        record_read(sub.plan, request.user, ip=client_ip(request), version=sub.version,
                    detail={"submission": sub.pk, "campaign": sub.campaign_id, "via": via, "format": fmt})
    response = _response(fmt, doc, header, sub.organisation.code, sub.plan.fiscal_year, request, sent_plan=sub.plan)
    record_export(request, FILES[fmt], [sub.plan], version=sub.version, via=via, detail={"submission": sub.pk})
    return response


def pocket_card_file(request: HttpRequest, pk: int, key: str | None, *, via: str) -> HttpResponse:
    """One team member's pocket card (`key`), or every card (None) one a page, as PDF: members of the
    agency only, so a security-sensitive plan's cards never leave it; logged as an export of contacts."""
    from .pocket import render_cards_pdf

    plan = plan_access.get_plan_for_user(request, pk)
    printed = render_cards_pdf(plan, key)
    if printed is None:
        raise Http404
    data, source = printed
    response = HttpResponse(data, content_type=CONTENT_TYPES["pdf"])
    name = f"{plan.organisation.code}-{plan.fiscal_year}-pocket-{key or 'all'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    record_export(request, What.PLAN_PDF, [plan], version=source.version, via=via,
                  detail={"pocket_card": key or "all"})
    return response
