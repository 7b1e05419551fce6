"""Organisations: the directory, their people, and importing them."""

from __future__ import annotations

from .relations import collects_for, is_administrator, is_member, is_national


def can_view_organisation(user, org) -> bool:
    """The organisation directory (names, kinds, routes) is open to every signed-in user."""
    return bool(user and user.is_authenticated)


def can_view_members(user, org) -> bool:
    """Names and roles of an organisation's users: its own people, its collectors, OPDC, administrators."""
    return is_member(user, org) or is_administrator(user) or is_national(user) or collects_for(user, org)


def can_import_organisations(user) -> bool:
    """Import organisations and users (and edit route rules in the admin): administrators."""
    return is_administrator(user)
