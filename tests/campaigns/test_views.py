"""The campaign pages, driven through Django's test client."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from phrom.campaigns import reminders, services
from phrom.campaigns import targets as T
from phrom.campaigns.models import Campaign, Reminder, Submission
from phrom.plans.content import apply_component, document_at
from phrom.plans.models import PlanAudit
from tests.helpers.campaigns import send
from tests.helpers.plans import document, make_plan

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_opdc_opens_a_campaign_from_the_page(client, structure, people):
    login(client, people.opdc_coordinator)
    page = client.get(reverse("campaigns:new"))
    assert page.status_code == 200
    response = client.post(reverse("campaigns:new"), {
        "collector": structure.opdc.pk, "title": "ทบทวนแผน BCP ประจำปี 2570", "fiscal_year": 2570,
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "kinds": ["provincial_unit", "town_municipality"], "required_scenarios": [],
        "blocking_codes": ["missing_required_scenario", "component_empty"], "reminder_days": "-7, -1, 3",
        "description": "ส่งภายในกำหนด",
    })
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.reminder_days == [-7, -1, 3]
    assert sorted(campaign.blocking_codes) == ["component_empty", "missing_required_scenario"]
    detail = client.get(response.url).content.decode()
    assert "ทบทวนแผน BCP ประจำปี 2570" in detail
    assert sorted(T.targets(campaign).values_list("code", flat=True)) == ["PU21-HEALTH", "TM21-001"]


def test_only_collectors_open_campaigns(client, structure, people):
    # An agency that collects nobody's plans is offered no campaign to open (issue 10).
    login(client, people.municipality_coordinator)
    assert client.get(reverse("campaigns:new")).status_code == 403
    assert "เปิดการรวบรวมแผน" not in client.get(reverse("campaigns:list")).content.decode()
    login(client, people.rayong_office_coordinator)
    # A coordinator may open a campaign only for an organisation they manage: the form offers no other.
    page = client.get(reverse("campaigns:new"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "สำนักงานจังหวัดระยอง" in body and "สำนักงาน ก.พ.ร." not in body
    response = client.post(reverse("campaigns:new"), {
        "collector": structure.opdc.pk, "title": "x", "fiscal_year": 2570, "deadline": "2027-01-01",
    })
    assert response.status_code == 200 and not Campaign.objects.exists()  # OPDC is not a valid choice


def test_a_user_without_a_managing_role_cannot_open_one(client, structure, opdc_user):
    login(client, opdc_user)  # an OPDC viewer
    assert client.get(reverse("campaigns:new")).status_code == 403


def test_the_unit_submits_and_the_office_reviews_on_the_pages(client, structure, people, national_campaign, unit_plan):
    unit, office = structure.rayong_unit, structure.rayong_office
    agency_url = reverse("campaigns:agency", args=[national_campaign.pk, unit.code])
    login(client, people.rayong_unit_coordinator)
    page = client.get(agency_url).content.decode()
    assert 'class="badge ok"' in page  # nothing stops the plan from being sent
    client.post(reverse("campaigns:agency_submit", args=[national_campaign.pk, unit.code]), {"plan": unit_plan.pk})
    sub = Submission.objects.get()
    assert sub.state == "awaiting_approval"

    login(client, people.rayong_unit_approver)
    client.post(reverse("campaigns:approve", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.state == "in_review" and sub.holder == office

    login(client, people.rayong_office_coordinator)
    inbox = client.get(reverse("campaigns:inbox", args=[national_campaign.pk]), {"org": office.code}).content.decode()
    assert unit.name_th in inbox
    page = client.get(reverse("campaigns:submission", args=[sub.pk]))
    body = page.content.decode()
    assert "การเฝ้าระวังและสอบสวนโรค" in body  # a process of the frozen plan
    assert 'name="comment_processes"' in body and 'name="decision"' in body
    read = PlanAudit.objects.filter(plan=unit_plan, action="read").get()
    assert read.username == "po21-coordinator" and read.ip == "127.0.0.1" and read.version == sub.version

    response = client.post(reverse("campaigns:review", args=[sub.pk]), {
        "decision": "return", "lock": sub.lock, "comment_processes": "ระบุ RTO ให้สอดคล้องกับ MTPD",
    })
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.state == "returned"

    # The agency sees the comment beside the component on its page.
    login(client, people.rayong_unit_coordinator)
    page = client.get(agency_url).content.decode()
    assert "ระบุ RTO ให้สอดคล้องกับ MTPD" in page
    submission_page = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode()
    section = submission_page[submission_page.index('id="c-processes"'):]
    assert "ระบุ RTO ให้สอดคล้องกับ MTPD" in section[: section.index("</section>")]
    # Members of the agency reading their own plan are not logged as outside reads.
    assert PlanAudit.objects.filter(plan=unit_plan, action="read").count() == 1


def test_a_stale_decision_gets_a_clear_message(client, structure, people, national_campaign, unit_plan):
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    seen = sub.lock
    login(client, people.rayong_office_coordinator)
    client.post(reverse("campaigns:review", args=[sub.pk]), {"decision": "accept", "lock": seen})
    login(client, people.rayong_office_approver)
    response = client.post(reverse("campaigns:review", args=[sub.pk]), {"decision": "accept", "lock": seen},
                           follow=True)
    body = response.content.decode()
    assert "po21-coordinator" in body
    sub.refresh_from_db()
    assert sub.holder == structure.opdc


def test_reviewing_outside_the_route_is_403(client, structure, people, national_campaign, unit_plan):
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    login(client, people.chonburi_office_coordinator)
    assert client.get(reverse("campaigns:submission", args=[sub.pk])).status_code == 403
    assert client.post(reverse("campaigns:review", args=[sub.pk]), {"decision": "accept", "lock": sub.lock}).status_code == 403
    sub.refresh_from_db()
    assert sub.holder == structure.rayong_office
    assert client.get(reverse("campaigns:inbox", args=[national_campaign.pk]), {"org": "PO21"}).status_code == 403
    assert client.get(reverse("campaigns:agency", args=[national_campaign.pk, "PU21-HEALTH"])).status_code == 403


def test_follow_up_page_with_chart_and_reminders(client, structure, people, national_campaign):
    send(national_campaign, structure.municipality, people)
    make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    login(client, people.opdc_coordinator)
    url = reverse("campaigns:follow_up", args=[national_campaign.pk])
    page = client.get(url, {"by": "province"}).content.decode()
    assert 'class="fu-bar"' in page and "seg-in_review" in page
    # Percentages with two decimals, as everywhere else (issue 10: "0.0 / 0.4 / 0.62" side by side).
    percents = re.findall(r'<td class="num">(\d+\.\d+)</td>', page)
    assert percents and all(len(p.split(".")[1]) == 2 for p in percents)
    for by in ("ministry", "kind"):
        assert client.get(url, {"by": by}).status_code == 200
    assert client.get(url, {"bucket": "never"}).status_code == 200
    # The first click asks to confirm the number of agencies; nothing is queued yet.
    confirm = client.post(reverse("campaigns:send_reminders", args=[national_campaign.pk]), {"org": "OPDC"})
    waiting = reminders.outstanding(national_campaign, structure.opdc).count()
    assert confirm.status_code == 200 and not Reminder.objects.exists()
    assert f"ยืนยัน ส่งอีเมลถึง {waiting} หน่วยงาน" in confirm.content.decode()
    response = client.post(reverse("campaigns:send_reminders", args=[national_campaign.pk]),
                           {"org": "OPDC", "confirm": waiting})
    assert response.status_code == 302
    # Every agency but the municipality (which has sent) is reminded once today; those with a coordinator queued.
    assert Reminder.objects.filter(status="queued").count() == Reminder.objects.count() > 0
    assert not Reminder.objects.filter(organisation=structure.municipality).exists()
    page = client.get(url).content.decode()
    assert 'class="alert warning" role="status"' in page  # e-mails waiting for the worker


def test_viewers_follow_up_but_do_not_send_reminders(client, structure, opdc_user, people, national_campaign):
    login(client, opdc_user)
    assert client.get(reverse("campaigns:follow_up", args=[national_campaign.pk])).status_code == 200
    response = client.post(reverse("campaigns:send_reminders", args=[national_campaign.pk]), {"org": "OPDC"})
    assert response.status_code == 403
    assert not Reminder.objects.exists()


def test_audit_page_for_the_agency_and_opdc_only(client, structure, people, national_campaign, unit_plan):
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    url = reverse("campaigns:audit", args=[sub.pk])
    login(client, people.rayong_unit_coordinator)
    assert "pu21-health-approver" in client.get(url).content.decode()
    login(client, people.opdc_coordinator)
    assert client.get(url).status_code == 200
    login(client, people.rayong_office_coordinator)
    assert client.get(url).status_code == 403


def test_campaign_close_and_reopen(client, structure, people, national_campaign):
    login(client, people.opdc_approver)
    client.post(reverse("campaigns:close", args=[national_campaign.pk]))
    national_campaign.refresh_from_db()
    assert not national_campaign.is_open
    client.post(reverse("campaigns:close", args=[national_campaign.pk]), {"open": "1"})
    national_campaign.refresh_from_db()
    assert national_campaign.is_open
    login(client, people.rayong_office_coordinator)
    assert client.post(reverse("campaigns:close", args=[national_campaign.pk])).status_code == 403


def test_list_and_detail_show_what_the_user_has_to_do(client, structure, people, national_campaign):
    login(client, people.rayong_office_coordinator)
    page = client.get(reverse("campaigns:list")).content.decode()
    assert national_campaign.title in page
    assert reverse("campaigns:inbox", args=[national_campaign.pk]) in page  # collects for it
    assert reverse("campaigns:agency", args=[national_campaign.pk, "PO21"]) in page  # and must send its own plan
    detail = client.get(reverse("campaigns:detail", args=[national_campaign.pk]))
    assert detail.status_code == 200


def test_reviewers_read_durations_as_the_agency_does(client, structure, people, national_campaign):
    # The plan's own read view: 720 hours is "1 เดือน" here too, not "720 h".
    processes = document()["processes"]
    processes[0]["mtpd_hours"] = 720
    plan = make_plan(structure.rayong_unit, people.coordinator(structure.rayong_unit), processes=processes)
    sub = send(national_campaign, structure.rayong_unit, people, plan)
    login(client, people.rayong_office_coordinator)
    page = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode()
    section = page[page.index('id="c-processes"'):]
    section = section[: section.index("</section>")]
    assert "1 เดือน" in section and "720" not in section


def test_the_review_decision_has_no_default(client, structure, people, national_campaign):
    sub = send(national_campaign, structure.municipality, people)
    login(client, people.opdc_coordinator)
    page = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode()
    assert 'name="decision"' in page and "checked" not in page.split('name="decision"', 1)[1].split("</fieldset>", 1)[0]
    refused = client.post(reverse("campaigns:review", args=[sub.pk]), {"lock": sub.lock})
    sub.refresh_from_db()
    assert refused.status_code in (200, 302, 400) and sub.state == "in_review"


def test_a_plan_sent_again_shows_what_changed_since_it_was_returned(client, structure, people, national_campaign):
    org = structure.municipality
    sub = send(national_campaign, org, people)
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="return",
                    comments=[{"component": "processes", "text": "โปรดทบทวน RTO"}])
    plan = sub.plan
    plan.refresh_from_db()
    returned_version = plan.revision
    processes = document_at(plan)["processes"]
    processes[0]["rto_hours"] = 12
    apply_component(plan, "processes", processes, user=people.coordinator(org),
                    expected_revision=plan.component_revision("processes"))
    plan.refresh_from_db()
    services.submit(national_campaign, org, user=people.approver(org), plan=plan, approve_now=True)
    login(client, people.opdc_coordinator)
    page = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode()
    section = page.split('id="since-returned"', 1)[1].split("</section>", 1)[0]
    assert f"ฉบับที่ {returned_version} → ฉบับที่ {plan.revision}" in section
    assert "<del>4 ชั่วโมง</del>" in section and "<ins>12 ชั่วโมง</ins>" in section


def test_return_comments_are_shown_beside_their_part_in_the_plan_editor(client, structure, people, national_campaign):
    org = structure.municipality
    sub = send(national_campaign, org, people)
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="return",
                    comments=[{"component": "processes", "text": "โปรดทบทวน RTO ของงานหลัก"}])
    login(client, people.coordinator(org))
    processes = client.get(reverse("plans:edit", args=[sub.plan.pk, "processes"])).content.decode()
    assert 'id="return-comments"' in processes and "โปรดทบทวน RTO ของงานหลัก" in processes
    scope = client.get(reverse("plans:edit", args=[sub.plan.pk, "scope"])).content.decode()
    assert "โปรดทบทวน RTO ของงานหลัก" not in scope  # only beside the part it is about


def test_the_next_collector_reads_the_comments_and_stages_of_the_one_that_forwarded(client, structure, people,
                                                                                   national_campaign):
    sub = send(national_campaign, structure.rayong_unit, people)  # the provincial office first, then OPDC
    login(client, people.opdc_coordinator)
    route = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode().split('class="route"', 1)[1]
    assert route.count('class="badge stage-') == 1 and "stage-pending" in route.split("</ol>", 1)[0]
    services.review(sub, user=people.rayong_office_coordinator, collector=structure.rayong_office, decision="accept",
                    comments=[{"component": "team", "text": "ทีมครบทุกกลุ่มงาน"}])
    page = client.get(reverse("campaigns:submission", args=[sub.pk])).content.decode()
    team = page.split('id="c-team"', 1)[1].split("</section>", 1)[0]
    assert "ทีมครบทุกกลุ่มงาน" in team
    route = page.split('class="route"', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r"badge stage-(\w+)", route) == ["forwarded", "pending"]
    assert structure.rayong_office.name_th in route and structure.opdc.name_th in route
