"""Changing organisations and the route table, with the stored tree paths and routes kept true.

Permissions, inboxes and campaign targets read Organisation.tree_path and RouteEntry, never the
rules themselves: so every change goes through here and rebuilds them in its own transaction.
One change at a time (the admin) rebuilds only the organisations it can concern; a bulk load
(the importer, the demo loader) rebuilds everything once, at the end.
"""

from collections.abc import Iterable

from django.db import transaction

from phrom.core.planner import refresh_planner_statistics

from .models import Organisation, RouteEntry, RouteRule
from .routes import (
    ROUTE_FACTS,
    concerned_by_organisation,
    concerned_by_rules,
    rebuild_route_entries,
    route_facts,
)
from .tree_paths import move_subtree, refresh_tree_paths, tree_path_of


@transaction.atomic
def save_organisation(org: Organisation) -> None:
    """Create or change one organisation; its subtree's paths and every route it can change follow."""
    org.clean()  # a parent below the organisation itself would make a cycle of paths
    before = Organisation.objects.filter(pk=org.pk).values(*ROUTE_FACTS).first() if org.pk else None
    org.tree_path = tree_path_of(org)
    org.search_text = org.compute_search_text()
    org.save()
    if before:
        move_subtree(before["tree_path"], org.tree_path)
    rebuild_route_entries(concerned_by_organisation(before, route_facts(org)))


@transaction.atomic
def delete_organisations(orgs: Iterable[Organisation]) -> None:
    """Delete organisations; the routes that named or passed through them are resolved again."""
    orgs = list(orgs)
    concerned = set().union(*(concerned_by_organisation(route_facts(org), None) for org in orgs))
    Organisation.objects.filter(pk__in=[org.pk for org in orgs]).delete()
    rebuild_route_entries(concerned)


@transaction.atomic
def save_route_rules(saved: Iterable[RouteRule] = (), deleted: Iterable[RouteRule] = ()) -> None:
    """Add, change and delete rows of the route table; the routes of the organisations they concern follow."""
    saved, deleted = list(saved), list(deleted)
    # A changed rule concerns the organisations it applied to as well as those it applies to now.
    stored = RouteRule.objects.filter(pk__in=[r.pk for r in saved if r.pk])
    concerned = concerned_by_rules([*saved, *deleted, *stored])
    for rule in deleted:
        rule.delete()
    for rule in saved:
        rule.save()
    rebuild_route_entries(concerned)


@transaction.atomic
def refresh_after_bulk_load(routes_changed: bool = True) -> bool:
    """Every tree path, then every route unless neither organisations, rules nor paths changed.

    For the importer and the demo loader, which write many rows at once: one pass is faster than
    tracking what each row concerns. Returns whether the routes were rebuilt.
    """
    refresh_planner_statistics(Organisation)
    paths_changed = refresh_tree_paths()
    if not (routes_changed or paths_changed):
        return False
    rebuild_route_entries()
    refresh_planner_statistics(RouteEntry)
    return True
