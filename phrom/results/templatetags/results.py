from django import template

from phrom.plans.formatting import duration_text

register = template.Library()


@register.filter
def duration(hours):
    return duration_text(hours)
