"""The procedures, grouped by time window: the editor, and the HTML of a step's row."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ..codes import Window
from ..formatting import THAI_DIGITS
from .base import LAZY_SELECT_OVER, ListEditor, empty_row, local_error
from .html import BigOptions, Rows, cell_label, esc, keep_attr, oob_attr, remove_button, row_errors

STEP_FIELDS = ("window", "order", "activity", "owner", "process")


class ProceduresEditor(ListEditor):
    component = list_name = "procedures"
    template = "plans/edit/procedures.html"
    fields = STEP_FIELDS
    group_field = "window"

    def doc_row(self, item):
        row = super().doc_row(item)
        row["order"] = str(item["order"])
        return row

    def prepare(self, state, ctx):
        return {"counts": {}}

    def row_data(self, i, r, extra):
        counts, errors = extra["counts"], []
        counts[r["window"]] = order = counts.get(r["window"], 0) + 1
        if r["order"]:
            try:
                order = int(r["order"].translate(THAI_DIGITS))
                if order < 1:
                    raise ValueError
            except ValueError:
                errors.append(local_error(f"procedures[{i}].order", gettext_noop("Enter a whole number from 1.")))
                order = 1
        return {"window": r["window"], "order": order, "activity": r["activity"], "owner": r["owner"] or None,
                "process": r["process"] or None}, errors

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        groups = [{"window": w, "label": label, "id": f"f-procedures-{w}",
                   "rows": [r for r in rows if r.values["window"] == w]} for w, label in Window.choices]
        return {**self.shared(ctx), "groups": groups, "template_row": empty_row("procedures", self.fields)}

    def shared(self, ctx):
        members, processes = ctx.members, ctx.processes
        return {
            "members": members, "processes": processes,
            "lazy_members": len(members) > LAZY_SELECT_OVER, "lazy_processes": len(processes) > LAZY_SELECT_OVER,
        }


class StepRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        t = context["t"]
        self.members = BigOptions(context["members"], context["lazy_members"], t["nobody"])
        self.processes = BigOptions(context["processes"], context["lazy_processes"], t["any"])
        self.member_options = ' data-options="options-members"' if context["lazy_members"] else ""
        self.process_options = ' data-options="options-processes"' if context["lazy_processes"] else ""

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        order, activity, owner, process = f["order"], f["activity"], f["owner"], f["process"]
        return (
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row{keep_attr(row)} id="{esc(row.prefix)}"{oob_attr(oob)}>'
            f'<td class="order{order.has_error}">{row_errors(row)}'
            f'<input type="hidden" name="rows-procedures" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["window"].name)}" value="{esc(f["window"].value)}" data-preset="window">'
            f'{cell_label(order, t["order"])}<input type="number"{order.attrs} value="{esc(order.value)}" min="1" step="1" '
            f'inputmode="numeric">{order.error_html}</td>\n'
            f'<td class="activity{activity.has_error}">{cell_label(activity, t["activity"])}'
            f'<textarea{activity.attrs} rows="2" class="short">{esc(activity.value)}</textarea>{activity.error_html}</td>\n'
            f'<td class="owner{owner.has_error}">{cell_label(owner, t["responsible"])}'
            f'<select{owner.attrs}{self.member_options}>{self.members(owner.value)}</select>{owner.error_html}</td>\n'
            f'<td class="process{process.has_error}">{cell_label(process, t["for_process"])}'
            f'<select{process.attrs}{self.process_options}>{self.processes(process.value)}</select>{process.error_html}</td>\n'
            f'<td>{remove_button(t, t["this_step"])}</td></tr>'
        )
