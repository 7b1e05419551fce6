from django import template

register = template.Library()


@register.filter
def get_item_fallback(mapping, key):
    """mapping[key], or the key itself (or "—" when empty) if the mapping has no such entry."""
    if key in (None, ""):
        return "—"
    try:
        return mapping[key]
    except (KeyError, TypeError):
        return key


@register.filter
def shorten(text, length: int = 80):
    """Cut to `length` characters with an ellipsis (Django's truncatechars is slow on Thai text)."""
    text = str(text or "")
    return text if len(text) <= length else text[: length - 1] + "…"
