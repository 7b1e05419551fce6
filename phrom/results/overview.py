"""Results across agencies, for collectors and OPDC (who has exercised, RTOs achieved, common findings,
lessons by year) and for the training office (the roll-up of training needs). Counted in the database
over the results the user may read: security-sensitive plans' results never count outside their agency."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from phrom.accounts import permissions
from phrom.core.numbers import percent
from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans.codes import COMPONENT_LABELS
from phrom.plans.models import Scenario

from .models import CorrectiveAction, ExerciseType, ProcessRecovery, Result, TrainingNeed
from .recovery import counted_q, met_q

YEAR = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    province: str = ""
    hazard: str = ""

    @classmethod
    def from_params(cls, params) -> Filters:
        return cls(**{f: (params.get(f) or "").strip()[:32] for f in ("kind", "province", "hazard")})

    def q(self, prefix: str = "") -> Q:
        q = Q()
        if self.kind:
            q &= Q(**{f"{prefix}organisation__kind_id": self.kind})
        if self.province:
            q &= Q(**{f"{prefix}organisation__province_id": self.province})
        if self.hazard:
            q &= Q(**{f"{prefix}hazard__code": self.hazard})
        return q

    def params(self) -> dict:
        return {k: v for k, v in vars(self).items() if v}


def _achievements(recoveries: QuerySet) -> dict[tuple, tuple[int, int]]:
    """(result kind, hazard id, fiscal year) -> (processes back within the RTO, processes counted), in one
    pass over the recovery rows: every share of the overview is a sum of these."""
    rows = (recoveries.values("result__kind", "result__hazard_id", "result__fiscal_year")
            .annotate(met=Count("pk", filter=met_q()), counted=Count("pk", filter=counted_q())))
    return {(r["result__kind"], r["result__hazard_id"], r["result__fiscal_year"]): (r["met"], r["counted"]) for r in rows}


def _share(cells: dict, keep) -> dict | None:
    met = counted = 0
    for key, (m, c) in cells.items():
        if keep(*key):
            met, counted = met + m, counted + c
    return {"met": met, "counted": counted, "percent": percent(met, counted)} if counted else None


def _summary(user, filters: Filters, today: datetime.date | None) -> tuple[QuerySet, QuerySet, dict, dict]:
    today = today or timezone.localdate()
    results = permissions.readable_results(user).filter(filters.q())
    recent = results.filter(occurred_on__gt=today - YEAR)
    agencies_q = Q(kind__must_plan=True)
    if filters.kind:
        agencies_q &= Q(kind_id=filters.kind)
    if filters.province:
        agencies_q &= Q(province_id=filters.province)
    if not permissions.is_national(user):
        agencies_q &= Q(pk__in=permissions.organisations_with_readable_plans(user).values("pk"))
    agencies = Organisation.objects.filter(agencies_q).count()
    exercised = recent.filter(kind=Result.Kind.EXERCISE).values("organisation_id").distinct().count()
    cells = _achievements(ProcessRecovery.objects.filter(result__in=results.values("pk")))
    return results, recent, cells, {
        "agencies": agencies, "exercised": exercised, "exercised_percent": percent(exercised, agencies),
        "exercises_achievement": _share(cells, lambda kind, _h, _y: kind == Result.Kind.EXERCISE),
        "events_achievement": _share(cells, lambda kind, _h, _y: kind == Result.Kind.EVENT),
    }


def summary(user, filters: Filters, *, today: datetime.date | None = None) -> dict:
    """The headline figures (the national picture's dashboard shows them): agencies exercised in the last
    12 months, processes back within their RTO in exercises and in real events."""
    return _summary(user, filters, today)[3]


def overview(user, filters: Filters, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    results, recent, cells, head = _summary(user, filters, today)
    types = dict(ExerciseType.choices)
    by_type = [{"type": types[r["exercise__kind"]], "results": r["n"], "agencies": r["agencies"]}
               for r in recent.filter(kind=Result.Kind.EXERCISE).values("exercise__kind")
               .annotate(n=Count("pk"), agencies=Count("organisation_id", distinct=True)).order_by("-n")]
    hazards = {pk: (code, name) for pk, code, name in Scenario.objects.values_list("pk", "code", "name_th")}
    by_hazard = {h: _share(cells, lambda _k, hazard, _y, h=h: hazard == h) for h in {key[1] for key in cells}}
    findings, unusable = Counter(), Counter()
    for found, usability in results.values_list("findings", "usability").iterator(chunk_size=2000):
        findings.update(f.get("component") or "" for f in found)
        unusable.update(c for c, v in usability.items() if v.get("rating") == "unusable")
    lessons = (results.filter(kind=Result.Kind.EVENT).values(fy=F("fiscal_year"))
               .annotate(events=Count("event_id", distinct=True), agencies=Count("organisation_id", distinct=True),
                         authority=Count("pk", filter=Q(authority_affected=True)), n=Count("pk")).order_by("fy"))
    return {
        **head, "by_type": by_type,
        "by_hazard": sorted(({"code": hazards[h][0], "name": hazards[h][1], **v} for h, v in by_hazard.items() if v),
                            key=lambda r: -r["counted"]),
        "findings": [{"component": COMPONENT_LABELS.get(c, _("the plan as a whole")), "count": n}
                     for c, n in findings.most_common(8)],
        "unusable": [{"component": COMPONENT_LABELS.get(c, c), "count": n} for c, n in unusable.most_common(8)],
        "lessons": [{**r, "authority_percent": percent(r["authority"], r["n"]),
                     "met": _share(cells, lambda kind, _h, year, fy=r["fy"]: kind == Result.Kind.EVENT and year == fy)}
                    for r in lessons],
        "overdue_actions": CorrectiveAction.objects.filter(result__in=results.values("pk")).overdue(today).count(),
    }


def training_needs(user, filters: Filters) -> dict:
    """Training needs by skill, with each skill's agencies and people, and its split by agency kind,
    province and hazard: counts only, never a plan or a result."""
    needs = TrainingNeed.objects.filter(result__in=permissions.training_need_results(user).filter(filters.q()).values("pk"))
    needs = needs.annotate(label=Coalesce(F("skill__name_th"), F("text")), hazard=F("result__hazard_id"))
    skills = list(needs.values("label").annotate(people=Sum("people"), agencies=Count("result__organisation_id", distinct=True),
                                                 results=Count("result_id", distinct=True)).order_by("-people", "label"))
    kinds = dict(OrgKind.objects.values_list("code", "name_th"))
    provinces = dict(Province.objects.values_list("code", "name_th"))
    hazards = dict(Scenario.objects.values_list("pk", "name_th"))
    split = {}
    for dim, field, names in (("kind", "result__organisation__kind_id", kinds),
                              ("province", "result__organisation__province_id", provinces),
                              ("hazard", "hazard", hazards)):
        split[dim] = [{"label": r["label"], "group": names.get(r[field], "–"), "people": r["people"]}
                      for r in needs.values("label", field).annotate(people=Sum("people")).order_by("label", "-people")]
    return {"skills": skills, "split": split, "people": sum(s["people"] for s in skills)}


def training_table(rollup: dict) -> tuple[list[str], list[list]]:
    header = [_("skill"), _("people"), _("agencies"), _("exercises and events")]
    return header, [[s["label"], s["people"], s["agencies"], s["results"]] for s in rollup["skills"]]


