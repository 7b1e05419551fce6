"""How a user stands towards an organisation: the relations every access question is built from.

Relations follow from memberships and the materialised routes (RouteEntry): a collector is a target
of an organisation's route with role "collect" (at any depth of the roll-up), an informed office a
target with role "inform". OPDC-level users are members of the organisation flagged as the
national collector. Administrators are Django staff or superusers.
"""

from __future__ import annotations

from phrom.orgs.models import CollectorFlag, Organisation, RouteEntry

from ..models import Membership

Role = Membership.Role


def _memberships(user) -> dict[int, str]:
    """organisation id -> role, cached on the user object for the request (private to this package)."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, "_phrom_memberships", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._phrom_memberships = cached
    return cached


def _org_id(org) -> int:
    return org if isinstance(org, int) else org.pk


def member_organisation_ids(user) -> list[int]:
    """Ids of the organisations the user belongs to (none when signed out)."""
    return list(_memberships(user))


def role_in(user, org) -> str | None:
    """The user's role in the organisation, or None."""
    return _memberships(user).get(_org_id(org))


def is_member(user, org, *roles: str) -> bool:
    """The user belongs to the organisation (in one of `roles`, if given)."""
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


def is_national_reviewer(user) -> bool:
    """A coordinator or approver of the national collector (OPDC)."""
    ids = [pk for pk, role in _memberships(user).items() if role in (Role.COORDINATOR, Role.APPROVER)]
    return bool(ids) and Organisation.objects.filter(pk__in=ids, collector=CollectorFlag.NATIONAL).exists()


def _route_targets(user, org, role: str) -> bool:
    ids = member_organisation_ids(user)
    if not ids:
        return False
    return RouteEntry.objects.filter(organisation_id=_org_id(org), target_id__in=ids, role=role).exists()


def collects_for(user, org) -> bool:
    """The user belongs to a collector on the organisation's route (directly or by roll-up)."""
    return _route_targets(user, org, "collect")


def is_informed_of(user, org) -> bool:
    """The user belongs to an office the organisation's route informs."""
    return _route_targets(user, org, "inform")
