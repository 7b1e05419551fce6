from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from phrom.accounts import permissions
from phrom.core.collation import thai

from .access import get_organisation_for_user
from .models import OrgKind, Province
from .routes import stored_route
from .search import search_organisations
from .tree import rows, subtree


@login_required
def organisation_list(request):
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    province = request.GET.get("province", "")
    page = Paginator(search_organisations(query, kind=kind, province=province), 50).get_page(request.GET.get("page"))
    context = {
        "page": page, "query": query, "kind": kind, "province": province,
        "kinds": OrgKind.objects.all(),
        "provinces": Province.objects.order_by("name_en" if get_language() == "en" else thai("name_th")),
    }
    template = "orgs/_results.html" if request.htmx else "orgs/list.html"
    return render(request, template, context)


@login_required
def organisation_detail(request, code):
    org = get_organisation_for_user(request, code)
    members = None
    if permissions.can_view_members(request.user, org):
        members = org.memberships.select_related("user").order_by("role", "user__username")
    context = {
        "org": org,
        "ancestors": org.ancestors(),
        "route": stored_route(org),
        "members": members,
        "children": org.children.select_related("kind").order_by("code")[:200],
        "children_count": org.children.count(),
        "descendants_count": org.descendants().count(),
    }
    return render(request, "orgs/detail.html", context)


@login_required
def organisation_tree(request, code):
    org = get_organisation_for_user(request, code)
    return render(request, "orgs/tree.html", {"org": org, "ancestors": org.ancestors(), "rows": rows(subtree(org))})
