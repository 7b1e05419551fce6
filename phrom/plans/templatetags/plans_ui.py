"""Template helpers of the plan pages: fast <option> lists, durations, and the plan sections shown
on the organisation page and the home page."""

from django import template
from django.utils.html import format_html

from phrom.accounts import permissions

from .. import access
from ..forms import Choices, duration_text, options_html

register = template.Library()


@register.simple_tag
def options(choices, selected, blank=None, lazy=False, exclude=None):
    """The <option>s of a select. lazy: only the selected one (the browser adds the others on focus)."""
    if not lazy:
        if exclude:
            choices = [c for c in choices if c[0] != exclude]
        return options_html(choices, selected, blank=blank)
    labels = choices.labels if isinstance(choices, Choices) else dict(choices)
    chosen = [(selected, labels[selected])] if selected in labels else []
    return options_html(chosen, selected, blank=blank)


@register.filter
def duration(hours):
    return duration_text(hours)


@register.filter
def score_class(score):
    """good / fair / poor: the colour of a completeness score."""
    if score is None:
        return ""
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def bar(score, label=""):
    """A small completeness bar (decorative: the number is always written beside it)."""
    score = max(0, min(100, int(score or 0)))
    cls = score_class(score)
    return format_html(
        '<span class="meter-bar {}" aria-hidden="true"><span style="width:{}%"></span></span>', cls, score
    ) if label == "" else format_html(
        '<span class="meter-bar {}" role="img" aria-label="{}"><span style="width:{}%"></span></span>', cls, label, score
    )


@register.inclusion_tag("plans/_org_section.html", takes_context=True)
def org_plans_section(context, org):
    """The 'BCP plans' card of an organisation page."""
    user = context["request"].user
    plans = list(access.listable_plans(user).filter(organisation=org).order_by("-fiscal_year")[:5])
    return {
        "org": org, "rows": [{"plan": p, "readable": access.content_readable_in_list(user, p)} for p in plans],
        "can_start": permissions.can_edit_plan(user, org), "is_member": permissions.is_member(user, org),
        "request": context["request"],
    }


@register.inclusion_tag("plans/_home_line.html", takes_context=True)
def org_plan_line(context, org):
    """One line on a home-page organisation card: its latest plan, or a link to start one."""
    user = context["request"].user
    plan = access.listable_plans(user).filter(organisation=org).order_by("-fiscal_year").first()
    return {"org": org, "plan": plan, "can_start": permissions.can_edit_plan(user, org)}



@register.filter
def component_revision(plan, component):
    return plan.component_revision(component)
