import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from phrom.core import numbers, thaidates

register = template.Library()


@register.filter
def thaidate(value, arg: str = ""):
    """{{ d|thaidate }} → 30 มิถุนายน 2563; {{ d|thaidate:"short" }}, "time", "digits"."""
    options = set(arg.split(",")) if arg else set()
    return thaidates.format_date(
        value, short="short" in options, thai_digits="digits" in options, with_time="time" in options
    )


@register.filter
def fiscalyear(value):
    return thaidates.fiscal_year(value) if value else ""


@register.filter
def minutes(value):
    """A timedelta in whole minutes (rounded up), e.g. for 'paused for {{ cooloff|minutes }} minutes'."""
    if not value:
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))


@register.filter
def number(value):
    """A count as the pages show it: {{ 14658|number }} → 14,658 (phrom.core.numbers)."""
    return numbers.count_text(value)


@register.filter
def percent(value):
    """A share in percent with two decimals: {{ 0.4|percent }} → 0.40 (the template writes the % sign)."""
    return numbers.percent_text(value)


# Phrases a Thai title must not be broken inside: "ประจำปีงบประมาณ พ.ศ. 2570", "ปีงบประมาณ 2570",
# "พ.ศ. 2570" (Chromium breaks Thai at any word boundary, and "ประจำ | ปีงบประมาณ" is one).
_UNBROKEN = re.compile(r"(?:ประจำ\s*)?(?:ปี(?:งบประมาณ)?\s*)?(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{4}|ประจำปี(?:งบประมาณ)?")


# A name kept whole on one line only up to this length: a longer one would not fit the line and must break.
NAME_KEPT_WHOLE = 40


@register.filter
def keep_phrases(value, name: str = "") -> str:
    """The text, escaped, with its year phrases each kept on one line (class "unbroken": white-space: nowrap
    in the printed plan and in phrom.css): a plan title read on the PDF cover and on the plan's pages.
    `name` (the agency's, on the cover) is kept whole too when short enough: "กรม | ควบคุมโรค" is a word
    boundary to the dictionary but not to a reader."""
    text = escape(str(value))
    phrases = [_UNBROKEN.pattern]
    if name and len(name) <= NAME_KEPT_WHOLE:
        phrases.insert(0, re.escape(escape(name)))
    return mark_safe(re.sub("|".join(phrases), lambda m: f'<span class="unbroken">{m.group(0)}</span>', text))
