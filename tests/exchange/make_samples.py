"""Word plans in the layout of the OPDC form, made with python-docx, to test the Word import.

    .venv/bin/python tests/exchange/make_samples.py OUTPUT_FOLDER    # writes the samples as .docx

The OPDC .docx itself was not at hand: these follow the form as DESIGN.md describes it from
published agency plans — Table 1 scenarios × the six resource categories with ticks; the team as
role | main person (name, phone) | backup person (name, phone); strategies; the BIA with the RTO
ticked in one of 4 hours / 1 day / 1 week / 2 weeks / 1 month; one resource table per category
with the quantity per period; three procedure checklists; the call tree. `opdc_form` is a tidy
plan; `messy_form` is what agencies really send: Thai digits, other header wording, extra
columns, merged cells, symbol-font and ☑/X ticks, a group row inside a table, a level-numbered
call tree, missing sections and an unrelated table; `tiered_form` draws the call tree as one
column per tier and the impact level as one tick column per level.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CATEGORIES = ["อาคาร/สถานที่ปฏิบัติงานหลัก", "วัสดุอุปกรณ์ที่สำคัญ", "การจัดหาจัดส่งวัสดุอุปกรณ์ที่สำคัญ",
              "เทคโนโลยีสารสนเทศและข้อมูลที่สำคัญ", "บุคลากรหลัก", "คู่ค้า/ผู้ให้บริการ/ผู้มีส่วนได้ส่วนเสียที่สำคัญ"]
PERIODS = ["4 ชั่วโมง", "1 วัน", "1 สัปดาห์", "2 สัปดาห์", "1 เดือน"]
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _merge(table, r1: int, c1: int, r2: int, c2: int, text: str):
    cell = table.cell(r1, c1).merge(table.cell(r2, c2))
    cell.text = text
    return cell


def _symbol_tick(cell, char: str = "F0FC", font: str = "Wingdings"):
    """A tick as Word's Insert › Symbol writes it: a w:sym in a symbol font, no text."""
    cell.text = ""
    run = cell.paragraphs[0].add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def opdc_form() -> bytes:
    d = Document()
    d.add_heading("แผนบริหารความพร้อมต่อสภาวะวิกฤต (Business Continuity Plan: BCP)", 0)
    d.add_paragraph("แผนบริหารความพร้อมต่อสภาวะวิกฤต ของสำนักงานสาธารณสุขจังหวัดตัวอย่าง ประจำปีงบประมาณ พ.ศ. 2569")
    d.add_heading("2. การประเมินผลกระทบของสถานการณ์วิกฤต", 1)
    d.add_paragraph("ตารางที่ 1 การวิเคราะห์ผลกระทบจากสถานการณ์วิกฤตต่อทรัพยากรที่สำคัญ")
    _table(d, [
        ["สถานการณ์วิกฤต", *CATEGORIES],
        ["โรคระบาด", "", "", "✓", "", "✓", "✓"],
        ["อุทกภัย", "✓", "✓", "✓", "", "", ""],
        ["อัคคีภัย", "✓", "✓", "", "✓", "", ""],
        ["ภัยคุกคามทางไซเบอร์", "", "", "", "✓", "", "✓"],
        ["การชุมนุมประท้วง/จลาจล", "✓", "", "", "", "✓", ""],
    ])
    d.add_heading("3. ทีมงานบริหารความพร้อมต่อสภาวะวิกฤต", 1)
    d.add_paragraph("ตารางที่ 2 รายชื่อทีมงานบริหารความพร้อมต่อสภาวะวิกฤต")
    team = _table(d, [
        ["บทบาท", "ผู้ปฏิบัติงานหลัก", "", "ผู้ปฏิบัติงานสำรอง", ""],
        ["", "ชื่อ-สกุล", "เบอร์โทรศัพท์", "ชื่อ-สกุล", "เบอร์โทรศัพท์"],
        ["หัวหน้าทีมบริหารความพร้อมต่อสภาวะวิกฤต", "นายแพทย์สมชาย ใจดี", "081-234-5678", "นางสาวสมหญิง รักงาน",
         "081-765-4321"],
        ["ผู้ประสานงาน BCP", "นางสาวสมหญิง รักงาน", "081-765-4321", "นายวิชัย มั่นคง", "038-611-234"],
        ["หัวหน้าทีมงานด้านสารสนเทศ", "นายวิชัย มั่นคง", "038-611-234", "นางมาลี ศรีสุข", "089-111-2222"],
    ])
    _merge(team, 0, 0, 1, 0, "บทบาท")
    _merge(team, 0, 1, 0, 2, "ผู้ปฏิบัติงานหลัก")
    _merge(team, 0, 3, 0, 4, "ผู้ปฏิบัติงานสำรอง")
    d.add_heading("4. กลยุทธ์ความต่อเนื่อง", 1)
    _table(d, [
        ["ทรัพยากร", "กลยุทธ์ความต่อเนื่อง"],
        ["อาคาร/สถานที่ปฏิบัติงานหลัก", "ใช้ห้องประชุมโรงพยาบาลเป็นสถานที่ปฏิบัติงานสำรอง"],
        ["บุคลากรหลัก", "ปฏิบัติงานจากที่บ้านผ่านระบบประชุมออนไลน์"],
    ])
    d.add_heading("5. การวิเคราะห์ผลกระทบทางธุรกิจ (Business Impact Analysis)", 1)
    d.add_paragraph("ตารางที่ 3 กระบวนการที่สำคัญและระยะเวลาเป้าหมายในการฟื้นคืนสภาพ")
    bia = _table(d, [
        ["กระบวนการทำงานที่สำคัญ", "ระดับผลกระทบ", "ระยะเวลาเป้าหมายในการฟื้นคืนสภาพ (RTO)", "", "", "", ""],
        ["", "", *PERIODS],
        ["การเฝ้าระวังและสอบสวนโรค", "สูงมาก", "✓", "", "", "", ""],
        ["การอนุญาตสถานพยาบาล", "ปานกลาง", "", "", "✓", "", ""],
        ["งานสารบรรณ", "ต่ำ", "", "", "", "", "✓"],
    ])
    _merge(bia, 0, 0, 1, 0, "กระบวนการทำงานที่สำคัญ")
    _merge(bia, 0, 1, 1, 1, "ระดับผลกระทบ")
    _merge(bia, 0, 2, 0, 6, "ระยะเวลาเป้าหมายในการฟื้นคืนสภาพ (RTO)")
    d.add_heading("6. การระบุความต้องการทรัพยากรที่สำคัญ", 1)
    for heading, rows in (
        ("6.1 ด้านอาคาร/สถานที่ปฏิบัติงานหลัก", [["พื้นที่ปฏิบัติงานสำรอง (ที่นั่ง)", "ที่นั่ง", "5", "10", "10", "15", "15"]]),
        ("6.2 ด้านเทคโนโลยีสารสนเทศและข้อมูลที่สำคัญ", [["คอมพิวเตอร์พกพา", "เครื่อง", "2", "4", "6", "6", "8"],
                                                      ["ระบบรายงานโรค", "ระบบ", "1", "1", "1", "1", "1"]]),
        ("6.3 ด้านบุคลากรหลัก", [["เจ้าหน้าที่สอบสวนโรค", "คน", "3", "5", "5", "8", "8"]]),
    ):
        d.add_paragraph(heading)
        _table(d, [["รายการทรัพยากร", "หน่วยนับ", *PERIODS], *rows])
    d.add_heading("7. ขั้นตอนการบริหารความพร้อมต่อสภาวะวิกฤต", 1)
    for heading, steps in (
        ("7.1 การตอบสนองทันที (ภายใน 1 วัน)", [("ประเมินสถานการณ์และแจ้งผู้บริหาร", "นางสาวสมหญิง รักงาน"),
                                               ("ประชุมทีมและประกาศใช้แผน", "นายแพทย์สมชาย ใจดี")]),
        ("7.2 ระยะ 1-7 วัน", [("กู้คืนระบบสารสนเทศ", "นายวิชัย มั่นคง")]),
        ("7.3 ระยะ 7-30 วัน", [("ทบทวนความต้องการทรัพยากร", "นางสาวสมหญิง รักงาน")]),
    ):
        d.add_paragraph(heading)
        _table(d, [["ลำดับ", "ขั้นตอน/กิจกรรม", "ผู้รับผิดชอบ", "ดำเนินการแล้ว"],
                   *[[str(i), a, o, "☐"] for i, (a, o) in enumerate(steps, 1)]])
    d.add_heading("8. แผนผังการติดต่อสื่อสาร (Call Tree)", 1)
    _table(d, [
        ["ผู้แจ้ง", "ผู้รับแจ้ง", "ช่องทาง"],
        ["-", "นายแพทย์สมชาย ใจดี", "โทรศัพท์"],
        ["นายแพทย์สมชาย ใจดี", "นางสาวสมหญิง รักงาน", "LINE"],
        ["นางสาวสมหญิง รักงาน", "นายวิชัย มั่นคง", "โทรศัพท์"],
        ["นายวิชัย มั่นคง", "นางมาลี ศรีสุข", "SMS"],
    ])
    return _bytes(d)


