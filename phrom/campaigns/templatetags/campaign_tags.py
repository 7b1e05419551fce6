from django import template

from phrom.campaigns.models import GENERAL, ReviewComment, Submission

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


@register.inclusion_tag("campaigns/_editor_comments.html", takes_context=True)
def return_comments(context, plan, component):
    """In the plan editor, beside the part being written: the reviewers' comments still open on it
    (and on the plan as a whole), from the submissions returned for correction (none to read when the plan
    page found no returned submission: plan.returned_now)."""
    if not getattr(plan, "returned_now", True):
        return {"comments": []}
    comments = list(ReviewComment.objects.filter(
        submission__plan=plan, submission__state=Submission.State.RETURNED, resolved_at__isnull=True,
        component__in=[component, GENERAL],
    ).select_related("collector", "author", "submission__campaign").order_by("component", "created_at", "pk"))
    return {"comments": comments, "request": context["request"], "org_code": plan.organisation.code}
