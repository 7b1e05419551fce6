"""What changed between two versions of a plan, component by component."""

from __future__ import annotations

import difflib

from ..codes import ALL_COMPONENTS, HEADER
from ..models import Plan
from .read import document_at
from .shape import empty_component, split

# Lists with a natural identity are compared by it; the others by sequence alignment.
IDENTITIES = {
    "impacts": lambda r: f"{r['scenario']}/{r['category']}",
    "team": lambda r: r["key"],
    "processes": lambda r: r["key"],
    "call_tree": lambda r: f"{r['caller'] or ''}>{r['callee']}",
    "scenarios": lambda r: r["code"],
}


def _freeze(row):
    return repr(sorted(row.items())) if isinstance(row, dict) else repr(row)


def _diff_list(before: list, after: list, identity=None) -> dict:
    added, removed, changed = [], [], []
    if identity is not None:
        old = {identity(r): r for r in before}
        new = {identity(r): r for r in after}
        for k, r in new.items():
            if k not in old:
                added.append({"key": k, "row": r})
            elif old[k] != r:
                fields = sorted(f for f in set(r) | set(old[k]) if r.get(f) != old[k].get(f))
                changed.append({"key": k, "fields": fields, "before": old[k], "after": r})
        removed = [{"key": k, "row": r} for k, r in old.items() if k not in new]
    else:
        # Skip the common head and tail first: a typical save changes a few rows in the middle.
        head = 0
        while head < min(len(before), len(after)) and before[head] == after[head]:
            head += 1
        tail = 0
        while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
            tail += 1
        mid_b, mid_a = before[head:len(before) - tail], after[head:len(after) - tail]
        matcher = difflib.SequenceMatcher(None, [_freeze(r) for r in mid_b], [_freeze(r) for r in mid_a], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for n in range(paired):
                b, a = before[i1 + n], after[j1 + n]
                fields = sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))
                changed.append({"key": j1 + n, "fields": fields, "before": b, "after": a})
            removed += [{"key": i, "row": before[i]} for i in range(i1 + paired, i2)]
            added += [{"key": j, "row": after[j]} for j in range(j1 + paired, j2)]
    return {"added": added, "removed": removed, "changed": changed}


def diff_component(component: str, before, after) -> dict:
    """What changed in one component: {fields?, added, removed, changed}."""
    if component in (HEADER, "scope"):
        scalar = [k for k in (set(before) | set(after)) if k != "scenarios"]
        fields = {k: {"before": before.get(k), "after": after.get(k)} for k in sorted(scalar)
                  if before.get(k) != after.get(k)}
        out = {"fields": fields, "added": [], "removed": [], "changed": []}
        if component == "scope":
            out.update(_diff_list(before.get("scenarios", []), after.get("scenarios", []), IDENTITIES["scenarios"]))
        return out
    return _diff_list(before, after, IDENTITIES.get(component))


def _is_empty_diff(d: dict) -> bool:
    return not (d.get("fields") or d["added"] or d["removed"] or d["changed"])


def diff_documents(a: dict, b: dict) -> dict:
    """Component by component, what is added, removed or changed from document a to b."""
    pa, pb = split(a), split(b)
    out = {}
    for c in ALL_COMPONENTS:
        if pa[c] != pb[c]:
            d = diff_component(c, pa[c], pb[c])
            if not _is_empty_diff(d):
                out[c] = d
    return out


def diff_versions(plan: Plan, a: int, b: int) -> dict:
    return {"from": a, "to": b, "components": diff_documents(document_at(plan, a), document_at(plan, b))}


def change_counts(component: str, before, after) -> dict:
    d = diff_component(component, before, after)
    return {
        "added": len(d["added"]), "removed": len(d["removed"]),
        "changed": len(d["changed"]) + len(d.get("fields", {})),
    }


def counts_from_empty(component: str, data) -> dict:
    """change_counts(component, empty, data) without diffing against nothing (a third of a bulk
    write's time): every row is added, every field that is not empty is changed."""
    if component in (HEADER, "scope"):
        empty = empty_component(component)
        changed = sum(1 for k in set(empty) | set(data) if k != "scenarios" and data.get(k) != empty.get(k))
        added = len({s["code"] for s in data["scenarios"]}) if component == "scope" else 0
        return {"added": added, "removed": 0, "changed": changed}
    identity = IDENTITIES.get(component)
    return {"added": len({identity(r) for r in data}) if identity else len(data), "removed": 0, "changed": 0}