def messy_form() -> bytes:
    """Thai digits, other wording, extra columns, merged cells, symbol ticks, missing sections."""
    t = lambda s: s.translate(THAI)  # noqa: E731
    d = Document()
    d.add_paragraph("แผนบริหารความต่อเนื่องในภาวะวิกฤต องค์การบริหารส่วนตำบลตัวอย่าง ปีงบประมาณ " + t("2569"))
    d.add_paragraph("ประวัติการปรับปรุงเอกสาร")
    _table(d, [["ครั้งที่", "วันที่", "รายละเอียด"], [t("1"), t("1 ต.ค. 2568"), "จัดทำครั้งแรก"]])
    d.add_paragraph("ตารางที่ ๑ สถานการณ์และผลกระทบต่อทรัพยากร")
    grid = _table(d, [
        ["ที่", "เหตุการณ์", "ด้านอาคาร", "ด้านวัสดุอุปกรณ์", "ด้านการจัดหา/จัดส่ง", "ด้านเทคโนโลยีสารสนเทศ",
         "ด้านบุคลากร", "ด้านผู้มีส่วนได้ส่วนเสีย", "หมายเหตุ"],
        [t("1"), "น้ำท่วม", "☑", "X", "", "", "", "", "ช่วงฤดูฝน"],
        [t("2"), "ไฟฟ้าดับเป็นวงกว้าง", "", "", "", "", "", "", ""],
        [t("3"), "ดินโคลนถล่มเส้นทางเข้าสำนักงาน", "ถนนขาด เข้าอาคารไม่ได้", "", "", "", "x", "", ""],
    ])
    _symbol_tick(grid.cell(2, 5))  # ไฟฟ้าดับ × IT: a Wingdings tick
    d.add_paragraph("ทีมงาน BCP")
    _table(d, [
        ["ตำแหน่งในทีม", "ชื่อ-สกุล (ตัวจริง)", "โทรศัพท์", "ชื่อ-สกุล (ตัวสำรอง)", "โทรศัพท์", "หมายเหตุ"],
        ["หัวหน้าคณะทำงาน", "นายประเสริฐ บุญมา\nนายก อบต.", t("081-111-1111"), "นางสุนีย์ แก้วมณี", t("082-222-2222"),
         ""],
        ["ผู้ประสานงาน", "นางสุนีย์ แก้วมณี", t("082-222-2222"), "นายอนันต์ สายทอง", "ไม่มี", ""],
        ["สมาชิก", "นายอนันต์ สายทอง", "1234", "", "", "โทรศัพท์ผิด"],
    ])
    d.add_paragraph("การวิเคราะห์ผลกระทบ (BIA)")
    bia = _table(d, [
        ["ลำดับ", "งาน/กระบวนงาน", "ระดับความรุนแรงของผลกระทบ", "ระยะเวลาที่ต้องกลับมาดำเนินการ", "", "", "", "",
         "หมายเหตุ"],
        ["", "", "", t("4 ชม."), t("1 วัน"), t("1 สัปดาห์"), t("2 สัปดาห์"), t("1 เดือน"), ""],
        ["ภารกิจด้านการให้บริการประชาชน", "", "", "", "", "", "", "", ""],
        [t("1"), "การจัดเก็บภาษีท้องถิ่น", "ปานกลาง", "", "", "", "✔", "", ""],
        [t("2"), "การช่วยเหลือผู้ประสบภัย", "สูงมาก", "☑", "", "", "", "", "เร่งด่วน"],
        [t("3"), "การจ่ายเบี้ยยังชีพ", "สูง", "", "X", "", "", "", ""],
    ])
    _merge(bia, 0, 0, 1, 0, "ลำดับ")
    _merge(bia, 0, 1, 1, 1, "งาน/กระบวนงาน")
    _merge(bia, 0, 2, 1, 2, "ระดับความรุนแรงของผลกระทบ")
    _merge(bia, 0, 3, 0, 7, "ระยะเวลาที่ต้องกลับมาดำเนินการ")
    _merge(bia, 2, 0, 2, 8, "ภารกิจด้านการให้บริการประชาชน")
    d.add_paragraph("ความต้องการด้านเทคโนโลยีสารสนเทศ")
    res = _table(d, [
        ["กระบวนงาน", "รายการ", t("4 ชั่วโมง"), t("1 วัน"), t("1 สัปดาห์"), t("2 สัปดาห์"), t("1 เดือน"), "หมายเหตุ"],
        ["การจัดเก็บภาษีท้องถิ่น", "คอมพิวเตอร์", "-", t("1 เครื่อง"), t("2 เครื่อง"), t("2 เครื่อง"), t("3 เครื่อง"), ""],
        ["", "เครื่องพิมพ์", "-", "-", t("1"), t("1"), t("1"), ""],
        ["รวม", "", "", "", "", "", "", ""],
    ])
    _merge(res, 1, 0, 2, 0, "การจัดเก็บภาษีท้องถิ่น")
    d.add_paragraph("การติดต่อสื่อสารในภาวะวิกฤต (Call Tree)")
    _table(d, [
        ["ระดับ", "ชื่อ-สกุล", "โทรศัพท์"],
        [t("1"), "นายประเสริฐ บุญมา", t("081-111-1111")],
        [t("2"), "นางสุนีย์ แก้วมณี", t("082-222-2222")],
        [t("3"), "นายอนันต์ สายทอง", ""],
        [t("3"), "นางกาญจนา ศรีสุข", t("089-999-0000")],
        [t("2"), "นายธนากร วงศ์สวัสดิ์", t("087-777-6666")],
    ])
    return _bytes(d)


