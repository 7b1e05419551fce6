"""A version leaves the agency: record its facts for statistics in the same transaction."""

from django.dispatch import receiver

from phrom.campaigns.sent import versions_sent

from .facts import record


@receiver(versions_sent, dispatch_uid="statistics_versions_sent")
def sent(sender, plan_ids: list[int], **kwargs):
    record(plan_ids)
