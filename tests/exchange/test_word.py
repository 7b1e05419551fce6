"""The Word import recognises the tables of the OPDC form, tidy or messy, and Phrom's own Word file."""

import pytest

from phrom.documents.docx import render_docx
from phrom.documents.sample import typical_header, typical_plan
from phrom.exchange.word import duration_hours, is_tick, norm, period_of, person, quantity, read_word
from phrom.plans.content import clean_document
from phrom.plans.data.scenarios import SCENARIOS

from .make_samples import messy_form, opdc_form, tiered_form

BUILTIN = {code for code, *_ in SCENARIOS}


@pytest.fixture(scope="module")
def tidy():
    return read_word(opdc_form())


@pytest.fixture(scope="module")
def messy():
    return read_word(messy_form())


def by_key(rows, **match):
    return [r for r in rows if all(r.get(k) == v for k, v in match.items())]


@pytest.mark.parametrize("text,expected", [
    ("4 ชั่วโมง", "4h"), ("๔ ชม.", "4h"), ("ภายใน ๑ วัน", "1d"), ("1 สัปดาห์", "1w"), ("๒ สัปดาห์", "2w"),
    ("1 เดือน", "1m"), ("จำนวนที่ต้องการภายใน 1 เดือน", "1m"), ("3 วัน", None), ("MTPD", None),
])
def test_periods(text, expected):
    assert period_of(text) == expected


def test_cells():
    assert norm("  ๑๒๓\u200b ก ") == "123 ก"
    assert all(is_tick(t) for t in ["✓", "✔", "☑", "X", "x", "/", "√"])
    assert not any(is_tick(t) for t in ["", "☐", "-", "สูง", "1"])
    assert quantity("๒ เครื่อง") == (2, "เครื่อง") and quantity("1,000") == (1000, "") and quantity("–") == (None, "")
    assert duration_hours("2 วัน") == 48 and duration_hours("๘ ชั่วโมง") == 8
    assert duration_hours("1 อาทิตย์") == 168 and duration_hours("3 hrs") == 3 and duration_hours("0 ชม.") == 0
    assert duration_hours("100 m") is None  # a lone letter is not read as a unit
    assert person("นายสมชาย ใจดี / ผู้อำนวยการ โทร. ๐๘๑-๒๓๔-๕๖๗๘") == ("นายสมชาย ใจดี", "ผู้อำนวยการ", "0812345678")


def test_the_tidy_form_is_read_whole(tidy):
    doc = tidy.document
    assert tidy.title.startswith("แผนบริหารความพร้อมต่อสภาวะวิกฤต ของสำนักงานสาธารณสุขจังหวัดตัวอย่าง")
    assert [s["code"] for s in doc["scope"]["scenarios"]] == ["epidemic", "flood", "fire", "cyber", "riot"]
    assert {(i["scenario"], i["category"]) for i in doc["impacts"]} >= {
        ("epidemic", "supply"), ("epidemic", "personnel"), ("epidemic", "stakeholders"), ("flood", "building"),
        ("cyber", "it"), ("riot", "personnel")}
    assert len(doc["impacts"]) == 13
    head, coordinator, leader, alt = doc["team"]
    assert (head["name"], head["role"], head["phone"], head["alternate"]) == (
        "นายแพทย์สมชาย ใจดี", "head", "0812345678", coordinator["key"])
    assert coordinator["role"] == "coordinator" and leader["role"] == "leader" and alt["name"] == "นางมาลี ศรีสุข"
    assert [(p["name"], p["impact_level"], p["rto_hours"]) for p in doc["processes"]] == [
        ("การเฝ้าระวังและสอบสวนโรค", "very_high", 4), ("การอนุญาตสถานพยาบาล", "medium", 168),
        ("งานสารบรรณ", "low", 720)]
    assert [(r["category"], r["item"], r["unit"], r["quantities"]["1m"]) for r in doc["resources"]] == [
        ("building", "พื้นที่ปฏิบัติงานสำรอง (ที่นั่ง)", "ที่นั่ง", 15), ("it", "คอมพิวเตอร์พกพา", "เครื่อง", 8),
        ("it", "ระบบรายงานโรค", "ระบบ", 1), ("personnel", "เจ้าหน้าที่สอบสวนโรค", "คน", 8)]
    assert [s["category"] for s in doc["strategies"]] == ["building", "personnel"]
    assert [(s["window"], s["owner"]) for s in doc["procedures"]] == [
        ("day1", coordinator["key"]), ("day1", head["key"]), ("d1_7", leader["key"]), ("d7_30", coordinator["key"])]
    assert [(c["caller"], c["callee"], c["channel"]) for c in doc["call_tree"]] == [
        (None, head["key"], "phone"), (head["key"], coordinator["key"], "line"),
        (coordinator["key"], leader["key"], "phone"), (leader["key"], alt["key"], "sms")]
    assert tidy.unrecognised == [] and tidy.notes == []
    assert all(tidy.found[s]["count"] for s in tidy.found)
    clean_document({**doc, "title": tidy.title}, catalogue=BUILTIN)


