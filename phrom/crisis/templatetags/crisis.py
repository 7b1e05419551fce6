"""The crisis entry of every plan page: the open activation as a banner, or the red "activate" button
for those who may, and the way to past activations ({% crisis_entry plan %} in plans/plan_base.html;
not on the crisis pages that use the plan's frame themselves)."""

from django import template
from django.db.models import F

from phrom.accounts import permissions

register = template.Library()


@register.inclusion_tag("crisis/_plan_entry.html", takes_context=True)
def crisis_entry(context, plan):
    user = context["request"].user
    if context.get("section") == "crisis" or not permissions.can_follow_activation(user, plan.organisation):
        return {"show": False}
    # One query: the open activation (at most one a plan) comes first, else the latest closed one.
    first = plan.activations.order_by(F("closed_at").asc(nulls_first=True), "-started_at", "-pk").first()
    return {"show": True, "plan": plan, "open": first if first and first.is_open else None, "past": first is not None,
            "can_activate": permissions.can_activate_plan(user, plan.organisation)}
