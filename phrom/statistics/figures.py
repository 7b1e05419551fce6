"""Every statistic of the national picture, computed in one place: the dashboards, the API, the
`stats` command, the lists behind each number, their exports and the Cabinet report all call
`figures` (or `agencies`, for the list behind a number).

Definitions (issue 12):
- must have a plan: an organisation whose kind is marked so (OrgKind.must_plan);
- has a plan for fiscal year Y: its plan of Y has left draft (submitted, returned or accepted);
- content figures: over the latest sent version (SentFacts) of the plans that have one, whose content
  the viewer may read outside the agency; a security-sensitive plan counts in coverage only;
- percentages to two decimals, rounded half up.
Every figure is one SQL aggregate (grouped, then summed here), never a loop over plans.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.core.exceptions import EmptyResultSet
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import StrIndex, Substr
from django.utils import timezone

from phrom.core.numbers import percent
from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans.codes import Classification, ImpactLevel, Status
from phrom.plans.models import Plan, Scenario

from .models import SentFacts, SentFinding, SentProcess, SentScenario
from .scope import Filters

FIRST_YEAR = 2563  # the first round: the Cabinet resolution of 31 March 2020
NONE = "none"  # the bucket of organisations without a province or outside any ministry
# Recovery objectives in the columns of the OPDC tables: at most 4 hours, 1 day, 1 week, 2 weeks, 1 month.
BANDS = (("4h", 4), ("1d", 24), ("1w", 168), ("2w", 336), ("1m", 720))
OVER, UNKNOWN = "over", "unknown"
BAND_CODES = (*(b for b, _ in BANDS), OVER, UNKNOWN)
IMPACT_CODES = (*ImpactLevel.values, UNKNOWN)
TOP_FINDINGS = 10


@dataclass(frozen=True)
class Query:
    fiscal_year: int
    scope: Filters = field(default_factory=Filters)  # the viewer's (permissions.statistics_scope)
    filters: Filters = field(default_factory=Filters)  # asked for
    content_orgs: QuerySet | None = None  # whose content may be counted (None: all)
    today: datetime.date | None = None

    def cache_key(self) -> str:
        """The same for two queries that count the same figures (the scope's label aside)."""
        content = "all"
        if self.content_orgs is not None:
            try:
                content = str(self.content_orgs.query)
            except EmptyResultSet:
                content = "none"
        plain = repr((self.fiscal_year, replace(self.scope, label=""), replace(self.filters, label=""), content,
                      self.today))
        return hashlib.sha256(plain.encode()).hexdigest()

    def orgs_q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}kind__must_plan": True}) & self.scope.q(prefix) & self.filters.q(prefix)

    def plans_q(self, prefix: str = "") -> Q:
        """Plans of the fiscal year that left draft, of organisations that must have one, in scope."""
        return (Q(**{f"{prefix}fiscal_year": self.fiscal_year}) & ~Q(**{f"{prefix}status": Status.DRAFT})
                & self.orgs_q(f"{prefix}organisation__"))

    def facts_q(self, prefix: str = "") -> Q:
        """Latest sent versions counted in content figures."""
        q = self.orgs_q(f"{prefix}plan__organisation__") & self.counted_q(prefix)
        if self.content_orgs is not None:
            q &= Q(**{f"{prefix}plan__organisation__in": self.content_orgs.values("pk")})
        return q

    def counted_q(self, prefix: str = "") -> Q:
        """facts_q without the organisations' scope, for a query whose organisations are already
        narrowed by orgs_q (the scope again inside a correlated subquery made PostgreSQL plan a
        nested loop that ran for minutes on 8,281 agencies)."""
        return (Q(**{f"{prefix}plan__fiscal_year": self.fiscal_year}) & ~Q(**{f"{prefix}plan__status": Status.DRAFT})
                & Q(**{f"{prefix}sensitive": False})
                & ~Q(**{f"{prefix}plan__classification": Classification.SENSITIVE}))


def _root(path: str):
    """The code at the top of an organisation's tree path ("/MOI/MOI-CDD/…" → "MOI"), in SQL."""
    rest = Substr(path, 2)
    return Substr(rest, 1, StrIndex(rest, Value("/")) - 1)


def _band(field_name: str):
    whens = [When(**{f"{field_name}__lte": hours}, then=Value(code)) for code, hours in BANDS]
    return Case(When(**{f"{field_name}__isnull": True}, then=Value(UNKNOWN)), *whens, default=Value(OVER),
                output_field=CharField())


