"""Plan documents for tests: FULL (a complete plan of the test structure's provincial health
office), variants of it, plans made from it through the services, random valid documents
(hypothesis), exchange plan objects and the starter templates."""

import copy
import json
from pathlib import Path

from hypothesis import strategies as st

from phrom.plans.services import create_plan

STARTER_TEMPLATES = Path(__file__).resolve().parents[2] / "phrom" / "plans" / "starter_templates"

FULL = {
    "format": "phrom-plan/1",
    "title": "แผนบริหารความพร้อมต่อสภาวะวิกฤต (BCP) ของสำนักงานสาธารณสุขจังหวัดระยอง ประจำปีงบประมาณ พ.ศ. 2569",
    "classification": "normal",
    "reviewed_on": "2025-11-01",
    "exercised_on": "2025-12-15",
    "scope": {
        "objectives": "เพื่อให้การให้บริการด้านสาธารณสุขดำเนินต่อไปได้ในภาวะวิกฤต",
        "assumptions": "อาคารสำนักงานหลักใช้งานไม่ได้ทั้งหมด",
        "scope": "ครอบคลุมกระบวนการหลักของสำนักงาน",
        "long_crisis": True,
        "scenarios": [
            {"code": "epidemic", "note": ""},
            {"code": "flood", "note": "พื้นที่ริมแม่น้ำ"},
            {"code": "cyber", "note": ""},
            {"code": "custom-1", "name_th": "ท่อก๊าซรั่ว", "name_en": "Gas leak", "note": ""},
        ],
    },
    "impacts": [
        {"scenario": "epidemic", "category": "personnel", "impacted": True, "note": "บุคลากรติดเชื้อ"},
        {"scenario": "flood", "category": "building", "impacted": True, "note": "อาคารชั้น 1 น้ำท่วม"},
        {"scenario": "cyber", "category": "it", "impacted": True, "note": ""},
        {"scenario": "custom-1", "category": "building", "impacted": False, "note": ""},
    ],
    "team": [
        {"key": "m1", "name": "นายแพทย์สมชาย ใจดี", "position": "นายแพทย์สาธารณสุขจังหวัด", "role": "head",
         "team": "ทีมบริหาร", "phone": "081-234-5678", "email": "somchai@example.go.th", "line_id": "", "alternate": "m2"},
        {"key": "m2", "name": "นางสาวสมหญิง รักงาน", "position": "รองนายแพทย์สาธารณสุขจังหวัด", "role": "coordinator",
         "team": "ทีมบริหาร", "phone": "+66 81 765 4321", "email": "", "line_id": "somying", "alternate": "m1"},
        {"key": "m3", "name": "นายวิชัย มั่นคง", "position": "นักวิชาการคอมพิวเตอร์", "role": "leader",
         "team": "ทีมสารสนเทศ", "phone": "038 611 234", "email": "", "line_id": "", "alternate": "m2"},
    ],
    "strategies": [
        {"category": "building", "strategy": "ใช้ห้องประชุมโรงพยาบาลระยองเป็นสถานที่ปฏิบัติงานสำรอง", "digital": False},
        {"category": "personnel", "strategy": "ปฏิบัติงานจากที่บ้านผ่านระบบประชุมออนไลน์", "digital": True},
        {"category": "it", "strategy": "สำรองข้อมูลไว้บนคลาวด์ภาครัฐทุกวัน", "digital": True},
    ],
    "processes": [
        {"key": "p1", "name": "การเฝ้าระวังและสอบสวนโรค", "mission": "ควบคุมโรค", "impact_level": "very_high",
         "mtpd_hours": 24, "rto_hours": 4, "rpo_hours": 1, "depends_on_it": True, "eservice": False,
         "impact_over_time": {"4h": "ไม่ทราบการระบาด", "1d": "การระบาดขยายวง"}},
        {"key": "p2", "name": "การอนุญาตสถานพยาบาล", "mission": "คุ้มครองผู้บริโภค", "impact_level": "medium",
         "mtpd_hours": 336, "rto_hours": 168, "rpo_hours": None, "depends_on_it": False, "eservice": True,
         "impact_over_time": {}},
    ],
    "resources": [
        {"process": "p1", "category": "it", "item": "คอมพิวเตอร์พกพา", "unit": "เครื่อง",
         "quantities": {"4h": 2, "1d": 4, "1w": 6}},
        {"process": "p2", "category": "personnel", "item": "เจ้าหน้าที่ตรวจสถานพยาบาล", "unit": "คน",
         "quantities": {"1w": 2, "1m": 3.5}},
    ],
    "procedures": [
        {"window": "day1", "order": 1, "activity": "ประเมินสถานการณ์และแจ้งผู้บริหาร", "owner": "m2", "process": None},
        {"window": "day1", "order": 2, "activity": "เปิดใช้สถานที่ปฏิบัติงานสำรอง", "owner": "m1", "process": "p1"},
        {"window": "d1_7", "order": 1, "activity": "กู้คืนระบบสารสนเทศ", "owner": "m3", "process": "p1"},
        {"window": "d7_30", "order": 1, "activity": "ทบทวนความต้องการทรัพยากร", "owner": "m2", "process": None},
    ],
    "call_tree": [
        {"caller": None, "callee": "m1", "order": 1, "channel": "phone"},
        {"caller": "m1", "callee": "m2", "order": 1, "channel": "line"},
        {"caller": "m2", "callee": "m3", "order": 1, "channel": "phone"},
    ],
}


def document(**changes):
    doc = copy.deepcopy(FULL)
    doc.update(changes)
    return doc


def make_plan(org, user, *, fiscal_year=2570, **changes):
    return create_plan(org, user=user, fiscal_year=fiscal_year, template=document(**changes), title=changes.get("title"))


