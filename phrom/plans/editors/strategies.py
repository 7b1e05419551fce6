"""The continuity strategies, grouped by resource category: the editor, and the HTML of a strategy's row."""

from __future__ import annotations

from ..formatting import CATEGORY_LABELS
from .base import ListEditor, empty_row
from .html import Rows, check_field, esc, keep_attr, oob_attr, remove_button, row_errors


class StrategiesEditor(ListEditor):
    component = list_name = "strategies"
    template = "plans/edit/strategies.html"
    fields = ("category", "strategy", "digital")
    group_field = "category"

    def row_data(self, i, r, extra):
        return {"category": r["category"], "strategy": r["strategy"], "digital": bool(r["digital"])}, []

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        impacted = {r["category"] for r in ctx.doc.get("impacts", []) if r.get("impacted", True)}
        groups = []
        for cat, label in CATEGORY_LABELS.items():
            groups.append({
                "category": cat, "label": label, "id": f"f-strategies-{cat}", "impacted": cat in impacted,
                "rows": [r for r in rows if r.values["category"] == cat],
            })
        other = [r for r in rows if r.values["category"] not in CATEGORY_LABELS]
        return {"groups": groups, "other": other, "template_row": empty_row("strategies", self.fields)}


class StrategyRows(Rows):
    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        strategy = f["strategy"]
        return (
            f'<div class="row-card compact{" has-error" if row.has_errors else ""}" data-row{keep_attr(row)} id="{esc(row.prefix)}"{oob_attr(oob)}>'
            f'<input type="hidden" name="rows-strategies" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["category"].name)}" value="{esc(f["category"].value)}" data-preset="category">'
            f'{row_errors(row)}\n'
            f'<div class="field{strategy.has_error}"><label for="{esc(strategy.id)}">{t["strategy"]}</label>'
            f'<textarea{strategy.attrs} rows="2" class="short">{esc(strategy.value)}</textarea>{strategy.error_html}</div>\n'
            f'<div class="row-foot">{check_field(f["digital"], t["digital"])}\n'
            f'{remove_button(t, t["this_strategy"])}</div></div>'
        )
