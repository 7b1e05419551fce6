"""Follow-up: for one campaign, seen from one collector, who has sent, who is late, who never had a plan.

Every agency of the collector's part of the campaign is in exactly one bucket (its furthest
submission): accepted, in review, declared (a security-sensitive plan, counted and nothing else),
returned for correction, or not sent. Grouped by province, ministry or kind, with percentages.
Reads three flat queries and counts in memory: 8,281 agencies take a few tens of milliseconds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans.models import Plan

from . import targets as T
from .models import Campaign, Submission

State = Submission.State
BUCKETS = {
    "accepted": _("accepted"),
    "in_review": _("in review"),
    "declared": _("declared (security-sensitive)"),
    "returned": _("returned for correction"),
    "not_sent": _("not sent"),
}
SENT_BUCKETS = ("accepted", "in_review", "declared")
# A submission's state -> bucket, strongest first (an agency's furthest submission counts).
RANK = {State.ACCEPTED: 0, State.IN_REVIEW: 1, State.DECLARED: 2, State.RETURNED: 3}
BUCKET_OF = {State.ACCEPTED: "accepted", State.IN_REVIEW: "in_review", State.DECLARED: "declared",
             State.RETURNED: "returned"}
GROUPINGS = {"province": _("province"), "ministry": _("ministry"), "kind": _("organisation kind")}
NONE_KEY = ""


@dataclass
class Row:
    key: str
    label: str
    counts: dict = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    total: int = 0
    never_had_plan: int = 0
    late: int = 0

    @property
    def sent(self) -> int:
        return sum(self.counts[b] for b in SENT_BUCKETS)

    @property
    def outstanding(self) -> int:
        return self.counts["returned"] + self.counts["not_sent"]

    def pct(self, n: int) -> float:
        return round(100.0 * n / self.total, 2) if self.total else 0.0

    @property
    def pct_sent(self) -> float:
        return self.pct(self.sent)

    def as_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, "total": self.total, "sent": self.sent,
            "percent_sent": self.pct_sent, **self.counts, "never_had_plan": self.never_had_plan, "late": self.late,
            "percent": {b: self.pct(n) for b, n in self.counts.items()},
        }


@dataclass
class FollowUp:
    total: Row
    groups: list[Row]
    by: str
    deadline_passed: bool
    agencies: list[dict]  # one per agency: {id, code, name, province, kind, bucket, never_had_plan, late}


def agency_status(campaign: Campaign, orgs) -> tuple[dict[int, str], set[int]]:
    """For organisations given as a queryset: id -> bucket of those with a submission that counts; and
    the ids of those that have some plan in Phrom or a submission (the others never had a plan)."""
    best: dict[int, str] = {}
    known: set[int] = set()
    for org_id, state in Submission.objects.filter(campaign=campaign, organisation_id__in=orgs.values("pk")).values_list(
        "organisation_id", "state"
    ):
        known.add(org_id)
        if state in RANK and (org_id not in best or RANK[state] < RANK[best[org_id]]):
            best[org_id] = state
    known.update(Plan.objects.filter(organisation_id__in=orgs.values("pk")).values_list("organisation_id", flat=True))
    return {org_id: BUCKET_OF[state] for org_id, state in best.items()}, known


def follow_up(campaign: Campaign, viewpoint: Organisation, *, by: str = "province",
              today: datetime.date | None = None) -> FollowUp:
    today = today or timezone.localdate()
    by = by if by in GROUPINGS else "province"
    scope = T.scope(campaign, viewpoint)
    orgs = list(scope.values_list("pk", "code", "name_th", "name_en", "kind_id", "province_id", "tree_path"))
    buckets, known = agency_status(campaign, scope)
    never = {o[0] for o in orgs} - known
    deadline_passed = today > campaign.deadline
    ministries = T.ministry_names()
    labels = _group_labels(by, ministries)
    total = Row(key="*", label=str(_("All")))
    groups: dict[str, Row] = {}
    agencies = []
    for pk, code, name_th, name_en, kind, province, path in orgs:
        key = {"province": province, "kind": kind, "ministry": T.ministry_of(path, ministries)}[by] or NONE_KEY
        row = groups.get(key)
        if row is None:
            row = groups[key] = Row(key=key, label=labels.get(key, key) if key else str(_("(none)")))
        bucket = buckets.get(pk, "not_sent")
        late = deadline_passed and bucket in ("returned", "not_sent")
        for r in (row, total):
            r.total += 1
            r.counts[bucket] += 1
            r.never_had_plan += pk in never
            r.late += late
        agencies.append({"id": pk, "code": code, "name_th": name_th, "name_en": name_en, "kind": kind,
                         "province": province, "bucket": bucket, "never_had_plan": pk in never, "late": late})
    ordered = sorted(groups.values(), key=lambda r: (r.key == NONE_KEY, r.label))
    return FollowUp(total=total, groups=ordered, by=by, deadline_passed=deadline_passed, agencies=agencies)


def _group_labels(by: str, ministries: dict[str, str]) -> dict[str, str]:
    if by == "province":
        return {p.code: p.name for p in Province.objects.all()}
    if by == "kind":
        return {k.code: k.name for k in OrgKind.objects.all()}
    return ministries
