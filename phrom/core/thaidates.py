"""Dates as Thai officials write them: Buddhist era, Thai month names, fiscal year from 1 October."""

import datetime
import re

from django.utils import timezone
from django.utils.translation import get_language
from pythainlp.util import thai_strftime

BE_OFFSET = 543
# How dates are typed everywhere (the plan editor, the campaign forms: phrom.core.forms.ThaiDateField):
# day/month/year of the Buddhist era, in Arabic or Thai digits.
INPUT_RE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


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


def input_text(day: datetime.date | None) -> str:
    """A date as it is typed in a field: dd/mm/yyyy of the Buddhist era ("08/01/2568")."""
    return f"{day.day:02d}/{day.month:02d}/{buddhist_year(day.year)}" if day else ""


def parse_input(text: str) -> datetime.date | None:
    """A date typed as day/month/year of the Buddhist era (15/10/2568), or ISO; None when empty,
    ValueError if neither."""
    text = (text or "").strip().translate(THAI_DIGITS)
    if not text:
        return None
    match = INPUT_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year > 2400:  # Buddhist era, as Thai officials write it
            year -= BE_OFFSET
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def buddhist_year(year: int) -> int:
    return year + BE_OFFSET


def fiscal_year(day: datetime.date) -> int:
    """The Thai fiscal year (ปีงบประมาณ, Buddhist era) containing `day`: it starts on 1 October."""
    return buddhist_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year given in the Buddhist era."""
    year = fiscal_year_be - BE_OFFSET
    return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)
