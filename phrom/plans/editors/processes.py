"""The business impact analysis: the editor of the critical processes (durations typed as a number
and a unit), and the HTML of a process's row."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from ..codes import PERIODS, UNIT_HOURS, ImpactLevel
from ..formatting import PERIOD_LABELS, UNIT_CHOICES, parse_duration, parse_number, split_duration
from .base import ListEditor, empty_row, local_error, next_keys
from .html import (
    FOLD_OVER,
    Rows,
    SmallOptions,
    check_field,
    esc,
    keep_attr,
    oob_attr,
    remove_button,
    row_errors,
    select_field,
    text_field,
)

DURATIONS = ("mtpd_hours", "rto_hours", "rpo_hours")
MAX500 = ' maxlength="500"'  # the inputs of a process's name and mission
PROCESS_FIELDS = (
    "key", "name", "mission", "impact_level",
    "mtpd_hours", "mtpd_hours_unit", "rto_hours", "rto_hours_unit", "rpo_hours", "rpo_hours_unit",
    "depends_on_it", "eservice", *[f"impact_over_time-{p}" for p in PERIODS],
)
DURATION_LABELS = {
    "mtpd_hours": gettext_lazy("Maximum tolerable period of disruption (MTPD)"),
    "rto_hours": gettext_lazy("Recovery time objective (RTO)"),
    "rpo_hours": gettext_lazy("Recovery point objective for data (RPO)"),
}


class ProcessesEditor(ListEditor):
    component = list_name = "processes"
    template = "plans/edit/processes.html"
    fields = PROCESS_FIELDS

    def doc_row(self, item):
        row = {
            "key": item["key"], "name": item["name"], "mission": item.get("mission", ""),
            "impact_level": item.get("impact_level") or "", "depends_on_it": item.get("depends_on_it", False),
            "eservice": item.get("eservice", False),
        }
        for d in DURATIONS:
            row[d], row[f"{d}_unit"] = split_duration(item.get(d))
        for p in PERIODS:
            row[f"impact_over_time-{p}"] = (item.get("impact_over_time") or {}).get(p, "")
        return row

    def prepare(self, state, ctx):
        taken = {p["key"] for p in ctx.doc.get("processes", [])} | {r["key"] for r in state if r["key"]}
        # The dependencies are edited on their own page (editors/dependencies.py): this page keeps them.
        kept = {p["key"]: p["dependencies"] for p in ctx.doc.get("processes", []) if p.get("dependencies")}
        return {"take": next_keys("p", taken), "dependencies": kept}

    def row_data(self, i, r, extra):
        errors = []
        item = {
            "key": r["key"] or extra["take"](), "name": r["name"], "mission": r["mission"],
            "impact_level": r["impact_level"] or None,
            "depends_on_it": bool(r["depends_on_it"]), "eservice": bool(r["eservice"]),
            "impact_over_time": {p: r[f"impact_over_time-{p}"] for p in PERIODS if r[f"impact_over_time-{p}"]},
        }
        if item["key"] in extra["dependencies"]:
            item["dependencies"] = extra["dependencies"][item["key"]]
        for d in DURATIONS:
            item[d] = None
            if not r[d]:
                continue
            unit = r[f"{d}_unit"] or "hour"
            try:
                number = parse_number(r[d])
            except ValueError:
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Enter a number, e.g. 4 or 1.5.")))
                continue
            if unit not in UNIT_HOURS:
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Choose a unit.")))
            elif number < 0 or (number == 0 and d != "rpo_hours"):
                errors.append(local_error(f"processes[{i}].{d}", gettext_noop("Enter a number greater than zero.")))
            else:
                item[d] = parse_duration(number, unit) if number else 0
        return item, errors

    def shared(self, ctx, count: int | None = None):
        return {
            "levels": ImpactLevel.choices, "units": UNIT_CHOICES, "durations": DURATION_LABELS,
            "duration_unit_labels": {d: _("Unit of %(label)s") % {"label": DURATION_LABELS[d]} for d in DURATIONS},
            # Many processes are shown folded, each with its name and RTO.
            "fold": (len(ctx.doc.get("processes") or []) if count is None else count) > FOLD_OVER,
        }

    def context(self, state, errors, ctx):
        rows = self.rows(state, errors)
        return {
            **self.shared(ctx, len(rows)), "rows": rows,
            "template_row": empty_row("processes", self.fields, {f"{d}_unit": "hour" for d in DURATIONS}),
        }


class ProcessRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.levels = SmallOptions(context["levels"], blank=context["t"]["choose"])
        self.units = SmallOptions(context["units"])
        self.unit_labels = {code: esc(label) for code, label in context["units"]}
        self.durations = [(d, esc(context["durations"][d]), esc(context["duration_unit_labels"][d])) for d in DURATIONS]
        self.periods = [(f"impact_over_time-{p}", esc(PERIOD_LABELS[p])) for p in PERIODS]

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        name = esc(f["name"].value)
        if new:
            heading = f'<span class="row-name">{t["new_process"]}</span>'
        else:
            rto = f["rto_hours"].value
            facts = (f'RTO {esc(rto)} {self.unit_labels.get(f["rto_hours_unit"].value, "")}' if rto
                     else f'<span class="badge warn">{t["no_rto"]}</span>')
            heading = (f'<span class="row-name">{row.number}. {name or t["new_process"]}</span> '
                       f'<span class="row-facts">{facts}</span>')
        durations = []
        for d, label, unit_label in self.durations:
            n, u = f[d], f[f"{d}_unit"]
            durations.append(
                f'<div class="field duration{n.has_error}"><label for="{esc(n.id)}">{label}</label>'
                f'<div class="number-unit"><input type="number"{n.attrs} value="{esc(n.value)}" min="0" step="any" '
                f'inputmode="decimal"><label class="visually-hidden" for="{esc(u.id)}">{unit_label}</label>'
                f'<select id="{esc(u.id)}" name="{esc(u.name)}">{self.units(u.value)}</select></div>{n.error_html}</div>'
            )
        over_time = []
        for name_, label in self.periods:
            o = f[name_]
            over_time.append(
                f'<div class="field{o.has_error}"><label for="{esc(o.id)}">{label}</label>'
                f'<textarea{o.attrs} rows="2" class="short">{esc(o.value)}</textarea>{o.error_html}</div>'
            )
        return (
            f'<details class="row-card process{" has-error" if row.has_errors else ""}" data-row{keep_attr(row)} id="{esc(row.prefix)}"'
            f'{self.open_attr(row, new or not name)}{oob_attr(oob)}><summary>{heading}</summary>'
            f'<input type="hidden" name="rows-processes" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["key"].name)}" value="{esc(f["key"].value)}">{row_errors(row)}\n'
            f'<div class="grid process-main">\n'
            f'{text_field(f["name"], t["process"], MAX500)}\n'
            f'{text_field(f["mission"], t["mission"], MAX500)}\n'
            f'{select_field(f["impact_level"], t["impact_level"], self.levels(f["impact_level"].value))}\n'
            f'</div>\n<div class="grid three durations">\n' + "\n".join(durations) + '\n</div>\n'
            f'<div class="checks">{check_field(f["depends_on_it"], t["depends_on_it"])}\n{check_field(f["eservice"], t["eservice"])}</div>\n'
            f'<fieldset class="over-time" id="{esc(row.prefix)}-impact_over_time"><legend>{t["over_time"]}</legend>'
            f'<div class="grid five">\n' + "\n".join(over_time) + '\n</div></fieldset>\n'
            f'{remove_button(t, name or t["this_process"])}</details>'
        )
