"""A version leaves an agency: the fiscal year's gap figures are counted again in the background."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from phrom.campaigns.models import SubmissionEvent
from phrom.plans.models import PlanAudit

from .counts import refresh_when_sent


@receiver(post_save, sender=SubmissionEvent, dispatch_uid="dependencies_sent_event")
def sent_through_campaign(sender, instance: SubmissionEvent, created: bool, **kwargs):
    if created and instance.action == SubmissionEvent.Action.SENT and instance.version is not None:
        refresh_when_sent(instance.submission.campaign.fiscal_year)


@receiver(post_save, sender=PlanAudit, dispatch_uid="dependencies_historical_version")
def imported_as_sent(sender, instance: PlanAudit, created: bool, **kwargs):
    if created and isinstance(instance.detail, dict) and "historical_version" in instance.detail:
        refresh_when_sent(instance.plan.fiscal_year)