def _share(count: int, over: int) -> dict:
    return {"plans": count, "percent": percent(count, over)}


def _coverage(total: int, with_plan: int, accepted: int) -> dict:
    return {"total": total, "with_plan": with_plan, "accepted": accepted, "percent": percent(with_plan, total),
            "accepted_percent": percent(accepted, total)}


def ministry_codes() -> set[str]:
    return set(Organisation.objects.filter(kind_id="ministry", parent__isnull=True).values_list("code", flat=True))


def coverage(query: Query) -> dict:
    """Total, with a plan, accepted: overall and by kind, province and ministry (two grouped queries)."""
    ministries = ministry_codes()
    orgs = (Organisation.objects.filter(query.orgs_q()).annotate(root=_root("tree_path"))
            .values("kind_id", "province_id", "root").annotate(n=Count("pk")).order_by())
    plans = (Plan.objects.filter(query.plans_q()).annotate(root=_root("organisation__tree_path"))
             .values("organisation__kind_id", "organisation__province_id", "root")
             .annotate(n=Count("pk"), accepted=Count("pk", filter=Q(status=Status.ACCEPTED))).order_by())
    cells: dict[str, dict] = {"by_kind": defaultdict(lambda: [0, 0, 0]), "by_province": defaultdict(lambda: [0, 0, 0]),
                              "by_ministry": defaultdict(lambda: [0, 0, 0])}

    def add(kind, province, root, i, n):
        cells["by_kind"][kind][i] += n
        cells["by_province"][province or NONE][i] += n
        cells["by_ministry"][root if root in ministries else NONE][i] += n

    for row in orgs:
        add(row["kind_id"], row["province_id"], row["root"], 0, row["n"])
    for row in plans:
        add(row["organisation__kind_id"], row["organisation__province_id"], row["root"], 1, row["n"])
        add(row["organisation__kind_id"], row["organisation__province_id"], row["root"], 2, row["accepted"])
    totals = [sum(v[i] for v in cells["by_kind"].values()) for i in range(3)]
    out = _coverage(*totals)
    for name, groups in cells.items():
        out[name] = {code: _coverage(*v) for code, v in sorted(groups.items())}
    return out


def _year_ago(query: Query) -> datetime.datetime:
    """The start of the last 12 months (365 days before today, Bangkok time), as an aware datetime:
    compared as it is, so that the database reads the index, not a date function per row."""
    day = (query.today or timezone.localdate()) - datetime.timedelta(days=365)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def content(query: Query) -> dict:
    """Scenario coverage, processes by impact and RTO, e-Services, RPO of IT processes, findings, reviews."""
    counts = SentFacts.objects.filter(query.facts_q()).aggregate(
        n=Count("pk"), reviewed=Count("pk", filter=Q(sent_at__gt=_year_ago(query))))
    over = counts["n"]
    sensitive = Plan.objects.filter(
        query.plans_q() & (Q(classification=Classification.SENSITIVE) | Q(sent_facts__sensitive=True))).count()
    scenario_counts = dict(SentScenario.objects.filter(query.facts_q("facts__")).values("code")
                           .annotate(n=Count("pk")).order_by().values_list("code", "n"))
    scenarios = {code: _share(scenario_counts.get(code, 0), over)
                 for code in Scenario.objects.order_by("sort", "code").values_list("code", flat=True)}
    # One grouped query for every process figure: at most 5 × 7 × 7 × 2 × 2 groups, summed here.
    groups = (SentProcess.objects.filter(query.facts_q("facts__"))
              .annotate(level=Case(When(impact_level="", then=Value(UNKNOWN)), default=F("impact_level"),
                                   output_field=CharField()),
                        rto=_band("rto_hours"), rpo=_band("rpo_hours"))
              .values("level", "rto", "rpo", "eservice", "depends_on_it").annotate(n=Count("pk")).order_by())
    impact, rto, rpo = defaultdict(int), defaultdict(int), defaultdict(int)
    total = eservice = it = 0
    for g in groups:
        total += g["n"]
        impact[g["level"]] += g["n"]
        rto[g["rto"]] += g["n"]
        eservice += g["n"] if g["eservice"] else 0
        if g["depends_on_it"]:
            it += g["n"]
            rpo[g["rpo"]] += g["n"]
    findings = (SentFinding.objects.filter(query.facts_q("facts__")).values("code").annotate(n=Count("pk"))
                .order_by("-n", "code")[:TOP_FINDINGS])
    return {
        "content_plans": over,
        "sensitive_plans": sensitive,
        "scenarios": scenarios,
        "processes": {
            "total": total,
            "by_impact": {c: _share(impact[c], total) for c in IMPACT_CODES},
            "by_rto": {c: _share(rto[c], total) for c in BAND_CODES},
            "eservice": _share(eservice, total),
            "it": it,
            "rpo_it": {c: _share(rpo[c], it) for c in BAND_CODES},
        },
        "reviewed_12_months": _share(counts["reviewed"], over),
        "findings": {row["code"]: _share(row["n"], over) for row in findings},
    }


