from django import template

from phrom.accounts import permissions
from phrom.members.roster import has_approver

register = template.Library()


@register.inclusion_tag("members/_no_approver.html", takes_context=True)
def no_approver_warning(context, org):
    """To the agency's own people, where a plan is written or sent: nobody can approve it yet, and what to do."""
    user = context["request"].user
    # An approver reading the page is the agency's approver: nothing to ask then.
    show = (permissions.is_member(user, org) and not permissions.can_approve_plan(user, org)
            and not has_approver(org))
    return {"show": show, "org": org, "can_manage": show and permissions.can_manage_members(user, org)}
