"""A version leaves the agency: index it in the same transaction (the moments phrom.statistics records
its facts: a campaign's "sent" event with a version, an operator's import of a historical round)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from phrom.campaigns.models import SubmissionEvent
from phrom.plans.models import Plan, PlanAudit

from .index import index_plans
from .models import SearchEntry


@receiver(post_save, sender=SubmissionEvent, dispatch_uid="search_sent_event")
def sent_through_campaign(sender, instance: SubmissionEvent, created: bool, **kwargs):
    if created and instance.action == SubmissionEvent.Action.SENT and instance.version is not None:
        plan_id = instance.submission.plan_id
        if plan_id:
            index_plans([plan_id])


@receiver(post_save, sender=PlanAudit, dispatch_uid="search_historical_version")
def imported_as_sent(sender, instance: PlanAudit, created: bool, **kwargs):
    if created and isinstance(instance.detail, dict) and "historical_version" in instance.detail:
        index_plans([instance.plan_id])


@receiver(post_save, sender=Plan, dispatch_uid="search_sensitive_plan")
def made_sensitive(sender, instance: Plan, **kwargs):
    # A plan sent as an ordinary one and classified security-sensitive since: out of the index at once.
    if instance.is_sensitive:
        SearchEntry.objects.filter(plan_id=instance.pk).delete()
