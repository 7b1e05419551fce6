"""The after-action report of one result as PDF and Word, in official Thai."""

from __future__ import annotations

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation

from phrom.core.thaidates import format_date
from phrom.documents.fonts import embedded_font_faces
from phrom.documents.reports import html_to_pdf, new_document, paragraph, table, to_bytes

from .models import Result
from .report import chart_svg, report

TYPES = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def headline(ctx: dict) -> str:
    occasion = ctx["occasion"]
    return f"รายงานผลการ{'ฝึกซ้อม' if ctx['is_exercise'] else 'ใช้แผนในเหตุการณ์จริง'} “{occasion.title}” ของ{ctx['result'].organisation.name_th}"


def _when(ctx: dict) -> str:
    occasion = ctx["occasion"]
    if ctx["is_exercise"]:
        return f"{ctx['kind_label']} วันที่ {format_date(occasion.held_on)}"
    end = format_date(timezone.localtime(occasion.ended_at), with_time=True) if occasion.ended_at else "ยังไม่สิ้นสุด"
    return f"เริ่ม {format_date(timezone.localtime(occasion.started_at), with_time=True)} สิ้นสุด {end}"


def render(result: Result, fmt: str) -> tuple[bytes, str]:
    if fmt not in TYPES:
        raise Http404
    with translation.override("th"):
        ctx = report(result)
        if fmt == "pdf":
            html = render_to_string("results/report_print.html", {
                **ctx, "font_faces": embedded_font_faces(), "headline": headline(ctx), "when": _when(ctx),
                "chart_svg": chart_svg(ctx["chart"]), "today": format_date(timezone.localdate())})
            return html_to_pdf(html), TYPES[fmt]
        return _docx(ctx), TYPES[fmt]


def _docx(ctx: dict) -> bytes:
    document = new_document()
    paragraph(document, headline(ctx), size=18, bold=True)
    paragraph(document, f"{_when(ctx)} ภัย: {ctx['occasion'].hazard.name_th}")
    a = ctx["achievement"]
    paragraph(document, "การฟื้นคืนกระบวนงานเทียบกับระยะเวลาเป้าหมาย (RTO)", bold=True)
    if a.counted:
        paragraph(document, f"กระบวนงานที่ฟื้นคืนได้ภายใน RTO {a.met:,} จาก {a.counted:,} กระบวนงาน (ร้อยละ {a.percent})")
    table(document, ["กระบวนงาน", "RTO ตามแผน", "ระยะเวลาสูงสุดที่ยอมรับได้", "ฟื้นคืนได้ใน", "ผล"],
          [[r["name"], r["rto"], r["mtpd"], r["recovered"], r["outcome_label"]] for r in ctx["rows"]])
    if ctx["objectives"]:
        paragraph(document, "วัตถุประสงค์ของการฝึกซ้อม", bold=True)
        table(document, ["วัตถุประสงค์", "ผล"], [[o["objective"], str(o["label"])] for o in ctx["objectives"]])
    if ctx["usability"]:
        paragraph(document, "ความเหมาะสมของแผนในการใช้งาน", bold=True)
        table(document, ["องค์ประกอบของแผน", "ผลการประเมิน", "เหตุผล"],
              [[str(u["label"]), str(u["rating_label"]), u["reason"]] for u in ctx["usability"]])
    if ctx["resources"]:
        paragraph(document, "ทรัพยากรที่ขาดแคลน", bold=True)
        table(document, ["ประเภททรัพยากร", "รายการ", "ต้องการ", "มีอยู่"],
              [[str(r["category_label"]), r["item"], r["needed"], r["available"]] for r in ctx["resources"]])
    result = ctx["result"]
    if result.authority_affected is not None:
        paragraph(document, "ผลกระทบต่อโครงสร้างอำนาจหน้าที่", bold=True)
        paragraph(document, ("ได้รับผลกระทบ: " if result.authority_affected else "ไม่ได้รับผลกระทบ ") + result.authority_note)
    if ctx["findings"]:
        paragraph(document, "ข้อค้นพบ", bold=True)
        table(document, ["องค์ประกอบของแผน", "ข้อค้นพบ"], [[str(f["component_label"]) or "–", f["text"]] for f in ctx["findings"]])
    if result.improvements:
        paragraph(document, "สิ่งที่ต้องปรับปรุง", bold=True)
        paragraph(document, result.improvements)
    if ctx["actions"]:
        paragraph(document, "มาตรการแก้ไข", bold=True)
        table(document, ["มาตรการ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ"],
              [[a.description, a.owner, format_date(a.due_on), a.get_status_display()] for a in ctx["actions"]])
    if ctx["training"]:
        paragraph(document, "ความต้องการการฝึกอบรม", bold=True)
        table(document, ["ทักษะ", "จำนวนคน"], [[str(n), n.people] for n in ctx["training"]])
    return to_bytes(document)
