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

from collections.abc import Iterable, Iterator


class CallTree:
    def __init__(self, team: list[dict], links: list[dict]):
        self.members = {m.get("key"): m for m in team}
        self.team_keys = [m.get("key") for m in team]
        position = {key: i for i, key in enumerate(self.team_keys)}
        # The links that count, in the plan's order, and where each (caller, callee) first is in it.
        self.links: list[dict] = []
        self.link_index: dict[tuple, int] = {}
        self.first_link_to: dict = {}
        self.roots: list[dict] = []
        self.children: dict[str, list[dict]] = {}
        for i, link in enumerate(links):
            caller, callee = link.get("caller"), link.get("callee")
            if callee not in self.members or (caller is not None and caller not in self.members):
                continue
            self.links.append(link)
            self.link_index.setdefault((caller, callee), i)
            self.first_link_to.setdefault(callee, link)
            if caller is None:
                self.roots.append(link)
            else:
                self.children.setdefault(caller, []).append(link)

        def alert_order(link):
            order = link.get("order")
            return (order if isinstance(order, int | float) else 0, position[link["callee"]])

        self.roots.sort(key=alert_order)
        for calls in self.children.values():
            calls.sort(key=alert_order)

    def callees(self, key) -> list:
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

    def reached(self) -> set:
        """The members a chain of links leads to from a root."""
        return {key for key, _depth, _link in self.walk()}

    def unreached(self) -> list:
        """The keys of the members nobody alerts, in the order of the team."""
        reached = self.reached()
        return [key for key in self.team_keys if key not in reached]

    def first_caller(self, key):
        """The member who alerts `key` in the first link to them (in the plan's order), or None."""
        link = self.first_link_to.get(key)
        return link["caller"] if link else None

    def cycles(self) -> list[list]:
        """Every circle: each group of members who alert one another round (a strongly connected
        component, Tarjan, iterative), as the keys met going round it once from its smallest key."""
        index, low, on_stack, stack, result = {}, {}, set(), [], []
        counter = 0
        nodes = set(self.children) | {link["callee"] for calls in self.children.values() for link in calls}
        for start in sorted(nodes, key=str):
            if start in index:
                continue
            work = [(start, iter(self.callees(start)))]
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
                        work.append((nxt, iter(self.callees(nxt))))
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
                    if len(component) > 1 or node in self.callees(node):
                        result.append(self._round(component))
        return result

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
