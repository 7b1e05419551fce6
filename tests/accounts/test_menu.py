"""The menu's Import link follows permissions.can_import_organisations: administrators only."""

import pytest
from django.urls import reverse

from phrom.accounts.models import Membership
from tests.conftest import member
from tests.factories import UserFactory


@pytest.mark.parametrize("who, shown", [("staff", True), ("superuser", True), ("coordinator", False)])
def test_import_link_only_for_administrators(client, structure, who, shown):
    users = {
        "staff": lambda: UserFactory(is_staff=True),
        "superuser": lambda: UserFactory(is_superuser=True),
        "coordinator": lambda: member(structure.rayong_unit, Membership.Role.COORDINATOR),
    }
    client.force_login(users[who]())
    page = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("orgs:import")}"' in page) is shown
