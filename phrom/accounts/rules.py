"""The permission functions as django-rules predicates, for `user.has_perm(...)` and templates."""

import rules

from . import permissions

rules.add_perm("orgs.view_members", rules.predicate(permissions.can_view_members))
rules.add_perm("orgs.import", rules.predicate(lambda user: permissions.is_administrator(user)))
rules.add_perm("plans.edit", rules.predicate(permissions.can_edit_plan))
rules.add_perm("plans.approve", rules.predicate(permissions.can_approve_plan))
rules.add_perm("plans.review", rules.predicate(permissions.can_review_plan))
