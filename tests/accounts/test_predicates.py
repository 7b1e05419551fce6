"""Every question of phrom.accounts.permissions against every role, as one table.

Each role is a user and the agency the question is asked about (for the informed office, a central
unit whose route informs the provincial office). The collector asked about in campaign questions is
always Rayong's provincial office, which collects the provincial health office's plans and is
informed of the central unit's. A function added to the package without a row here fails
test_every_question_has_a_row.
"""

import datetime
import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from phrom.accounts import permissions as p
from phrom.accounts.models import Membership
from phrom.bundles.models import PlanBundle
from phrom.campaigns.targets import collectors_on_route
from phrom.plans.models import Plan, Scenario
from phrom.results.models import CorrectiveAction, Exercise, ExerciseScenario, Result
from tests.conftest import member
from tests.factories import UserFactory

R = Membership.Role
Y, N = True, False

# role -> (organisation the user belongs to, role there; None: no membership), the agency asked about
ROLES = {
    "coordinator":   (("rayong_unit", R.COORDINATOR), "rayong_unit"),
    "approver":      (("rayong_unit", R.APPROVER), "rayong_unit"),
    "viewer":        (("rayong_unit", R.VIEWER), "rayong_unit"),
    "collector":     (("rayong_office", R.COORDINATOR), "rayong_unit"),
    "informed":      (("rayong_office", R.COORDINATOR), "central_unit"),
    "opdc":          (("opdc", R.COORDINATOR), "rayong_unit"),
    "administrator": (None, "rayong_unit"),
    "unrelated":     (("municipality", R.COORDINATOR), "rayong_unit"),
    "anonymous":     (None, "rayong_unit"),
}


def _sub(w, **kw):
    """A submission of the agency's plan, sent once and in review at the provincial office (only the
    attributes the questions read)."""
    fields = {"organisation": w.agency, "round": 1, "is_declaration": False, "has_content": True,
              "plan": SimpleNamespace(is_sensitive=False), "state": "in_review",
              "holder": w.collector, "holder_id": w.collector.pk}
    return SimpleNamespace(**(fields | kw))


def _bundle(w, *, mine=True, **kw):
    fields = {"scope": PlanBundle.Scope.PROVINCE, "province_id": w.agency.province_id,
              "requested_by_id": w.user.pk if mine else -1}
    return PlanBundle(**(fields | kw))


def _subtree_bundle(w):
    return _bundle(w, scope=PlanBundle.Scope.SUBTREE, province_id=None, root=w.agency,
                   contents={str(w.plan.pk): 1})


