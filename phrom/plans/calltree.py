"""The call tree of a plan — who alerts whom — worked out in one place for the quality checker, the
pictures of the editor, the printed documents and the import.

`CallTree(team, links)` reads the `team` and `call_tree` components of a plan document. One rule
for everybody:
- a link counts only between members of the team: a link from or to anyone else alerts nobody
  (a stored plan has no such link, since removing a member drops its links; a document read by the
  checker may still be malformed);
- a link without a caller starts the tree: its callee is alerted first (a root);
- a person's calls go out in the links' `order`, ties in the order of the team;
- a member is reached when a chain of links leads to them from a root.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

_NUMBER = (int, float)


class CallTree:
    def __init__(self, team: list[dict], links: list[dict]):
        self.members = members = {m.get("key"): m for m in team}
        self.team_keys = [m.get("key") for m in team]
        # The links that count, in the plan's order (with their index among all the plan's links),
        # and whom each member alerts, in that order: enough for reach and circles. The alert order
        # (roots, children) is sorted only when asked for.
        self.links: list[dict] = []
        self._indexes: list[int] = []
        self._targets: dict = {}
        for i, link in enumerate(links):
            caller, callee = link.get("caller"), link.get("callee")
            if callee not in members or (caller is not None and caller not in members):
                continue
            self.links.append(link)
            self._indexes.append(i)
            if caller is None:
                continue
            if caller in self._targets:
                self._targets[caller].append(callee)
            else:
                self._targets[caller] = [callee]

    def _alert_order(self) -> tuple[list, dict]:
        position = {key: i for i, key in enumerate(self.team_keys)}

        def key(link):
            order = link.get("order")
            return (order if isinstance(order, _NUMBER) else 0, position[link["callee"]])

        roots, children = [], {}
        for link in self.links:
            if link["caller"] is None:
                roots.append(link)
            else:
                children.setdefault(link["caller"], []).append(link)
        roots.sort(key=key)
        for calls in children.values():
            calls.sort(key=key)
        return roots, children

    @functools.cached_property
    def roots(self) -> list[dict]:
        """The links without a caller, in alert order: who is alerted first."""
        return self._ordered[0]

    @functools.cached_property
    def children(self) -> dict[str, list[dict]]:
        """caller -> their links, in alert order."""
        return self._ordered[1]

    @functools.cached_property
    def _ordered(self) -> tuple[list, dict]:
        return self._alert_order()

    @functools.cached_property
    def link_index(self) -> dict[tuple, int]:
        """(caller, callee) -> the index of their first link among all the plan's links."""
        out: dict[tuple, int] = {}
        for i, link in zip(self._indexes, self.links, strict=True):
            out.setdefault((link["caller"], link["callee"]), i)
        return out

    @functools.cached_property
    def _first_link_to(self) -> dict:
        out: dict = {}
        for link in self.links:
            out.setdefault(link["callee"], link)
        return out

    def callees(self, key) -> list:
        """Whom `key` alerts, in alert order."""
        return [link["callee"] for link in self.children.get(key, ())]

    def walk(self, starts: Iterable[tuple] | None = None, placed: set | None = None) -> Iterator[tuple]:
        """(member key, depth, the link that alerts them) depth first in alert order, from the roots or
        from `starts` ((key, link) pairs), each member once: a member alerted twice, or in a circle,
        comes under whoever alerts them first. `placed`, shared between walks, holds who came already."""
        placed = set() if placed is None else placed
        if starts is None:
            starts = [(link["callee"], link) for link in self.roots]
        stack = [(key, 0, link) for key, link in reversed(list(starts))]
        while stack:
            key, depth, link = stack.pop()
            if key in placed:
                continue
            placed.add(key)
            yield key, depth, link
            for child in reversed(self.children.get(key, ())):
                if child["callee"] not in placed:
                    stack.append((child["callee"], depth + 1, child))

    def has_roots(self) -> bool:
        """Is anybody alerted first?"""
        return any(link["caller"] is None for link in self.links)

    def reached(self) -> set:
        """The members a chain of links leads to from a root."""
        targets = self._targets
        reached, todo = set(), [link["callee"] for link in self.links if link["caller"] is None]
        while todo:
            key = todo.pop()
            if key not in reached:
                reached.add(key)
                todo.extend(targets.get(key, ()))
        return reached

    def unreached(self) -> list:
        """The keys of the members nobody alerts, in the order of the team."""
        reached = self.reached()
        return [key for key in self.team_keys if key not in reached]

    def first_caller(self, key):
        """The member who alerts `key` in the first link to them (in the plan's order), or None."""
        link = self._first_link_to.get(key)
        return link["caller"] if link else None

    def cycles(self) -> list[list]:
        """Every circle: each group of members who alert one another round (a strongly connected
        component, Tarjan, iterative), as the keys met going round it once in alert order from its
        smallest key; the circles in the order of their smallest keys."""
        index, low, on_stack, stack, result = {}, {}, set(), [], []
        calls = self._targets
        counter = 0
        nodes = set(calls) | {c for cs in calls.values() for c in cs}
        for start in sorted(nodes, key=str):
            if start in index:
                continue
            work = [(start, iter(calls.get(start, ())))]
            index[start] = low[start] = counter
            counter += 1
            stack.append(start)
            on_stack.add(start)
            while work:
                node, it = work[-1]
                advanced = False
                for nxt in it:
                    if nxt not in index:
                        index[nxt] = low[nxt] = counter
                        counter += 1
                        stack.append(nxt)
                        on_stack.add(nxt)
                        work.append((nxt, iter(calls.get(nxt, ()))))
                        advanced = True
                        break
                    if nxt in on_stack:
                        low[node] = min(low[node], index[nxt])
                if advanced:
                    continue
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == node:
                            break
                    if len(component) > 1 or node in calls.get(node, ()):
                        result.append(self._round(component))
        return sorted(result, key=lambda cycle: str(cycle[0]))

    def _round(self, component: list) -> list:
        """The members of a circle in the order of one way round it, from the smallest key."""
        members = set(component)
        start = min(component, key=str)
        path, seen, node = [start], {start}, start
        while True:
            nxt = next((c for c in self.callees(node) if c in members and c not in seen), None)
            if nxt is None:
                return path
            path.append(nxt)
            seen.add(nxt)
            node = nxt

    def closing_link(self) -> tuple[int, list] | None:
        """For the first circle: (the index in the plan's links of the link that closes it, the keys
        round it and back to the first), or None when there is no circle."""
        for cycle in self.cycles():
            # The way round ends at someone who alerts only people met already: back to one of them.
            last = cycle[-1]
            back = next(c for c in self.callees(last) if c in cycle)
            return self.link_index[(last, back)], [*cycle[cycle.index(back):], back]
        return None


def unreached_keys(team: list[dict], links: list[dict]) -> set:
    """The members of `team` whom the call tree `links` does not reach."""
    return set(CallTree(team, links).unreached())
