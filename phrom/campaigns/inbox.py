"""A collector's inbox for a campaign: the submissions that reached it, filtered and paged.

One indexed query over Stage (campaign, collector, status), joined to the organisation for the
filters by province, kind and name; the quality score is the one computed when the plan was sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from phrom.orgs.models import Organisation

from . import targets as T
from .models import Campaign, Stage, Submission

# Inbox tabs: code -> (label, stage status or None for every submission that arrived).
TABS = {
    "to_review": (_("To review"), Stage.Status.PENDING),
    "returned": (_("Returned"), Stage.Status.RETURNED),
    "forwarded": (_("Forwarded"), Stage.Status.FORWARDED),
    "accepted": (_("Accepted"), Stage.Status.ACCEPTED),
    "declared": (_("Declarations"), Stage.Status.DECLARED),
    "received": (_("Everything received"), None),
}
INFORMED = "informed"  # plans this office is informed of (read only)


@dataclass
class Filters:
    status: str = "to_review"
    province: str = ""
    kind: str = ""
    min_score: int | None = None
    max_score: int | None = None
    q: str = ""

    @classmethod
    def from_query(cls, params) -> Filters:
        def number(name):
            raw = (params.get(name) or "").strip()
            return int(raw) if raw.isdigit() else None

        status = params.get("status") or "to_review"
        if status not in TABS and status != INFORMED:
            status = "to_review"
        return cls(status=status, province=(params.get("province") or "").strip(),
                   kind=(params.get("kind") or "").strip(), min_score=number("min_score"),
                   max_score=number("max_score"), q=(params.get("q") or "").strip())

    @property
    def status_only(self) -> bool:
        """Nothing narrows the tab: its count (counts()) is the number of rows."""
        return not (self.province or self.kind or self.q or self.min_score is not None or self.max_score is not None)

    def as_query(self) -> dict:
        out = {"status": self.status, "province": self.province, "kind": self.kind, "q": self.q}
        if self.min_score is not None:
            out["min_score"] = self.min_score
        if self.max_score is not None:
            out["max_score"] = self.max_score
        return {k: v for k, v in out.items() if v not in ("", None)}


def _filter_orgs(qs: QuerySet, prefix: str, f: Filters) -> QuerySet:
    """Filters on the organisation, as one `organisation IN (…)` subquery that SQLite and PostgreSQL
    answer from the organisation's own indexes before touching the stages."""
    orgs = Organisation.objects.all()
    if f.province:
        orgs = orgs.filter(province_id=f.province)
    if f.kind:
        orgs = orgs.filter(kind_id=f.kind)
    for word in f.q.lower().split():
        orgs = orgs.filter(search_text__contains=word)
    if orgs.query.where:
        qs = qs.filter(**{f"{prefix}in": orgs.values("pk")})
    return qs


def inbox(campaign: Campaign, collector: Organisation, f: Filters) -> QuerySet[Stage]:
    """Stages at this collector (each with its submission and organisation), newest arrivals first."""
    qs = Stage.objects.filter(campaign=campaign, collector=collector)
    status = TABS.get(f.status, (None, None))[1]
    if status:
        qs = qs.filter(status=status)
    qs = _filter_orgs(qs, "submission__organisation__", f)
    if f.min_score is not None:
        qs = qs.filter(submission__score__gte=f.min_score)
    if f.max_score is not None:
        qs = qs.filter(submission__score__lte=f.max_score)
    order = ("arrived_at", "pk") if f.status == "to_review" else ("-arrived_at", "-pk")
    return qs.select_related(
        "submission__organisation__kind", "submission__organisation__province", "submission__holder"
    ).order_by(*order)


def informed(campaign: Campaign, office: Organisation, f: Filters) -> QuerySet[Submission]:
    """Submissions sent by agencies whose plans this office is informed of (not reviewed by it)."""
    qs = _informed_submissions(campaign, office)
    qs = _filter_orgs(qs, "organisation__", f)
    if f.min_score is not None:
        qs = qs.filter(score__gte=f.min_score)
    if f.max_score is not None:
        qs = qs.filter(score__lte=f.max_score)
    return qs.select_related("organisation__kind", "organisation__province", "holder").order_by("-sent_at", "-pk")


def counts(campaign: Campaign, collector: Organisation) -> dict[str, int]:
    """Stages at this collector by tab: the roll-up figures of one level."""
    by_status = dict(
        Stage.objects.filter(campaign=campaign, collector=collector).values_list("status").annotate(n=Count("pk")).order_by()
    )
    out = {code: by_status.get(status, 0) for code, (_label, status) in TABS.items() if status}
    out["received"] = sum(by_status.values())
    # Counted for every collector: the provincial offices that review most plans are informed of some
    # (asking first whether one is would be a second query for them), and PostgreSQL answers the count
    # of an office informed of nobody's plans from the route's index (~0.2 ms).
    out[INFORMED] = _informed_submissions(campaign, collector).count()
    return out


def _informed_submissions(campaign: Campaign, office: Organisation) -> QuerySet[Submission]:
    # Plans only: a declaration's title is reported to the collectors, not to informed offices.
    return Submission.objects.filter(
        campaign=campaign, kind=Submission.Kind.PLAN,
        state__in=(Submission.State.IN_REVIEW, Submission.State.RETURNED, Submission.State.ACCEPTED),
        organisation__in=T.informed_scope(campaign, office),
    )
