"""Words, not codes (issue 10 §7, §9): the campaign pages name checker findings, components, people
and dates as a Thai reader expects them — never a code, a stored dict, a username, "None" or an ISO date."""

import datetime
import re

import pytest
from django.urls import reverse

from phrom.campaigns import services
from phrom.campaigns.models import Campaign
from phrom.plans.codes import COMPONENT_LABELS
from phrom.plans.models import PlanVersion
from tests.helpers.campaigns import open_campaign, send

pytestmark = pytest.mark.django_db
ISO = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def visible(response) -> str:
    """The page's text without its tags, attributes, styles and scripts."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_campaign_form_names_the_findings_and_takes_thai_dates(client, structure, people):
    client.force_login(people.opdc_coordinator)
    page = client.get(reverse("campaigns:new"))
    text = visible(page)
    assert "RTO นานกว่า MTPD" in text and "ยังไม่ครอบคลุมสถานการณ์ที่หน่วยงานผู้รวบรวมกำหนด" in text
    assert "rto_exceeds_mtpd" not in text and "component_empty" not in text
    html = page.content.decode()
    assert 'type="date"' not in html and 'placeholder="วว/ดด/ปปปป"' in html

    response = client.post(reverse("campaigns:new"), {
        "collector": structure.opdc.pk, "title": "ทบทวนแผน BCP ประจำปี 2570", "fiscal_year": 2570,
        "deadline": "30/06/2570", "blocking_codes": ["missing_required_scenario"], "reminder_days": "",
    })
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.deadline == datetime.date(2027, 6, 30)
    edit = client.get(reverse("campaigns:edit", args=[campaign.pk])).content.decode()
    assert 'value="30/06/2570"' in edit

    detail = visible(client.get(reverse("campaigns:detail", args=[campaign.pk])))
    assert "ยังไม่ครอบคลุมสถานการณ์ที่หน่วยงานผู้รวบรวมกำหนด" in detail and "missing_required_scenario" not in detail
    assert "30 มิถุนายน 2570" in detail and not ISO.search(detail)


def test_a_wrong_date_is_refused_in_thai(client, structure, people):
    client.force_login(people.opdc_coordinator)
    response = client.post(reverse("campaigns:new"), {
        "collector": structure.opdc.pk, "title": "ทบทวน", "fiscal_year": 2570, "deadline": "31/02/2570",
    })
    assert response.status_code == 200 and "โปรดกรอกวันที่ในรูปแบบ วัน/เดือน/ปี พ.ศ." in response.content.decode()


@pytest.fixture
def returned(structure, people, unit_plan):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, structure.rayong_unit, people, unit_plan)
    return services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office,
                           decision="return", comments=[{"component": "team", "text": "เพิ่มผู้สำรองของหัวหน้าทีม"}])


def test_comments_and_histories_name_people(client, people, returned):
    reviewer, approver = people.rayong_office_coordinator, people.rayong_unit_approver
    client.force_login(people.rayong_unit_coordinator)
    for url in (reverse("campaigns:agency", args=[returned.campaign_id, returned.organisation.code]),
                reverse("campaigns:submission", args=[returned.pk])):
        text = visible(client.get(url))
        assert "เพิ่มผู้สำรองของหัวหน้าทีม" in text
        assert reviewer.get_full_name() in text and approver.get_full_name() in text
        assert reviewer.username not in text and approver.username not in text


def test_the_audit_page_tells_the_details_in_thai(client, people, returned):
    client.force_login(people.rayong_unit_coordinator)
    text = visible(client.get(reverse("campaigns:audit", args=[returned.pk])))
    assert "{'" not in text and "&#x27;" not in text and "None" not in text
    assert str(COMPONENT_LABELS["team"]) in text  # the component's label, not "team"
    assert "เพิ่ม" in text and "การรวบรวมแผน “ทบทวนแผน BCP ประจำปี 2570”" in text
    assert people.rayong_unit_coordinator.get_full_name() in text
    for raw in ("scope", "call_tree", "campaign_title", "'changes'"):
        assert raw not in text


def test_a_version_without_author_is_not_none_none(client, people, unit_plan):
    PlanVersion.objects.filter(plan=unit_plan).update(author=None)
    client.force_login(people.rayong_unit_coordinator)
    text = visible(client.get(reverse("plans:overview", args=[unit_plan.pk])))
    assert "None" not in text


def test_every_checker_code_has_its_words():
    from phrom.plans.checker import CODE_LABELS, CODES

    assert set(CODE_LABELS) == set(CODES)
