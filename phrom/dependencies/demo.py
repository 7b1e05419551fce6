"""Dependencies in the demo plans (`phrom demo`), so that the pages show real gaps on first start
(seed 000 §2.2): district offices serve citizens through DOPA's civil registration system, which comes
back in a day; municipalities need the Provincial Electricity Authority's supply (a day to full
recovery), some bridging hours with a generator; schools need the internet (4 hours), some with a 4G
router. The two services are in DOPA's and PEA's demo plans, which count as a round already sent (as an
operator's import of a historical round does), so that every other agency can read and pick them; so
do their dependants' plans with minor gaps, so that the national gap list starts with sent plans."""

from __future__ import annotations

import random

from django.db.models import Q

from phrom.plans.codes import Classification, Status
from phrom.plans.models import Plan, PlanAudit
from phrom.plans.services import set_status

DOPA, PEA = "MOI-DOPA", "SOE-PEA"
SERVICES = {
    DOPA: {"key": "civil-registration", "name": "ให้บริการงานทะเบียนราษฎรและบัตรประจำตัวประชาชนผ่านระบบของส่วนกลาง",
           "mission": "ทะเบียนราษฎร", "impact_level": "very_high", "mtpd_hours": 72, "rto_hours": 24, "rpo_hours": 1,
           "depends_on_it": True, "eservice": True, "impact_over_time": {},
           "dependencies": [{"kind": "utility", "utility": "electricity", "covered_hours": 8,
                             "covered_by": "เครื่องกำเนิดไฟฟ้าสำรองของศูนย์ข้อมูล"}]},
    PEA: {"key": "power-supply", "name": "จ่ายกระแสไฟฟ้าคืนให้ผู้ใช้ไฟในส่วนภูมิภาค", "mission": "จำหน่ายไฟฟ้า",
          "impact_level": "very_high", "mtpd_hours": 48, "rto_hours": 24, "rpo_hours": 1, "depends_on_it": True,
          "eservice": False, "impact_over_time": {}},
}
RESOURCES = {DOPA: "ศูนย์ข้อมูลสำรองของระบบทะเบียนราษฎร", PEA: "ศูนย์สั่งการระบบไฟฟ้าสำรอง"}
MUNICIPALITIES = ("city_municipality", "town_municipality", "subdistrict_municipality")


def _first_urgent(processes: list) -> dict | None:
    """The process that must be back soonest (the one a dependency threatens most)."""
    timed = [p for p in processes if p.get("rto_hours") is not None]
    return min(timed, key=lambda p: p["rto_hours"]) if timed else None


def add_demo_dependencies(spec, plan) -> None:
    """Give one demo plan (phrom.demo.plans.DemoPlan, before it is cleaned and written) its dependencies.
    A complete plan has arranged for them (covered throughout): its RTOs hold; the others may not."""
    processes = plan.document.get("processes") or []
    if spec.code in SERVICES:
        service = dict(SERVICES[spec.code])
        processes.append(service)
        if plan.document.get("resources"):  # an early draft keeps its empty parts
            plan.document["resources"].append(
                {"process": service["key"], "category": "it", "item": RESOURCES[spec.code], "unit": "ระบบ",
                 "quantities": {"4h": 1, "1d": 1}})
        return
    rng = random.Random(f"dependencies-{spec.code}")
    target = _first_urgent(processes)
    if target is None:
        return
    arranged = plan.tier == "complete"
    if spec.kind == "district_office":
        dep = {"kind": "process", "organisation": DOPA, "process": SERVICES[DOPA]["key"]}
        if arranged:
            dep |= {"covered_hours": 24, "covered_by": "รับคำร้องแบบกระดาษแล้วบันทึกเข้าระบบภายหลัง"}
    elif spec.kind in MUNICIPALITIES:
        dep = {"kind": "process", "organisation": PEA, "process": SERVICES[PEA]["key"]}
        if arranged or rng.random() < 0.4:
            dep |= {"covered_hours": 24 if arranged else 8, "covered_by": "เครื่องกำเนิดไฟฟ้าสำรอง"}
    elif spec.kind == "school":
        dep = {"kind": "utility", "utility": "internet"}
        if arranged or rng.random() < 0.5:
            dep |= {"covered_hours": 4, "covered_by": "เราเตอร์ 4G สำรอง"}
    else:
        return
    target["dependencies"] = [dep]


def mark_services_sent(fiscal_year: int) -> None:
    """DOPA's and PEA's demo plans, and the demo plans with minor gaps that depend on something, as a
    round already sent: others' dependencies resolve, and the national gap list has sent plans to read."""
    dependants = PlanAudit.objects.filter(
        plan__fiscal_year=fiscal_year, action=PlanAudit.Action.CREATE, detail__demo_tier="minor",
        plan__organisation__kind_id__in=("district_office", "school", *MUNICIPALITIES)).values("plan_id")
    plans = Plan.objects.filter(Q(organisation__code__in=SERVICES) | Q(pk__in=dependants), fiscal_year=fiscal_year,
                                status=Status.DRAFT).exclude(classification=Classification.SENSITIVE)
    for plan in plans:
        set_status(plan, Status.ACCEPTED, detail={"demo": True, "historical_version": plan.revision})