# question -> (how it is asked, the answer for each role in ROLES' order)
#   coordinator, approver, viewer, collector, informed, opdc, administrator, unrelated, anonymous
TABLE = {
    # relations
    "member_organisation_ids": (lambda w: w.agency.pk in p.member_organisation_ids(w.user),
                                (Y, Y, Y, N, N, N, N, N, N)),
    "role_in":                 (lambda w: p.role_in(w.user, w.agency) == R.COORDINATOR,
                                (Y, N, N, N, N, N, N, N, N)),
    "is_member":               (lambda w: p.is_member(w.user, w.agency), (Y, Y, Y, N, N, N, N, N, N)),
    "is_member[approver]":     (lambda w: p.is_member(w.user, w.agency, R.APPROVER), (N, Y, N, N, N, N, N, N, N)),
    "is_administrator":        (lambda w: p.is_administrator(w.user), (N, N, N, N, N, N, Y, N, N)),
    "is_national":             (lambda w: p.is_national(w.user), (N, N, N, N, N, Y, N, N, N)),
    "is_national_reviewer":    (lambda w: p.is_national_reviewer(w.user), (N, N, N, N, N, Y, N, N, N)),
    "collects_for":            (lambda w: p.collects_for(w.user, w.agency), (N, N, N, Y, N, Y, N, N, N)),
    "is_informed_of":          (lambda w: p.is_informed_of(w.user, w.agency), (N, N, N, N, Y, N, N, N, N)),
    # organisations
    "can_view_organisation":    (lambda w: p.can_view_organisation(w.user, w.agency), (Y, Y, Y, Y, Y, Y, Y, Y, N)),
    "can_view_members":         (lambda w: p.can_view_members(w.user, w.agency), (Y, Y, Y, Y, N, Y, Y, N, N)),
    "can_import_organisations": (lambda w: p.can_import_organisations(w.user), (N, N, N, N, N, N, Y, N, N)),
    # members
    "can_manage_members":       (lambda w: p.can_manage_members(w.user, w.agency), (Y, N, N, N, N, N, Y, N, N)),
    "can_view_member_history":  (lambda w: p.can_view_member_history(w.user, w.agency), (Y, Y, Y, N, N, N, Y, N, N)),
    "can_view_export_log":      (lambda w: p.can_view_export_log(w.user, w.agency), (Y, Y, Y, N, N, N, Y, N, N)),
    # plans
    "can_read_live_plan":              (lambda w: p.can_read_live_plan(w.user, w.agency), (Y, Y, Y, N, N, N, N, N, N)),
    "can_read_sent_plan":              (lambda w: p.can_read_sent_plan(w.user, w.agency), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_read_sent_plan[draft]":       (lambda w: p.can_read_sent_plan(w.user, w.agency, draft=True),
                                        (Y, Y, Y, N, N, N, N, N, N)),
    "can_read_sent_plan[sensitive]":   (lambda w: p.can_read_sent_plan(w.user, w.agency, sensitive=True),
                                        (Y, Y, Y, N, N, N, N, N, N)),
    "can_edit_plan":                   (lambda w: p.can_edit_plan(w.user, w.agency), (Y, N, N, N, N, N, N, N, N)),
    "can_approve_plan":                (lambda w: p.can_approve_plan(w.user, w.agency), (N, Y, N, N, N, N, N, N, N)),
    "can_review_plan":                 (lambda w: p.can_review_plan(w.user, w.agency), (N, N, N, Y, N, Y, N, N, N)),
    # any coordinator may post a file; each plan in it is then can_import_plan
    "can_import_plans":                (lambda w: p.can_import_plans(w.user), (Y, N, N, Y, Y, Y, Y, Y, N)),
    "can_import_plan":                 (lambda w: p.can_import_plan(w.user, w.agency), (Y, N, N, N, N, N, Y, N, N)),
    "can_import_plan_states":          (lambda w: p.can_import_plan_states(w.user), (N, N, N, N, N, N, Y, N, N)),
    "can_view_plan_audit":             (lambda w: p.can_view_plan_audit(w.user, w.agency), (Y, Y, Y, N, N, Y, Y, N, N)),
    "can_see_audit_details":           (lambda w: p.can_see_audit_details(w.user, w.agency, sensitive=False),
                                        (Y, Y, Y, Y, Y, Y, Y, Y, Y)),
    "can_see_audit_details[sensitive]": (lambda w: p.can_see_audit_details(w.user, w.agency, sensitive=True),
                                         (Y, Y, Y, N, N, N, N, N, N)),
    "organisations_with_readable_plans": (lambda w: p.organisations_with_readable_plans(w.user).filter(
                                              pk=w.agency.pk).exists(), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "listable_plans":                  (lambda w: p.listable_plans(w.user).filter(pk=w.plan.pk).exists(),
                                        (Y, Y, Y, Y, Y, Y, N, N, N)),
    "listable_plans[draft]":           (lambda w: p.listable_plans(w.user).filter(pk=w.draft.pk).exists(),
                                        (Y, Y, Y, N, N, N, N, N, N)),
    # campaigns (the collector: Rayong's provincial office)
    "can_manage_campaign":   (lambda w: p.can_manage_campaign(w.user, w.collector), (N, N, N, Y, Y, N, N, N, N)),
    # the municipality collects nobody's plans: its own coordinator ("unrelated") opens no campaign
    "can_manage_campaign[agency that collects nothing]":
                             (lambda w: p.can_manage_campaign(w.user, w.structure.municipality), (N, N, N, N, N, N, N, N, N)),
    "can_follow_up":         (lambda w: p.can_follow_up(w.user, w.collector), (N, N, N, Y, Y, Y, N, N, N)),
    "can_send_reminders":    (lambda w: p.can_send_reminders(w.user, w.collector), (N, N, N, Y, Y, N, N, N, N)),
    "can_open_agency_page":  (lambda w: p.can_open_agency_page(w.user, w.agency), (Y, Y, Y, N, N, N, N, N, N)),
    "can_submit":            (lambda w: p.can_submit(w.user, w.agency), (Y, Y, N, N, N, N, N, N, N)),
    "can_review_at":         (lambda w: p.can_review_at(w.user, w.agency, w.collector), (N, N, N, Y, N, N, N, N, N)),
    "can_review_at[route read]": (lambda w: p.can_review_at(w.user, w.agency, w.collector, route=collectors_on_route(w.agency)),
                                  (N, N, N, Y, N, N, N, N, N)),
    "can_see_submission":    (lambda w: p.can_see_submission(w.user, _sub(w)), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_see_submission[never sent]": (lambda w: p.can_see_submission(w.user, _sub(w, round=0)),
                                       (Y, Y, Y, N, N, N, N, N, N)),
    "can_see_submission[declaration]": (lambda w: p.can_see_submission(w.user, _sub(w, is_declaration=True)),
                                        (Y, Y, Y, Y, N, Y, N, N, N)),
    "can_see_internal_steps": (lambda w: p.can_see_internal_steps(w.user, w.agency), (Y, Y, Y, N, N, N, N, N, N)),
    "can_read_submission":   (lambda w: p.can_read_submission(w.user, _sub(w)), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_read_submission[sensitive]": (lambda w: p.can_read_submission(
                                           w.user, _sub(w, plan=SimpleNamespace(is_sensitive=True))),
                                       (Y, Y, Y, N, N, N, N, N, N)),
    "can_read_submission[declaration]": (lambda w: p.can_read_submission(w.user, _sub(w, has_content=False)),
                                         (N, N, N, N, N, N, N, N, N)),
    "can_review_now":        (lambda w: p.can_review_now(w.user, _sub(w)), (N, N, N, Y, N, N, N, N, N)),
    "can_review_now[route read]": (lambda w: p.can_review_now(w.user, _sub(w), route=collectors_on_route(w.agency)),
                                   (N, N, N, Y, N, N, N, N, N)),
    # dependencies (the unit collects its hospital's plan: its members see gaps too)
    "can_see_gap_list":      (lambda w: p.can_see_gap_list(w.user), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "gap_list_organisation_ids": (lambda w: w.agency.pk in p.gap_list_organisation_ids(w.user),
                                  (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_see_dependants":    (lambda w: p.can_see_dependants(w.user, w.agency), (Y, Y, Y, Y, N, Y, N, N, N)),
    "can_pick_dependencies": (lambda w: p.can_pick_dependencies(w.user, w.agency), (Y, N, N, N, N, N, N, N, N)),
    # bundles (the agency's province: Rayong)
    "collects_in_province":  (lambda w: p.collects_in_province(w.user, w.agency.province_id),
                              (N, N, N, Y, Y, N, N, N, N)),
    "provinces_collected_by": (lambda w: w.agency.province_id in p.provinces_collected_by(w.user),
                               (N, N, N, Y, Y, N, N, N, N)),
    "can_bundle_province":   (lambda w: p.can_bundle_province(w.user, w.agency.province_id),
                              (N, N, N, Y, Y, Y, N, N, N)),
    "can_bundle_subtree":    (lambda w: p.can_bundle_subtree(w.user, w.agency), (Y, Y, Y, Y, N, Y, N, N, N)),
    "can_request_bundle":    (lambda w: p.can_request_bundle(w.user, _bundle(w)), (N, N, N, Y, Y, Y, N, N, N)),
    "can_request_bundle[subtree]": (lambda w: p.can_request_bundle(w.user, _subtree_bundle(w)),
                                    (Y, Y, Y, Y, N, Y, N, N, N)),
    "can_open_bundle":       (lambda w: p.can_open_bundle(w.user, _bundle(w)), (N, N, N, Y, Y, Y, N, N, N)),
    "can_open_bundle[someone else's]": (lambda w: p.can_open_bundle(w.user, _bundle(w, mine=False)),
                                        (N, N, N, N, N, N, N, N, N)),
    "can_download_bundle":   (lambda w: p.can_download_bundle(w.user, _subtree_bundle(w)),
                              (Y, Y, Y, Y, N, Y, N, N, N)),
    # crisis mode: inside the agency only
    "can_activate_plan":     (lambda w: p.can_activate_plan(w.user, w.agency), (Y, Y, N, N, N, N, N, N, N)),
    "can_follow_activation": (lambda w: p.can_follow_activation(w.user, w.agency), (Y, Y, Y, N, N, N, N, N, N)),
    # results of carrying plans out (the unit collects its hospital's plan: it may publish scenarios)
    "can_record_results":    (lambda w: p.can_record_results(w.user, w.agency), (Y, N, N, N, N, N, N, N, N)),
    "can_read_result":       (lambda w: p.can_read_result(w.user, _result(w)), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_read_result[sensitive]": (lambda w: p.can_read_result(w.user, _result(w, sensitive=True)),
                                   (Y, Y, Y, N, N, N, N, N, N)),
    "readable_results":      (lambda w: p.readable_results(w.user).filter(pk=_result(w).pk).exists(),
                              (Y, Y, Y, Y, Y, Y, N, N, N)),
    "readable_results[sensitive]": (lambda w: p.readable_results(w.user).filter(pk=_result(w, sensitive=True).pk).exists(),
                                    (Y, Y, Y, N, N, N, N, N, N)),
    "readable_actions":      (lambda w: p.readable_actions(w.user).filter(result=_result(w)).exists(),
                              (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_organise_exercise": (lambda w: p.can_organise_exercise(w.user, w.agency, [w.agency]), (Y, N, N, N, N, N, N, N, N)),
    "can_organise_exercise[collector for the agency]":
                             (lambda w: p.can_organise_exercise(w.user, w.collector, [w.agency]), (N, N, N, Y, N, N, N, N, N)),
    "can_publish_scenarios": (lambda w: p.can_publish_scenarios(w.user, w.collector), (N, N, N, Y, Y, N, N, N, N)),
    "readable_scenarios":    (lambda w: p.readable_scenarios(w.user).filter(pk=_scenario(w).pk).exists(),
                              (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_see_results_overview": (lambda w: p.can_see_results_overview(w.user), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "can_read_training_needs": (lambda w: p.can_read_training_needs(w.user), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "training_need_results": (lambda w: p.training_need_results(w.user).filter(pk=_result(w).pk).exists(),
                              (Y, Y, Y, Y, Y, Y, N, N, N)),
    # statistics (the agency: Rayong's provincial health office)
    "can_view_statistics":   (lambda w: p.can_view_statistics(w.user), (Y, Y, Y, Y, Y, Y, N, Y, N)),
    "can_make_cabinet_report": (lambda w: p.can_make_cabinet_report(w.user), (N, N, N, N, N, Y, N, N, N)),
    "statistics_scope":      (lambda w: _in_scope(w), (Y, Y, Y, Y, Y, Y, N, N, N)),
    "statistics_content_organisations": (lambda w: _counts_content(w), (Y, Y, Y, Y, Y, Y, N, N, N)),
    # search (the agency's sent plan is found by those who may read it as sent)
    "can_search_plans":      (lambda w: p.can_search_plans(w.user), (Y, Y, Y, Y, Y, Y, N, Y, N)),
    "searchable_organisations": (lambda w: _finds(w), (Y, Y, Y, Y, Y, Y, N, N, N)),
}


def _result(w, *, sensitive=False):
    """The agency's result of an exercise, with one corrective action."""
    hazard = Scenario.objects.get(code="flood")
    exercise = Exercise.objects.create(organiser=w.agency, kind="tabletop", title="drill", held_on=datetime.date(2026, 11, 1),
                                       hazard=hazard)
    result = Result.objects.create(kind="exercise", exercise=exercise, organisation=w.agency, sensitive=sensitive,
                                   occurred_on=exercise.held_on, fiscal_year=2570, hazard=hazard)
    CorrectiveAction.objects.create(result=result, organisation=w.agency, component="team", description="fix",
                                    owner="x", due_on=exercise.held_on)
    return result


def _scenario(w):
    """A scenario published by Rayong's provincial office, naming nobody."""
    return ExerciseScenario.objects.create(publisher=w.collector, hazard=Scenario.objects.get(code="flood"),
                                           title="flood", narrative="water")
def _finds(w):
    """Would a search by the user look into the agency's sent plans?"""
    orgs = p.searchable_organisations(w.user)
    return p.can_search_plans(w.user) and (orgs is None or orgs.filter(pk=w.agency.pk).exists())


def _in_scope(w):
    """Is the agency among the organisations of the user's statistics scope?"""
    scope = p.statistics_scope(w.user)
    return scope is not None and type(w.agency).objects.filter(scope.q(), pk=w.agency.pk).exists()


def _counts_content(w):
    """Would the agency's sent plan count in the user's content figures?"""
    orgs = p.statistics_content_organisations(w.user)
    return p.can_view_statistics(w.user) and (orgs is None or orgs.filter(pk=w.agency.pk).exists())


def _world(structure, role):
    membership, agency = ROLES[role]
    if role == "anonymous":
        user = AnonymousUser()
    elif membership is None:
        user = UserFactory(is_staff=True)
    else:
        user = member(getattr(structure, membership[0]), membership[1])
    agency = getattr(structure, agency)
    return SimpleNamespace(
        user=user, agency=agency, collector=structure.rayong_office, structure=structure,
        plan=Plan.objects.create(organisation=agency, title="sent", fiscal_year=2569, status="submitted"),
        draft=Plan.objects.create(organisation=agency, title="draft", fiscal_year=2570),
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_question_for_every_role(structure, role):
    w = _world(structure, role)
    column = list(ROLES).index(role)
    got = {question: ask(w) for question, (ask, _) in TABLE.items()}
    assert got == {question: answers[column] for question, (_, answers) in TABLE.items()}


def test_every_question_has_a_row():
    """Every public function of the permissions package is exported and has a row in TABLE."""
    modules = [importlib.import_module(f"{p.__name__}.{m.name}") for m in pkgutil.iter_modules(p.__path__)]
    defined = {
        name for module in modules
        for name, f in inspect.getmembers(module, inspect.isfunction)
        if f.__module__ == module.__name__ and not name.startswith("_")
    }
    assert defined == set(p.__all__)
    asked = {question.partition("[")[0] for question in TABLE}
    assert set(p.__all__) - asked == set()
    assert all(len(answers) == len(ROLES) for _, answers in TABLE.values())
