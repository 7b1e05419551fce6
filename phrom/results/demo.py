"""Exercises and real events in the demo (`phrom demo`), so that every results page has data on first
start: the BMA disaster office's flood tabletop exercise with district offices (seed 001 point 3), a
Bangkok flood, a cyber incident at a district office (seed 001 point 1), and COVID-19 across Rayong's
agencies in fiscal years 2563–2564 (seed 002's lessons). Recorded through the services, as a user would."""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from phrom.accounts.permissions.results import TRAINING_OFFICE_PERMISSION
from phrom.orgs.models import Organisation
from phrom.plans.models import Scenario

from . import services
from .models import Exercise, Result

FLOOD_EXERCISE = "ซ้อมแผนรับมืออุทกภัยกรุงเทพมหานคร (บนโต๊ะ)"
DISTRICTS = ("BMA-D1001", "BMA-D1002", "BMA-D1003", "BMA-D1004", "BMA-D1005")
RAYONG = ("PU-21-PHO", "CM-RAYONG", "PO-21")


def _at(day: datetime.date, hour: int = 8) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _fill(user, result: Result, rng: random.Random, *, late_share: float, hazard: str, still_down: int = 0,
          findings=(), needs=(), authority=None, improvements: str = "") -> None:
    processes = []
    for i, p in enumerate(result.processes.all()):
        if p.rto_hours is None:
            continue
        if i < still_down:
            processes.append({"key": p.process_key, "still_down": True})
            continue
        factor = rng.uniform(1.2, 3.0) if rng.random() < late_share else rng.uniform(0.3, 1.0)
        processes.append({"key": p.process_key, "recovered_hours": round(p.rto_hours * factor, 1)})
    services.save_result(user, result, {
        "activated_at": _at(result.occurred_on, 10) if result.kind == Result.Kind.EVENT else None,
        "participants": "คณะทำงาน BCP และหัวหน้าฝ่ายทุกฝ่าย",
        "observations": f"ภาพรวมการรับมือ{hazard}เป็นไปตามแผน แต่บางกระบวนงานฟื้นคืนช้ากว่าที่กำหนด",
        "objectives": [{**o, "status": rng.choice(["met", "met", "partly", "not_met"])} for o in result.objectives],
        "processes": processes,
        "call_tree": {"reached": 18, "total": 21, "minutes": 35} if result.kind == Result.Kind.EXERCISE else {},
        "usability": {"call_tree": {"rating": "partly", "reason": "เบอร์โทรศัพท์ของผู้ประสานงานสำรองไม่เป็นปัจจุบัน"},
                      "strategies": {"rating": rng.choice(["usable", "unusable"]),
                                     "reason": "สถานที่ปฏิบัติงานสำรองไม่พร้อมใช้งานทันที"},
                      "procedures": {"rating": "usable", "reason": "ขั้นตอนชัดเจน"}},
        "resources_short": [{"category": "it", "item": "เครื่องคอมพิวเตอร์โน้ตบุ๊กสำหรับปฏิบัติงานนอกสถานที่",
                             "needed": 20, "available": 8}],
        "procedures": [{"step": "แจ้งเหตุตามผังการติดต่อ", "followed": True},
                       {"step": "ย้ายไปปฏิบัติงาน ณ สถานที่สำรอง", "followed": rng.random() < 0.5}],
        "authority_affected": authority, "authority_note": "ผู้บริหารมอบอำนาจให้รองผู้อำนวยการสั่งการแทน" if authority else "",
        "findings": [{"component": c, "text": t} for c, t in findings], "improvements": improvements,
        "training_needs": [{"skill": s, "people": n} for s, n in needs],
    }, revision=result.revision)


def _actions(user, result: Result, today: datetime.date) -> None:
    services.add_corrective_action(user, result, component="call_tree", owner="หัวหน้าฝ่ายบริหารงานทั่วไป",
                                   description="ปรับปรุงหมายเลขโทรศัพท์ในผังการติดต่อให้เป็นปัจจุบัน",
                                   due_on=today - datetime.timedelta(days=10))
    services.add_corrective_action(user, result, component="strategies", owner="ผู้ประสานงาน BCP",
                                   description="จัดหาสถานที่ปฏิบัติงานสำรองที่พร้อมใช้งานภายใน 4 ชั่วโมง",
                                   due_on=today + datetime.timedelta(days=45))


