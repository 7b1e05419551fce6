"""The report to the Cabinet (seed 000's three-month job) for a fiscal year: a PDF printed by the
plan documents' Chromium renderer, with their font and page rules, and a Word file like theirs.
Every number comes from figures(); the text around them follows the 2020 report."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from phrom.core.numbers import count_text, percent_text
from phrom.core.thaidates import format_date
from phrom.documents.fonts import embedded_font_faces
from phrom.documents.reports import html_to_pdf, new_document, paragraph, table, to_bytes

from . import provincemap
from .figures import NONE, Query, figures, names

TOP = 10  # provinces named in the highlights, best and last


def report_context(fiscal_year: int) -> dict:
    figs = figures(Query(fiscal_year))
    n = names()
    scenarios = sorted(({"name": n["scenario"].get(c, c), **s} for c, s in figs["scenarios"].items()),
                       key=lambda s: -(s["percent"] or 0))
    kinds = sorted(({"name": n["kind"].get(c, c), **v} for c, v in figs["by_kind"].items()),
                   key=lambda r: -r["total"])
    provinces = sorted(({"code": c, "name": n["province"].get(c, c), **v} for c, v in figs["by_province"].items()
                        if c != NONE), key=lambda r: (-(r["percent"] or 0), r["name"]))
    return {
        "figs": figs, "fiscal_year": fiscal_year, "today": format_date(timezone.localdate()),
        "scenarios": scenarios, "kinds": kinds, "best": provinces[:TOP], "last": provinces[-TOP:][::-1],
        "trend": [{"year": y, **c} for y, c in figs["trend"].items()],
        "map": provincemap.svg({r["code"]: r["percent"] for r in provinces}),
        "legend": [(limit, colour) for limit, colour in provincemap.CLASSES],
    }


def render_pdf(fiscal_year: int) -> bytes:
    ctx = report_context(fiscal_year)
    with translation.override("th"):
        html = render_to_string("statistics/cabinet_print.html", {
            **ctx, "font_faces": embedded_font_faces(), "headline": headline(fiscal_year),
            "coverage_sentence": coverage_sentence(ctx), "scenario_sentence": scenario_sentence(ctx["figs"])})
    return html_to_pdf(html)


def render_docx(fiscal_year: int) -> bytes:
    ctx = report_context(fiscal_year)
    figs = ctx["figs"]
    document = new_document()
    paragraph(document, headline(fiscal_year), size=18, bold=True)
    paragraph(document, coverage_sentence(ctx))
    paragraph(document, "ความครอบคลุมตามประเภทหน่วยงาน", bold=True)
    table(document, ["ประเภทหน่วยงาน", "ต้องจัดทำ", "มีแผน", "ร้อยละ"],
           [[k["name"], k["total"], k["with_plan"], k["percent"]] for k in ctx["kinds"]])
    paragraph(document, scenario_sentence(figs), bold=False)
    table(document, ["แผนรองรับสถานการณ์", "จำนวนแผน", "ร้อยละ"],
           [[s["name"], s["plans"], s["percent"]] for s in ctx["scenarios"]])
    paragraph(document, "จังหวัดที่มีสัดส่วนหน่วยงานที่จัดทำแผนสูงสุด", bold=True)
    table(document, ["จังหวัด", "ต้องจัดทำ", "มีแผน", "ร้อยละ"],
           [[p["name"], p["total"], p["with_plan"], p["percent"]] for p in ctx["best"]])
    paragraph(document, "จังหวัดที่มีสัดส่วนหน่วยงานที่จัดทำแผนต่ำสุด", bold=True)
    table(document, ["จังหวัด", "ต้องจัดทำ", "มีแผน", "ร้อยละ"],
           [[p["name"], p["total"], p["with_plan"], p["percent"]] for p in ctx["last"]])
    paragraph(document, "แนวโน้มรายปีงบประมาณ", bold=True)
    table(document, ["ปีงบประมาณ", "มีแผน", "ผ่านการพิจารณา", "ร้อยละ"],
           [[str(t["year"]), t["with_plan"], t["accepted"], t["percent"]] for t in ctx["trend"]])
    return to_bytes(document)


def headline(fiscal_year: int) -> str:
    return f"รายงานผลการจัดทำแผนบริหารความพร้อมต่อสภาวะวิกฤต (BCP) ของหน่วยงานของรัฐ ปีงบประมาณ {fiscal_year}"


def coverage_sentence(ctx: dict) -> str:
    f = ctx["figs"]
    return (f"ข้อมูล ณ วันที่ {ctx['today']} มีหน่วยงานของรัฐจัดทำแผน BCP แล้ว {count_text(f['with_plan'])} หน่วยงาน "
            f"(คิดเป็นร้อยละ {percent_text(f['percent'])}) จากจำนวนหน่วยงานทั้งหมดที่ต้องจัดทำแผน "
            f"{count_text(f['total'])} หน่วยงาน ผ่านการพิจารณาแล้ว {count_text(f['accepted'])} หน่วยงาน")


def scenario_sentence(figs: dict) -> str:
    return (f"แผน BCP รองรับสถานการณ์ต่าง ๆ ดังนี้ (คำนวณจากแผน {count_text(figs['content_plans'])} แผน "
            f"แผนชั้นความลับ {count_text(figs['sensitive_plans'])} แผนนับเฉพาะในจำนวนหน่วยงานที่มีแผน)")
