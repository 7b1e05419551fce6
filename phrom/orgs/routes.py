"""Reporting routes: where an organisation's plan goes, resolved from the RouteRule table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q

from .models import Organisation, RouteEntry, RouteRule


class OrgFacts(NamedTuple):
    """What resolving routes reads of an organisation."""

    pk: int
    code: str
    kind_id: str
    parent_id: int | None
    province_id: str | None
    collector: str


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
    def load(cls, *, names: bool = True) -> RouteResolver:
        """A snapshot of the whole table; without names, of plain tuples (a rebuild needs no model instances)."""
        if names:
            orgs = list(Organisation.objects.only(*OrgFacts._fields, "name_th", "name_en"))
        else:
            orgs = [OrgFacts(*row) for row in Organisation.objects.values_list(*OrgFacts._fields)]
        return cls(orgs, list(RouteRule.objects.all()))

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


def _entries(resolver: RouteResolver, org: OrgFacts) -> list[RouteEntry]:
    route = resolver.route(org)
    return [
        *(RouteEntry(organisation_id=org.pk, target_id=t.pk, role="collect", position=n)
          for n, t in enumerate(route.collectors, start=1)),
        *(RouteEntry(organisation_id=org.pk, target_id=t.pk, role="inform", position=n)
          for n, t in enumerate(route.informed, start=1)),
    ]


@transaction.atomic
def rebuild_route_entries(org_ids: Iterable[int] | None = None) -> int:
    """Re-materialise RouteEntry for the given organisations, or for all of them; returns the entries written.

    Routes are always resolved against the whole table; only the rows of `org_ids` are rewritten.
    """
    if org_ids is not None and not org_ids:
        return 0
    resolver = RouteResolver.load(names=False)
    if org_ids is None:
        orgs = list(resolver.by_id.values())
        RouteEntry.objects.all().delete()
    else:
        ids = sorted(set(org_ids))
        orgs = [resolver.by_id[pk] for pk in ids if pk in resolver.by_id]
        for start in range(0, len(ids), 1000):  # within every database's limit of query parameters
            RouteEntry.objects.filter(organisation_id__in=ids[start:start + 1000]).delete()
    entries = [entry for org in orgs for entry in _entries(resolver, org)]
    RouteEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)


# What a change of one organisation is judged by: its OrgFacts, and its place in the tree.
ROUTE_FACTS = (*OrgFacts._fields, "tree_path")


def route_facts(org: Organisation) -> dict:
    return {name: getattr(org, name) for name in ROUTE_FACTS}


def _steps_naming(selector: str, **where) -> Q:
    """Organisations of the kinds with a rule whose target is `selector` (by kind: a slight over-count)."""
    return Q(kind_id__in=RouteRule.objects.filter(target=selector).values("kind_id"), **where)


def _with_routes_through(direct: Q) -> set[int]:
    """The organisations matching `direct`, and those whose plans pass through one of them.

    A plan rolls up along each collector's own route, and a stored route lists every collector
    to the top: so an organisation whose route may change carries along exactly those with a
    stored entry towards it.
    """
    orgs = Organisation.objects.filter(direct)
    through = RouteEntry.objects.filter(target__in=orgs, role=RouteRule.Role.COLLECT)
    return set(orgs.values_list("pk", flat=True)) | set(through.values_list("organisation_id", flat=True))


def concerned_by_organisation(before: dict | None, after: dict | None) -> set[int]:
    """The organisations whose route may change when one goes from `before` to `after` (route_facts();
    None before a creation or after a deletion). Query it while the stored routes are those of `before`.
    """
    states = [s for s in (before, after) if s]
    changed = {f for f in ROUTE_FACTS if not (before and after) or before[f] != after[f]}
    if not changed:
        return set()
    direct = Q(pk__in=[])
    if changed & {"kind_id", "parent_id", "province_id", "collector"}:
        direct |= Q(pk__in=[s["pk"] for s in states])  # its own steps (the code names no step of its own)
    if after and changed & {"kind_id", "parent_id"}:
        # `ancestor:<kind>` steps of the subtree look up through this organisation.
        direct |= Q(tree_path__startswith=after["tree_path"])
    for state in states:
        # The flag, province and code maps of RouteResolver: who answers `collector:`, `province:`, `org:` steps.
        if changed & {"collector", "code"} and state["collector"]:
            direct |= _steps_naming(f"collector:{state['collector']}")
        if changed & {"kind_id", "province_id", "code"} and state["province_id"]:
            direct |= _steps_naming(f"province:{state['kind_id']}", province_id=state["province_id"])
        if "code" in changed:
            direct |= _steps_naming(f"org:{state['code']}")
    return _with_routes_through(direct)


def concerned_by_rules(rules: Iterable[RouteRule]) -> set[int]:
    """The organisations whose route may change when these rules are added, changed or deleted
    (give a changed rule as it was and as it is). Query it while the stored routes are the old ones.
    """
    direct = Q(pk__in=[])
    for rule in rules:
        flag = {"collector": rule.when_collector} if rule.when_collector else {}
        direct |= Q(kind_id=rule.kind_id, **flag)
    return _with_routes_through(direct)


def stored_route(org: Organisation) -> Route:
    """The route as materialised in RouteEntry: two indexed queries, for pages and the API."""
    route = Route()
    entries = RouteEntry.objects.filter(organisation=org).select_related("target__kind").order_by("role", "position")
    for entry in entries:
        (route.collectors if entry.role == RouteRule.Role.COLLECT else route.informed).append(entry.target)
    return route
