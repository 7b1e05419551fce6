"""Reminders: queued once per agency and kind, e-mailed to a real SMTP server (aiosmtpd on 127.0.0.1),
kept and retried while the server is down; automatic reminders at the campaign's days."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from phrom.campaigns import services
from phrom.campaigns.mail import deliver_due
from phrom.campaigns.models import Notice, Reminder
from phrom.campaigns.reminders import due_kind, manual_kind, queue_reminders, send_due_reminders
from phrom.campaigns.tasks import daily_reminders, schedule_daily_reminders
from tests.helpers.campaigns import open_campaign, open_late_campaign, send
from tests.smtp import free_port

pytestmark = pytest.mark.django_db


def to_coordinators(smtp_server):
    """The reminders: notices of the test go to approvers, reminders to coordinators (CODE-coordinator@…)."""
    return [m for m in smtp_server.messages if all("-coordinator@" in r for r in m.recipients)]


@pytest.fixture
def late_campaign(structure, people):
    return open_late_campaign(structure, people)


def test_reminders_reach_the_coordinators_of_late_agencies(structure, people, late_campaign, smtp_server):
    queued = queue_reminders(late_campaign, structure.opdc, kind=manual_kind(), user=people.opdc_coordinator)
    assert (queued.queued, queued.already, queued.no_address) == (12, 0, 0)
    report = deliver_due()
    assert report.sent >= 12 and not report.error
    reminders = to_coordinators(smtp_server)
    assert len(reminders) == 12 and all("ทบทวนแผน BCP ประจำปี 2570" in m.subject for m in reminders)
    to_unit = smtp_server.to(people.rayong_unit_coordinator.email)
    assert len(to_unit) == 1 and people.rayong_unit_approver.email not in to_unit[0].recipients
    text = to_unit[0].text
    assert "สำนักงานสาธารณสุขจังหวัดระยอง" in text
    assert reverse("campaigns:agency", args=[late_campaign.pk, "PU21-HEALTH"]) in text
    assert smtp_server.to(people.municipality_coordinator.email) == []  # it has sent
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    # Pressing the button again the same day sends nothing more.
    again = queue_reminders(late_campaign, structure.opdc, kind=manual_kind(), user=people.opdc_coordinator)
    assert (again.queued, again.already) == (0, 12)


def test_agencies_without_a_coordinator_address_are_counted(structure, people, late_campaign):
    people.rayong_unit_coordinator.email = ""
    people.rayong_unit_coordinator.save()
    queued = queue_reminders(late_campaign, structure.opdc, kind="day+1")
    assert queued.no_address == 1 and queued.queued == 11
    people.rayong_unit_coordinator.email = "new-coordinator@example.go.th"
    people.rayong_unit_coordinator.save()
    rearmed = queue_reminders(late_campaign, structure.opdc, kind="day+1")
    assert rearmed.queued == 1
    assert Reminder.objects.get(organisation=structure.rayong_unit).recipients == ["new-coordinator@example.go.th"]


def test_smtp_down_keeps_reminders_queued_and_retries(client, settings, structure, people, late_campaign, smtp_server):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    queue_reminders(late_campaign, structure.opdc, kind=manual_kind())
    report = deliver_due()
    assert report.sent == 0 and report.deferred >= 12 and "Connection refused" in report.error
    waiting = Reminder.objects.filter(status="queued")
    assert waiting.count() == 12 and set(waiting.values_list("attempts", flat=True)) == {1}
    assert all("Connection refused" in e for e in waiting.values_list("last_error", flat=True))
    assert report.next_attempt_at > timezone.now()
    # Not due again yet: a run now changes nothing.
    assert deliver_due().sent == 0 and Reminder.objects.filter(attempts=1).count() == 12

    client.force_login(people.opdc_coordinator)
    page = client.get(reverse("campaigns:follow_up", args=[late_campaign.pk])).content.decode()
    assert 'role="status"' in page and "12" in page

    settings.EMAIL_PORT = smtp_server.port  # the server is back
    report = deliver_due(now=report.next_attempt_at + datetime.timedelta(seconds=1))
    assert report.sent >= 12
    assert set(Reminder.objects.values_list("status", "attempts")) == {("sent", 2)}
    assert len(to_coordinators(smtp_server)) == 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_delivers_through_the_database_queue(structure, people, late_campaign, smtp_server):
    """Committed for real, as in production: queuing enqueues the delivery task once the rows are
    committed, and `phrom db_worker` (in batch mode here) runs it."""
    queue_reminders(late_campaign, structure.opdc, kind=manual_kind())
    assert DBTaskResult.objects.filter(task_path="phrom.campaigns.tasks.deliver_mail", status="READY").exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    assert Reminder.objects.filter(status="sent").count() == 12
    assert len(to_coordinators(smtp_server)) == 12


def test_notices_of_a_return_reach_the_agency(structure, people, smtp_server):
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    sub = send(campaign, structure.municipality, people)
    services.review(sub, user=people.opdc_coordinator, collector=structure.opdc, decision="return",
                    comments=[{"component": "processes", "text": "ระบุ RPO ของระบบทะเบียนราษฎร"}])
    deliver_due()
    returned = [m for m in smtp_server.to(people.municipality_coordinator.email) if "ส่งคืน" in m.subject
                or "returned" in m.subject]
    assert len(returned) == 1
    assert "ระบุ RPO ของระบบทะเบียนราษฎร" in returned[0].text
    assert set(returned[0].recipients) == {people.municipality_coordinator.email, people.municipality_approver.email}
    assert Notice.objects.get(event__action="returned").status == "sent"


def test_due_kind_follows_the_schedule(structure, people):
    deadline = datetime.date(2027, 6, 30)
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, deadline=deadline, reminder_days=[-7, -1, 3])
    day = datetime.timedelta(days=1)
    assert due_kind(campaign, deadline - 8 * day) is None
    assert due_kind(campaign, deadline - 7 * day) == "day-7"
    assert due_kind(campaign, deadline - 3 * day) == "day-7"
    assert due_kind(campaign, deadline - day) == "day-1"
    assert due_kind(campaign, deadline) == "day-1"
    assert due_kind(campaign, deadline + day) is None  # a 'before' reminder no longer fits
    assert due_kind(campaign, deadline + 3 * day) == "day+3"
    assert due_kind(campaign, deadline + 30 * day) == "day+3"


def test_send_due_reminders_is_idempotent(structure, people, late_campaign):
    today = late_campaign.deadline + datetime.timedelta(days=1)
    first = send_due_reminders(today)
    assert [(c.pk, q.kind, q.queued) for c, q in first] == [(late_campaign.pk, "day+1", 12)]
    assert [q.queued for _c, q in send_due_reminders(today)] == [0]
    assert Reminder.objects.count() == 12
    # Closed campaigns remind nobody.
    services.close_campaign(late_campaign, user=people.opdc_coordinator)
    assert send_due_reminders(late_campaign.deadline + datetime.timedelta(days=7)) == []


def test_command_queues_and_delivers(structure, people, late_campaign, smtp_server, capsys):
    call_command("send_due_reminders", "--deliver")
    out = capsys.readouterr().out
    assert "day+1" in out and "12" in out
    assert Reminder.objects.filter(status="sent").count() == 12
    call_command("send_due_reminders", "--deliver")
    assert Reminder.objects.count() == 12


def test_daily_run_is_scheduled_once(structure, people):
    assert schedule_daily_reminders()
    assert not schedule_daily_reminders()
    scheduled = DBTaskResult.objects.get(task_path=daily_reminders.module_path)
    local = timezone.localtime(scheduled.run_after)
    assert (local.hour, local.minute) == (8, 0) and scheduled.run_after > timezone.now()
