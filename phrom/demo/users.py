"""The demo users: created once with the demo password, given their membership, never overwritten."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from phrom.accounts.models import Membership
from phrom.orgs.models import Organisation

from .data.users import DEMO_PASSWORD, DEMO_USERS


@dataclass
class DemoUser:
    username: str
    role: str | None  # None: superuser
    organisation: Organisation | None
    created: bool
    has_demo_password: bool


@transaction.atomic
def ensure_demo_users(password: str = DEMO_PASSWORD) -> list[DemoUser]:
    User = get_user_model()
    validate_password(password)
    # One hash for every new user: hashing is deliberately slow, and these accounts share the password anyway.
    new_hash = None
    verified: dict[str, bool] = {}
    orgs = Organisation.objects.in_bulk([code for *_, code, _ in DEMO_USERS if code], field_name="code")
    result = []
    for username, first_name, last_name, org_code, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            new_hash = new_hash or make_password(password)
            user = User.objects.create(
                username=username, first_name=first_name, last_name=last_name, email=f"{username}@demo.phrom.localhost",
                password=new_hash, is_staff=role is None, is_superuser=role is None,
            )
        org = orgs.get(org_code) if org_code else None
        if org is not None:
            Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
        if user.password not in verified:
            verified[user.password] = user.check_password(password)
        result.append(DemoUser(username, role, org, created, verified[user.password]))
    return result
