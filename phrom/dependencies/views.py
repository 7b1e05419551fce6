"""The pages of dependencies: a plan's dependency picture and editor, who depends on an agency's
processes, the gap list of collectors and OPDC (with its exports), the services most depended on and
the dependants of one service. Thin views over phrom.dependencies.analysis and .reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_http_methods

from phrom.accounts import permissions
from phrom.core import tabular
from phrom.core.http import client_ip
from phrom.orgs.models import Organisation, OrgKind, Province
from phrom.plans import access
from phrom.plans.content import PlanValidationError, StaleComponent, apply_component, component_document
from phrom.plans.editors.base import message_of
from phrom.plans.editors.dependencies import add_dependency, dependency_from_post, remove_dependency
from phrom.plans.formatting import UNIT_CHOICES, dependency_chain_text, dependency_name, duration_text
from phrom.plans.views import plan_page

from .analysis import (
    chain,
    dependants,
    dependency_node,
    fiscal_year_graph,
    is_gap,
    most_depended_on,
    plan_results,
    solve,
)
from .models import Utility
from .picker import pickable_processes
from .pictures import two_columns
from .reports import GapFilters, current_fiscal_year, gap_rows

PICTURE_ROWS = 30


def _fiscal_year(request) -> int:
    try:
        return int(request.GET.get("fiscal_year") or current_fiscal_year())
    except ValueError:
        return current_fiscal_year()


# --------------------------------------------------------------------------- one plan


def _step(dep: dict, graph, results) -> dict:
    """One declared dependency as the page lists it."""
    target = dependency_node(dep)
    row = {"dep": dep, "covered": duration_text(dep.get("covered_hours")), "covered_by": dep.get("covered_by", ""),
           "unresolved": False}
    if target is not None:
        facts = graph.processes.get(target)
        if facts is None:
            row.update(label=f"{dep['process']} ({dep['organisation']})", hours="", unresolved=True, kind="agency")
        else:
            hours = results[target].hours if target in results else facts.rto_hours
            row.update(label=dependency_name({"kind": "process", "name": facts.name,
                                              "organisation_name": facts.organisation_name}),
                       hours=duration_text(hours), kind="agency")
    elif dep["kind"] == "utility":
        name, hours = graph.utilities.get(dep["utility"], (dep["utility"], None))
        row.update(label=name, hours=duration_text(hours), kind="utility")
    else:
        row.update(label=dep.get("name", ""), hours=duration_text(dep.get("recovery_hours")), kind="supplier")
    return row


def _plan_rows(plan, processes):
    graph, results, cycles = plan_results(plan, processes)
    code = plan.organisation.code
    rows, left, right, right_index, links = [], [], [], {}, []
    for i, p in enumerate(processes):
        node = (code, p["key"])
        facts, result = graph.processes[node], results.get(node)
        gap = result is not None and is_gap(facts, result)
        steps = [_step(d, graph, results) for d in p.get("dependencies", [])]
        rows.append({
            "key": p["key"], "name": p["name"], "rto": duration_text(p.get("rto_hours")),
            "achievable": duration_text(result.hours if result else None), "gap": gap,
            "severe": gap and p.get("mtpd_hours") is not None and result.hours > p["mtpd_hours"],
            "chain": dependency_chain_text(chain(graph, results, node)) if gap else "",
            "in_cycle": result is not None and result.in_cycle, "steps": steps,
        })
        left.append((p["name"], "process", gap, f"RTO {duration_text(p.get('rto_hours')) or '–'} · "
                     f"{_('achievable')} {duration_text(result.hours if result else None) or '–'}"))
        for s in steps:
            label = s["label"]
            if label not in right_index:
                right_index[label] = len(right)
                right.append((label, s["kind"], s["unresolved"],
                              _("not found in a sent plan") if s["unresolved"] else f"{_('back in')} {s['hours'] or '–'}"))
            links.append((i, right_index[label], gap and result.via is s["dep"]))
    return rows, two_columns(left, right, links) if right else None, cycles


@login_required
@require_http_methods(["GET", "POST"])
def plan_dependencies(request, pk):
    plan = access.get_plan_for_user(request, pk)
    can_edit = permissions.can_pick_dependencies(request.user, plan.organisation)
    processes = component_document(plan, "processes")
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        return _change(request, plan, processes)
    rows, picture, cycles = _plan_rows(plan, processes)
    query, picking = request.GET.get("q", "").strip(), request.GET.get("for", "")
    return render(request, "dependencies/plan.html", plan_page(
        request, plan, "dependencies", rows=rows, picture=picture, cycles=bool(cycles), can_pick=can_edit,
        revision=plan.component_revision("processes"), utilities=Utility.objects.all(), units=UNIT_CHOICES,
        strategies=[s["strategy"] for s in component_document(plan, "strategies")],
        query=query, picking=picking,
        found=pickable_processes(plan.fiscal_year, query, exclude_organisation=plan.organisation_id) if query else [],
    ))


def _change(request, plan, processes):
    key = request.POST.get("process", "")
    if key not in {p["key"] for p in processes}:
        raise Http404
    here = reverse("dependencies:plan", args=[plan.pk]) + f"#dep-{key}"
    if request.POST.get("action") == "remove":
        try:
            changed = remove_dependency(processes, key, int(request.POST.get("index", "")))
        except ValueError:
            return redirect(here)
    else:
        dep, errors = dependency_from_post(request.POST)
        if errors:
            for e in errors:
                messages.error(request, message_of(e))
            return redirect(here)
        changed = add_dependency(processes, key, dep)
    try:
        apply_component(plan, "processes", changed, user=request.user, ip=client_ip(request),
                        expected_revision=int(request.POST.get("revision") or -1))
    except (StaleComponent, PlanValidationError) as e:
        for m in getattr(e, "errors", None) or [{"message_th": e.message_th, "message_en": e.message_en}]:
            messages.error(request, message_of(m))
        return redirect(here)
    messages.success(request, _("The dependencies were saved."))
    return redirect(here)


@login_required
def picker(request, pk):
    """The processes other agencies sent that match the search: the picker's list (htmx)."""
    plan = access.get_plan_for_user(request, pk, write=True)
    if not request.htmx:  # the list without its page: the page, which shows the same search's results
        query_string = request.GET.urlencode()
        return redirect(reverse("dependencies:plan", args=[plan.pk]) + (f"?{query_string}" if query_string else ""))
    query = request.GET.get("q", "").strip()
    found = pickable_processes(plan.fiscal_year, query, exclude_organisation=plan.organisation_id) if query else []
    return render(request, "dependencies/_picker.html", {"found": found, "query": query,
                                                          "picking": request.GET.get("for", "")})


