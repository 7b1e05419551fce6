"""Pictures of a plan, laid out on the server and drawn as inline SVG by the templates.

- The call tree: an indented tree (one person per row, each under the person who alerts them),
  which stays readable for hundreds of people where a top-down chart would be metres wide.
  People nobody alerts are drawn apart and highlighted; links that close a circle are drawn red.
- The BCP strategy map: scenarios → the resource categories they hit → the strategies for each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .calltree import CallTree
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
    tree = CallTree(team, links)
    members = tree.members
    channels = dict(Channel.choices)
    cycles = tree.cycles()
    cycle_sets = [set(c) for c in cycles]
    in_cycle = set().union(*cycle_sets)

    pic = CallTreePicture()
    placed: dict[str, Node] = {}
    walked: set = set()  # shared by the walks, so that each member is drawn once
    tree_links: set = set()

    def draw(walk, reached):
        for key, depth, link in walk:
            if link is not None and link["caller"] is not None:
                tree_links.add((link["caller"], key))
            member = members[key]
            node = Node(
                key=key, name=member["name"] or member.get("position") or key,
                position=member.get("position", "") if member["name"] else "",
                x=MARGIN + depth * INDENT, y=MARGIN + len(pic.nodes) * ROW_H + (GAP if not reached else 0),
                depth=depth, reached=reached, in_cycle=key in in_cycle,
                channel=str(channels.get(link["channel"], link["channel"])) if link else "",
                order=link["order"] if link else None, is_root=bool(link) and link["caller"] is None,
            )
            placed[key] = node
            pic.nodes.append(node)

    draw(tree.walk(placed=walked), True)
    reached_rows = len(pic.nodes)
    # The others: start from someone whose callers are all unplaced, following first callers upwards.
    for key in tree.team_keys:
        if key in placed:
            continue
        seen, top = {key}, key
        while (up := tree.first_caller(top)) is not None and up not in placed and up not in seen:
            seen.add(up)
            top = up
        if pic.unreached_y is None:
            pic.unreached_y = MARGIN + reached_rows * ROW_H + GAP // 2 - 4
        draw(tree.walk([(top, None)], placed=walked), False)
    pic.unreached = [n for n in pic.nodes if not n.reached]

    # Edges: elbows for the tree's own links, curves on the right for the others.
    for link in tree.links:
        caller, callee = link["caller"], link["callee"]
        if caller is None:
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
    pic.cycles = [[names.get(k, k) for k in c] for c in cycles]
    deepest = max((n.depth for n in pic.nodes), default=0)
    has_curves = any(e.kind != "tree" for e in pic.edges)
    pic.width = MARGIN * 2 + deepest * INDENT + NODE_W + (190 if has_curves else 0)
    pic.height = MARGIN * 2 + len(pic.nodes) * ROW_H + (GAP if pic.unreached else 0)
    return pic


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
