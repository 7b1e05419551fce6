"""Plan fixtures: a coordinator's plan built through the services, and documents to feed them."""

import copy

import pytest

from phrom.plans.services import create_plan
from tests.conftest import member

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


@pytest.fixture
def full_doc():
    return copy.deepcopy(FULL)


@pytest.fixture
def coordinator(structure):
    return member(structure.rayong_unit)


@pytest.fixture
def plan(structure, coordinator):
    return create_plan(structure.rayong_unit, user=coordinator, fiscal_year=2569, template=copy.deepcopy(FULL))