# --------------------------------------------------------------------------- who depends on an agency


@login_required
def dependants_page(request, code):
    org = get_object_or_404(Organisation, code=code)
    if not permissions.can_see_dependants(request.user, org):
        raise PermissionDenied
    year = _fiscal_year(request)
    graph = fiscal_year_graph(year)
    results, _cycles = solve(graph)
    services = []
    for node, facts in graph.processes.items():
        if node[0] != code:
            continue
        found = dependants(graph, results, node)
        if found:
            services.append({"facts": facts, "achievable": duration_text(results[node].hours), "dependants": found,
                             "needing_less": sum(1 for d in found if d.rto_hours is not None
                                                 and d.rto_hours < (results[node].hours or 0))})
    return render(request, "dependencies/dependants.html", {
        "org": org, "year": year, "services": services, "durations": duration_text,
    })


# --------------------------------------------------------------------------- collectors and OPDC


EXPORT_COLUMNS = tuple(gettext_noop(c) for c in (
    "agency code", "agency", "province", "kind", "ministry", "process key", "process", "RTO (hours)", "MTPD (hours)",
    "achievable (hours)", "severe", "caused by"))


def _gap_filters(request) -> GapFilters:
    return GapFilters(**{name: request.GET.get(name, "").strip() for name in (
        "province", "kind", "ministry", "organisation", "dependency")})


