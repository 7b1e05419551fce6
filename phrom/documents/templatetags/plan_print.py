import re

from django import template
from django.utils.html import escape
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


# Phrases a Thai title must not be broken inside: "ประจำปีงบประมาณ พ.ศ. 2570", "ปีงบประมาณ 2570",
# "พ.ศ. 2570" (Chromium breaks Thai at any word boundary, and "ประจำ | ปีงบประมาณ" is one).
_UNBROKEN = re.compile(r"(?:ประจำ\s*)?(?:ปี(?:งบประมาณ)?\s*)?(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{4}|ประจำปี(?:งบประมาณ)?")


@register.filter
def keep_phrases(value) -> str:
    """The text, escaped, with its year phrases each kept on one line."""
    text = escape(str(value))
    return mark_safe(_UNBROKEN.sub(lambda m: f'<span class="unbroken">{m.group(0)}</span>', text))


@register.filter
def digits(value, thai: bool) -> str:
    return context.digits(value, thai)
