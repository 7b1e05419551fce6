"""`{% editor_rows "team" rows %}` writes the rows of a list editor, rendered in Python by the
component's module of phrom.plans.editors; `{% editor_rows "team" template_row new=True %}` the
empty row the browser clones. One renderer per kind of row and page (render_context)."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..editors import RENDERERS

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_rows(context, kind, rows, new=False):
    """The rows of a list editor (a list, or one row such as the empty row to clone)."""
    cache = context.render_context.setdefault("plans_rows", {})
    renderer = cache.get(kind)
    if renderer is None:
        renderer = cache[kind] = RENDERERS[kind](context.flatten())
    if isinstance(rows, (list, tuple)):
        return mark_safe(renderer.all(rows, new))
    return mark_safe(renderer.row(rows, new))
