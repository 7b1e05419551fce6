"""A typical plan document (format `phrom-plan/1`) of a provincial office, for tests, benchmarks and
a look at the printed result: by default 20 critical processes and 40 people, as the speed targets
of issue 4 count them."""

from __future__ import annotations

import datetime
import itertools

FIRST_NAMES = [
    "สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ธนากร", "กาญจนา", "สุรเชษฐ์", "พิมพ์ชนก", "ณัฐวุฒิ", "อรุณี",
    "ชัยวัฒน์", "ศิริพร", "อนุชา", "นิภาพร", "วีระพงษ์", "จันทร์เพ็ญ", "ปิยะ", "รัตนา", "สุทธิพงษ์", "เยาวลักษณ์",
]
LAST_NAMES = [
    "ใจดี", "รักษ์ไทย", "ศรีสุข", "บุญมา", "แก้วมณี", "ทองคำ", "วงศ์สวัสดิ์", "พึ่งน้ำใจ", "สุขเกษม", "มั่นคง",
    "เรืองศรี", "ปัญญาดี", "ชื่นบาน", "อ่อนน้อม", "ผู้ใหญ่บ้าน", "น้ำใจงาม", "สว่างวงศ์", "ดีพร้อม",
]
TITLES = ["นาย", "นางสาว", "นาง"]
POSITIONS = [
    "ผู้อำนวยการสำนักงาน", "หัวหน้ากลุ่มงานบริหารทั่วไป", "นักวิเคราะห์นโยบายและแผนชำนาญการ",
    "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "เจ้าพนักงานธุรการชำนาญงาน", "นักทรัพยากรบุคคลชำนาญการ",
    "นักวิชาการเงินและบัญชีชำนาญการ", "นิติกรปฏิบัติการ", "เจ้าพนักงานพัสดุปฏิบัติงาน",
]
TEAMS = [
    "ทีมบริหารความต่อเนื่อง", "ทีมงานอาคารสถานที่", "ทีมงานเทคโนโลยีสารสนเทศ", "ทีมงานบุคลากร",
    "ทีมงานการเงินและพัสดุ", "ทีมงานบริการประชาชน", "ทีมงานประชาสัมพันธ์",
]
PROCESSES = [
    ("การให้บริการข้อมูลข่าวสารแก่ประชาชน", "งานบริการประชาชน"),
    ("การรับเรื่องร้องเรียนร้องทุกข์", "งานบริการประชาชน"),
    ("การเบิกจ่ายเงินงบประมาณ", "งานการเงินและบัญชี"),
    ("การจ่ายเงินเดือนและค่าตอบแทน", "งานการเงินและบัญชี"),
    ("การจัดซื้อจัดจ้างพัสดุ", "งานพัสดุ"),
    ("การบริหารงานบุคคล", "งานบุคคล"),
    ("การรับ-ส่งหนังสือราชการ (สารบรรณอิเล็กทรอนิกส์)", "งานสารบรรณ"),
    ("การดูแลระบบเครือข่ายและอินเทอร์เน็ต", "งานเทคโนโลยีสารสนเทศ"),
    ("การสำรองและกู้คืนข้อมูล", "งานเทคโนโลยีสารสนเทศ"),
    ("การประสานงานการช่วยเหลือผู้ประสบภัย", "งานป้องกันและบรรเทาสาธารณภัย"),
    ("การจัดทำรายงานสถานการณ์เสนอผู้บริหาร", "งานยุทธศาสตร์"),
    ("การประชุมคณะกรรมการระดับจังหวัด", "งานยุทธศาสตร์"),
    ("การออกหนังสือรับรองและใบอนุญาต", "งานบริการประชาชน"),
    ("การตรวจสอบภายใน", "งานตรวจสอบ"),
    ("การประชาสัมพันธ์และแจ้งข่าวสารภาวะฉุกเฉิน", "งานประชาสัมพันธ์"),
    ("การบริหารสัญญาและคู่ค้า", "งานพัสดุ"),
    ("การดูแลอาคารสถานที่และความปลอดภัย", "งานอาคารสถานที่"),
    ("การให้คำปรึกษาทางกฎหมาย", "งานนิติการ"),
    ("การติดตามและประเมินผลโครงการ", "งานยุทธศาสตร์"),
    ("การจัดเก็บเอกสารสำคัญ", "งานสารบรรณ"),
]
RESOURCE_ITEMS = {
    "building": [("พื้นที่ปฏิบัติงานสำรอง (ที่นั่ง)", "ที่นั่ง")],
    "equipment": [("เครื่องพิมพ์", "เครื่อง"), ("โทรศัพท์เคลื่อนที่", "เครื่อง")],
    "supply": [("ผู้ให้บริการจัดส่งวัสดุสำนักงาน", "ราย")],
    "it": [("คอมพิวเตอร์พกพาพร้อมระบบงาน", "เครื่อง"), ("ระบบสารบรรณอิเล็กทรอนิกส์", "ระบบ")],
    "personnel": [("บุคลากรหลักที่ต้องปฏิบัติงาน", "คน")],
    "stakeholders": [("ผู้ให้บริการอินเทอร์เน็ต", "ราย")],
}
LEVELS = ["very_high", "high", "high", "medium", "medium", "low"]
RTOS = [4, 24, 2, 168, 336, 720, 48]


