"""Submitting, approving, returning, resubmitting and declaring, through the services."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from phrom.campaigns import services
from phrom.campaigns.comments import open_comments
from phrom.campaigns.models import Notice, ReviewComment, Stage, Submission, SubmissionEvent
from phrom.plans.codes import Status as PlanStatus
from phrom.plans.content import apply_component, document_at
from phrom.plans.models import PlanAudit, Scenario
from tests.helpers.campaigns import open_campaign, send
from tests.helpers.plans import make_plan

State = Submission.State
pytestmark = pytest.mark.django_db


def test_the_approver_approves_then_the_version_is_frozen_and_sent(structure, people, national_campaign, unit_plan):
    unit = structure.rayong_unit
    sub = services.submit(national_campaign, unit, user=people.rayong_unit_coordinator, plan=unit_plan)
    assert sub.state == State.AWAITING_APPROVAL and sub.version == unit_plan.revision
    assert not Stage.objects.filter(submission=sub).exists()  # nothing has left the agency
    # The approver is told by e-mail (queued in the same transaction).
    assert Notice.objects.get(submission=sub).recipients == [people.rayong_unit_approver.email]

    sub = services.approve(sub, user=people.rayong_unit_approver)
    assert sub.state == State.IN_REVIEW and sub.holder == structure.rayong_office and sub.round == 1
    assert sub.score is not None
    stage = Stage.objects.get(submission=sub)
    assert (stage.collector, stage.status, stage.is_final) == (structure.rayong_office, "pending", False)
    unit_plan.refresh_from_db()
    assert unit_plan.status == PlanStatus.SUBMITTED
    frozen = sub.version
    # The agency keeps editing: a new revision; the frozen one stays readable.
    scope = document_at(unit_plan)["scope"]
    apply_component(unit_plan, "scope", {**scope, "objectives": "วัตถุประสงค์ฉบับแก้ไขใหม่"},
                    user=people.rayong_unit_coordinator, expected_revision=unit_plan.component_revision("scope"))
    assert unit_plan.revision == frozen + 1
    assert document_at(unit_plan, frozen)["scope"]["objectives"] != "วัตถุประสงค์ฉบับแก้ไขใหม่"
    sub.refresh_from_db()
    assert sub.version == frozen
    actions = list(SubmissionEvent.objects.filter(submission=sub).values_list("action", flat=True))
    assert actions == ["requested", "sent"]
    statuses = PlanAudit.objects.filter(plan=unit_plan, action="status").values_list("detail__event", flat=True)
    assert set(statuses) == {"requested", "sent"}


def test_blocking_findings_must_be_fixed_first(structure, people):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator,
                             required_scenarios=[Scenario.objects.get(code="earthquake")])
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator)
    with pytest.raises(services.CampaignError) as refused:
        services.submit(campaign, structure.rayong_unit, user=people.rayong_unit_approver, plan=plan, approve_now=True)
    assert refused.value.code == "blocked"
    assert [f["code"] for f in refused.value.findings] == ["missing_required_scenario"]
    assert "แผ่นดินไหว" in refused.value.findings[0]["message_th"]
    assert not Submission.objects.exists()

    # A finding that is not a blocking code of the campaign does not stop the plan.
    campaign = services.update_campaign(campaign, user=people.opdc_coordinator, blocking_codes=["rto_exceeds_mtpd"])
    sub = services.submit(campaign, structure.rayong_unit, user=people.rayong_unit_approver, plan=plan, approve_now=True)
    assert sub.state == State.IN_REVIEW


def test_a_required_attachment_must_be_there(structure, people, unit_plan):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, attachment_required=True)
    with pytest.raises(services.CampaignError) as refused:
        send(campaign, structure.rayong_unit, people, unit_plan)
    assert refused.value.code == "attachment_missing"


def test_closed_campaign_refuses_sending_and_approving(structure, people, national_campaign, unit_plan):
    sub = services.submit(national_campaign, structure.rayong_unit, user=people.rayong_unit_coordinator, plan=unit_plan)
    services.close_campaign(national_campaign, user=people.opdc_coordinator)
    with pytest.raises(services.CampaignError) as refused:
        services.approve(sub, user=people.rayong_unit_approver)
    assert (refused.value.code, refused.value.status) == ("campaign_closed", 409)
    assert "ปิด" in refused.value.message_th
    with pytest.raises(services.CampaignError):
        send(national_campaign, structure.municipality, people)
    services.reopen_campaign(national_campaign, user=people.opdc_coordinator)
    assert services.approve(sub, user=people.rayong_unit_approver).state == State.IN_REVIEW


def test_sending_twice_is_refused(structure, people, national_campaign, unit_plan):
    send(national_campaign, structure.rayong_unit, people, unit_plan)
    with pytest.raises(services.CampaignError) as refused:
        send(national_campaign, structure.rayong_unit, people, unit_plan)
    assert (refused.value.code, refused.value.status) == ("already_sent", 409)
    assert "สำนักงานจังหวัดระยอง" in refused.value.message_th


def test_an_agency_outside_the_campaign_cannot_send(structure, people):
    bma_campaign = open_campaign(structure.bma_disaster, people.bma_disaster_coordinator)
    with pytest.raises(services.CampaignError) as refused:
        send(bma_campaign, structure.rayong_unit, people)
    assert refused.value.code == "not_a_target"


def test_a_sensitive_plan_cannot_be_sent_only_declared(structure, people, national_campaign):
    plan = make_plan(structure.rayong_unit, people.rayong_unit_coordinator, classification="sensitive")
    with pytest.raises(services.CampaignError) as refused:
        send(national_campaign, structure.rayong_unit, people, plan)
    assert refused.value.code == "sensitive_plan"
    sub = services.declare(national_campaign, structure.rayong_unit, user=people.rayong_unit_approver,
                           title="แผนรักษาความปลอดภัยระบบสื่อสาร", reviewed_on=datetime.date(2026, 1, 5), plan=plan,
                           approve_now=True)
    assert sub.state == State.DECLARED and sub.kind == Submission.Kind.DECLARATION and sub.version is None
    stage = Stage.objects.get(submission=sub)
    assert (stage.collector, stage.status) == (structure.opdc, "declared")  # straight to the campaign's collector


def test_decline_then_put_forward_again(structure, people, national_campaign, unit_plan):
    sub = services.submit(national_campaign, structure.rayong_unit, user=people.rayong_unit_coordinator, plan=unit_plan)
    sub = services.decline(sub, user=people.rayong_unit_approver, comment="ขอให้เพิ่มรายชื่อทีมสำรอง")
    assert sub.state == State.DECLINED
    assert Notice.objects.filter(submission=sub, event__action="declined").get().recipients == [
        people.rayong_unit_coordinator.email
    ]
    sub = services.submit(national_campaign, structure.rayong_unit, user=people.rayong_unit_coordinator, plan=unit_plan)
    assert services.approve(sub, user=people.rayong_unit_approver).state == State.IN_REVIEW


def test_return_with_comments_then_fix_and_resend(structure, people, national_campaign, unit_plan):
    office = structure.rayong_office
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    with pytest.raises(services.CampaignError):  # returning needs a reason
        services.review(sub, user=people.rayong_office_coordinator, collector=office, decision="return")
    sub = services.review(
        sub, user=people.rayong_office_coordinator, collector=office, decision="return",
        comments=[{"component": "processes", "path": "processes[0].rto_hours", "text": "RTO ของการเฝ้าระวังโรคสั้นเกินจริง"},
                  {"component": "general", "text": "โปรดทบทวนทั้งฉบับ"}],
    )
    assert sub.state == State.RETURNED and sub.holder == office
    unit_plan.refresh_from_db()
    assert unit_plan.status == PlanStatus.RETURNED
    comments = open_comments(unit_plan)
    assert set(comments) == {"processes", "general"}
    assert comments["processes"][0].path == "processes[0].rto_hours"
    assert comments["processes"][0].collector == office
    notice = Notice.objects.get(submission=sub, event__action="returned")
    assert set(notice.recipients) == {people.rayong_unit_coordinator.email, people.rayong_unit_approver.email}

    # The unit fixes the plan and sends it again: a new version, the comments close, the office reviews again.
    processes = document_at(unit_plan)["processes"]
    processes[0]["rto_hours"] = 8
    apply_component(unit_plan, "processes", processes, user=people.rayong_unit_coordinator,
                    expected_revision=unit_plan.component_revision("processes"))
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    assert sub.state == State.IN_REVIEW and sub.round == 2 and sub.version == unit_plan.revision
    assert open_comments(unit_plan) == {}
    assert ReviewComment.objects.filter(submission=sub, resolved_at__isnull=False).count() == 2
    assert Stage.objects.get(submission=sub, collector=office).status == "pending"

    sub = services.review(sub, user=people.rayong_office_approver, collector=office, decision="accept")
    assert sub.holder == structure.opdc and sub.state == State.IN_REVIEW
    sub = services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    assert sub.state == State.ACCEPTED
    history = list(sub.events.values_list("action", "organisation__code", "username"))
    assert history == [
        ("requested", "PU21-HEALTH", "pu21-health-approver"), ("sent", "PU21-HEALTH", "pu21-health-approver"),
        ("returned", "PO21", "po21-coordinator"),
        ("requested", "PU21-HEALTH", "pu21-health-approver"), ("sent", "PU21-HEALTH", "pu21-health-approver"),
        ("forwarded", "PO21", "po21-approver"), ("accepted", "OPDC", "opdc-coordinator"),
    ]
    assert sub.events.get(action="returned").comment == "โปรดทบทวนทั้งฉบับ"


def test_the_second_reviewer_is_told_someone_acted_first(structure, people, national_campaign, unit_plan):
    office = structure.rayong_office
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    seen = sub.lock  # both reviewers opened the page at this point
    services.review(sub, user=people.rayong_office_coordinator, collector=office, decision="accept", expected_lock=seen)
    with pytest.raises(services.CampaignError) as refused:
        services.review(sub, user=people.rayong_office_approver, collector=office, decision="return",
                        comments=[{"text": "ขาดข้อมูล"}], expected_lock=seen)
    assert refused.value.status == 409 and refused.value.code == "conflict"
    assert "po21-coordinator" in refused.value.message_th and "po21-coordinator" in refused.value.message_en
    sub.refresh_from_db()
    assert sub.holder == structure.opdc  # the first decision stands


def test_a_reviewer_cannot_act_before_the_plan_reaches_them(structure, people, national_campaign, unit_plan):
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    with pytest.raises(services.CampaignError) as refused:
        services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept")
    assert refused.value.status == 409


def test_comments_on_an_accepted_plan_are_remarks_not_open_items(structure, people, national_campaign):
    sub = send(national_campaign, structure.municipality, people)
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="accept",
                    comments=[{"component": "team", "text": "ปีหน้าควรเพิ่มผู้สำรอง"}])
    assert open_comments(sub.plan) == {}
    assert ReviewComment.objects.get().component == "team"


def test_campaign_settings_are_checked(structure, people):
    with pytest.raises(services.CampaignError):
        open_campaign(structure.opdc, people.opdc_coordinator, blocking_codes=["no_such_code"])
    with pytest.raises(services.CampaignError):
        open_campaign(structure.opdc, people.opdc_coordinator, reminder_days=[-400])
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, reminder_days=[3, -7, 3])
    assert campaign.reminder_days == [-7, 3]
    assert campaign.deadline > timezone.localdate()


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared in-memory test database refuses a second writer ('table is locked') instead of "
           "waiting as the file database does (BEGIN IMMEDIATE, timeout 20 s); scripts/test runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_at_the_same_moment_one_wins(structure, people, national_campaign, unit_plan):
    """Two threads (two database connections) decide on the same submission at once: the row lock
    (PostgreSQL) or the write transaction (SQLite) serialises them; the second sees the first's
    decision and is refused with 409, whichever it was."""
    import threading

    office = structure.rayong_office
    sub = send(national_campaign, structure.rayong_unit, people, unit_plan)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user, decision, comments):
        try:
            barrier.wait()
            services.review(Submission.objects.get(pk=sub.pk), user=user, collector=office, decision=decision,
                            comments=comments)
            outcomes.append("ok")
        except services.CampaignError as e:
            outcomes.append(e.status)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(people.rayong_office_coordinator, "accept", [])),
        threading.Thread(target=decide, args=(people.rayong_office_approver, "return", [{"text": "ขาดผู้สำรอง"}])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=str) == [409, "ok"], outcomes
    sub.refresh_from_db()
    assert SubmissionEvent.objects.filter(submission=sub, action__in=["forwarded", "returned"]).count() == 1
