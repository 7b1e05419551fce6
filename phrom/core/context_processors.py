from django.conf import settings

from phrom.accounts import permissions


def phrom(request):
    return {
        "PHROM_VERSION": "0.1", "DEBUG": settings.DEBUG,
        # The menu's Import link (base.html): cheap, no query.
        "can_import_organisations": permissions.can_import_organisations(getattr(request, "user", None)),
        "can_view_statistics": permissions.can_view_statistics(getattr(request, "user", None)),
        "can_search_plans": permissions.can_search_plans(getattr(request, "user", None)),
    }