@login_required
def gaps_page(request):
    if not permissions.can_see_gap_list(request.user):
        raise PermissionDenied
    year, filters = _fiscal_year(request), _gap_filters(request)
    rows = gap_rows(year, scope=permissions.gap_list_organisation_ids(request.user), filters=filters)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        table = [(r.gap.organisation, r.gap.organisation_name, r.province, r.kind, r.ministry, r.gap.process,
                  r.gap.name, r.gap.rto_hours, r.gap.mtpd_hours, r.gap.achievable_hours,
                  _("yes") if r.gap.severe else _("no"), dependency_chain_text(r.gap.chain)) for r in rows]
        header = [_(c) for c in EXPORT_COLUMNS]
        if export == "csv":
            body, kind = tabular.csv_bytes(header, table), "text/csv; charset=utf-8"
        else:
            body = tabular.xlsx_bytes(header, table, title=f"rto-gaps-{year}")
            kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="rto-gaps-{year}.{export}"'
        return response
    for r in rows:
        r.chain = dependency_chain_text(r.gap.chain)
    return render(request, "dependencies/gaps.html", {
        "year": year, "filters": filters, "rows": rows, "severe": sum(1 for r in rows if r.gap.severe),
        "provinces": Province.objects.all(), "kinds": OrgKind.objects.all(),
        "ministries": Organisation.objects.filter(kind_id="ministry").order_by("name_th"),
        "utilities": Utility.objects.all(), "query": request.GET.urlencode(), "durations": duration_text,
    })


@login_required
def services_page(request):
    """The services most depended on: how many processes of other agencies need them, the worst gap."""
    if not permissions.can_see_gap_list(request.user):
        raise PermissionDenied
    year = _fiscal_year(request)
    graph = fiscal_year_graph(year)
    results, _cycles = solve(graph)
    # A collector counts the dependants on its routes; OPDC every agency.
    counted = None if permissions.is_national(request.user) else permissions.gap_list_organisation_ids(request.user)
    services = most_depended_on(graph, results, counted=counted)
    return render(request, "dependencies/services.html", {"year": year, "services": services,
                                                          "durations": duration_text})


@login_required
def service_page(request, code, key):
    """The dependants of one service, drawn."""
    org = get_object_or_404(Organisation, code=code)
    if not (permissions.can_see_dependants(request.user, org) or permissions.can_see_gap_list(request.user)):
        raise PermissionDenied
    year = _fiscal_year(request)
    graph = fiscal_year_graph(year)
    node = (code, key)
    if node not in graph.processes:
        raise Http404
    results, _cycles = solve(graph)
    found = dependants(graph, results, node)
    if not permissions.can_see_dependants(request.user, org):  # a collector: the dependants on its routes
        scope = permissions.gap_list_organisation_ids(request.user)
        found = [d for d in found if d.organisation_id in scope]
    facts = graph.processes[node]
    # The picture draws the dependants with a gap first, up to PICTURE_ROWS; the table lists them all.
    drawn = sorted(found, key=lambda d: not d.gap)[:PICTURE_ROWS]
    left = [(d.name, "dependant", d.gap, f"{d.organisation_name} · RTO {duration_text(d.rto_hours) or '–'}")
            for d in drawn]
    if len(found) > len(drawn):
        more = len(found) - len(drawn)
        left.append((ngettext("and %(n)d more process", "and %(n)d more processes", more) % {"n": more}, "more",
                     False, _("listed in the table below")))
    right = [(facts.name, "agency", any(d.gap for d in found), f"{_('back in')} {duration_text(results[node].hours)}")]
    picture = two_columns(left, right,
                          [(i, 0, d.gap) for i, d in enumerate(drawn)]) if found else None
    return render(request, "dependencies/service.html", {
        "year": year, "facts": facts, "achievable": duration_text(results[node].hours), "dependants": found,
        "picture": picture, "durations": duration_text,
    })


def home_links(user, organisations) -> dict:
    """The home page's panel: the gap list for those who see it, "who depends on us" for each agency."""
    return {"gaps": permissions.can_see_gap_list(user),
            "agencies": [o for o in organisations if permissions.can_see_dependants(user, o)]}
