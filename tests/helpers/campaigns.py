"""Campaigns for tests: one opened by a collector, and a plan sent to it by an agency's approver."""

import datetime

from django.utils import timezone

from phrom.campaigns import services
from tests.helpers.plans import make_plan


def open_campaign(collector, user, **kwargs):
    defaults = {
        "title": "ทบทวนแผน BCP ประจำปี 2570", "fiscal_year": 2570,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
    return services.create_campaign(collector, user=user, **{**defaults, **kwargs})


def send(campaign, org, people, plan=None):
    """The agency's approver approves and sends its plan (made if not given)."""
    plan = plan or make_plan(org, people.coordinator(org))
    return services.submit(campaign, org, user=people.approver(org), plan=plan, approve_now=True)


def open_late_campaign(structure, people):
    """OPDC's campaign whose deadline passed yesterday; only the municipality has sent."""
    campaign = open_campaign(structure.opdc, people.opdc_coordinator, reminder_days=[-7, -1, 1, 7])
    send(campaign, structure.municipality, people)
    campaign.deadline = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    return campaign
