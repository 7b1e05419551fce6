"""Removing bundles whose time is up: the row and its file in storage."""

import datetime
import logging

from django.utils import timezone

from .models import PlanBundle

logger = logging.getLogger(__name__)


def prune_expired(now: datetime.datetime | None = None) -> int:
    """Delete every bundle kept past its expiry (and its ZIP); returns how many."""
    now = now or timezone.now()
    count = 0
    for bundle in PlanBundle.objects.filter(expires_at__lte=now).only("pk", "file"):
        if bundle.file:
            try:
                bundle.file.delete(save=False)
            except OSError:  # already gone from storage: the row goes all the same
                logger.warning("bundle %s: could not delete %s", bundle.pk, bundle.file.name, exc_info=True)
        bundle.delete()
        count += 1
    return count
