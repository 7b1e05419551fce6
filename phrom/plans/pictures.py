"""Pictures of a plan, laid out on the server and drawn as inline SVG by the templates.

- The call tree: an indented tree (one person per row, each under the person who alerts them),
  which stays readable for hundreds of people where a top-down chart would be metres wide.
  People nobody alerts are drawn apart and highlighted; links that close a circle are drawn red.
- The BCP strategy map: scenarios → the resource categories they hit → the strategies for each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .checker import _cycles
from .codes import Category, Channel

# Call tree geometry (px).
NODE_W, NODE_H, ROW_H, INDENT, MARGIN, GAP = 270, 44, 56, 56, 16, 40


def _clip(text: str, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Node:
    key: str
    name: str
    position: str
    x: int
    y: int
    depth: int
    reached: bool = True
    in_cycle: bool = False
    channel: str = ""
    order: int | None = None
    is_root: bool = False

    @property
    def label(self) -> str:
        return _clip(self.name, 30)

    @property
    def sublabel(self) -> str:
        return _clip(self.position, 36)

    @property
    def text_x(self) -> int:
        return self.x + 12

    @property
    def right(self) -> int:
        return self.x + NODE_W

    @property
    def mid_y(self) -> int:
        return self.y + NODE_H // 2


@dataclass
class Edge:
    d: str  # SVG path
    kind: str  # tree | extra | cycle
    order: int | None = None
    badge_x: int = 0
    badge_y: int = 0
    title: str = ""


@dataclass
class CallTreePicture:
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    width: int = 0
    height: int = 0
    unreached_y: int | None = None
    unreached: list = field(default_factory=list)
    cycles: list = field(default_factory=list)  # lists of member names
    node_w: int = NODE_W
    node_h: int = NODE_H


def call_tree_picture(team: list[dict], links: list[dict]) -> CallTreePicture:
    members = {m["key"]: m for m in team}
    position = {m["key"]: i for i, m in enumerate(team)}
    channels = dict(Channel.choices)
    children: dict = defaultdict(list)
    roots = []
    incoming: dict = {}
    for link in links:
        callee = link["callee"]
        if callee not in members:
            continue
        incoming.setdefault(callee, link)
        if link["caller"] is None:
            roots.append(link)
        elif link["caller"] in members:
            children[link["caller"]].append(link)
    for lst in [roots, *children.values()]:
        lst.sort(key=lambda link: (link["order"], position.get(link["callee"], 0)))

    cycle_sets = [set(c) for c in _cycles({k: [link["callee"] for link in v] for k, v in children.items()})]
    in_cycle = set().union(*cycle_sets) if cycle_sets else set()

    pic = CallTreePicture()
    placed: dict[str, Node] = {}
    tree_links: set = set()
    row = [0]

    def place(key, depth, reached, link):
        node = Node(
            key=key, name=members[key]["name"] or members[key].get("position") or key,
            position=members[key].get("position", "") if members[key]["name"] else "",
            x=MARGIN + depth * INDENT, y=MARGIN + row[0] * ROW_H + (GAP if not reached else 0), depth=depth,
            reached=reached, in_cycle=key in in_cycle,
            channel=str(channels.get(link["channel"], link["channel"])) if link else "",
            order=link["order"] if link else None, is_root=bool(link) and link["caller"] is None,
        )
        row[0] += 1
        placed[key] = node
        pic.nodes.append(node)
        return node

    def walk(start_key, start_link, reached):
        stack = [(start_key, 0, start_link)]
        while stack:
            key, depth, link = stack.pop()
            if key in placed:
                continue
            if link is not None and link["caller"] is not None:
                tree_links.add((link["caller"], key))
            place(key, depth, reached, link)
            for child in reversed(children.get(key, [])):
                if child["callee"] not in placed:
                    stack.append((child["callee"], depth + 1, child))

    for link in roots:
        walk(link["callee"], link, True)
    reached_rows = row[0]
    # The others: start from someone whose callers are all unplaced, following callers upwards.
    for m in team:
        key = m["key"]
        if key in placed:
            continue
        seen, top = {key}, key
        while incoming.get(top) and incoming[top]["caller"] in members and incoming[top]["caller"] not in placed:
            up = incoming[top]["caller"]
            if up in seen:
                break
            seen.add(up)
            top = up
        if pic.unreached_y is None:
            pic.unreached_y = MARGIN + reached_rows * ROW_H + GAP // 2 - 4
        walk(top, incoming.get(top) if incoming.get(top, {}).get("caller") is None else None, False)
    pic.unreached = [n for n in pic.nodes if not n.reached]

    # Edges: elbows for the tree's own links, curves on the right for the others.
    for link in links:
        caller, callee = link["caller"], link["callee"]
        if caller is None or caller not in placed or callee not in placed:
            continue
        a, b = placed[caller], placed[callee]
        title = f"{a.name} → {b.name} ({channels.get(link['channel'], link['channel'])})"
        if (caller, callee) in tree_links and b.y > a.y:
            x = a.x + 20
            pic.edges.append(Edge(
                d=f"M{x} {a.y + NODE_H} V{b.mid_y} H{b.x}", kind="cycle" if caller in in_cycle and callee in in_cycle
                and _same_cycle(cycle_sets, caller, callee) else "tree",
                order=link["order"], badge_x=x, badge_y=b.mid_y, title=title,
            ))
        else:
            bend = 40 + 12 * abs(b.y - a.y) // ROW_H
            bend = min(bend, 160)
            kind = "cycle" if _same_cycle(cycle_sets, caller, callee) else "extra"
            pic.edges.append(Edge(
                d=f"M{a.right} {a.mid_y} C{a.right + bend} {a.mid_y} {b.right + bend} {b.mid_y} {b.right + 6} {b.mid_y}",
                kind=kind, order=link["order"], badge_x=max(a.right, b.right) + min(bend, 60),
                badge_y=(a.mid_y + b.mid_y) // 2, title=title,
            ))
    names = {k: m["name"] or m.get("position") or k for k, m in members.items()}
    pic.cycles = [[names.get(k, k) for k in c] for c in _cycles({k: [x["callee"] for x in v] for k, v in children.items()})]
    deepest = max((n.depth for n in pic.nodes), default=0)
    has_curves = any(e.kind != "tree" for e in pic.edges)
    pic.width = MARGIN * 2 + deepest * INDENT + NODE_W + (190 if has_curves else 0)
    pic.height = MARGIN * 2 + row[0] * ROW_H + (GAP if pic.unreached else 0)
    return pic


def unreached_keys(team: list[dict], links: list[dict]) -> set:
    """The people the call tree does not reach from its first-alerted people (the picture's
    unreached nodes, without laying the picture out)."""
    members = {m["key"] for m in team}
    children: dict = defaultdict(list)
    todo = []
    for link in links:
        if link["callee"] not in members:
            continue
        if link["caller"] is None:
            todo.append(link["callee"])
        elif link["caller"] in members:
            children[link["caller"]].append(link["callee"])
    reached = set()
    while todo:
        key = todo.pop()
        if key not in reached:
            reached.add(key)
            todo.extend(children.get(key, ()))
    return members - reached


def _same_cycle(cycle_sets, a, b) -> bool:
    return any(a in c and b in c for c in cycle_sets)


# --------------------------------------------------------------------------- strategy map

MAP_NODE_H, MAP_GAP = 40, 10
MAP_X, MAP_W = (10, 330, 650), (240, 250, 440)  # per column: scenarios, categories, strategies
MAP_COL_W = 250


@dataclass
class MapBox:
    id: str
    label: str
    full: str
    x: int
    y: int
    kind: str
    digital: bool = False
    w: int = MAP_COL_W

    @property
    def mid_y(self) -> int:
        return self.y + MAP_NODE_H // 2

    @property
    def right(self) -> int:
        return self.x + self.w


def strategy_map_picture(rows: list[dict], label_of) -> dict:
    """rows: checklist.strategy_map(); label_of(row) gives a scenario's name in the page language."""
    categories = [c.value for c in Category]
    cat_labels = dict(Category.choices)
    used_cats = [c for c in categories if any(c == x["category"] for r in rows for x in r["categories"])]
    strategies: dict[str, list] = {}
    for r in rows:
        for c in r["categories"]:
            strategies.setdefault(c["category"], c["strategies"])

    def column(items, n, kind):
        out = []
        for i, (ident, text, extra) in enumerate(items):
            out.append(MapBox(ident, _clip(text, MAP_W[n] // 8), text, MAP_X[n], 10 + i * (MAP_NODE_H + MAP_GAP), kind,
                              w=MAP_W[n], **extra))
        return out

    scen = column([(f"s-{r['scenario']}", label_of(r), {}) for r in rows], 0, "scenario")
    cats = column([(f"c-{c}", str(cat_labels[c]), {}) for c in used_cats], 1, "category")
    strat_items = []
    for c in used_cats:
        for i, s in enumerate(strategies.get(c, [])):
            strat_items.append((f"t-{c}-{i}", s["strategy"] or "", {"digital": bool(s.get("digital"))}))
    strats = column(strat_items, 2, "strategy")
    # Centre the shorter columns against the tallest.
    tallest = max(len(scen), len(cats), len(strats), 1)
    for col in (scen, cats, strats):
        shift = (tallest - len(col)) * (MAP_NODE_H + MAP_GAP) // 2
        for box in col:
            box.y += shift
    by_id = {b.id: b for b in [*scen, *cats, *strats]}
    lines = []
    for r in rows:
        a = by_id[f"s-{r['scenario']}"]
        for c in r["categories"]:
            b = by_id[f"c-{c['category']}"]
            lines.append(_curve(a, b, "impact"))
    for c in used_cats:
        b = by_id[f"c-{c}"]
        for i, _s in enumerate(strategies.get(c, [])):
            lines.append(_curve(b, by_id[f"t-{c}-{i}"], "strategy"))
    uncovered = [by_id[f"c-{c}"] for c in used_cats if not strategies.get(c)]
    return {
        "scenarios": scen, "categories": cats, "strategies": strats, "lines": lines, "uncovered": uncovered,
        "width": MAP_X[2] + MAP_W[2] + 10, "height": 20 + tallest * (MAP_NODE_H + MAP_GAP), "box_h": MAP_NODE_H,
    }


def _curve(a: MapBox, b: MapBox, kind: str) -> dict:
    mid = (a.right + b.x) // 2
    return {"d": f"M{a.right} {a.mid_y} C{mid} {a.mid_y} {mid} {b.mid_y} {b.x} {b.mid_y}", "kind": kind}
