"""The viewer's query: their scope and whose content they count (phrom.accounts.permissions), or refusal."""

from __future__ import annotations

from phrom.accounts import permissions
from phrom.core.errors import PhromError

from .figures import Query
from .scope import Filters


def query_for(user, fiscal_year: int, filters: Filters) -> Query:
    scope = permissions.statistics_scope(user)
    if scope is None:
        raise PhromError("permission_denied")
    return Query(fiscal_year, scope=scope, filters=filters,
                 content_orgs=permissions.statistics_content_organisations(user))


def home_figure(user) -> dict | None:
    """The national coverage of this fiscal year for OPDC's home page; None for everyone else."""
    if not permissions.is_national(user):
        return None
    from .figures import coverage
    from .output import current_fiscal_year

    year = current_fiscal_year()
    return {"fiscal_year": year, **coverage(Query(year))}
