"""One entry point for every way a plan leaves Phrom as a file: PDF, Word or JSON.

A management command or a view needs three lines:

    header = document_header(plan.organisation, version=v.number, sent_on=v.sent_on, approved_on=v.accepted_on,
                             fiscal_year=v.fiscal_year, classification=doc["classification"])
    data = render_document(fmt, doc, header)          # fmt: "pdf" | "docx" | "json"
    Path(out).write_bytes(data)                        # or HttpResponse(data, content_type=CONTENT_TYPES[fmt])
"""

from __future__ import annotations

import datetime
import json

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)


def document_header(organisation, *, version: int | None = None, approved_on: datetime.date | None = None,
                    sent_on: datetime.date | None = None, fiscal_year: int | None = None,
                    classification: str | None = None, scenario_names: dict[str, str] | None = None) -> dict:
    """The header dict of the renderers from an Organisation (phrom.orgs) and a plan version's facts:
    `sent_on` the day the agency's approver sent the version, `approved_on` the day a campaign
    accepted it (together they decide the cover: draft, approved by the head, accepted)."""
    return {
        "organisation": organisation.name_th,
        "kind": organisation.kind.name_th if organisation.kind_id else "",
        "province": organisation.province.name_th if organisation.province_id else "",
        "version": version,
        "approved_on": approved_on,
        "sent_on": sent_on,
        "fiscal_year": fiscal_year,
        "classification": classification,
        "scenario_names": scenario_names or {},
    }


def plan_document(plan, version: int | None = None, *, dates=None) -> tuple[dict, dict]:
    """(doc, header) of a plan now or at `version`: what the renderers print. The classification is
    the version's own (a plan may have been sensitive then and not now). The cover's dates are those
    of that version unless given as `dates` (phrom.campaigns.facts.VersionDates; the plan keeps no
    such dates): when it was first sent (approved by the agency's head) and last accepted through a
    campaign; a version never sent is a draft."""
    from phrom.campaigns.facts import version_dates
    from phrom.plans.content import document_at, export_document
    from phrom.plans.models import Scenario

    number = version or plan.revision
    doc = export_document(plan) if version is None or version == plan.revision else document_at(plan, version)
    dates = dates or version_dates(plan, number)
    header = document_header(
        plan.organisation, version=number, approved_on=dates.accepted_on, sent_on=dates.sent_on, fiscal_year=plan.fiscal_year,
        classification=doc.get("classification"), scenario_names=dict(Scenario.objects.values_list("code", "name_th")),
    )
    return doc, header


def render_document(fmt: str, doc: dict, header: dict, *, thai_digits: bool = False) -> bytes:
    """The plan as bytes of the given format."""
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(doc, header, thai_digits=thai_digits)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(doc, header, thai_digits=thai_digits)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def filename(organisation_code: str, fiscal_year: int | None, version: int | None, fmt: str) -> str:
    """BCP-PO21-2570-v3.pdf"""
    parts = ["BCP", organisation_code, str(fiscal_year or ""), f"v{version}" if version else ""]
    return "-".join(p for p in parts if p) + f".{fmt}"
