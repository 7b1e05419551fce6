"""A plan's next version answers the corrective actions closed before it (issue 13 item 5)."""

from django.dispatch import receiver

from phrom.plans.content.audit import version_recorded
from phrom.plans.models import Plan

from .services import answer_actions


@receiver(version_recorded, sender=Plan, dispatch_uid="results_answer_actions")
def version_written(sender, plan: Plan, number: int, **kwargs):
    answer_actions(plan.pk, number)
