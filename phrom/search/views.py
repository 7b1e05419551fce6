"""The search page: words, fiscal year and a part of the plan; the plans found, paginated."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from phrom.accounts import permissions

from .forms import SearchForm, current_fiscal_year
from .index import search


@login_required
@require_GET
def search_page(request):
    if not permissions.can_search_plans(request.user):
        raise PermissionDenied
    data = request.GET.copy()
    data.setdefault("fiscal_year", str(current_fiscal_year()))
    form = SearchForm(data)
    results = None
    if "q" in request.GET and form.is_valid():  # the first visit shows the form only
        asked = form.query()
        results = search(request.user, asked["query"], asked["fiscal_year"], component=asked["component"],
                         page=asked["page"])
    base = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "search/search.html", {
        "form": form, "results": results, "base": urlencode(base),
    })