def tiered_form() -> bytes:
    """The impact level as one tick column per level; the call tree as one column per tier."""
    d = Document()
    d.add_paragraph("แผนบริหารความพร้อมต่อสภาวะวิกฤต ของโรงเรียนตัวอย่าง")
    _table(d, [
        ["กระบวนการ", "ระดับผลกระทบ สูงมาก", "ระดับผลกระทบ สูง", "ระดับผลกระทบ ปานกลาง", "ระดับผลกระทบ ต่ำ",
         *PERIODS],
        ["การจัดการเรียนการสอน", "", "✓", "", "", "", "✓", "", "", ""],
        ["การรับนักเรียน", "", "", "✓", "", "", "", "", "✓", ""],
    ])
    d.add_paragraph("แผนผังการติดต่อสื่อสาร (Call Tree)")
    _table(d, [
        ["ผู้บริหาร", "หัวหน้าทีม BCP", "หัวหน้าทีมงาน", "บุคลากร"],
        ["นายผู้อำนวยการ ตัวอย่าง 081-000-0001", "", "", ""],
        ["", "นางรองผู้อำนวยการ ตัวอย่าง", "", ""],
        ["", "", "นายหัวหน้าวิชาการ ตัวอย่าง", ""],
        ["", "", "", "นางครู หนึ่ง"],
        ["", "", "", "นายครู สอง"],
        ["", "", "นางหัวหน้าธุรการ ตัวอย่าง", ""],
        ["", "", "", "นางสาวครู สาม"],
    ])
    return _bytes(d)


SAMPLES = {"opdc_form": opdc_form, "messy_form": messy_form, "tiered_form": tiered_form}

if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SAMPLES.items():
        (folder / f"{name}.docx").write_bytes(make())
        print(folder / f"{name}.docx")
