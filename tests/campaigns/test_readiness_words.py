"""The campaign page and the plan overview do not contradict each other: a must-fix finding that the
campaign does not block on is named on the campaign page too, as something it does not wait for."""

import copy

from django.urls import reverse

from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import FULL, make_plan

RTO_MESSAGE_PART = "RTO"


def test_findings_the_campaign_does_not_block_on_are_named_on_its_page(client, structure, people):
    unit = structure.rayong_unit
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = processes[0]["mtpd_hours"] * 2
    plan = make_plan(unit, people.coordinator(unit), processes=processes)
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)  # blocks on a missing scenario only
    client.force_login(people.coordinator(unit))

    overview = client.get(reverse("plans:overview", args=[plan.pk])).content.decode()
    assert 'data-finding="rto_exceeds_mtpd"' in overview

    page = client.get(reverse("campaigns:agency", args=[campaign.pk, unit.code])).content.decode()
    assert "ตามเงื่อนไขของการรวบรวมนี้ ส่งแผนนี้ได้" in page
    assert "ไม่มีข้อบกพร่องที่ต้องแก้ไขก่อน" not in page
    section = page.split('id="not-blocking"', 1)[1].split("</div>", 1)[0]
    assert "ซึ่งการรวบรวมนี้ไม่ได้กำหนดให้ต้องแก้ก่อนส่ง" in section and RTO_MESSAGE_PART in section
    assert reverse("plans:overview", args=[plan.pk]) in section

    api = client.get(f"/api/v1/campaigns/{campaign.pk}/agencies/{unit.code}/").json()
    assert api["readiness"]["ok"] and "rto_exceeds_mtpd" in {f["code"] for f in api["readiness"]["not_blocking"]}


def test_a_blocking_finding_is_said_to_stop_the_campaign(client, structure, people):
    unit = structure.rayong_unit
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = processes[0]["mtpd_hours"] * 2
    make_plan(unit, people.coordinator(unit), processes=processes)
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, blocking_codes=["rto_exceeds_mtpd"])
    client.force_login(people.coordinator(unit))
    page = client.get(reverse("campaigns:agency", args=[campaign.pk, unit.code])).content.decode()
    assert "การรวบรวมนี้จะรับแผนเมื่อแก้ไขข้อต่อไปนี้แล้ว" in page and 'id="not-blocking"' not in page