def trend(query: Query, total: int) -> dict[int, dict]:
    """Coverage in each fiscal year from the first round (today's must-plan organisations as the base)."""
    years = range(FIRST_YEAR, max(query.fiscal_year, FIRST_YEAR) + 1)
    q = (~Q(status=Status.DRAFT) & Q(fiscal_year__in=list(years)) & query.orgs_q("organisation__"))
    rows = {r["fiscal_year"]: r for r in Plan.objects.filter(q).values("fiscal_year")
            .annotate(n=Count("pk"), accepted=Count("pk", filter=Q(status=Status.ACCEPTED))).order_by()}
    return {y: _coverage(total, rows.get(y, {}).get("n", 0), rows.get(y, {}).get("accepted", 0)) for y in years}


def figures(query: Query) -> dict:
    """The whole dashboard of one fiscal year: what the page, the API and the command show."""
    cov = coverage(query)
    out = {"fiscal_year": query.fiscal_year, **cov, **content(query)}
    out["trend"] = trend(query, cov["total"])
    return out


# --------------------------------------------------------------------------- the list behind a number

METRICS = ("must", "with_plan", "without_plan", "accepted", "covers", "misses", "reviewed", "finding")


def agencies(query: Query, metric: str, code: str = "") -> QuerySet[Organisation]:
    """The organisations behind a number: `metric` as in METRICS, `code` a scenario (covers, misses)
    or a finding code. Content metrics list only plans counted in content figures."""
    orgs = Organisation.objects.filter(query.orgs_q()).select_related("kind", "province")
    if metric == "must":
        return orgs
    # The organisations are matched against id sets read by plain queries over the fiscal year: a
    # correlated EXISTS per organisation let PostgreSQL, with statistics of near-empty tables, plan
    # nested loops that ran for minutes on 8,281 agencies.
    plans = Plan.objects.filter(fiscal_year=query.fiscal_year)
    if metric in ("with_plan", "without_plan"):
        ids = _ids(plans.exclude(status=Status.DRAFT), "organisation_id")
        return orgs.filter(pk__in=ids) if metric == "with_plan" else orgs.exclude(pk__in=ids)
    if metric == "accepted":
        return orgs.filter(pk__in=_ids(plans.filter(status=Status.ACCEPTED), "organisation_id"))
    if query.content_orgs is not None:
        orgs = orgs.filter(pk__in=_ids(query.content_orgs, "pk"))
    counted = SentFacts.objects.filter(query.counted_q())
    if metric == "covers":
        ids = _ids(counted.filter(scenarios__code=code), "plan__organisation_id")
    elif metric == "misses":
        ids = (_ids(counted, "plan__organisation_id")
               - _ids(counted.filter(scenarios__code=code), "plan__organisation_id"))
    elif metric == "finding":
        ids = _ids(counted.filter(findings__code=code), "plan__organisation_id")
    elif metric == "reviewed":
        ids = _ids(counted.filter(sent_at__gt=_year_ago(query)), "plan__organisation_id")
    else:
        raise ValueError(metric)
    return orgs.filter(pk__in=ids)


def _ids(queryset: QuerySet, field_name: str) -> set[int]:
    return set(queryset.order_by().values_list(field_name, flat=True))  # a set: no sorting (nor its join)


def names() -> dict[str, dict[str, str]]:
    """Thai names of the codes the figures are keyed by (kinds, provinces, ministries, scenarios)."""
    return {
        "kind": dict(OrgKind.objects.values_list("code", "name_th")),
        "province": dict(Province.objects.values_list("code", "name_th")),
        "ministry": dict(Organisation.objects.filter(code__in=ministry_codes()).values_list("code", "name_th")),
        "scenario": dict(Scenario.objects.values_list("code", "name_th")),
    }
