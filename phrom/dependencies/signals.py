"""A version leaves an agency (phrom.campaigns.sent): its fiscal year's gap figures are counted again
in the background."""

from django.dispatch import receiver

from phrom.campaigns.sent import versions_sent
from phrom.plans.models import Plan

from .counts import refresh_when_sent


@receiver(versions_sent, dispatch_uid="dependencies_versions_sent")
def sent(sender, plan_ids: list[int], **kwargs):
    for year in set(Plan.objects.filter(pk__in=plan_ids).values_list("fiscal_year", flat=True)):
        refresh_when_sent(year)
