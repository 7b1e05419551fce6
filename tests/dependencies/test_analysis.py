"""Achievable recovery times over small graphs with known answers (no database)."""

from phrom.dependencies.analysis import Graph, chain, gaps, solve

UTILITIES = {"electricity": ("ไฟฟ้า", 24.0), "internet": ("อินเทอร์เน็ต", 4.0)}


def proc(key, rto, *deps, mtpd=None, name=None):
    return {"key": key, "name": name or key, "rto_hours": rto, "mtpd_hours": mtpd, "dependencies": list(deps)}


def on(org, key, covered=None):
    return {"kind": "process", "organisation": org, "process": key, "covered_hours": covered}


def utility(code, covered=None):
    return {"kind": "utility", "utility": code, "covered_hours": covered}


def graph(**plans):
    g = Graph(utilities=dict(UTILITIES))
    for code, processes in plans.items():
        g.add_plan(code, f"agency {code}", processes)
    return g


def hours(g):
    results, cycles = solve(g)
    return {node: r.hours for node, r in results.items()}, cycles, results


def test_a_4h_process_on_a_24h_process_on_electricity():
    g = graph(A=[proc("a", 4, on("B", "b"), mtpd=8)], B=[proc("b", 24, utility("electricity"))])
    times, cycles, results = hours(g)
    assert times == {("A", "a"): 24, ("B", "b"): 24}
    assert cycles == []
    [gap] = gaps(g, results, [("A", "a")])
    assert gap.achievable_hours == 24 and gap.severe  # beyond the MTPD of 8 h
    assert [s.get("process") or s.get("utility") for s in chain(g, results, ("A", "a"))] == ["b"]
    assert gaps(g, results, [("B", "b")]) == []  # 24 h on electricity's 24 h: met exactly


def test_the_chain_goes_down_to_the_utility_that_sets_it():
    g = graph(A=[proc("a", 4, on("B", "b"))], B=[proc("b", 2, utility("electricity"))])
    times, _cycles, results = hours(g)
    assert times[("A", "a")] == 24
    steps = chain(g, results, ("A", "a"))
    assert [(s["kind"], s["hours"]) for s in steps] == [("process", 24), ("utility", 24.0)]


def test_a_covered_dependency_counts_only_beyond_its_covered_hours():
    covered = graph(A=[proc("a", 4, utility("electricity", covered=8))])
    assert hours(covered)[0][("A", "a")] == 16  # 24 h less a generator's 8 h
    fully = graph(A=[proc("a", 4, utility("electricity", covered=24))])
    assert hours(fully)[0][("A", "a")] == 4  # covered throughout: the process's own RTO
    uncovered = graph(A=[proc("a", 4, utility("electricity"))])
    assert hours(uncovered)[0][("A", "a")] == 24


def test_equal_times_are_no_gap():
    g = graph(A=[proc("a", 4, utility("internet"), mtpd=4)])
    times, _c, results = hours(g)
    assert times[("A", "a")] == 4
    assert gaps(g, results, [("A", "a")]) == []
    assert results[("A", "a")].via is None


def test_a_cycle_is_reported_and_not_walked_round():
    g = graph(A=[proc("a", 4, on("B", "b"))], B=[proc("b", 8, on("C", "c"))], C=[proc("c", 48, on("A", "a"))])
    times, cycles, results = hours(g)
    assert len(cycles) == 1 and set(cycles[0]) == {("A", "a"), ("B", "b"), ("C", "c")}
    # c's dependency on a closes the circle: it counts a's own RTO (4 h), so c stays at 48 h.
    assert times == {("C", "c"): 48, ("B", "b"): 48, ("A", "a"): 48}
    assert all(r.in_cycle for r in results.values())


def test_a_process_nobody_can_read_is_unresolved_and_counts_nothing():
    g = graph(A=[proc("a", 4, on("NOPLAN", "x"), utility("internet"))])
    times, _c, results = hours(g)
    assert times[("A", "a")] == 4
    assert results[("A", "a")].unresolved == [on("NOPLAN", "x")]


def test_suppliers_count_their_promised_time():
    g = graph(A=[proc("a", 4, {"kind": "supplier", "name": "ผู้ให้บริการคลาวด์", "recovery_hours": 12,
                               "covered_hours": None})])
    times, _c, results = hours(g)
    assert times[("A", "a")] == 12
    assert chain(g, results, ("A", "a"))[0]["name"] == "ผู้ให้บริการคลาวด์"


def test_shared_upstream_is_walked_once_for_many_dependants():
    g = graph(B=[proc("b", 24)], **{f"D{i}": [proc("d", 4, on("B", "b"))] for i in range(50)})
    times, _c, results = hours(g)
    assert all(times[(f"D{i}", "d")] == 24 for i in range(50))
    assert len(gaps(g, results, list(g.processes))) == 50