def test_the_messy_form(messy):
    doc = messy.document
    # Thai digits, "เหตุการณ์", a remark column, ☑ / X / a Wingdings tick, text in a cell as the note.
    assert [s["code"] for s in doc["scope"]["scenarios"]] == ["flood", "power_outage", "custom-1"]
    assert doc["scope"]["scenarios"][2]["name_th"] == "ดินโคลนถล่มเส้นทางเข้าสำนักงาน"
    assert {(i["scenario"], i["category"], i["note"]) for i in doc["impacts"]} == {
        ("flood", "building", ""), ("flood", "equipment", ""), ("power_outage", "it", ""),
        ("custom-1", "building", "ถนนขาด เข้าอาคารไม่ได้"), ("custom-1", "personnel", "")}
    # One-row header with (ตัวจริง)/(ตัวสำรอง), a position on the name's second line, a bad phone left out.
    head = by_key(doc["team"], name="นายประเสริฐ บุญมา")[0]
    assert (head["position"], head["role"], head["phone"]) == ("นายก อบต.", "head", "0811111111")
    assert by_key(doc["team"], name="นายอนันต์ สายทอง")[0]["phone"] == ""
    assert any("1234" in n["message_en"] for n in messy.notes)
    # A group row (merged across) is the mission; RTO columns in Thai digits with another wording.
    assert [(p["name"], p["impact_level"], p["rto_hours"], p["mission"]) for p in doc["processes"]] == [
        ("การจัดเก็บภาษีท้องถิ่น", "medium", 336, "ภารกิจด้านการให้บริการประชาชน"),
        ("การช่วยเหลือผู้ประสบภัย", "very_high", 4, "ภารกิจด้านการให้บริการประชาชน"),
        ("การจ่ายเบี้ยยังชีพ", "high", 24, "ภารกิจด้านการให้บริการประชาชน")]
    # The process cell merged down two rows; quantities "๒ เครื่อง"; the total row skipped.
    assert [(r["item"], r["process"], r["quantities"]) for r in doc["resources"]] == [
        ("คอมพิวเตอร์", "p1", {"1d": 1, "1w": 2, "2w": 2, "1m": 3}), ("เครื่องพิมพ์", "p1", {"1w": 1, "2w": 1, "1m": 1})]
    # A call tree by level: each person alerted by the last one a level up.
    names = {m["key"]: m["name"] for m in doc["team"]}
    assert [(names.get(c["caller"]), names[c["callee"]]) for c in doc["call_tree"]] == [
        (None, "นายประเสริฐ บุญมา"), ("นายประเสริฐ บุญมา", "นางสุนีย์ แก้วมณี"), ("นางสุนีย์ แก้วมณี", "นายอนันต์ สายทอง"),
        ("นางสุนีย์ แก้วมณี", "นางกาญจนา ศรีสุข"), ("นายประเสริฐ บุญมา", "นายธนากร วงศ์สวัสดิ์")]
    # Missing sections are reported as such, the unrelated table is listed.
    assert messy.found["strategies"]["count"] == 0 and messy.found["procedures"]["count"] == 0
    assert [(t["index"], t["header"]) for t in messy.unrecognised] == [(1, ["ครั้งที่", "วันที่", "รายละเอียด"])]
    clean_document({**doc, "title": messy.title}, catalogue=BUILTIN)


