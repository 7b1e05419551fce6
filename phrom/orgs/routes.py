"""Reporting routes: where an organisation's plan goes, resolved from the RouteRule table."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from .models import Organisation, RouteEntry, RouteRule


@dataclass
class Route:
    collectors: list[Organisation] = field(default_factory=list)
    informed: list[Organisation] = field(default_factory=list)
    # Selectors that matched nothing (e.g. a province without a provincial office): shown, not hidden.
    unresolved: list[str] = field(default_factory=list)


class RouteResolver:
    """Resolves routes against an in-memory snapshot of organisations and rules.

    One snapshot answers every organisation in a few dictionary look-ups, which is what makes
    rebuilding the routes of 10,000+ organisations fast; `route_of()` uses a snapshot as well.
    """

    def __init__(self, organisations, rules):
        self.by_id = {o.pk: o for o in organisations}
        self.by_code = {o.code: o for o in self.by_id.values()}
        self.by_flag: dict[str, Organisation] = {}
        self.by_province_kind: dict[tuple[str, str], Organisation] = {}
        for o in sorted(self.by_id.values(), key=lambda o: o.code):
            if o.collector:
                self.by_flag.setdefault(o.collector, o)
            if o.province_id:
                self.by_province_kind.setdefault((o.province_id, o.kind_id), o)
        self.rules: dict[tuple[str, str], dict[str, list[RouteRule]]] = defaultdict(lambda: defaultdict(list))
        for r in sorted(rules, key=lambda r: r.position):
            self.rules[(r.kind_id, r.when_collector)][r.role].append(r)
        self._cache: dict[int, Route] = {}

    @classmethod
    def load(cls) -> RouteResolver:
        orgs = Organisation.objects.only(
            "pk", "code", "name_th", "name_en", "kind_id", "parent_id", "province_id", "collector"
        )
        return cls(list(orgs), list(RouteRule.objects.all()))

    def rules_for(self, org: Organisation) -> dict[str, list[RouteRule]]:
        if org.collector and (org.kind_id, org.collector) in self.rules:
            return self.rules[(org.kind_id, org.collector)]
        return self.rules.get((org.kind_id, ""), {})

    def resolve(self, org: Organisation, selector: str) -> Organisation | None:
        name, _, arg = selector.partition(":")
        if name == "collector":
            return self.by_flag.get(arg)
        if name == "parent":
            return self.by_id.get(org.parent_id)
        if name == "ancestor":
            node = self.by_id.get(org.parent_id)
            seen = set()
            while node is not None and node.pk not in seen:
                if node.kind_id == arg:
                    return node
                seen.add(node.pk)
                node = self.by_id.get(node.parent_id)
            return None
        if name == "province":
            return self.by_province_kind.get((org.province_id, arg)) if org.province_id else None
        if name == "org":
            return self.by_code.get(arg)
        raise ValueError(f"unknown route selector {selector!r}")

    def route(self, org: Organisation) -> Route:
        if org.pk in self._cache:
            return self._cache[org.pk]
        route = Route()
        rules = self.rules_for(org)
        for rule in rules.get(RouteRule.Role.INFORM, []):
            target = self.resolve(org, rule.target)
            if target is None:
                route.unresolved.append(rule.target)
            elif target.pk != org.pk and target not in route.informed:
                route.informed.append(target)
        seen = {org.pk}
        last = None
        for rule in rules.get(RouteRule.Role.COLLECT, []):
            target = self.resolve(org, rule.target)
            if target is None:
                route.unresolved.append(rule.target)
            elif target.pk not in seen:
                route.collectors.append(target)
                seen.add(target.pk)
                last = target
        # Roll-up: the last collector forwards along its own route. The walk is iterative and
        # guarded by `seen`, so a mis-configured table that loops ends instead of recursing.
        while last is not None:
            nxt = None
            for rule in self.rules_for(last).get(RouteRule.Role.COLLECT, []):
                target = self.resolve(last, rule.target)
                if target is not None and target.pk not in seen:
                    route.collectors.append(target)
                    seen.add(target.pk)
                    nxt = target
            last = nxt
        self._cache[org.pk] = route
        return route


def route_of(org: Organisation) -> Route:
    """The route of one organisation's plan: its collectors in order, then the offices informed."""
    return RouteResolver.load().route(org)


@transaction.atomic
def rebuild_route_entries() -> int:
    """Re-materialise RouteEntry for every organisation; returns the number of entries."""
    resolver = RouteResolver.load()
    entries = []
    for org in resolver.by_id.values():
        route = resolver.route(org)
        for position, target in enumerate(route.collectors, start=1):
            entries.append(RouteEntry(organisation_id=org.pk, target_id=target.pk, role="collect", position=position))
        for position, target in enumerate(route.informed, start=1):
            entries.append(RouteEntry(organisation_id=org.pk, target_id=target.pk, role="inform", position=position))
    RouteEntry.objects.all().delete()
    RouteEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


def stored_route(org: Organisation) -> Route:
    """The route as materialised in RouteEntry: two indexed queries, for pages and the API."""
    route = Route()
    entries = RouteEntry.objects.filter(organisation=org).select_related("target__kind").order_by("role", "position")
    for entry in entries:
        (route.collectors if entry.role == RouteRule.Role.COLLECT else route.informed).append(entry.target)
    return route