def typical_plan(processes: int = 20, people: int = 40, *, sensitive: bool = False) -> dict:
    """A complete plan document: every component written, the team in a call tree."""
    names = (
        f"{t}{f} {last}"
        for t, (f, last) in zip(
            itertools.cycle(TITLES), itertools.product(FIRST_NAMES, LAST_NAMES), strict=False
        )
    )
    team = []
    for i in range(people):
        role = "head" if i == 0 else "coordinator" if i == 1 else "leader" if i < 2 + len(TEAMS) - 1 else "member"
        team.append(
            {
                "key": f"m{i + 1}",
                "name": next(names),
                "position": POSITIONS[i % len(POSITIONS)],
                "role": role,
                "team": TEAMS[0] if i < 2 else TEAMS[1 + (i - 2) % (len(TEAMS) - 1)],
                "phone": f"08{(i * 7919) % 10:d}{(1234567 + i * 104729) % 10**7:07d}",
                "email": "",
                "line_id": "",
                "alternate": None,
            }
        )
    # Pair each of the first members with a later one as alternate.
    for i in range(min(len(team) // 2, 12)):
        team[i]["alternate"] = team[len(team) - 1 - i]["key"]

    leaders = [m for m in team if m["role"] == "leader"]
    call_tree = [{"caller": None, "callee": "m1", "order": 1, "channel": "phone"}]
    if len(team) > 1:
        call_tree.append({"caller": "m1", "callee": "m2", "order": 1, "channel": "phone"})
    for n, leader in enumerate(leaders, start=1):
        call_tree.append({"caller": "m2", "callee": leader["key"], "order": n, "channel": "line"})
    members = [m for m in team if m["role"] == "member"]
    for n, member in enumerate(members):
        leader = next((x for x in leaders if x["team"] == member["team"]), leaders[n % len(leaders)] if leaders else team[0])
        call_tree.append(
            {"caller": leader["key"], "callee": member["key"], "order": n + 1, "channel": ["phone", "sms", "line"][n % 3]}
        )

    procs = []
    for i in range(processes):
        name, mission = PROCESSES[i % len(PROCESSES)]
        if i >= len(PROCESSES):
            name = f"{name} ({i // len(PROCESSES) + 1})"
        rto = RTOS[i % len(RTOS)]
        procs.append(
            {
                "key": f"p{i + 1}",
                "name": name,
                "mission": mission,
                "impact_level": LEVELS[i % len(LEVELS)],
                "mtpd_hours": rto * 2,
                "rto_hours": rto,
                "rpo_hours": [1, 4, 24, None][i % 4],
                "depends_on_it": i % 3 != 2,
                "eservice": i % 4 == 0,
                "impact_over_time": {
                    "4h": "ประชาชนไม่ได้รับข้อมูลข่าวสารตามกำหนด" if i % 2 == 0 else "",
                    "1d": "งานค้างสะสม ผู้รับบริการร้องเรียน",
                    "1w": "กระทบต่อภาพลักษณ์และความเชื่อมั่นของหน่วยงาน",
                    "2w": "เกิดความเสียหายต่อทางราชการ",
                    "1m": "ไม่สามารถปฏิบัติภารกิจตามกฎหมายได้",
                },
            }
        )
    resources = []
    for i, p in enumerate(procs):
        for cat, items in RESOURCE_ITEMS.items():
            if (i + len(cat)) % 3 == 0 or cat in ("it", "personnel"):
                item, unit = items[i % len(items)]
                base = 1 + i % 3
                resources.append(
                    {
                        "process": p["key"],
                        "category": cat,
                        "item": item,
                        "unit": unit,
                        "quantities": {"4h": base, "1d": base * 2, "1w": base * 3, "2w": base * 3, "1m": base * 4},
                    }
                )
    steps = {
        "day1": [
            "ประเมินสถานการณ์และแจ้งผู้อำนวยการสำนักงานทันที",
            "เรียกประชุมทีมบริหารความต่อเนื่องและตัดสินใจประกาศใช้แผน",
            "แจ้งบุคลากรทุกคนตามแผนผังการติดต่อสื่อสาร (Call Tree)",
            "ตรวจสอบความปลอดภัยของบุคลากรและอาคารสถานที่",
            "ย้ายการปฏิบัติงานที่สำคัญไปยังสถานที่ปฏิบัติงานสำรอง",
            "ตรวจสอบระบบสารสนเทศและกู้คืนข้อมูลสำรองที่ได้จัดเก็บไว้",
        ],
        "d1_7": [
            "ติดตามสถานการณ์และรายงานผู้บริหารทุกวัน",
            "จัดหาวัสดุอุปกรณ์ที่จำเป็นเพิ่มเติมจากผู้ให้บริการหลัก",
            "ประสานหน่วยงานในจังหวัดเพื่อใช้ทรัพยากรร่วมกัน",
            "แจ้งประชาชนถึงช่องทางการให้บริการทางอิเล็กทรอนิกส์ (e-Service)",
        ],
        "d7_30": [
            "ฟื้นฟูการให้บริการตามปกติทีละกระบวนงานตามลำดับความสำคัญ",
            "ประเมินความเสียหายและสรุปบทเรียนที่ได้รับ",
            "ปรับปรุงแผนบริหารความพร้อมต่อสภาวะวิกฤตตามบทเรียน",
        ],
    }
    procedures = []
    owners = [m["key"] for m in team[:8]]
    for window, activities in steps.items():
        for n, activity in enumerate(activities, start=1):
            procedures.append(
                {
                    "window": window,
                    "order": n,
                    "activity": activity,
                    "owner": owners[(n + len(window)) % len(owners)],
                    "process": procs[n % len(procs)]["key"] if procs and n % 3 == 0 else None,
                }
            )
    scenarios = ["epidemic", "fire", "flood", "riot", "power_outage", "cyber"]
    return {
        "format": "phrom-plan/1",
        "title": "แผนบริหารความพร้อมต่อสภาวะวิกฤต (BCP) ของสำนักงานจังหวัดระยอง ประจำปีงบประมาณ พ.ศ. 2570",
        "classification": "sensitive" if sensitive else "normal",
        "reviewed_on": "2026-10-15",
        "exercised_on": "2026-08-20",
        "scope": {
            "objectives": (
                "เพื่อให้สำนักงานจังหวัดสามารถปฏิบัติภารกิจที่สำคัญได้อย่างต่อเนื่องเมื่อเกิดสภาวะวิกฤต\n"
                "เพื่อลดผลกระทบต่อประชาชนผู้รับบริการและหน่วยงานที่เกี่ยวข้องให้น้อยที่สุด\n"
                "เพื่อให้บุคลากรทุกคนได้ทราบบทบาทหน้าที่ของตนและพร้อมปฏิบัติตามแผน"
            ),
            "assumptions": (
                "สถานที่ปฏิบัติงานสำรองไม่ได้รับผลกระทบจากสภาวะวิกฤตในคราวเดียวกัน\n"
                "ข้อมูลสำคัญได้รับการสำรองไว้และสามารถกู้คืนได้ภายในระยะเวลาที่กำหนด\n"
                "บุคลากรหลักหรือบุคลากรสำรองอย่างน้อยร้อยละ 50 สามารถปฏิบัติงานได้"
            ),
            "scope": "ครอบคลุมกระบวนการหลักทั้งหมดของสำนักงานจังหวัด ณ ศาลากลางจังหวัดและสถานที่ปฏิบัติงานสำรอง",
            "long_crisis": True,
            "scenarios": [
                *({"code": code, "note": ""} for code in scenarios),
                {"code": "custom-1", "name_th": "น้ำท่วมขังบริเวณศาลากลางจังหวัด", "name_en": "", "note": ""},
            ],
        },
        "impacts": [
            {"scenario": s, "category": cat, "impacted": True,
             "note": "อาคารชั้น 1 น้ำท่วม ไม่สามารถเข้าใช้พื้นที่ได้" if (s, cat) == ("flood", "building") else ""}
            for k, s in enumerate([*scenarios, "custom-1"])
            for j, cat in enumerate(RESOURCE_ITEMS)
            if (k + j) % 2 == 0 or s == "flood"
        ],
        "team": team,
        "strategies": [
            {"category": "building", "strategy": "ใช้ห้องประชุมที่ว่าการอำเภอเมืองเป็นสถานที่ปฏิบัติงานสำรอง และให้บุคลากรปฏิบัติงานจากที่บ้าน", "digital": False},
            {"category": "equipment", "strategy": "ยืมวัสดุอุปกรณ์ที่สำคัญจากหน่วยงานในอาคารศาลากลางจังหวัดตามข้อตกลงร่วมกัน", "digital": False},
            {"category": "supply", "strategy": "จัดทำบัญชีผู้ให้บริการสำรองอย่างน้อย 2 ราย", "digital": False},
            {"category": "it", "strategy": "สำรองข้อมูลไว้บนระบบคลาวด์ภาครัฐ (GDCC) และให้บริการผ่านระบบ e-Service", "digital": True},
            {"category": "personnel", "strategy": "มอบหมายบุคลากรสำรองที่ได้รับการฝึกอบรมแล้วปฏิบัติงานแทน", "digital": False},
            {"category": "stakeholders", "strategy": "แจ้งคู่ค้าและผู้มีส่วนได้ส่วนเสียผ่านช่องทางสื่อสังคมออนไลน์ของหน่วยงาน", "digital": True},
        ],
        "processes": procs,
        "resources": resources,
        "procedures": procedures,
        "call_tree": call_tree,
    }


def typical_header(*, sensitive: bool = False, approved: bool = True) -> dict:
    return {
        "organisation": "สำนักงานจังหวัดระยอง",
        "kind": "สำนักงานจังหวัด",
        "province": "ระยอง",
        "version": 3,
        "approved_on": datetime.date(2026, 10, 20) if approved else None,
        "fiscal_year": 2570,
        "classification": "sensitive" if sensitive else "normal",
    }
