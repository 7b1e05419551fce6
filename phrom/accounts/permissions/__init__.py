"""Who may see and do what: every access question is one function here, used by every view, API
endpoint, service and template. The apps' `access.py` helpers only fetch an object and ask one of them.

- relations: how a user stands towards an organisation (member, collector, informed office, OPDC,
  administrator), the ground every question is built from;
- orgs, members, plans, campaigns, bundles, dependencies, results, statistics: the questions of each app.

tests/accounts/test_predicates.py lists every function here against every role.
"""

from .bundles import (
    can_bundle_province,
    can_bundle_subtree,
    can_download_bundle,
    can_open_bundle,
    can_request_bundle,
    collects_in_province,
    provinces_collected_by,
)
from .campaigns import (
    can_follow_up,
    can_manage_campaign,
    can_open_agency_page,
    can_read_submission,
    can_review_at,
    can_review_now,
    can_see_internal_steps,
    can_see_submission,
    can_send_reminders,
    can_submit,
)
from .crisis import can_activate_plan, can_follow_activation
from .dependencies import (
    can_pick_dependencies,
    can_see_dependants,
    can_see_gap_list,
    gap_list_organisation_ids,
)
from .members import can_manage_members, can_view_export_log, can_view_member_history
from .orgs import can_import_organisations, can_view_members, can_view_organisation
from .plans import (
    can_approve_plan,
    can_edit_plan,
    can_import_plan,
    can_import_plan_states,
    can_import_plans,
    can_read_live_plan,
    can_read_sent_plan,
    can_review_plan,
    can_see_audit_details,
    can_view_plan_audit,
    listable_plans,
    organisations_with_readable_plans,
)
from .relations import (
    collects_for,
    is_administrator,
    is_informed_of,
    is_member,
    is_national,
    is_national_reviewer,
    member_organisation_ids,
    role_in,
)
from .results import (
    can_organise_exercise,
    can_publish_scenarios,
    can_read_result,
    can_read_training_needs,
    can_record_results,
    can_see_results_overview,
    readable_actions,
    readable_results,
    readable_scenarios,
    training_need_results,
)
from .search import can_search_plans, searchable_organisations
from .statistics import (
    can_make_cabinet_report,
    can_view_statistics,
    statistics_content_organisations,
    statistics_scope,
)

__all__ = [
    # relations
    "collects_for", "is_administrator", "is_informed_of", "is_member", "is_national", "is_national_reviewer",
    "member_organisation_ids", "role_in",
    # organisations
    "can_import_organisations", "can_view_members", "can_view_organisation",
    # members
    "can_manage_members", "can_view_export_log", "can_view_member_history",
    # plans
    "can_approve_plan", "can_edit_plan", "can_import_plan", "can_import_plan_states", "can_import_plans", "can_read_live_plan",
    "can_read_sent_plan", "can_review_plan", "can_see_audit_details", "can_view_plan_audit", "listable_plans",
    "organisations_with_readable_plans",
    # campaigns
    "can_follow_up", "can_manage_campaign", "can_open_agency_page", "can_read_submission", "can_review_at",
    "can_review_now", "can_see_internal_steps", "can_see_submission", "can_send_reminders", "can_submit",
    # crisis mode
    "can_activate_plan", "can_follow_activation",
    # dependencies
    "can_pick_dependencies", "can_see_dependants", "can_see_gap_list", "gap_list_organisation_ids",
    # bundles
    "can_bundle_province", "can_bundle_subtree", "can_download_bundle", "can_open_bundle", "can_request_bundle",
    "collects_in_province", "provinces_collected_by",
    # results of carrying plans out
    "can_organise_exercise", "can_publish_scenarios", "can_read_result", "can_read_training_needs",
    "can_record_results", "can_see_results_overview", "readable_actions", "readable_results", "readable_scenarios",
    "training_need_results",
    # search
    "can_search_plans", "searchable_organisations",
    # statistics
    "can_make_cabinet_report", "can_view_statistics", "statistics_content_organisations", "statistics_scope",
]
