"""Who may see and do what: one function per question, used by every view and API endpoint.

Relations between a user and an organisation follow from memberships and the materialised routes
(RouteEntry): a collector is a target of an organisation's route with role "collect" (at any
depth of the roll-up), an informed office a target with role "inform". OPDC-level users are
members of the organisation flagged as the national collector.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from phrom.orgs.models import CollectorFlag, Organisation, RouteEntry, RouteRule

from .models import Membership

Role = Membership.Role


def _memberships(user) -> dict[int, str]:
    """organisation id -> role, cached on the user object for the request."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, "_phrom_memberships", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._phrom_memberships = cached
    return cached


def _org_id(org) -> int:
    return org if isinstance(org, int) else org.pk


def role_in(user, org) -> str | None:
    return _memberships(user).get(_org_id(org))


def is_member(user, org, *roles: str) -> bool:
    role = role_in(user, org)
    return role is not None and (not roles or role in roles)


def is_administrator(user) -> bool:
    """Imports organisations and users, edits route rules."""
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_staff))


def is_national(user) -> bool:
    """A member of the national collector (OPDC)."""
    ids = _memberships(user).keys()
    if not ids:
        return False
    return Organisation.objects.filter(pk__in=ids, collector=CollectorFlag.NATIONAL).exists()


def _route_targets(user, org, role: str) -> bool:
    ids = list(_memberships(user).keys())
    if not ids:
        return False
    return RouteEntry.objects.filter(organisation_id=_org_id(org), target_id__in=ids, role=role).exists()


def collects_for(user, org) -> bool:
    """The user belongs to a collector on the organisation's route (directly or by roll-up)."""
    return _route_targets(user, org, "collect")


def is_informed_of(user, org) -> bool:
    return _route_targets(user, org, "inform")


def can_view_organisation(user, org) -> bool:
    """The organisation directory (names, kinds, routes) is open to every signed-in user."""
    return bool(user and user.is_authenticated)


def can_view_members(user, org) -> bool:
    """Names and roles of an organisation's users: its own people, its collectors, OPDC, administrators."""
    return is_member(user, org) or is_administrator(user) or is_national(user) or collects_for(user, org)


def can_read_plan(user, org, *, draft: bool = False, sensitive: bool = False) -> bool:
    """May the user read the content of this organisation's plan?

    Drafts never leave the agency; nor does the content of a security-sensitive plan.
    """
    if is_member(user, org):
        return True
    if draft or sensitive:
        return False
    return is_national(user) or collects_for(user, org) or is_informed_of(user, org)


def can_edit_plan(user, org) -> bool:
    return is_member(user, org, Role.COORDINATOR)


def can_approve_plan(user, org) -> bool:
    return is_member(user, org, Role.APPROVER)


def can_review_plan(user, org) -> bool:
    """Return or accept a submitted plan: coordinators and approvers of a collector on its route."""
    ids = [pk for pk, role in _memberships(user).items() if role in (Role.COORDINATOR, Role.APPROVER)]
    if not ids or _org_id(org) in ids:
        return False
    return RouteEntry.objects.filter(organisation_id=_org_id(org), target_id__in=ids, role="collect").exists()


def organisations_with_readable_plans(user) -> QuerySet[Organisation]:
    """Organisations whose (non-draft, non-sensitive) plans the user may read, as one queryset."""
    if is_national(user):
        return Organisation.objects.all()
    ids = list(_memberships(user).keys())
    return Organisation.objects.filter(
        Q(pk__in=ids) | Q(route_entries__target_id__in=ids)
    ).distinct()


# --- Submission campaigns (phrom.campaigns) --------------------------------------------------


def can_manage_campaign(user, collector) -> bool:
    """Open, change and close the collector's campaigns: its coordinators and approvers."""
    return is_member(user, collector, Role.COORDINATOR, Role.APPROVER)


def can_follow_up(user, collector) -> bool:
    """See a campaign from a collector's side (inbox, who has sent, who is late): its members, and OPDC."""
    return is_member(user, collector) or is_national(user)


def can_send_reminders(user, collector) -> bool:
    """Remind the agencies a collector is waiting for: its coordinators and approvers."""
    return is_member(user, collector, Role.COORDINATOR, Role.APPROVER)


def can_submit(user, org) -> bool:
    """Put the agency's plan (or declaration) forward to a campaign: its coordinators and approvers."""
    return is_member(user, org, Role.COORDINATOR, Role.APPROVER)


def can_review_at(user, org, collector) -> bool:
    """Return or accept the organisation's plan on behalf of `collector`, one of the collectors on its route."""
    return is_member(user, collector, Role.COORDINATOR, Role.APPROVER) and can_review_plan(user, org) and (
        RouteEntry.objects.filter(organisation_id=_org_id(org), target_id=_org_id(collector), role="collect").exists()
    )


def can_view_audit(user, org) -> bool:
    """The audit trail of an organisation's plan: the agency itself, administrators, OPDC's coordinators and approvers."""
    if is_member(user, org) or is_administrator(user):
        return True
    return Membership.objects.filter(
        user=user, organisation__collector=CollectorFlag.NATIONAL, role__in=[Role.COORDINATOR, Role.APPROVER]
    ).exists() if user and user.is_authenticated else False


# --- Plan bundles: many plans as one ZIP (phrom.bundles) ---------------------------------------


def _province_collection(user):
    """Route entries by which a user's organisation collects, inside its own province, the plans of
    organisations that are not its own units (a provincial office collects from agencies of many
    ministries; a provincial health office that collects only from its own hospitals does not count:
    those are its subtree)."""
    ids = list(_memberships(user).keys())
    return RouteEntry.objects.filter(
        target_id__in=ids, target__province_id__isnull=False, organisation__province_id=F("target__province_id"),
        role="collect",
    ).exclude(organisation__tree_path__startswith=F("target__tree_path"))


def _province_collectors_by_rule(user) -> QuerySet[Organisation]:
    """The user's organisations that the rule table names as the collector of their province
    (a `province:<kind>` collect rule): a provincial office even before any unit is imported."""
    kinds = RouteRule.objects.filter(role="collect", target__startswith="province:").values_list("target", flat=True)
    return Organisation.objects.filter(
        pk__in=list(_memberships(user).keys()), province__isnull=False,
        kind_id__in=[t.partition(":")[2] for t in kinds],
    )


def collects_in_province(user, province) -> bool:
    """The user belongs to a collector of the province: its provincial office, in Bangkok the BMA
    disaster office."""
    if not _memberships(user):
        return False
    code = province if isinstance(province, str) else province.pk
    return (_province_collectors_by_rule(user).filter(province_id=code).exists()
            or _province_collection(user).filter(target__province_id=code).exists())


def provinces_collected_by(user) -> list[str]:
    """Codes of the provinces in which the user collects plans (see collects_in_province)."""
    if not _memberships(user):
        return []
    codes = set(_province_collectors_by_rule(user).values_list("province_id", flat=True))
    codes.update(_province_collection(user).values_list("target__province_id", flat=True))
    return sorted(codes)


def can_bundle_province(user, province) -> bool:
    """Ask for the plans of a whole province as one ZIP: its collectors and OPDC. Which plans go in is
    still decided plan by plan with can_read_plan."""
    return is_national(user) or collects_in_province(user, province)


def can_bundle_subtree(user, org) -> bool:
    """Ask for the plans of an organisation and everything under it as one ZIP: its own people (a
    department collects for its sub-units), collectors on its route, and OPDC."""
    return is_member(user, org) or is_national(user) or collects_for(user, org)
