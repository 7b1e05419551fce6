"""The figures as JSON (the API and `phrom stats --json` print the same), and reading the filters
asked for from query parameters or command options."""

from __future__ import annotations

import json
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from phrom.core.errors import PhromError
from phrom.core.thaidates import fiscal_year
from phrom.plans.content import bangkok_today

from .figures import FIRST_YEAR
from .scope import Filters

FILTERS = ("province", "kind", "ministry", "collector")


def plain(value):
    """The figures with numbers JSON can carry: a percentage (Decimal, two places) as a number."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def dumps(figs: dict) -> str:
    return json.dumps(plain(figs), ensure_ascii=False, indent=2)


def current_fiscal_year() -> int:
    return fiscal_year(bangkok_today())


def read_fiscal_year(value) -> int:
    """A fiscal year (B.E.) from a parameter; the current one when not given."""
    if value in (None, ""):
        return current_fiscal_year()
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = 0
    if not FIRST_YEAR <= year <= current_fiscal_year() + 1:
        raise PhromError("statistics_bad_fiscal_year", field="fiscal_year")
    return year


def read_filters(values) -> Filters:
    """The filters asked for (province, kind, ministry, collector codes): unknown codes simply match nothing."""
    return Filters(**{k: str(values.get(k)).strip() for k in FILTERS if values.get(k)})


LABELS = {
    "4h": _("up to 4 hours"), "1d": _("up to 1 day"), "1w": _("up to 1 week"), "2w": _("up to 2 weeks"),
    "1m": _("up to 1 month"), "over": _("longer than 1 month"), "unknown": _("not given"),
}