def test_tiers_and_level_columns():
    reading = read_word(tiered_form())
    doc = reading.document
    assert [(p["name"], p["impact_level"], p["rto_hours"]) for p in doc["processes"]] == [
        ("การจัดการเรียนการสอน", "high", 24), ("การรับนักเรียน", "medium", 336)]
    names = {m["key"]: m["name"] for m in doc["team"]}
    assert [(names.get(c["caller"]), names[c["callee"]]) for c in doc["call_tree"]] == [
        (None, "นายผู้อำนวยการ ตัวอย่าง"), ("นายผู้อำนวยการ ตัวอย่าง", "นางรองผู้อำนวยการ ตัวอย่าง"),
        ("นางรองผู้อำนวยการ ตัวอย่าง", "นายหัวหน้าวิชาการ ตัวอย่าง"), ("นายหัวหน้าวิชาการ ตัวอย่าง", "นางครู หนึ่ง"),
        ("นายหัวหน้าวิชาการ ตัวอย่าง", "นายครู สอง"), ("นางรองผู้อำนวยการ ตัวอย่าง", "นางหัวหน้าธุรการ ตัวอย่าง"),
        ("นางหัวหน้าธุรการ ตัวอย่าง", "นางสาวครู สาม")]
    assert doc["team"][0]["phone"] == "0810000001"


def test_phroms_own_word_file_reads_back():
    plan = typical_plan(processes=6, people=10)
    reading = read_word(render_docx(plan, typical_header()))
    doc = reading.document
    assert [s["code"] for s in doc["scope"]["scenarios"]] == [s["code"] for s in plan["scope"]["scenarios"]]
    assert [p["name"] for p in doc["processes"]] == [p["name"] for p in plan["processes"]]
    assert [p["impact_level"] for p in doc["processes"]] == [p["impact_level"] for p in plan["processes"]]
    assert len(doc["resources"]) == len(plan["resources"])
    assert {m["name"] for m in doc["team"]} == {m["name"] for m in plan["team"]}
    assert reading.unrecognised == []


def _people(doc) -> dict:
    """Member key -> (name, or position for a post without a name), as the importer would match them."""
    return {m["key"]: m["name"] or " ".join(person(f"–\n{m['position']}")[1:2]) for m in doc["team"]}


def _links(doc) -> set:
    people = _people(doc)
    return {(people.get(x["caller"]), people[x["callee"]], x["channel"]) for x in doc["call_tree"]}


def test_a_plan_printed_by_phrom_imports_back_into_the_same_data():
    """Issue 10: a .docx printed by Phrom comes back with its BIA, its team (a post not yet given a
    name included, known by its position) and its call tree (printed as a drawing and as a table)."""
    plan = typical_plan(processes=5, people=8)
    plan["team"][3]["name"] = ""  # a post not yet filled
    reading = read_word(render_docx(plan, typical_header()))
    doc = reading.document
    assert reading.found["call_tree"]["count"] == len(plan["call_tree"]) > 0
    assert _links(doc) == _links(plan)
    assert sorted((m["name"], norm(m["position"])) for m in doc["team"]) == sorted(
        (m["name"], " ".join(person(f"–\n{m['position']}")[1:2])) for m in plan["team"])
    alternates = {(m["name"], (_people(plan).get(m["alternate"]))) for m in plan["team"]}
    assert {(m["name"], _people(doc).get(m["alternate"])) for m in doc["team"]} == alternates
    assert [(p["name"], p["rto_hours"], p["mtpd_hours"], p["impact_level"]) for p in doc["processes"]] == [
        (p["name"], p["rto_hours"], p["mtpd_hours"], p["impact_level"]) for p in plan["processes"]]
