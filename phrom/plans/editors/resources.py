"""The resource requirements, grouped by process: the editor, and the HTML of a resource's row."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..codes import PERIODS, Category, Period
from ..formatting import PERIOD_LABELS, number_text, parse_number
from .base import ListEditor, empty_row, local_error
from .html import Rows, SmallOptions, cell_label, esc, keep_attr, oob_attr, remove_button, row_errors

RESOURCE_FIELDS = ("process", "category", "item", "unit", *[f"quantities-{p}" for p in PERIODS])


class ResourcesEditor(ListEditor):
    component = list_name = "resources"
    template = "plans/edit/resources.html"
    fields = RESOURCE_FIELDS
    group_field = "process"

    def doc_row(self, item):
        row = {"process": item.get("process") or "", "category": item["category"], "item": item["item"],
               "unit": item.get("unit", "")}
        for p in PERIODS:
            row[f"quantities-{p}"] = number_text((item.get("quantities") or {}).get(p))
        return row

    def row_data(self, i, r, extra):
        quantities, errors = {}, []
        for p in PERIODS:
            text = r[f"quantities-{p}"]
            if not text:
                continue
            try:
                quantities[p] = parse_number(text)
            except ValueError:
                errors.append(local_error(f"resources[{i}].quantities.{p}", gettext_noop("Enter a number.")))
        return {"process": r["process"] or None, "category": r["category"], "item": r["item"], "unit": r["unit"],
                "quantities": quantities}, errors

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        by_process: dict = {}
        for r in rows:
            by_process.setdefault(r.values["process"] or "", []).append(r)
        groups = [{"key": key, "name": name, "id": f"f-resources-{key}" if key else "f-resources-general",
                   "rows": by_process.pop(key, [])} for key, name in [*ctx.processes, ("", None)]]
        orphans = [r for group in by_process.values() for r in group]  # rows of processes no longer listed
        return {
            **self.shared(ctx), "groups": groups, "orphans": orphans, "template_row": empty_row("resources", self.fields),
            "periods": Period.choices,
        }

    def shared(self, ctx):
        return {
            "categories": Category.choices,
            "quantity_labels": [(p, _("Quantity needed by %(label)s") % {"label": PERIOD_LABELS[p]}) for p in PERIODS],
        }


class ResourceRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.categories = SmallOptions(context["categories"])
        self.qty = [(f"quantities-{p}", esc(label)) for p, label in context["quantity_labels"]]

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        category, item, unit = f["category"], f["item"], f["unit"]
        quantities = "".join(
            f'<td class="qty{q.has_error}">{cell_label(q, label)}<input type="number"{q.attrs} value="{esc(q.value)}" '
            f'min="0" step="any" inputmode="decimal">{q.error_html}</td>'
            for q, label in ((f[name], label) for name, label in self.qty)
        )
        return (
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row{keep_attr(row)} id="{esc(row.prefix)}"{oob_attr(oob)}>'
            f'<td class="cat">{row_errors(row)}<input type="hidden" name="rows-resources" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["process"].name)}" value="{esc(f["process"].value)}" data-preset="process">'
            f'{cell_label(category, t["category"])}<select{category.attrs}>{self.categories(category.value)}</select>'
            f'{category.error_html}</td>\n'
            f'<td class="item{item.has_error}">{cell_label(item, t["item"])}<input type="text"{item.attrs} '
            f'value="{esc(item.value)}" maxlength="500">{item.error_html}</td>\n'
            f'<td class="unit">{cell_label(unit, t["unit"])}<input type="text"{unit.attrs} value="{esc(unit.value)}" '
            f'maxlength="64">{unit.error_html}</td>\n{quantities}\n'
            f'<td>{remove_button(t, esc(item.value) or t["this_row"])}</td></tr>'
        )
