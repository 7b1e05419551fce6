"""The editor of the impacts: a grid of the covered scenarios × the six resource categories."""

from __future__ import annotations

from ..formatting import CATEGORY_LABELS
from .base import Editor, Field, Locator


class ImpactsEditor(Editor):
    component = "impacts"
    template = "plans/edit/impacts.html"

    def state_from_doc(self, data, ctx):
        return {(r["scenario"], r["category"]): {"impacted": r["impacted"], "note": r["note"]} for r in data}

    def state_from_post(self, post, ctx):
        # A stored "not impacted" row (the cell was considered) stays while the cell stays unticked.
        considered = {(r["scenario"], r["category"]) for r in ctx.doc.get("impacts", []) if not r["impacted"]}
        state = {}
        for code, _name in ctx.scenario_rows():
            for cat in CATEGORY_LABELS:
                impacted = bool(post.get(f"impact-{code}-{cat}"))
                note = post.get(f"impact-{code}-{cat}-note", "").strip()
                if impacted or note or (code, cat) in considered:
                    state[(code, cat)] = {"impacted": impacted, "note": note}
        return state

    def _cells(self, state, ctx):
        order = {(r["scenario"], r["category"]): i for i, r in enumerate(ctx.doc.get("impacts", []))}
        codes = [c for c, _n in ctx.scenario_rows()]
        cells = [(cell, v) for cell, v in state.items() if cell[0] in codes]
        grid_order = {(c, cat): (ci, ki) for ci, c in enumerate(codes) for ki, cat in enumerate(CATEGORY_LABELS)}
        cells.sort(key=lambda cv: (order.get(cv[0], 100_000), grid_order.get(cv[0], (0, 0))))
        return cells

    def to_data(self, state, ctx):
        return [{"scenario": s, "category": c, "impacted": v["impacted"], "note": v["note"]}
                for (s, c), v in self._cells(state, ctx)], []

    def locator(self, state, ctx):
        prefixes = [f"f-impacts-{s}-{c}" for (s, c), _v in self._cells(state, ctx)]
        return Locator({"impacts": prefixes}, aliases={("impacts", "impacted"): "", ("impacts", "category"): "",
                                                       ("impacts", "scenario"): ""})

    def context(self, state, errors, ctx):
        by = errors.by_id
        rows = []
        for code, name in ctx.scenario_rows():
            cells = []
            for cat, label in CATEGORY_LABELS.items():
                fid = f"f-impacts-{code}-{cat}"
                value = state.get((code, cat), {})
                cells.append({
                    "category": cat, "label": label,
                    "box": Field(fid, f"impact-{code}-{cat}", value.get("impacted", False), by.get(fid)),
                    "note": Field(f"{fid}-note", f"impact-{code}-{cat}-note", value.get("note", ""), by.get(f"{fid}-note")),
                })
            rows.append({"code": code, "name": name, "id": f"f-impacts-{code}", "cells": cells,
                         "count": sum(1 for c in cells if c["box"].value)})
        return {"grid": rows, "categories": list(CATEGORY_LABELS.items())}
