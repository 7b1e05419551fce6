"""Searching the organisation directory."""

from django.db.models import QuerySet

from .models import Organisation


def search_organisations(query: str = "", *, kind: str = "", province: str = "") -> QuerySet[Organisation]:
    """Organisations whose code or Thai/English name contains every word of `query`."""
    qs = Organisation.objects.select_related("kind", "province", "parent")
    for word in query.lower().split():
        qs = qs.filter(search_text__contains=word)
    if kind:
        qs = qs.filter(kind_id=kind)
    if province:
        qs = qs.filter(province_id=province)
    return qs.order_by("tree_path")