def load_demo_results(today: datetime.date | None = None) -> int:
    """Record the demo's exercises and events once; returns how many results were recorded."""
    if Exercise.objects.filter(title=FLOOD_EXERCISE).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(2570)
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["bma_disaster", "bma_district", "rayong_office",
                                                                      "bma_training"])}
    orgs = Organisation.objects.in_bulk([*DISTRICTS, *RAYONG, "BMA-DDPM"], field_name="code")
    hazards = Scenario.objects.in_bulk(["flood", "cyber", "epidemic"], field_name="code")
    disaster, district = users.get("bma_disaster"), users.get("bma_district")
    if "bma_training" in users:
        users["bma_training"].user_permissions.add(Permission.objects.get(
            content_type__app_label="results", codename=TRAINING_OFFICE_PERMISSION.split(".")[1]))
    districts = [orgs[c] for c in DISTRICTS if c in orgs]
    count = 0
    if "BMA-DDPM" in orgs and districts:
        scenario = services.publish_scenario(
            disaster, publisher=orgs["BMA-DDPM"], hazard=hazards["flood"], title="น้ำท่วมขังฉับพลันในเขตชั้นใน",
            narrative="ฝนตกหนักต่อเนื่อง 6 ชั่วโมง น้ำท่วมขังสูง 50 เซนติเมตรรอบสำนักงานเขต ไฟฟ้าดับบางส่วน "
                      "เจ้าหน้าที่ครึ่งหนึ่งเดินทางมาปฏิบัติงานไม่ได้",
            injects=[{"minute": 0, "text": "กรมอุตุนิยมวิทยาประกาศเตือนฝนตกหนัก"},
                     {"minute": 30, "text": "น้ำท่วมทางเข้าสำนักงานเขต ไฟฟ้าชั้นล่างดับ"},
                     {"minute": 90, "text": "ระบบทะเบียนราษฎรใช้งานไม่ได้ ประชาชนรอรับบริการ"}],
            lead_office="สำนักการระบายน้ำและสำนักการโยธา",
            expected_actions="แจ้งเหตุตามผังการติดต่อ ย้ายงานบริการประชาชนไปยังสถานที่สำรอง แจ้งประชาชนทางช่องทางออนไลน์",
            participants=districts)
        exercise = services.record_exercise(
            disaster, organiser=orgs["BMA-DDPM"], participants=districts, kind="tabletop", title=FLOOD_EXERCISE,
            held_on=today - datetime.timedelta(days=60), hazard=hazards["flood"], scenario=scenario,
            objectives=["แจ้งเหตุถึงคณะทำงานทุกคนภายใน 30 นาที", "ตัดสินใจย้ายไปสถานที่สำรองภายใน 2 ชั่วโมง",
                        "ให้บริการทะเบียนราษฎรต่อได้ภายในวันเดียวกัน"])
        for result in exercise.results.all():
            _fill(disaster, result, rng, late_share=0.3, hazard="อุทกภัย",
                  findings=[("call_tree", "ผังการติดต่อไม่ครอบคลุมเจ้าหน้าที่ที่ย้ายมาใหม่"),
                            ("strategies", "ยังไม่ได้ทำข้อตกลงใช้สถานที่สำรองกับหน่วยงานใกล้เคียง")],
                  needs=[("alternate_site", 6), ("call_tree", 3)])
            count += 1
        flood = services.record_event(
            disaster, reporter=orgs["BMA-DDPM"], organisations=districts[:3], title="น้ำท่วมกรุงเทพมหานคร ตุลาคม",
            hazard=hazards["flood"], area="เขตพระนคร เขตดุสิต เขตหนองจอก",
            started_at=_at(today - datetime.timedelta(days=40), 6), ended_at=_at(today - datetime.timedelta(days=37), 18))
        for result in flood.results.all():
            _fill(disaster, result, rng, late_share=0.5, hazard="อุทกภัย", authority=False,
                  findings=[("resources", "เครื่องสูบน้ำและเรือท้องแบนไม่เพียงพอ")],
                  needs=[("flood_response", 10)], improvements="เพิ่มการสำรองอุปกรณ์และจุดบริการประชาชนชั่วคราว")
            count += 1
    if "BMA-D1001" in orgs and district:
        cyber = services.record_event(
            district, reporter=orgs["BMA-D1001"], organisations=[orgs["BMA-D1001"]],
            title="มัลแวร์เรียกค่าไถ่เข้ารหัสเครื่องคอมพิวเตอร์ของสำนักงานเขต", hazard=hazards["cyber"],
            area="สำนักงานเขตพระนคร", started_at=_at(today - datetime.timedelta(days=12), 9), ended_at=None)
        result = cyber.results.get()
        _fill(district, result, rng, late_share=0.6, hazard="ภัยคุกคามทางไซเบอร์", still_down=1,
              findings=[("strategies", "ไม่มีข้อมูลสำรองแบบออฟไลน์ของระบบงานสารบรรณ")],
              needs=[("cyber_response", 8), ("data_recovery", 4)], authority=False,
              improvements="สำรองข้อมูลแบบออฟไลน์ทุกสัปดาห์และซ้อมกู้คืนข้อมูล")
        _actions(district, result, today)
        count += 1
    rayong = [orgs[c] for c in RAYONG if c in orgs]
    if rayong and "rayong_office" in users:
        for year, start in ((2563, datetime.date(2020, 3, 18)), (2564, datetime.date(2021, 4, 12))):
            covid = services.record_event(
                users["rayong_office"], reporter=orgs["PO-21"], organisations=rayong,
                title=f"การแพร่ระบาดของโรคโควิด 19 ปีงบประมาณ {year}", hazard=hazards["epidemic"], area="จังหวัดระยอง",
                started_at=_at(start), ended_at=_at(start + datetime.timedelta(days=75)))
            for result in covid.results.all():
                _fill(users["rayong_office"], result, rng, late_share=0.4, hazard="โรคระบาด", authority=rng.random() < 0.3,
                      findings=[("team", "บุคลากรหลักติดเชื้อพร้อมกันหลายคน ไม่มีผู้ปฏิบัติงานแทน")],
                      needs=[("remote_work", rng.randint(5, 30))],
                      improvements="กำหนดผู้ปฏิบัติงานแทนทุกตำแหน่งสำคัญ และเตรียมระบบการทำงานจากที่บ้าน")
                count += 1
    return count


