"""The dashboard of the viewer's scope, the list of agencies behind each number, and its exports."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phrom.accounts import permissions
from phrom.core.errors import PhromError
from phrom.core.tabular import csv_bytes, xlsx_bytes
from phrom.core.thaidates import format_date
from phrom.dependencies import counts as gap_counts
from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans.checker import CODE_LABELS
from phrom.plans.codes import ImpactLevel, Status
from phrom.plans.models import Plan, Scenario
from phrom.results import overview as results_overview

from . import cabinet
from . import figures as F
from .access import query_for
from .output import LABELS, current_fiscal_year, read_filters, read_fiscal_year
from .sites import shared_sites


def _query(request, year_param="fiscal_year"):
    try:
        year = read_fiscal_year(request.GET.get(year_param))
        return query_for(request.user, year, read_filters(request.GET))
    except PhromError as e:
        if e.code == "permission_denied":
            raise PermissionDenied from e
        raise Http404(e.message) from e


def _list_url(query: F.Query, metric: str, code: str = "", **extra) -> str:
    params = {"fiscal_year": query.fiscal_year, "metric": metric, **({"code": code} if code else {}),
              **query.filters.params(), **extra}
    return f"{reverse('statistics:agencies')}?{urlencode(params)}"


def _coverage_rows(query, groups: dict, names: dict, param: str) -> list[dict]:
    rows = []
    for code, c in groups.items():
        narrowed = {param: code} if code != F.NONE else {}
        rows.append({"code": code, "name": names.get(code, _("none")) if code != F.NONE else _("none"), **c,
                     "must_url": _list_url(query, "must", **narrowed) if narrowed else "",
                     "with_url": _list_url(query, "with_plan", **narrowed) if narrowed else "",
                     "dashboard_url": f"?{urlencode({**query.filters.params(), param: code, 'fiscal_year': query.fiscal_year})}"
                     if narrowed else ""})
    return sorted(rows, key=lambda r: (-r["total"], r["name"]))


def _bands(shares: dict) -> list[dict]:
    return [{"label": str(LABELS[c]), **s} for c, s in shares.items()]


def dashboard_context(query: F.Query) -> dict:
    """Everything the dashboard (and the Cabinet report) shows, from one call of figures()."""
    figs = F.figures(query)
    names = F.names()
    impact_names = dict(ImpactLevel.choices) | {F.UNKNOWN: LABELS[F.UNKNOWN]}
    scenarios = [{"code": c, "name": names["scenario"].get(c, c), **s,
                  "covers_url": _list_url(query, "covers", c), "misses_url": _list_url(query, "misses", c)}
                 for c, s in figs["scenarios"].items()]
    return {
        "figs": figs, "query": query,
        "by_kind": _coverage_rows(query, figs["by_kind"], names["kind"], "kind"),
        "by_province": _coverage_rows(query, figs["by_province"], names["province"], "province"),
        "by_ministry": _coverage_rows(query, figs["by_ministry"], names["ministry"], "ministry"),
        "scenarios": scenarios,
        "impact": [{"label": str(impact_names[c]), **s} for c, s in figs["processes"]["by_impact"].items()],
        "rto": _bands(figs["processes"]["by_rto"]),
        "rpo": _bands(figs["processes"]["rpo_it"]),
        "findings": [{"code": c, "label": str(CODE_LABELS.get(c, c)), **s, "url": _list_url(query, "finding", c)}
                     for c, s in figs["findings"].items()],
        "trend": [{"year": y, **c} for y, c in figs["trend"].items()],
        "urls": {m: _list_url(query, m) for m in ("must", "with_plan", "without_plan", "accepted", "reviewed")},
    }


def _charts(ctx: dict) -> dict:
    """The numbers the charts draw (the tables beside them hold the same), for static/statistics/dashboard.js."""
    def pct(v):
        return float(v) if v is not None else 0

    return {
        "scenarios": {"labels": [s["name"] for s in ctx["scenarios"]], "values": [pct(s["percent"]) for s in ctx["scenarios"]],
                      "unit": "%"},
        "kinds": {"labels": [r["name"] for r in ctx["by_kind"]], "values": [pct(r["percent"]) for r in ctx["by_kind"]],
                  "unit": "%"},
        "rto": {"labels": [b["label"] for b in ctx["rto"]], "values": [b["plans"] for b in ctx["rto"]], "unit": ""},
        "trend": {"labels": [str(t["year"]) for t in ctx["trend"]], "values": [pct(t["percent"]) for t in ctx["trend"]],
                  "unit": "%", "line": True},
        "map": {code: {"name": r["name"], "value": pct(r["percent"]), "with_plan": r["with_plan"], "total": r["total"]}
                for r in ctx["by_province"] for code in [r["code"]] if code != F.NONE},
    }


def remembered(query: F.Query, compute: dict) -> dict:
    """Parts of the dashboard as counted at most STATISTICS_CACHE_SECONDS ago (docs/statistics.md), in
    the shared cache, read with one query: on a deadline day a plan is sent every second, so forgetting
    the figures at each sending would keep nothing, while every overseer's reload recounted the country.
    compute: part -> the function counting it; a part that differs by person names them ("results:12")."""
    seconds = settings.STATISTICS_CACHE_SECONDS
    if seconds <= 0:
        return {part: count() for part, count in compute.items()}
    scope = f"{translation.get_language()}:{query.cache_key()}"
    keys = {part: f"dashboard:{part}:{scope}" for part in compute}
    found = cache.get_many(keys.values())
    out, counted = {}, {}
    for part, count in compute.items():
        if keys[part] in found:
            out[part] = found[keys[part]][0]
        else:
            out[part] = count()
            counted[keys[part]] = (out[part],)  # in a tuple: a part counted as None is kept too
    if counted:
        cache.set_many(counted, seconds)
    return out


def _dashboard_figures(query: F.Query) -> dict:
    """dashboard_context, without the query (its scope may hold a queryset, which is not kept), with the
    figures' sections drawn once (statistics/_figures.html) and the names the filter form lists."""
    ctx = dashboard_context(query)
    ctx["figures_html"] = render_to_string("statistics/_figures.html", _figures_context(ctx, query))
    return {**{k: v for k, v in ctx.items() if k != "query"}, "counted_at": timezone.now(),
            "kinds": [{"code": k.code, "name": k.name} for k in OrgKind.objects.filter(must_plan=True)],
            "provinces": [{"code": p.code, "name": p.name} for p in Province.objects.all()]}


