from django import template

from phrom.core import thaidates

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
