"""The crisis entry of every plan page: the open activation as a banner, or the red "activate" button
for those who may, and the way to past activations ({% crisis_entry plan %} in plans/plan_base.html;
not on the crisis pages that use the plan's frame themselves)."""

from django import template

from phrom.accounts import permissions

from ..board import open_activation

register = template.Library()


@register.inclusion_tag("crisis/_plan_entry.html", takes_context=True)
def crisis_entry(context, plan):
    user = context["request"].user
    if context.get("section") == "crisis" or not permissions.can_follow_activation(user, plan.organisation):
        return {"show": False}
    return {"show": True, "plan": plan, "open": open_activation(plan), "past": plan.activations.exists(),
            "can_activate": permissions.can_activate_plan(user, plan.organisation)}
