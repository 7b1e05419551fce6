from django import template
from django.utils.safestring import mark_safe

from phrom.documents import context

register = template.Library()


@register.filter
def css_string(value) -> str:
    """A CSS string literal (for `content:` in @page rules): quoted, with quotes, backslashes and
    anything that could close the <style> element escaped."""
    text = str(value)
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;()-–—/" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text)
    return mark_safe(f'"{escaped}"')


@register.filter
def digits(value, thai: bool) -> str:
    return context.digits(value, thai)
