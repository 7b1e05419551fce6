"""How a user stands towards an organisation: the relations every access question is built from.

Relations follow from memberships and the materialised routes (RouteEntry): a collector is a target
of an organisation's route with role "collect" (at any depth of the roll-up), an informed office a
target with role "inform". OPDC-level users are members of the organisation flagged as the
national collector. Administrators are Django staff or superusers.
"""

from __future__ import annotations

from phrom.orgs.models import CollectorFlag, RouteEntry

from ..models import Membership

Role = Membership.Role


def _memberships(user) -> dict[int, str]:
    """organisation id -> role, cached on the user object for the request (private to this package)."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, "_phrom_memberships", None)
    if cached is None:
        # With each organisation's collector flag: is_national is asked several times a page.
        rows = Membership.objects.filter(user=user).values_list("organisation_id", "role", "organisation__collector")
        cached = {org: role for org, role, _flag in rows}
        user._phrom_memberships = cached
        user._phrom_national = {org for org, _role, flag in rows if flag == CollectorFlag.NATIONAL}
    return cached


def _national_memberships(user) -> dict[int, str]:
    """The user's memberships of the national collector (OPDC): organisation id -> role."""
    memberships = _memberships(user)
    return {org: memberships[org] for org in getattr(user, "_phrom_national", ())}


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
    return bool(_national_memberships(user))


def is_national_reviewer(user) -> bool:
    """A coordinator or approver of the national collector (OPDC)."""
    return any(role in (Role.COORDINATOR, Role.APPROVER) for role in _national_memberships(user).values())


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
