"""Can a plan's recovery time objectives be met, given what its processes depend on?

The achievable recovery time of a process is the longest of its own RTO and the achievable times of
its dependencies, each less the hours the agency's own arrangement covers (a generator for 8 hours
against electricity back in 24 leaves 16 hours without it; a dependency covered for at least its
whole recovery counts nothing). Another agency's process is read from that agency's plan of the same
fiscal year as it was last sent; an agency's own plan may be read live (its author's view). A
dependency on a process nobody can read (no sent plan, no such process, a security-sensitive plan)
is unresolved: it counts nothing and is reported. A cycle is reported and the dependency closing it
counts the depended-on process's own RTO, never its achievable time (which would loop).

A process has a gap when its achievable time exceeds its RTO, a severe gap beyond its MTPD: equal
times are no gap.

Everything here is a plain function over a Graph (processes by (agency code, process key)); the
loaders build one from the database with a few queries per fiscal year, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from phrom.campaigns.facts import last_sent_versions
from phrom.orgs.models import Organisation
from phrom.plans.codes import Classification
from phrom.plans.content import components_at
from phrom.plans.models import Plan

from .models import Utility

Node = tuple[str, str]  # (organisation code, process key)
CHUNK = 2000  # ids per query (SQLite limits a statement's parameters)


@dataclass
class ProcessFacts:
    organisation: str  # code
    organisation_name: str
    key: str
    name: str
    rto_hours: float | None
    mtpd_hours: float | None
    dependencies: list
    organisation_id: int | None = None


@dataclass
class Graph:
    processes: dict[Node, ProcessFacts] = field(default_factory=dict)
    utilities: dict[str, tuple[str, float]] = field(default_factory=dict)  # code -> (Thai name, hours)

    def add_plan(self, code: str, name: str, processes: list, organisation_id: int | None = None):
        """Put one agency's processes (a plan document's `processes`) in the graph, replacing any before."""
        for p in processes:
            self.processes[(code, p["key"])] = ProcessFacts(
                code, name, p["key"], p.get("name") or p["key"], p.get("rto_hours"), p.get("mtpd_hours"),
                p.get("dependencies") or [], organisation_id,
            )


@dataclass
class Result:
    """The achievable recovery time of one process and what makes it so."""

    hours: float | None  # None: neither an RTO nor a dependency with a known time
    via: dict | None = None  # the dependency that sets it (when longer than the process's own RTO)
    unresolved: list = field(default_factory=list)  # dependencies on processes nobody can read
    in_cycle: bool = False


def dependency_node(dep: dict) -> Node | None:
    return (dep.get("organisation"), dep.get("process")) if dep.get("kind") == "process" else None


def solve(graph: Graph, nodes=None) -> tuple[dict[Node, Result], list[list[Node]]]:
    """The achievable time of every process of `nodes` (all by default) and of everything they
    depend on, and the cycles met on the way. An iterative depth-first walk: each process once."""
    processes, utilities = graph.processes, graph.utilities
    results: dict[Node, Result] = {}
    cycles: list[list[Node]] = []
    on_stack: dict[Node, int] = {}
    for start in processes if nodes is None else nodes:
        if start in results or start not in processes:
            continue
        stack, position = [start], {start: 0}
        on_stack[start] = 0
        best = {start: Result(processes[start].rto_hours)}
        while stack:
            node = stack[-1]
            deps, i, current = processes[node].dependencies, position[node], best[node]
            if i == len(deps):
                results[node] = current
                del on_stack[node]
                stack.pop()
                continue
            dep = deps[i]
            position[node] = i + 1
            target = dependency_node(dep)
            if target is not None:
                if target not in processes:
                    current.unresolved.append(dep)
                    continue
                if target in results:
                    hours = results[target].hours
                elif target in on_stack:
                    cycle = stack[on_stack[target]:]
                    cycles.append(cycle)
                    for n in cycle:
                        best[n].in_cycle = True
                    hours = processes[target].rto_hours
                else:  # walk it first, then come back to this dependency
                    position[node] = i
                    on_stack[target] = len(stack)
                    stack.append(target)
                    position[target] = 0
                    best[target] = Result(processes[target].rto_hours)
                    continue
            elif dep.get("kind") == "utility":
                known = utilities.get(dep.get("utility"))
                hours = known[1] if known else None
            else:
                hours = dep.get("recovery_hours")
            if hours is None:
                continue
            beyond = max(0.0, hours - (dep.get("covered_hours") or 0))
            if current.hours is None or beyond > current.hours:
                current.hours, current.via = beyond, dep
    return results, cycles


# --------------------------------------------------------------------------- what it means


@dataclass
class Gap:
    organisation: str
    organisation_name: str
    process: str
    name: str
    rto_hours: float | None
    mtpd_hours: float | None
    achievable_hours: float
    severe: bool
    chain: list
    organisation_id: int | None = None

    def as_dict(self) -> dict:
        """The form of `phrom rto_gaps --json` and the API (issue 14's fields, then the names)."""
        return {
            "organisation": self.organisation, "process": self.process, "rto_hours": self.rto_hours,
            "mtpd_hours": self.mtpd_hours, "achievable_hours": self.achievable_hours, "severe": self.severe,
            "chain": self.chain, "organisation_name": self.organisation_name, "process_name": self.name,
        }


def is_gap(facts: ProcessFacts, result: Result) -> bool:
    return facts.rto_hours is not None and result.hours is not None and result.hours > facts.rto_hours


def chain(graph: Graph, results: dict[Node, Result], node: Node, memo: dict | None = None) -> list[dict]:
    """The dependencies that set the process's achievable time, one after another, down to the one
    that sets them all (a utility, a supplier, or a process recovering by its own RTO). `memo` shares
    the chains of processes many others depend on (their steps are the same objects: read only)."""
    if memo is not None and node in memo:
        return memo[node]
    out, seen, walked = [], {node}, []
    dep = results[node].via if node in results else None
    while dep is not None:
        step = {"kind": dep["kind"], "covered_hours": dep.get("covered_hours")}
        target = dependency_node(dep)
        if target is None:
            if dep["kind"] == "utility":
                name, hours = graph.utilities[dep["utility"]]
                step.update(utility=dep["utility"], name=name, hours=hours)
            else:
                step.update(name=dep.get("name"), hours=dep.get("recovery_hours"))
            out.append(step)
            break
        facts = graph.processes[target]
        step.update(organisation=facts.organisation, organisation_name=facts.organisation_name,
                    process=facts.key, name=facts.name, rto_hours=facts.rto_hours,
                    hours=results[target].hours if target in results else facts.rto_hours)
        out.append(step)
        if target in seen:
            break
        if memo is not None and target in memo:
            out.extend(memo[target])
            break
        seen.add(target)
        walked.append((target, len(out)))
        dep = results[target].via if target in results else None
    if memo is not None:
        memo[node] = out
        for target, start in walked:
            memo.setdefault(target, out[start:])
    return out


def gaps(graph: Graph, results: dict[Node, Result], nodes) -> list[Gap]:
    out, memo = [], {}
    for node in nodes:
        facts, result = graph.processes.get(node), results.get(node)
        if facts is None or result is None or not is_gap(facts, result):
            continue
        out.append(Gap(
            facts.organisation, facts.organisation_name, facts.key, facts.name, facts.rto_hours, facts.mtpd_hours,
            result.hours, facts.mtpd_hours is not None and result.hours > facts.mtpd_hours,
            chain(graph, results, node, memo),
            facts.organisation_id,
        ))
    return out


# --------------------------------------------------------------------------- loading from the database


def utility_table() -> dict[str, tuple[str, float]]:
    return {code: (name, hours) for code, name, hours in Utility.objects.values_list("code", "name_th", "recovery_hours")}


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def sent_processes(fiscal_year: int, *, organisations: Q | None = None) -> dict[int, tuple]:
    """plan id -> (agency code, agency name, agency id, its processes as last sent) for the plans of the
    fiscal year that have left their agency, security-sensitive ones left out (their content never does)."""
    plans = Plan.objects.filter(fiscal_year=fiscal_year).exclude(classification=Classification.SENSITIVE)
    if organisations is not None:
        plans = plans.filter(organisations)
    rows = {pk: (code, name, org_id) for pk, code, name, org_id in plans.values_list(
        "pk", "organisation__code", "organisation__name_th", "organisation_id")}
    ids = list(rows)
    sent: dict[int, int] = {}
    for part in _chunks(ids):
        sent.update(last_sent_versions(plans=part))
    found = components_at(sent, ["processes"])
    return {plan_id: (*rows[plan_id], found[plan_id]["processes"] or []) for plan_id in sent
            if "processes" in found[plan_id]}


def fiscal_year_graph(fiscal_year: int) -> Graph:
    """Every agency's processes as last sent in the fiscal year (the national picture)."""
    graph = Graph(utilities=utility_table())
    for code, name, org_id, processes in sent_processes(fiscal_year).values():
        graph.add_plan(code, name, processes, org_id)
    return graph


def graph_around(fiscal_year: int, code: str, name: str, processes: list, organisation_id=None) -> Graph:
    """One agency's processes (as its own plan has them now) and, agency by agency, everything they
    depend on as last sent: a handful of queries per step of the longest chain."""
    graph = Graph(utilities=utility_table())
    graph.add_plan(code, name, processes, organisation_id)
    loaded, wanted = {code}, _agencies_named(processes) - {code}
    while wanted:
        loaded |= wanted
        found = sent_processes(fiscal_year, organisations=Q(organisation__code__in=wanted))
        wanted = set()
        for other, other_name, other_id, other_processes in found.values():
            graph.add_plan(other, other_name, other_processes, other_id)
            wanted |= _agencies_named(other_processes)
        wanted -= loaded
    return graph


def _agencies_named(processes: list) -> set[str]:
    return {d["organisation"] for p in processes for d in p.get("dependencies") or () if d.get("kind") == "process"}


def plan_results(plan: Plan, processes: list) -> tuple[Graph, dict[Node, Result], list]:
    """The analysis of one plan's processes (its live document, or a version of it) for its own agency."""
    org = plan.organisation
    graph = graph_around(plan.fiscal_year, org.code, org.name_th, processes, org.pk)
    nodes = [(org.code, p["key"]) for p in processes]
    results, cycles = solve(graph, nodes)
    return graph, results, cycles


def national_gaps(fiscal_year: int, *, organisations=None) -> list[Gap]:
    """Every gap of the fiscal year over the sent plans; `organisations`: a set of agency ids to keep
    (the viewer's scope), None for all. The figures the national dashboards join."""
    graph = fiscal_year_graph(fiscal_year)
    results, _cycles = solve(graph)
    nodes = [n for n, f in graph.processes.items() if organisations is None or f.organisation_id in organisations]
    return gaps(graph, results, nodes)


@dataclass
class Dependant:
    organisation: str
    organisation_name: str
    process: str
    name: str
    rto_hours: float | None
    covered_hours: float | None
    gap: bool
    organisation_id: int | None = None


def dependants(graph: Graph, results: dict[Node, Result], target: Node) -> list[Dependant]:
    """The processes (of any agency's sent plan) that depend on `target` directly."""
    out = []
    for node, facts in graph.processes.items():
        for dep in facts.dependencies:
            if dependency_node(dep) == target:
                out.append(Dependant(facts.organisation, facts.organisation_name, facts.key, facts.name,
                                     facts.rto_hours, dep.get("covered_hours"),
                                     node in results and is_gap(facts, results[node]), facts.organisation_id))
    return sorted(out, key=lambda d: (d.rto_hours is None, d.rto_hours or 0, d.organisation_name))


@dataclass
class Service:
    """A process other agencies depend on: how many, and the worst gap it leaves them with."""

    organisation: str
    organisation_name: str
    process: str
    name: str
    rto_hours: float | None
    achievable_hours: float | None
    dependants: int
    worst_gap_hours: float  # the largest (its achievable time − a dependant's RTO), 0 if none


def most_depended_on(graph: Graph, results: dict[Node, Result], *, counted: set[int] | None = None,
                     limit: int = 50) -> list[Service]:
    """The processes other agencies depend on most; counted: the agencies whose dependencies count (None: all)."""
    count: dict[Node, int] = defaultdict(int)
    worst: dict[Node, float] = defaultdict(float)
    for node, facts in graph.processes.items():
        if counted is not None and facts.organisation_id not in counted:
            continue
        for dep in facts.dependencies:
            target = dependency_node(dep)
            if target is None or target not in graph.processes or target[0] == node[0]:
                continue
            count[target] += 1
            hours = results[target].hours if target in results else None
            if hours is not None and facts.rto_hours is not None:
                beyond = hours - (dep.get("covered_hours") or 0) - facts.rto_hours
                worst[target] = max(worst[target], beyond)
    out = []
    for target, n in count.items():
        f = graph.processes[target]
        out.append(Service(f.organisation, f.organisation_name, f.key, f.name, f.rto_hours,
                           results[target].hours if target in results else None, n, worst[target]))
    return sorted(out, key=lambda s: (-s.dependants, -s.worst_gap_hours, s.organisation_name))[:limit]


def organisation_ids_in(*, province: str | None = None, codes=None) -> set[int]:
    qs = Organisation.objects.all()
    if province:
        qs = qs.filter(province_id=province)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    return set(qs.values_list("pk", flat=True))
