"""The site's menu (base.html). It is the same on every page but for the language, three permissions and
the item the page is under, so each process draws it once per such combination and keeps it, rather than
translating and reversing its dozen links on every request."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Menu item -> its view. A page is under an item when its address starts with the item's address
# (home and search: when it is that address).
ITEMS = {"home": "home", "orgs": "orgs:list", "plans": "plans:mine", "campaigns": "campaigns:list",
         "bundles": "bundles:list", "stats": "statistics:dashboard", "results": "results:index", "search": "search:search"}
EXACT = {"home", "search"}

_addresses: dict[tuple, dict[str, str]] = {}
_drawn: dict[tuple, str] = {}


def current_item(path: str, addresses: dict[str, str]) -> str | None:
    """The menu item the page at `path` is under (drawn with aria-current), if any."""
    for name, address in addresses.items():
        if path == address if name in EXACT else path.startswith(address):
            return name
    return None


@register.simple_tag(takes_context=True)
def site_menu(context):
    where = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if where not in _addresses:
        _addresses[where] = {name: reverse(view) for name, view in ITEMS.items()}
    addresses = _addresses[where]
    flags = {name: bool(context.get(name)) for name in ("can_view_statistics", "can_search_plans", "can_import_organisations")}
    request = context.get("request")
    key = (get_language(), *where, *flags.values(), current_item(request.path if request else "", addresses))
    if key not in _drawn:
        _drawn[key] = mark_safe(render_to_string("core/_site_menu.html", {"urls": addresses, "current": key[-1], **flags}))
    return _drawn[key]
