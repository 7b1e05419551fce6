"""A version leaves the agency: record its facts for statistics in the same transaction."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from phrom.campaigns.models import SubmissionEvent
from phrom.plans.models import PlanAudit

from .facts import record


@receiver(post_save, sender=SubmissionEvent, dispatch_uid="statistics_sent_event")
def sent_through_campaign(sender, instance: SubmissionEvent, created: bool, **kwargs):
    if created and instance.action == SubmissionEvent.Action.SENT and instance.version is not None:
        plan_id = instance.submission.plan_id
        if plan_id:
            record([plan_id])


@receiver(post_save, sender=PlanAudit, dispatch_uid="statistics_historical_version")
def imported_as_sent(sender, instance: PlanAudit, created: bool, **kwargs):
    # An operator's import of a historical round with its state: that version counts as sent.
    if created and isinstance(instance.detail, dict) and "historical_version" in instance.detail:
        record([instance.plan_id])
