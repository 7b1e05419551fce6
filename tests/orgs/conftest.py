"""Fixtures of the organisation tests."""

import pytest
from django.db import transaction

from phrom.orgs.models import Organisation, RouteEntry
from phrom.orgs.routes import rebuild_route_entries, stored_route
from phrom.orgs.tree_paths import refresh_tree_paths


class StoredRoutes:
    """What permissions and inboxes read: the materialised routes, tree paths and search text."""

    def snapshot(self):
        entries = sorted(RouteEntry.objects.values_list("organisation__code", "target__code", "role", "position"))
        return entries, sorted(Organisation.objects.values_list("code", "tree_path", "search_text"))

    def assert_fresh(self):
        """What is stored equals what a full rebuild of every path and route gives."""
        stored = self.snapshot()
        with transaction.atomic():
            refresh_tree_paths()
            rebuild_route_entries()
            rebuilt = self.snapshot()
            transaction.set_rollback(True)
        assert stored == rebuilt

    def collectors(self, org) -> list[str]:
        return [o.code for o in stored_route(org).collectors]

    def informed(self, org) -> list[str]:
        return [o.code for o in stored_route(org).informed]


@pytest.fixture
def stored(db):
    return StoredRoutes()
