"""The moment a version leaves its agency, as one signal for everything that follows sent versions
(statistics' facts, the search index, the gap figures): `versions_sent(plan_ids=[…])`, sent inside the
transaction that sends them.

A version leaves its agency when a campaign's "sent" event names it, or when an operator imports a
historical round with its state (the audit's `historical_version`, phrom.exchange.importer; its bulk
path writes no audit signals and calls `announce` itself)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from phrom.plans.models import Plan, PlanAudit

from .models import SubmissionEvent

versions_sent = Signal()


def announce(plan_ids: Iterable[int]) -> None:
    plan_ids = [pk for pk in plan_ids if pk]
    if plan_ids:
        versions_sent.send(sender=Plan, plan_ids=plan_ids)


@receiver(post_save, sender=SubmissionEvent, dispatch_uid="campaigns_sent_event")
def sent_through_campaign(sender, instance: SubmissionEvent, created: bool, **kwargs):
    if created and instance.action == SubmissionEvent.Action.SENT and instance.version is not None:
        announce([instance.submission.plan_id])


@receiver(post_save, sender=PlanAudit, dispatch_uid="campaigns_historical_version")
def imported_as_sent(sender, instance: PlanAudit, created: bool, **kwargs):
    if created and isinstance(instance.detail, dict) and "historical_version" in instance.detail:
        announce([instance.plan_id])
