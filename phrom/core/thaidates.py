"""Dates as Thai officials write them: Buddhist era, Thai month names, fiscal year from 1 October."""

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from pythainlp.util import thai_strftime

BE_OFFSET = 543


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value, *, short: bool = False, thai_digits: bool = False, with_time: bool = False) -> str:
    """'30 มิถุนายน 2563' in Thai; '30 June 2020' in English."""
    if value in (None, ""):
        return ""
    value = _local(value)
    time_part = " %H:%M" if with_time and isinstance(value, datetime.datetime) else ""
    if get_language() == "en":
        fmt = ("%-d %b %Y" if short else "%-d %B %Y") + time_part
        return value.strftime(fmt)
    fmt = ("%-d %b %y" if short else "%-d %B %Y") + (" %H:%M น." if time_part else "")
    return thai_strftime(value, fmt, thaidigit=thai_digits)


def buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def fiscal_year(day: datetime.date) -> int:
    """The Thai fiscal year (ปีงบประมาณ, Buddhist era) containing `day`: it starts on 1 October."""
    return buddhist_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year given in the Buddhist era."""
    year = fiscal_year_be - BE_OFFSET
    return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)
