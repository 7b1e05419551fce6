"""The plan or activation a request names, if the user may follow it (the agency's members) or act on
it (its coordinators and approvers): one reading for the pages and the API."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from phrom.accounts import permissions
from phrom.plans.models import Plan

from .models import Activation


def _allowed(user, org, act: bool) -> bool:
    return (permissions.can_activate_plan if act else permissions.can_follow_activation)(user, org)


def plan_for(user, pk, *, act: bool) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=pk)
    if not _allowed(user, plan.organisation, act):
        raise PermissionDenied
    return plan


def activation_for(user, pk, *, act: bool = False) -> Activation:
    activation = get_object_or_404(
        Activation.objects.select_related("organisation", "plan", "hazard", "started_by"), pk=pk)
    if not _allowed(user, activation.organisation, act):
        raise PermissionDenied
    return activation
