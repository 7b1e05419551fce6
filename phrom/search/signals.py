"""A version leaves the agency (phrom.campaigns.sent): index it in the same transaction."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from phrom.campaigns.sent import versions_sent
from phrom.plans.models import Plan

from .index import index_plans
from .models import SearchEntry


@receiver(versions_sent, dispatch_uid="search_versions_sent")
def sent(sender, plan_ids: list[int], **kwargs):
    index_plans(plan_ids)


@receiver(post_save, sender=Plan, dispatch_uid="search_sensitive_plan")
def made_sensitive(sender, instance: Plan, **kwargs):
    # A plan sent as an ordinary one and classified security-sensitive since: out of the index at once.
    if instance.is_sensitive:
        SearchEntry.objects.filter(plan_id=instance.pk).delete()