def exchange_plan(doc: dict, organisation: str, fiscal_year: int = 2569, **meta) -> dict:
    """An exchange plan object from a plan document."""
    return {"organisation": organisation, "fiscal_year": fiscal_year, **meta,
            **{k: v for k, v in copy.deepcopy(doc).items() if k != "format"}}


def starter_templates() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(STARTER_TEMPLATES.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, {k: v for k, v in raw.items() if k != "template"}))
    return out


# --------------------------------------------------------------------------- random valid documents

WORDS = st.text(alphabet="กขคงจฉชซดตนบปผพมยรลวสหอะาิีุูเแโไ่้ abcXYZ0123456789-", min_size=1, max_size=30).map(
    str.strip
).filter(bool)
OPTIONAL_WORDS = st.one_of(st.just(""), WORDS)
HOURS = st.one_of(st.none(), st.integers(1, 2000), st.floats(0.25, 2000, allow_nan=False, allow_infinity=False))
PHONES = st.sampled_from(["", "0812345678", "02-123-4567", "+66 81 234 5678", "038 611 234"])
EMAILS = st.sampled_from(["", "a@example.go.th", "kan.bcp@agency.go.th"])
CATEGORY = st.sampled_from(["building", "equipment", "supply", "it", "personnel", "stakeholders"])
PERIOD = ["4h", "1d", "1w", "2w", "1m"]


@st.composite
def documents(draw):
    catalogue = ["epidemic", "fire", "flood", "riot", "power_outage", "terrorism", "earthquake", "cyber"]
    codes = draw(st.lists(st.sampled_from(catalogue), unique=True, max_size=5))
    scenarios = [{"code": c, "note": draw(OPTIONAL_WORDS)} for c in codes]
    if draw(st.booleans()):
        scenarios.append({"code": "custom-1", "name_th": draw(WORDS), "name_en": draw(OPTIONAL_WORDS), "note": ""})
    all_codes = [s["code"] for s in scenarios]
    cells = draw(st.lists(st.tuples(st.sampled_from(all_codes), CATEGORY), unique=True, max_size=8)) if all_codes else []
    n_members = draw(st.integers(0, 8))
    keys = [f"m{i}" for i in range(n_members)]
    team = [
        {"key": k, "name": draw(WORDS), "position": draw(OPTIONAL_WORDS),
         "role": draw(st.sampled_from(["head", "coordinator", "leader", "member"])), "team": draw(OPTIONAL_WORDS),
         "phone": draw(PHONES), "email": draw(EMAILS), "line_id": draw(OPTIONAL_WORDS),
         "alternate": draw(st.one_of(st.none(), st.sampled_from([x for x in keys if x != k]) if n_members > 1 else st.none()))}
        for k in keys
    ]
    pkeys = [f"p{i}" for i in range(draw(st.integers(0, 5)))]
    processes = [
        {"key": k, "name": draw(WORDS), "mission": draw(OPTIONAL_WORDS),
         "impact_level": draw(st.sampled_from([None, "very_high", "high", "medium", "low"])),
         "mtpd_hours": draw(HOURS), "rto_hours": draw(HOURS), "rpo_hours": draw(st.one_of(HOURS, st.just(0))),
         "depends_on_it": draw(st.booleans()), "eservice": draw(st.booleans()),
         "impact_over_time": draw(st.dictionaries(st.sampled_from(PERIOD), WORDS, max_size=3))}
        for k in pkeys
    ]
    member_or_none = st.one_of(st.none(), st.sampled_from(keys)) if keys else st.none()
    process_or_none = st.one_of(st.none(), st.sampled_from(pkeys)) if pkeys else st.none()
    links = []
    if keys:
        order = draw(st.permutations(keys))
        links.append({"caller": None, "callee": order[0], "order": 1, "channel": "phone"})
        for i, k in enumerate(order[1:], start=1):
            links.append({"caller": order[draw(st.integers(0, i - 1))], "callee": k, "order": draw(st.integers(1, 3)),
                          "channel": draw(st.sampled_from(["phone", "sms", "line", "email", "radio"]))})
    return {
        "format": "phrom-plan/1", "title": draw(WORDS), "classification": draw(st.sampled_from(["normal", "sensitive"])),
        "reviewed_on": draw(st.sampled_from([None, "2025-01-31", "2024-02-29"])), "exercised_on": None,
        "scope": {"objectives": draw(OPTIONAL_WORDS), "assumptions": draw(OPTIONAL_WORDS), "scope": draw(OPTIONAL_WORDS),
                  "long_crisis": draw(st.booleans()), "scenarios": scenarios},
        "impacts": [{"scenario": s, "category": c, "impacted": draw(st.booleans()), "note": draw(OPTIONAL_WORDS)}
                    for s, c in cells],
        "team": team,
        "strategies": [{"category": draw(CATEGORY), "strategy": draw(WORDS), "digital": draw(st.booleans())}
                       for _ in range(draw(st.integers(0, 4)))],
        "processes": processes,
        "resources": [{"process": draw(process_or_none), "category": draw(CATEGORY), "item": draw(WORDS),
                       "unit": draw(OPTIONAL_WORDS),
                       "quantities": draw(st.dictionaries(st.sampled_from(PERIOD), st.integers(0, 500), max_size=5))}
                      for _ in range(draw(st.integers(0, 4)))],
        "procedures": [{"window": draw(st.sampled_from(["day1", "d1_7", "d7_30", "beyond30"])),
                        "order": draw(st.integers(1, 20)), "activity": draw(WORDS), "owner": draw(member_or_none),
                        "process": draw(process_or_none)} for _ in range(draw(st.integers(0, 6)))],
        "call_tree": links,
    }