def _figures_context(ctx: dict, query: F.Query, compare=None) -> dict:
    return {**ctx, "compare": compare, "dashboard_url": reverse("statistics:dashboard"),
            "charts_json": json.dumps(_charts(ctx), ensure_ascii=False)}


@login_required
def dashboard(request):
    query = _query(request)
    user = request.user
    parts = {"page": lambda: _dashboard_figures(query)}
    if permissions.can_see_gap_list(user):
        parts["gaps"] = lambda: gap_counts.figures(
            query.fiscal_year, Organisation.objects.filter(query.orgs_q()).values_list("pk", flat=True))
    wanted = _results_filters(user, query.filters)
    if wanted is not None:
        # What a person may read of the results depends on their agencies: counted for each person.
        parts[f"results:{user.pk}"] = lambda: results_overview.summary(user, wanted)
    found = remembered(query, parts)
    ctx = {**found["page"], "query": query}
    compare = None
    if request.GET.get("compare"):
        other = _query(request, "compare")
        compare = remembered(other, {"figures": lambda: F.figures(other)})["figures"]
        compare_rows = {s["code"]: compare["scenarios"][s["code"]] for s in ctx["scenarios"]}
        for s in ctx["scenarios"]:
            s["compare"] = compare_rows.get(s["code"])
        # The sections as drawn for the cache have no comparison column: drawn again with it.
        ctx["figures_html"] = render_to_string("statistics/_figures.html", _figures_context(ctx, query, compare))
    years = list(range(current_fiscal_year() + 1, F.FIRST_YEAR - 1, -1))
    ctx.update({
        "compare": compare, "years": years, "filters": query.filters, "scope": query.scope,
        "dashboard_url": reverse("statistics:dashboard"), "recount_seconds": settings.STATISTICS_CACHE_SECONDS,
        "cabinet": permissions.can_make_cabinet_report(user),
        "results": _results_summary(found.get(f"results:{user.pk}"), wanted),
        "gaps": _gap_summary(found.get("gaps"), query),
    })
    return render(request, "statistics/dashboard.html", ctx)


def _gap_summary(found, query: F.Query) -> dict | None:
    """Processes whose RTO cannot be met in the dashboard's agencies, as last counted (phrom.dependencies)."""
    params = {"fiscal_year": query.fiscal_year, **{k: v for k, v in query.filters.params().items()
                                                   if k in ("province", "kind", "ministry")}}
    return found and {"figures": found, "url": f"{reverse('dependencies:gaps')}?{urlencode(params)}"}


def _results_filters(user, filters) -> results_overview.Filters | None:
    """The filters of the exercises and real events in the same agencies (phrom.results; it has no
    ministry filter), if the person may see them."""
    if filters.ministry or not permissions.can_see_results_overview(user):
        return None
    return results_overview.Filters(kind=filters.kind or "", province=filters.province or "")


def _results_summary(found, wanted) -> dict | None:
    if found is None:
        return None
    params = wanted.params()
    return {**found, "url": reverse("results:overview") + (f"?{urlencode(params)}" if params else "")}


@login_required
def cabinet_report(request):
    """The report to the Cabinet of a fiscal year, as PDF (`format=pdf`) or Word (`format=docx`)."""
    if not permissions.can_make_cabinet_report(request.user):
        raise PermissionDenied
    year = _query(request).fiscal_year
    fmt = request.GET.get("format", "pdf")
    if fmt == "docx":
        data, ctype = cabinet.render_docx(year), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        data, ctype = cabinet.render_pdf(year), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="cabinet-report-{year}.{fmt}"'
    return response


