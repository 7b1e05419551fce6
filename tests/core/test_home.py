"""The home page is each person's to-do list: what waits for their decision, what came back, what is
yet to be done — counted, with a link to it."""

import copy

import pytest
from django.urls import reverse

from phrom.campaigns import services
from phrom.core.worklist import tasks_for
from tests.conftest import member
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import FULL, make_plan


@pytest.fixture
def campaign(structure, people):
    return open_campaign(structure.opdc, people.opdc_coordinator)


def _home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("home")).content.decode()


def test_the_collector_sees_its_inbox_count(client, structure, people, campaign):
    for org in (structure.rayong_unit, structure.central_unit):
        send(campaign, org, people)
    page = _home(client, people.rayong_office_coordinator)
    inbox = reverse("campaigns:inbox", args=[campaign.pk]) + "?org=PO21"
    assert "มีแผน 1 แผนรอสำนักงานจังหวัดระยองพิจารณา" in page and inbox in page


def test_the_approver_sees_what_waits_for_approval_and_the_state_is_current(client, structure, people, campaign):
    unit = structure.rayong_unit
    plan = make_plan(unit, people.coordinator(unit), title="แผนของสาธารณสุข")
    services.submit(campaign, unit, user=people.coordinator(unit), plan=plan)
    page = _home(client, people.approver(unit))
    assert "“แผนของสาธารณสุข” ของสำนักงานสาธารณสุขจังหวัดระยอง รอการอนุมัติจากคุณ" in page
    assert reverse("campaigns:agency", args=[campaign.pk, unit.code]) in page
    # The coordinator who put it forward has nothing to approve.
    assert not [t for t in tasks_for(people.coordinator(unit)) if "รอการอนุมัติ" in t.text]


def test_a_returned_plan_put_forward_again_reads_as_waiting_for_the_approver(client, structure, people, campaign):
    """Issue 10: the approver's home said "returned" while the plan waited for their approval."""
    unit = structure.rayong_unit
    sub = send(campaign, unit, people)
    services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="return",
                    comments=[{"component": "processes", "text": "โปรดทบทวน RTO"}])
    assert "ส่งคืนให้แก้ไข</span>" in _home(client, people.approver(unit))
    services.request_approval(campaign, unit, user=people.coordinator(unit), plan=sub.plan)
    for user in (people.approver(unit), people.coordinator(unit)):
        page = _home(client, user)
        assert '<span class="badge">รอผู้อนุมัติ</span>' in page and "ส่งคืนให้แก้ไข</span>" not in page
    overview = client.get(reverse("plans:overview", args=[sub.plan_id])).content.decode()
    assert '<span class="badge">รอผู้อนุมัติ</span>' in overview


def test_a_returned_plan_links_to_its_comments(client, structure, people, campaign):
    unit = structure.rayong_unit
    sub = send(campaign, unit, people)
    services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="return",
                    comments=[{"component": "processes", "text": "โปรดทบทวน RTO"}])
    page = _home(client, people.coordinator(unit))
    assert "ถูกส่งคืนให้แก้ไข มีความเห็นที่ต้องดำเนินการ 1 ข้อ" in page
    assert reverse("campaigns:agency", args=[campaign.pk, unit.code]) + "#comments-h" in page


def test_the_coordinator_sees_campaigns_to_send_to_and_plans_to_fix(client, structure, people, campaign):
    unit = structure.rayong_unit
    processes = copy.deepcopy(FULL["processes"])
    processes[0]["rto_hours"] = processes[0]["mtpd_hours"] * 2  # recovery promised after the tolerable outage
    make_plan(unit, people.coordinator(unit), title="แผนที่ยังไม่ครบ", processes=processes)
    texts = [t.text for t in tasks_for(people.coordinator(unit))]
    assert any("ยังไม่ได้ส่งแผนให้การรวบรวม" in t for t in texts)
    assert any(t.startswith("“แผนที่ยังไม่ครบ” มีข้อที่ต้องแก้ไข") for t in texts)
    # A viewer of the same agency has no such work.
    assert tasks_for(member(unit, "viewer", "reader")) == []


def test_nothing_waiting(client, structure, people):
    assert "ไม่มีงานที่รอคุณ" in _home(client, people.municipality_coordinator)
