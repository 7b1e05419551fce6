"""The national picture's gap figures: counted per agency in the background after each sent version,
summed over the agencies of a dashboard's scope when it is shown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .analysis import national_gaps
from .models import GapCounts


def refresh(fiscal_year: int) -> GapCounts:
    """Count the fiscal year's gaps per agency now (a few seconds for the whole country)."""
    gaps, severe = Counter(), Counter()
    for gap in national_gaps(fiscal_year):
        gaps[gap.organisation_id] += 1
        severe[gap.organisation_id] += gap.severe
    counts, _created = GapCounts.objects.update_or_create(fiscal_year=fiscal_year, defaults={
        "computed_at": timezone.now(),
        "by_organisation": {str(org): [n, severe[org]] for org, n in gaps.items()}})
    return counts


PENDING = "dependencies:gap-counts-pending:{}"


@task()
def refresh_gap_counts(fiscal_year: int) -> int:
    cache.delete(PENDING.format(fiscal_year))  # versions sent from now on queue another count
    return len(refresh(fiscal_year).by_organisation)


def refresh_when_sent(fiscal_year: int) -> None:
    """Recount once the transaction that sends a version commits (another agency's gaps may change too).
    One count waits at a time per year: a deadline day's thousand sendings do not queue a thousand."""
    transaction.on_commit(partial(_enqueue, fiscal_year))


def _enqueue(fiscal_year: int) -> None:
    if cache.add(PENDING.format(fiscal_year), 1, timeout=3600):  # the shared cache: across web processes
        refresh_gap_counts.enqueue(fiscal_year)


@dataclass(frozen=True)
class GapFigures:
    gaps: int
    severe: int
    agencies: int
    computed_at: object


def figures(fiscal_year: int, organisation_ids) -> GapFigures | None:
    """The gaps of the agencies `organisation_ids` (an iterable of ids, None: every agency), as last counted."""
    counts = GapCounts.objects.filter(fiscal_year=fiscal_year).first()
    if counts is None:
        return None
    rows = counts.by_organisation
    if organisation_ids is not None:
        wanted = {str(pk) for pk in organisation_ids}
        rows = {org: row for org, row in rows.items() if org in wanted}
    return GapFigures(gaps=sum(r[0] for r in rows.values()), severe=sum(r[1] for r in rows.values()),
                      agencies=len(rows), computed_at=counts.computed_at)