METRIC_TITLES = {
    "must": gettext_lazy("Agencies that must have a plan"), "with_plan": gettext_lazy("Agencies with a plan"),
    "without_plan": gettext_lazy("Agencies without a plan"), "accepted": gettext_lazy("Agencies whose plan was accepted"),
    "covers": gettext_lazy("Plans covering the scenario"), "misses": gettext_lazy("Plans not covering the scenario"),
    "reviewed": gettext_lazy("Plans sent in the last 12 months"), "finding": gettext_lazy("Plans with the finding"),
}
STATUS_NAMES = dict(Status.choices)


def _plans_of(query: F.Query, org_ids=None) -> dict:
    """organisation id -> its plan of the year (status, last sent), of the agencies listed (all if None).
    Matched by organisation in Python: any subquery of the scope here made PostgreSQL plan a nested
    loop that ran for minutes on 8,281 agencies."""
    plans = Plan.objects.filter(fiscal_year=query.fiscal_year).order_by()
    if org_ids is not None:
        plans = plans.filter(organisation_id__in=org_ids)
    return {p["organisation_id"]: p for p in plans.values("organisation_id", "status", "sent_facts__sent_at")}


def _export_table(orgs, plans):
    header = [_("code"), _("organisation"), _("kind"), _("province"), _("plan status"), _("last sent")]
    rows = []
    for o in orgs.iterator(chunk_size=2000):
        p = plans.get(o.pk) or {}
        rows.append([o.code, o.name_th, o.kind.name_th, o.province.name_th if o.province_id else "",
                     str(STATUS_NAMES.get(p.get("status"), _("no plan"))) if p else _("no plan"),
                     format_date(p.get("sent_facts__sent_at")) if p else ""])
    return header, rows


def _agency_rows(orgs, plans: dict) -> str:
    """The table's rows (a page of 100 agencies), written in one pass: through the template engine each
    row's link, names and date cost more than the rest of the page together."""
    link = reverse("orgs:detail", args=["__code__"])  # one reverse(): the rows differ only in the code
    no_plan = _("no plan")

    def plan_text(p):
        if not p:
            return no_plan
        status, sent = str(STATUS_NAMES.get(p["status"])), p.get("sent_facts__sent_at")
        return f"{status} · {format_date(sent)}" if sent else status

    return format_html_join(
        "", '<tr>\n    <th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td>\n    <td>{}</td>\n  </tr>',
        ((link.replace("__code__", quote(o.code)), o.name, o.kind.name, (o.province.name if o.province_id else "") or "–",
          plan_text(plans.get(o.pk))) for o in orgs))


@login_required
def agencies(request):
    query = _query(request)
    metric, code = request.GET.get("metric", "must"), request.GET.get("code", "")
    if metric not in F.METRICS:
        raise Http404
    orgs = F.agencies(query, metric, code).order_by("province_id", "kind__sort_order", "code")
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header, rows = _export_table(orgs, _plans_of(query))
        name = f"agencies-{metric}{'-' + code if code else ''}-{query.fiscal_year}"
        if fmt == "csv":
            data, ctype = csv_bytes(header, rows), "text/csv; charset=utf-8"
        else:
            data = xlsx_bytes(header, rows, title=str(query.fiscal_year))
            ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(data, content_type=ctype)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    page = Paginator(orgs, 100).get_page(request.GET.get("page"))
    listed = list(page)
    plans = _plans_of(query, [o.pk for o in listed])  # the plans of this page's agencies only
    base = {"fiscal_year": query.fiscal_year, "metric": metric, **({"code": code} if code else {}), **query.filters.params()}
    subject = ""
    if code:
        subject = (Scenario.objects.filter(code=code).values_list("name_th", flat=True).first()
                   or str(CODE_LABELS.get(code, "")))
    return render(request, "statistics/agencies.html", {
        "page": page, "query": query, "rows": _agency_rows(listed, plans), "metric": metric, "code": code, "subject": subject,
        "title": METRIC_TITLES[metric],
        "kinds": OrgKind.objects.filter(must_plan=True), "provinces": Province.objects.all(),
        "filters": query.filters, "base": base,
        "csv_url": f"?{urlencode({**base, 'format': 'csv'})}", "xlsx_url": f"?{urlencode({**base, 'format': 'xlsx'})}",
        "dashboard_url": f"{reverse('statistics:dashboard')}?{urlencode({'fiscal_year': query.fiscal_year, **query.filters.params()})}",
    })



@login_required
def sites(request):
    """Shared sites: the alternate sites and scarce resources the agencies of the scope count on, and the
    sites several plans count on at once (seed 000 §3.2)."""
    query = _query(request)
    found = shared_sites(query)
    return render(request, "statistics/sites.html", {
        **found, "query": query, "filters": query.filters,
        "kinds": OrgKind.objects.filter(must_plan=True), "provinces": Province.objects.all(),
        "dashboard_url": f"{reverse('statistics:dashboard')}?{urlencode({'fiscal_year': query.fiscal_year, **query.filters.params()})}",
    })
