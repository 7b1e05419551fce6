from django import template

from phrom.accounts.names import display_name

register = template.Library()


@register.filter
def person(user, username: str = ""):
    """{{ e.user|person:e.username }}: the full name, else the username (phrom.accounts.names)."""
    return display_name(user, username)
