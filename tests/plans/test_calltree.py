"""The call tree (phrom.plans.calltree): which links count, who is reached, in which order people
are alerted, and the circles — the one answer the checker, the pictures, the documents and the
import share."""

from graphlib import CycleError, TopologicalSorter

from hypothesis import given, settings
from hypothesis import strategies as st

from phrom.plans.calltree import CallTree, unreached_keys


def team_of(keys) -> list[dict]:
    return [{"key": k, "name": f"คนที่ {k}"} for k in keys]


def link(caller, callee, order=1, channel="phone") -> dict:
    return {"caller": caller, "callee": callee, "order": order, "channel": channel}


def test_links_count_only_between_members_of_the_team():
    links = [link(None, "a"), link("a", "b"), link(None, "ghost"), link("ghost", "c"), link("a", "nobody"),
             {"caller": "zz", "callee": None}]
    tree = CallTree(team_of("abc"), links)
    assert tree.links == links[:2]
    assert [r["callee"] for r in tree.roots] == ["a"]
    # Alerted by someone who is not on the team: nobody alerts c.
    assert tree.reached() == {"a", "b"} and tree.unreached() == ["c"]
    assert unreached_keys(team_of("abc"), links) == {"c"}


def test_a_tree_without_a_first_alerted_person_reaches_nobody():
    tree = CallTree(team_of("ab"), [link("a", "b"), link("b", "a")])
    assert tree.roots == [] and tree.unreached() == ["a", "b"]


def test_calls_go_out_in_their_order_ties_in_the_order_of_the_team():
    team = team_of("hbcad")
    links = [link(None, "h"), link("h", "a", 2), link("h", "d", 1), link("h", "c", 2), link("c", "b", 1)]
    walk = list(CallTree(team, links).walk())
    assert [(key, depth) for key, depth, _link in walk] == [("h", 0), ("d", 1), ("c", 1), ("b", 2), ("a", 1)]
    assert walk[0][2] is links[0] and walk[2][2] is links[3]


def test_someone_alerted_twice_or_round_a_circle_is_walked_once_under_the_first_caller():
    links = [link(None, "a"), link("a", "b", 1), link("a", "c", 2), link("b", "c"), link("c", "a")]
    walk = [(key, depth, lk["caller"]) for key, depth, lk in CallTree(team_of("abc"), links).walk()]
    assert walk == [("a", 0, None), ("b", 1, "a"), ("c", 2, "b")]


def test_walks_from_chosen_people_share_who_came_already():
    tree = CallTree(team_of("abcd"), [link("a", "b"), link("b", "c"), link("d", "c")])
    placed: set = set()
    assert [k for k, _d, _l in tree.walk([("a", None)], placed)] == ["a", "b", "c"]
    assert [k for k, _d, _l in tree.walk([("d", None)], placed)] == ["d"]
    assert tree.first_caller("c") == "b" and tree.first_caller("a") is None


def test_circles_are_listed_once_from_their_smallest_key():
    links = [link(None, "a"), link("a", "b"), link("b", "c"), link("c", "a"), link("c", "d"), link("d", "e"),
             link("e", "d")]
    assert CallTree(team_of("abcde"), links).cycles() == [["a", "b", "c"], ["d", "e"]]
    assert CallTree(team_of("abc"), links[:3]).cycles() == []


def test_the_link_that_closes_the_first_circle():
    team = team_of("abc")
    assert CallTree(team, [{"caller": None, "callee": "a"}, {"caller": "a", "callee": "b"}]).closing_link() is None
    links = [{"caller": None, "callee": "a"}, {"caller": "a", "callee": "b"}, {"caller": "b", "callee": "c"},
             {"caller": "c", "callee": "a"}]
    assert CallTree(team, links).closing_link() == (3, ["a", "b", "c", "a"])
    # The way round from a stops at c, who alerts only b again: the circle closed is b → c → b.
    links = [link(None, "a"), link("a", "b"), link("b", "c"), link("c", "b"), link("b", "a")]
    assert CallTree(team, links).cycles() == [["a", "b", "c"]]
    assert CallTree(team, links).closing_link() == (3, ["b", "c", "b"])


def test_malformed_orders_do_not_break_the_ordering():
    links = [link(None, "a"), link("a", "b", "x"), link("a", "c", None), link("a", "d", 0.5)]
    assert [k for k, _d, _l in CallTree(team_of("abcd"), links).walk()] == ["a", "b", "c", "d"]


# ------------------------------------------------------------------ properties over any graph


@st.composite
def graphs(draw):
    """A team and any links between its members (and a few to strangers), in any order."""
    n = draw(st.integers(1, 12))
    keys = [f"m{i}" for i in range(n)]
    people = st.sampled_from([*keys, "stranger"])
    pairs = draw(st.lists(st.tuples(st.one_of(st.none(), people), people), max_size=30, unique=True))
    links = [link(a, b, draw(st.integers(1, 3))) for a, b in pairs if a != b]
    return team_of(keys), links


def _member_edges(team, links):
    keys = {m["key"] for m in team}
    return [(lk["caller"], lk["callee"]) for lk in links
            if lk["callee"] in keys and (lk["caller"] is None or lk["caller"] in keys)]


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_reached_is_what_a_breadth_first_search_from_the_roots_finds(graph):
    team, links = graph
    edges = _member_edges(team, links)
    reached, frontier = set(), [b for a, b in edges if a is None]
    while frontier:
        reached |= set(frontier)
        frontier = list({b for a, b in edges if a in frontier} - reached)
    tree = CallTree(team, links)
    assert tree.reached() == reached
    assert tree.unreached() == [m["key"] for m in team if m["key"] not in reached]
    walked = [key for key, _depth, _link in tree.walk()]
    assert len(walked) == len(set(walked))


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_circles_are_found_exactly_when_the_links_go_round(graph):
    team, links = graph
    edges = [(a, b) for a, b in _member_edges(team, links) if a is not None]
    sorter = TopologicalSorter()
    for a, b in edges:
        sorter.add(b, a)
    try:
        sorter.prepare()
        has_cycle = False
    except CycleError:
        has_cycle = True
    tree = CallTree(team, links)
    cycles = tree.cycles()
    assert bool(cycles) == has_cycle
    seen = [k for c in cycles for k in c]
    assert len(seen) == len(set(seen))  # a member is in one circle at most
    closing = tree.closing_link()
    assert (closing is not None) == has_cycle
    if closing:
        index, keys = closing
        assert keys[0] == keys[-1] and (links[index]["caller"], links[index]["callee"]) == (keys[-2], keys[-1])
        assert all((a, b) in edges for a, b in zip(keys, keys[1:], strict=False))
