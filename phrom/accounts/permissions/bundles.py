"""Plan bundles: the sent plans of a province or of an organisation's subtree as one ZIP. Which plans
go in is still decided plan by plan (organisations_with_readable_plans, never a draft or a sensitive
plan's content)."""

from __future__ import annotations

from django.db.models import F, QuerySet

from phrom.bundles.models import PlanBundle
from phrom.orgs.models import Organisation, RouteEntry, RouteRule
from phrom.plans.models import Plan

from .plans import organisations_with_readable_plans
from .relations import collects_for, is_member, is_national, member_organisation_ids


def _province_collection(user):
    """Route entries by which a user's organisation collects, inside its own province, the plans of
    organisations that are not its own units (a provincial office collects from agencies of many
    ministries; a provincial health office that collects only from its own hospitals does not count:
    those are its subtree)."""
    return RouteEntry.objects.filter(
        target_id__in=member_organisation_ids(user), target__province_id__isnull=False,
        organisation__province_id=F("target__province_id"), role="collect",
    ).exclude(organisation__tree_path__startswith=F("target__tree_path"))


def _province_collectors_by_rule(user) -> QuerySet[Organisation]:
    """The user's organisations that the rule table names as the collector of their province
    (a `province:<kind>` collect rule): a provincial office even before any unit is imported."""
    kinds = RouteRule.objects.filter(role="collect", target__startswith="province:").values_list("target", flat=True)
    return Organisation.objects.filter(
        pk__in=member_organisation_ids(user), province__isnull=False,
        kind_id__in=[t.partition(":")[2] for t in kinds],
    )


def collects_in_province(user, province) -> bool:
    """The user belongs to a collector of the province: its provincial office, in Bangkok the BMA
    disaster office."""
    if not member_organisation_ids(user):
        return False
    code = province if isinstance(province, str) else province.pk
    return (_province_collectors_by_rule(user).filter(province_id=code).exists()
            or _province_collection(user).filter(target__province_id=code).exists())


def provinces_collected_by(user) -> list[str]:
    """Codes of the provinces in which the user collects plans (see collects_in_province)."""
    if not member_organisation_ids(user):
        return []
    codes = set(_province_collectors_by_rule(user).values_list("province_id", flat=True))
    codes.update(_province_collection(user).values_list("target__province_id", flat=True))
    return sorted(codes)


def can_bundle_province(user, province) -> bool:
    """Ask for the plans of a whole province as one ZIP: its collectors and OPDC."""
    return is_national(user) or collects_in_province(user, province)


def can_bundle_subtree(user, org) -> bool:
    """Ask for the plans of an organisation and everything under it as one ZIP: its own people (a
    department collects for its sub-units), collectors on its route, and OPDC."""
    return is_member(user, org) or is_national(user) or collects_for(user, org)


def can_request_bundle(user, bundle: PlanBundle) -> bool:
    """Ask for (and keep downloading) a bundle of this scope."""
    if not (user and user.is_authenticated):
        return False
    if bundle.scope == PlanBundle.Scope.PROVINCE:
        return can_bundle_province(user, bundle.province_id)
    return can_bundle_subtree(user, bundle.root)


def can_open_bundle(user, bundle: PlanBundle) -> bool:
    """A bundle is its requester's, while they may still ask for its scope."""
    return bool(user and user.pk == bundle.requested_by_id) and can_request_bundle(user, bundle)


def can_download_bundle(user, bundle: PlanBundle) -> bool:
    """Every plan in the ZIP may still leave for this user: checked again at download, since
    memberships, routes and classifications change."""
    if not can_open_bundle(user, bundle):
        return False
    ids = [int(pk) for pk in bundle.contents]
    plans = list(Plan.objects.filter(pk__in=ids).only("pk", "organisation_id", "classification", "status"))
    if len(plans) != len(ids) or any(p.is_sensitive or p.is_draft for p in plans):
        return False
    org_ids = {p.organisation_id for p in plans}
    readable = set(organisations_with_readable_plans(user).filter(pk__in=org_ids).values_list("pk", flat=True))
    return readable >= org_ids
