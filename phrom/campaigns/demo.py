"""Demo campaigns on top of the national demo data (`phrom demo`): `phrom demo_campaigns`.

Two campaigns of the current fiscal year — OPDC's national review (epidemic scenario required,
deadline 30 June) and the BMA disaster office's (cyber threats required, deadline 1 April, seed
001) — and submissions through the real services, around the demo users: Rayong's provincial units,
central-agency units and city, the Department of Disease Control and its regional offices, a first
batch of central bodies, and the BMA offices and districts. Some are returned with comments, some
accepted and forwarded, some still waiting; plans that fail the blocking rules (e.g. the demo BMA
district's, without cyber threats) stay unsent, as they would. Idempotent: a campaign that already
has submissions is left alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from phrom.core.thaidates import BE_OFFSET
from phrom.core.thaidates import fiscal_year as fiscal_year_of
from phrom.orgs.models import CollectorFlag, Organisation, OrgKind
from phrom.plans.content import bangkok_today
from phrom.plans.models import Plan, Scenario

from . import services
from . import targets as T
from .models import Campaign, Submission

SUB_UNITS = {"district_office", "school", "hospital", "bma_unit"}
CENTRAL_BATCH = 40  # central bodies sending straight to OPDC, to fill its inbox

RETURN_COMMENTS = {
    "processes": "ระยะเวลาเป้าหมายในการคืนสภาพ (RTO) ของกระบวนการหลักยังไม่สอดคล้องกับทรัพยากรที่ระบุ โปรดทบทวน",
    "call_tree": "โปรดเพิ่มช่องทางสำรองในการแจ้งเหตุ กรณีโทรศัพท์เคลื่อนที่ใช้งานไม่ได้",
    "scope": "โปรดระบุสถานการณ์ภัยคุกคามทางไซเบอร์ให้ครอบคลุมระบบข้อมูลประชาชนของสำนักงานเขต",
}


@dataclass
class DemoCampaigns:
    campaigns: list[Campaign] = field(default_factory=list)
    sent: int = 0
    declared: int = 0
    blocked: int = 0
    returned: int = 0
    forwarded: int = 0
    accepted: int = 0
    skipped: bool = False


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _campaign(collector, *, title, fiscal_year, deadline, kinds, scenario, description) -> Campaign:
    existing = Campaign.objects.filter(collector=collector, fiscal_year=fiscal_year, title=title).first()
    if existing:
        return existing
    return services.create_campaign(
        collector, user=None, title=title, fiscal_year=fiscal_year, deadline=deadline, kinds=kinds,
        required_scenarios=list(Scenario.objects.filter(code=scenario)), description=description,
        reminder_days=[-14, -7, -1, 1, 7],
    )


def _send(campaign: Campaign, orgs, fiscal_year: int, result: DemoCampaigns) -> list[Submission]:
    plans = {p.organisation_id: p for p in Plan.objects.filter(organisation__in=orgs, fiscal_year=fiscal_year)}
    out, seen = [], set()
    for org in orgs:
        if org.pk in seen:
            continue
        seen.add(org.pk)
        plan = plans.get(org.pk)
        if plan is None or not plan.revision:
            continue
        try:
            if plan.is_sensitive:
                services.declare(campaign, org, user=None, title=plan.title, reviewed_on=plan.reviewed_on, plan=plan,
                                 approve_now=True)
                result.declared += 1
            else:
                out.append(services.submit(campaign, org, user=None, plan=plan, approve_now=True))
                result.sent += 1
        except services.CampaignError:
            result.blocked += 1  # e.g. a required scenario missing: the agency has to fix its plan first
    return out


def _review(subs, collector, reviewer, result: DemoCampaigns, *, every_return=4, every_wait=4, comment="processes"):
    """At `collector`: return one in `every_return`, leave one in `every_wait` waiting, accept the others."""
    for i, sub in enumerate(s for s in subs if s.holder_id == collector.pk):
        if i % every_return == 0:
            services.review(sub, user=reviewer, collector=collector, decision=services.RETURN,
                            comments=[{"component": comment, "text": RETURN_COMMENTS[comment]}])
            result.returned += 1
        elif i % every_wait == every_wait - 1:
            continue
        else:
            sub = services.review(sub, user=reviewer, collector=collector, decision=services.ACCEPT)
            if sub.state == Submission.State.ACCEPTED:
                result.accepted += 1
            else:
                result.forwarded += 1


def load_demo_campaigns(today: datetime.date | None = None) -> DemoCampaigns:
    result = DemoCampaigns()
    today = today or bangkok_today()
    fiscal_year = fiscal_year_of(today)
    year = fiscal_year - BE_OFFSET
    opdc = Organisation.objects.filter(collector=CollectorFlag.NATIONAL).first()
    bma = Organisation.objects.filter(collector=CollectorFlag.BMA).first()
    if opdc is None:
        return result
    with transaction.atomic():
        national = _campaign(
            opdc, title=f"ทบทวนแผน BCP ประจำปี {fiscal_year}", fiscal_year=fiscal_year,
            deadline=datetime.date(year, 6, 30),
            kinds=list(OrgKind.objects.exclude(code__in=SUB_UNITS)), scenario="epidemic",
            description="ให้หน่วยงานของรัฐทบทวนและปรับปรุงแผนให้เป็นปัจจุบัน รองรับกรณีโรคระบาดต่อเนื่องเป็นระยะเวลานาน "
                        "และจัดส่งตามเส้นทางที่กำหนด (ส่วนราชการส่วนภูมิภาคส่งผ่านสำนักงานจังหวัด "
                        "หน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาคส่งผ่านส่วนราชการต้นสังกัด)",
        )
        result.campaigns.append(national)
        bma_campaign = None
        if bma is not None:
            bma_campaign = _campaign(
                bma, title=f"ทบทวนแผน BCP หน่วยงานในสังกัดกรุงเทพมหานคร ประจำปี {fiscal_year}", fiscal_year=fiscal_year,
                deadline=datetime.date(year, 4, 1), kinds=list(OrgKind.objects.filter(code="bma_unit")),
                scenario="cyber",
                description="ทุกหน่วยงานในสังกัดกรุงเทพมหานครจัดทำแผนโดยเพิ่มประเด็นภัยคุกคามทางไซเบอร์ "
                            "และส่งแผนให้สำนักป้องกันและบรรเทาสาธารณภัย",
            )
            result.campaigns.append(bma_campaign)
        if Submission.objects.filter(campaign__in=result.campaigns).exists():
            result.skipped = True
            return result

        targets = T.targets(national).select_related("kind")
        rayong = list(targets.filter(province_id="21", kind_id__in=["provincial_unit", "central_unit", "provincial_office",
                                                                    "city_municipality"]).order_by("code"))
        ddc = Organisation.objects.filter(code="MOPH-DDC").first()
        ddc_units = list(targets.filter(parent=ddc).order_by("code")) if ddc else []
        central = list(targets.filter(kind__level=OrgKind.Level.CENTRAL).order_by("code"))
        central = [o for o in central if o not in ddc_units and o != ddc][:CENTRAL_BATCH] + ([ddc] if ddc else [])
        # Security agencies keep their plans inside (seed 003): they declare them.
        secret = list(targets.filter(plans__fiscal_year=fiscal_year, plans__classification="sensitive").order_by("code"))
        subs = _send(national, rayong + ddc_units + central + secret, fiscal_year, result)

        office = Organisation.objects.filter(code="PO-21").first()
        if office is not None:
            _review(subs, office, _user("rayong_office"), result)
        if ddc is not None:
            _review(subs, ddc, _user("ddc_coordinator"), result, every_return=5, comment="call_tree")
        for sub in subs:
            sub.refresh_from_db()
        _review(subs, opdc, _user("opdc_coordinator"), result, every_return=6, every_wait=3)

        if bma_campaign is not None:
            units = list(T.targets(bma_campaign).order_by("code"))
            bma_subs = _send(bma_campaign, units, fiscal_year, result)
            _review(bma_subs, bma, _user("bma_disaster"), result, every_return=3, every_wait=3, comment="scope")
    return result
