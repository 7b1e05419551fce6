"""Search across plans: who may search, and whose sent plans they find.

A member of any agency searches the plans it may read as sent (can_read_sent_plan in bulk): its own
agencies', those it collects or is informed of, every one for OPDC. Security-sensitive plans are not
in the index at all (phrom.search.index), so nobody finds them by their words.
"""

from __future__ import annotations

from django.db.models import QuerySet

from phrom.orgs.models import Organisation

from .plans import organisations_with_readable_plans
from .relations import is_national, member_organisation_ids


def can_search_plans(user) -> bool:
    """The search page and API: every member of an agency (the cheap form the menu asks on every page)."""
    return bool(member_organisation_ids(user))


def searchable_organisations(user) -> QuerySet[Organisation] | None:
    """Organisations whose sent plans a search finds for the user; None: every one (OPDC)."""
    return None if is_national(user) else organisations_with_readable_plans(user)
