"""Results of carrying plans out: exercises, events, corrective actions, training needs.

A result belongs to its agency; outside it, it is read as the agency's sent plan is (never a result of
a security-sensitive plan). A training office reads the roll-up of training needs and
nothing else: no result, no plan.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from phrom.orgs.models import RouteEntry, RouteRule
from phrom.results.models import CorrectiveAction, ExerciseScenario, Result

from .campaigns import _collects_plans
from .plans import can_read_sent_plan, organisations_with_readable_plans
from .relations import Role, collects_for, is_member, is_national, member_organisation_ids

TRAINING_OFFICE_PERMISSION = "results.view_trainingneed"  # granted to a training office's accounts


def _training_office(user) -> bool:
    # Granted explicitly: a superuser (an operator) has every permission but reads no results.
    return not user.is_superuser and user.has_perm(TRAINING_OFFICE_PERMISSION)


def can_record_results(user, org) -> bool:
    """Record the agency's exercises and events, their results and corrective actions: its BCP coordinators."""
    return is_member(user, org, Role.COORDINATOR)


def can_read_result(user, result) -> bool:
    """One result: read as the agency's sent plan is (its agency; outside it, its collectors, the offices
    its route informs and OPDC), never a security-sensitive plan's result outside the agency."""
    return can_read_sent_plan(user, result.organisation_id, sensitive=result.sensitive)


def readable_results(user) -> QuerySet[Result]:
    """The bulk form of can_read_result."""
    if not (user and user.is_authenticated):
        return Result.objects.none()
    own = Q(organisation_id__in=member_organisation_ids(user))
    if is_national(user):
        return Result.objects.filter(own | Q(sensitive=False))
    outside = organisations_with_readable_plans(user).values("pk")
    return Result.objects.filter(own | (Q(organisation_id__in=outside) & Q(sensitive=False)))


def can_organise_exercise(user, organiser, participants) -> bool:
    """Hold an exercise: an agency's coordinators for itself; a collector's coordinators for agencies
    of its route (the disaster office's multi-agency drills)."""
    if not is_member(user, organiser, Role.COORDINATOR):
        return False
    return all(p.pk == organiser.pk or collects_for(user, p) or is_national(user) for p in participants)


def can_publish_scenarios(user, org) -> bool:
    """Publish exercise scenarios for the agencies of a route: a collector's coordinators."""
    return is_member(user, org, Role.COORDINATOR) and _collects_plans(org)


def can_see_results_overview(user) -> bool:
    """Who has exercised, RTOs achieved, common findings across agencies: OPDC and collectors."""
    if not (user and user.is_authenticated):
        return False
    return is_national(user) or any(_collects_plans(pk) for pk in member_organisation_ids(user))


def can_read_training_needs(user) -> bool:
    """The roll-up of training needs: a training office (its accounts hold the permission), OPDC,
    collectors (for their routes)."""
    if not (user and user.is_authenticated):
        return False
    return _training_office(user) or can_see_results_overview(user)


def training_need_results(user) -> QuerySet[Result]:
    """The results whose training needs the user's roll-up counts: every non-sensitive one for a
    training office and OPDC, the readable ones for a collector."""
    if _training_office(user):
        return Result.objects.filter(sensitive=False)
    return readable_results(user)


def readable_actions(user) -> QuerySet[CorrectiveAction]:
    """Corrective actions: the agency's own, and those of results the user may read (collectors, OPDC)."""
    return CorrectiveAction.objects.filter(result__in=readable_results(user).values("pk"))


def readable_scenarios(user) -> QuerySet[ExerciseScenario]:
    """The scenario library as the user sees it: published by their own organisations or by a collector
    of theirs, or naming one of them as taking part; OPDC sees every scenario."""
    if not (user and user.is_authenticated):
        return ExerciseScenario.objects.none()
    if is_national(user):
        return ExerciseScenario.objects.all()
    own = member_organisation_ids(user)
    collectors = RouteEntry.objects.filter(organisation_id__in=own, role=RouteRule.Role.COLLECT).values("target_id")
    return ExerciseScenario.objects.filter(
        Q(publisher_id__in=own) | Q(publisher_id__in=collectors) | Q(participants__in=own)).distinct()
