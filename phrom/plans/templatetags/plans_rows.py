"""The rows of the list editors (team, strategies, processes, resources, procedures, call tree),
rendered in Python.

A large plan has 500 people, 200 processes and 1,000 procedure steps, each row a dozen fields:
through the template engine (an include per row, a variable lookup per attribute) such a page
took half a second of CPU. Here each row is one f-string over values escaped once (forms.esc),
the labels and the small choice lists are prepared once per page, and a big list of people or
processes is written once as JSON that plan-edit.js fills a select from when it is first used.

`{% editor_rows "team" rows %}` writes a list; `{% editor_rows "team" template_row new=True %}`
the empty row the browser clones. The view uses `Rows.for_editor(...)` to render single rows as
htmx out-of-band swaps after a save (`oob`: the value of their hx-swap-oob attribute).

Every value that comes from the plan goes through esc(); ids, names and the Field pieces are
escaped by phrom.plans.forms.Field.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from ..forms import DURATIONS, PERIOD_LABELS, PERIODS, Choices, esc, options_html

register = template.Library()


# Attributes written inside the f-strings below (Python 3.11 f-string expressions take no quotes of their own kind).
NAME_ATTRS = ' maxlength="255" autocomplete="off"'
MAX255 = ' maxlength="255"'
MAX500 = ' maxlength="500"'
TEAM_ATTRS = ' list="team-names" maxlength="255"'
PHONE_ATTRS = ' maxlength="32" autocomplete="off" placeholder="08x-xxx-xxxx"'
EMAIL_ATTRS = ' maxlength="254" autocomplete="off"'
LINE_ATTRS = ' maxlength="64" autocomplete="off"'


def _oob(oob: str | None) -> str:
    return f' hx-swap-oob="{esc(oob)}"' if oob else ""


def _keep(row) -> str:
    """data-keep="<list>:<token>": plan-edit.js may send this row as "kept" (without its fields)
    while nobody touches it; the editor then takes it as the page showed it."""
    return f' data-keep="{esc(row.list_name)}:{esc(row.token)}"'


def _row_errors(row) -> str:
    return "".join(f'<p class="errorlist">{esc(e)}</p>' for e in row.errors)


def _remove(t: dict, what: str) -> str:
    """The row's remove button (what is said once it is removed is on the list: data-removed)."""
    return (f'<button type="button" class="btn secondary small" data-remove-row>'
            f'{t["remove"]}<span class="visually-hidden"> {what}</span></button>')


def _text(f, label: str, attrs: str = "", kind: str = "text") -> str:
    """A labelled text input in its .field box, with its errors beside it."""
    return (f'<div class="field{f.has_error}"><label for="{esc(f.id)}">{label}</label>'
            f'<input type="{kind}"{f.attrs} value="{esc(f.value)}"{attrs}>{f.error_html}</div>')


def _select(f, label: str, options: str, attrs: str = "") -> str:
    return (f'<div class="field{f.has_error}"><label for="{esc(f.id)}">{label}</label>'
            f'<select{f.attrs}{attrs}>{options}</select>{f.error_html}</div>')


def _check(f, label: str) -> str:
    return (f'<div class="check"><input type="checkbox"{f.attrs} value="on"{f.checked}>'
            f'<label for="{esc(f.id)}">{label}</label></div>')


def _cell_label(f, label: str) -> str:
    return f'<label class="visually-hidden" for="{esc(f.id)}">{label}</label>'


class SmallOptions:
    """The <option>s of a short fixed list (roles, units, levels…), rendered once per selected value."""

    def __init__(self, choices, blank=None):
        self.choices, self.blank, self.cache = list(choices), blank, {}

    def __call__(self, selected) -> str:
        key = "" if selected is None else str(selected)
        html = self.cache.get(key)
        if html is None:
            html = self.cache[key] = str(options_html(self.choices, key, blank=self.blank))
        return html


class BigOptions:
    """The <option>s of a select over the plan's people or processes.

    Lazy (a long list): only the blank choice and the one chosen; plan-edit.js adds the others
    from the page's JSON list (`data-options`) when the select is first focused or clicked.
    Otherwise every choice, but the row's own person (`exclude`) left out.
    """

    def __init__(self, choices: Choices, lazy: bool, blank: str | None = None):
        self.choices, self.lazy, self.blank = choices, lazy, blank
        self.labels = choices.labels if isinstance(choices, Choices) else dict(choices)
        self.blank_html = {
            True: f'<option value="" selected>{esc(blank)}</option>' if blank is not None else "",
            False: f'<option value="">{esc(blank)}</option>' if blank is not None else "",
        }

    def __call__(self, selected, exclude=None) -> str:
        selected = "" if selected is None else str(selected)
        if not self.lazy:
            choices = [c for c in self.choices if c[0] != exclude] if exclude else self.choices
            return str(options_html(choices, selected, blank=self.blank))
        html = self.blank_html[not selected]
        if selected in self.labels:
            html += f'<option value="{esc(selected)}" selected>{esc(self.labels[selected])}</option>'
        return html


class Rows:
    """Renders one editor's rows; built once per page from the editor's template context."""

    editor = ""

    def __init__(self, context):
        self.t = {key: esc(value) for key, value in context["t"].items()}

    @classmethod
    def for_editor(cls, component: str, context) -> Rows:
        return RENDERERS[component](context)

    def row(self, row, new: bool = False, oob: str | None = None) -> str:
        raise NotImplementedError

    def all(self, rows, new: bool = False) -> str:
        return "\n".join(self.row(r, new) for r in rows)


class TeamRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.roles = SmallOptions(context["roles"])
        self.members = BigOptions(context["members"], context["lazy"], context["t"]["nobody"])
        # The team page always has the list of people: after a save renames or adds someone,
        # plan-edit.js relabels and refills every alternate select from it.
        self.data_options = ' data-options="options-members"'

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        name = esc(f["name"].value)
        legend = t["new_person"] if new else f'{row.number}. {name or esc(f["position"].value) or t["new_person"]}'
        key = f["key"].value
        return (
            f'<fieldset class="row-card{" has-error" if row.has_errors else ""}" data-row{_keep(row)} id="{esc(row.prefix)}"{_oob(oob)}>'
            f'<legend>{legend}</legend>'
            f'<input type="hidden" name="rows-team" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["key"].name)}" value="{esc(key)}">{_row_errors(row)}\n'
            f'<div class="grid three">\n'
            f'{_text(f["name"], t["name"], NAME_ATTRS)}\n'
            f'{_text(f["position"], t["position"], MAX255)}\n'
            f'{_select(f["role"], t["role"], self.roles(f["role"].value))}\n'
            f'{_text(f["team"], t["team"], TEAM_ATTRS)}\n'
            f'{_text(f["phone"], t["phone"], PHONE_ATTRS, "tel")}\n'
            f'{_text(f["email"], t["email"], EMAIL_ATTRS, "email")}\n'
            f'{_text(f["line_id"], t["line_id"], LINE_ATTRS)}\n'
            + _select(f["alternate"], t["alternate"], self.members(f["alternate"].value, exclude=key),
                      f'{self.data_options} data-exclude="{esc(key)}"')
            + f'\n</div>\n{_remove(t, name or t["this_person"])}</fieldset>'
        )


class StrategyRows(Rows):
    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        strategy = f["strategy"]
        return (
            f'<div class="row-card compact{" has-error" if row.has_errors else ""}" data-row{_keep(row)} id="{esc(row.prefix)}"{_oob(oob)}>'
            f'<input type="hidden" name="rows-strategies" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["category"].name)}" value="{esc(f["category"].value)}" data-preset="category">'
            f'{_row_errors(row)}\n'
            f'<div class="field{strategy.has_error}"><label for="{esc(strategy.id)}">{t["strategy"]}</label>'
            f'<textarea{strategy.attrs} rows="2" class="short">{esc(strategy.value)}</textarea>{strategy.error_html}</div>\n'
            f'<div class="row-foot">{_check(f["digital"], t["digital"])}\n'
            f'{_remove(t, t["this_strategy"])}</div></div>'
        )


class ProcessRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.levels = SmallOptions(context["levels"], blank=context["t"]["choose"])
        self.units = SmallOptions(context["units"])
        self.unit_labels = {code: esc(label) for code, label in context["units"]}
        self.collapse = context["collapse"]
        self.durations = [(d, esc(context["durations"][d]), esc(context["duration_unit_labels"][d])) for d in DURATIONS]
        self.periods = [(f"impact_over_time-{p}", esc(PERIOD_LABELS[p])) for p in PERIODS]

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        name = esc(f["name"].value)
        is_open = " open" if new or not self.collapse or row.has_errors else ""
        if new:
            heading = f'<span class="process-name">{t["new_process"]}</span>'
        else:
            rto = f["rto_hours"].value
            facts = (f'RTO {esc(rto)} {self.unit_labels.get(f["rto_hours_unit"].value, "")}' if rto
                     else f'<span class="badge warn">{t["no_rto"]}</span>')
            heading = (f'<span class="process-name">{row.number}. {name or t["new_process"]}</span> '
                       f'<span class="process-facts">{facts}</span>')
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
            f'<details class="row-card process{" has-error" if row.has_errors else ""}" data-row{_keep(row)} id="{esc(row.prefix)}"'
            f'{is_open}{_oob(oob)}><summary>{heading}</summary>'
            f'<input type="hidden" name="rows-processes" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["key"].name)}" value="{esc(f["key"].value)}">{_row_errors(row)}\n'
            f'<div class="grid process-main">\n'
            f'{_text(f["name"], t["process"], MAX500)}\n'
            f'{_text(f["mission"], t["mission"], MAX500)}\n'
            f'{_select(f["impact_level"], t["impact_level"], self.levels(f["impact_level"].value))}\n'
            f'</div>\n<div class="grid three durations">\n' + "\n".join(durations) + '\n</div>\n'
            f'<div class="checks">{_check(f["depends_on_it"], t["depends_on_it"])}\n{_check(f["eservice"], t["eservice"])}</div>\n'
            f'<fieldset class="over-time" id="{esc(row.prefix)}-impact_over_time"><legend>{t["over_time"]}</legend>'
            f'<div class="grid five">\n' + "\n".join(over_time) + '\n</div></fieldset>\n'
            f'{_remove(t, name or t["this_process"])}</details>'
        )


class ResourceRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.categories = SmallOptions(context["categories"])
        self.qty = [(f"quantities-{p}", esc(label)) for p, label in context["quantity_labels"]]

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        category, item, unit = f["category"], f["item"], f["unit"]
        quantities = "".join(
            f'<td class="qty{q.has_error}">{_cell_label(q, label)}<input type="number"{q.attrs} value="{esc(q.value)}" '
            f'min="0" step="any" inputmode="decimal">{q.error_html}</td>'
            for q, label in ((f[name], label) for name, label in self.qty)
        )
        return (
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row{_keep(row)} id="{esc(row.prefix)}"{_oob(oob)}>'
            f'<td class="cat">{_row_errors(row)}<input type="hidden" name="rows-resources" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["process"].name)}" value="{esc(f["process"].value)}" data-preset="process">'
            f'{_cell_label(category, t["category"])}<select{category.attrs}>{self.categories(category.value)}</select>'
            f'{category.error_html}</td>\n'
            f'<td class="item{item.has_error}">{_cell_label(item, t["item"])}<input type="text"{item.attrs} '
            f'value="{esc(item.value)}" maxlength="500">{item.error_html}</td>\n'
            f'<td class="unit">{_cell_label(unit, t["unit"])}<input type="text"{unit.attrs} value="{esc(unit.value)}" '
            f'maxlength="64">{unit.error_html}</td>\n{quantities}\n'
            f'<td>{_remove(t, esc(item.value) or t["this_row"])}</td></tr>'
        )


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
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row{_keep(row)} id="{esc(row.prefix)}"{_oob(oob)}>'
            f'<td class="order{order.has_error}">{_row_errors(row)}'
            f'<input type="hidden" name="rows-procedures" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["window"].name)}" value="{esc(f["window"].value)}" data-preset="window">'
            f'{_cell_label(order, t["order"])}<input type="number"{order.attrs} value="{esc(order.value)}" min="1" step="1" '
            f'inputmode="numeric">{order.error_html}</td>\n'
            f'<td class="activity{activity.has_error}">{_cell_label(activity, t["activity"])}'
            f'<textarea{activity.attrs} rows="2" class="short">{esc(activity.value)}</textarea>{activity.error_html}</td>\n'
            f'<td class="owner{owner.has_error}">{_cell_label(owner, t["responsible"])}'
            f'<select{owner.attrs}{self.member_options}>{self.members(owner.value)}</select>{owner.error_html}</td>\n'
            f'<td class="process{process.has_error}">{_cell_label(process, t["for_process"])}'
            f'<select{process.attrs}{self.process_options}>{self.processes(process.value)}</select>{process.error_html}</td>\n'
            f'<td>{_remove(t, t["this_step"])}</td></tr>'
        )


class CallTreeRows(Rows):
    """The table of callers, a row per team member (rows are dicts: member, labels and fields)."""

    def __init__(self, context):
        super().__init__(context)
        t = context["t"]
        self.lazy = context["lazy"]
        self.members = BigOptions(context["members"], self.lazy)
        self.channels = SmallOptions(context["channels"])
        self.unreached = context.get("unreached_keys") or set()
        self.root = context["root"]
        root, none, first = esc(self.root), esc(t["not_in_tree"]), esc(t["root"])
        self.head = {  # the "not in the tree" and "alerted first" choices, by what is chosen
            "": f'<option value="" selected>{none}</option><option value="{root}">{first}</option>',
            self.root: f'<option value="">{none}</option><option value="{root}" selected>{first}</option>',
            None: f'<option value="">{none}</option><option value="{root}">{first}</option>',
        }

    def row(self, r, new=False, oob=None):
        t, m = self.t, r["member"]
        key = m["key"]
        caller, order, channel = r["caller"], r["order"], r["channel"]
        not_reached = key in self.unreached
        name, position = esc(m.get("name") or ""), esc(m.get("position") or "")
        chosen = caller.value or ""
        head = self.head.get(chosen, self.head[None])
        data_options = f' data-options="options-members" data-exclude="{esc(key)}"' if self.lazy else ""
        classes = " ".join(c for c in ("has-error" if caller.errors else "", "not-reached" if not_reached else "") if c)
        badge = f' <span class="badge bad">{t["not_reached"]}</span>' if not_reached else ""
        below = f'<span class="help block">{position}</span>' if name and position else ""
        return (
            f'<tr id="ct-row-{esc(key)}" class="{classes}" data-keep="ct:{esc(key)}"{_oob(oob)}>'
            f'<th scope="row"><span class="person">{name or position}</span>{badge}{below}</th>\n'
            f'<td>{_cell_label(caller, esc(r["labels"][0]))}<select{caller.attrs} data-caller-of="{esc(key)}"{data_options}>'
            f'{head}{self.members("" if chosen == self.root else chosen, exclude=key)}</select>{caller.error_html}</td>\n'
            f'<td class="order">{_cell_label(order, esc(r["labels"][1]))}<input type="number"{order.attrs} '
            f'value="{esc(order.value)}" min="1" step="1" inputmode="numeric">{order.error_html}</td>\n'
            f'<td>{_cell_label(channel, esc(r["labels"][2]))}<select id="{esc(channel.id)}" name="{esc(channel.name)}">'
            f'{self.channels(channel.value)}</select></td></tr>'
        )


class LinkRows(Rows):
    """The further links of the call tree (someone alerted by a second person too)."""

    def __init__(self, context):
        super().__init__(context)
        t = context["t"]
        self.lazy = context["lazy"]
        self.members = BigOptions(context["members"], self.lazy)
        self.callees = BigOptions(context["members"], self.lazy, t["choose"])
        self.channels = SmallOptions(context["channels"])
        self.root = context["root"]
        self.data_options = ' data-options="options-members"' if self.lazy else ""

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        caller, callee, order, channel = f["caller"], f["callee"], f["order"], f["channel"]
        is_root = caller.value in (self.root, "")
        root = (f'<option value="{esc(self.root)}"{" selected" if is_root else ""}>{t["root"]}</option>')
        return (
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row id="{esc(row.prefix)}"{_oob(oob)}>'
            f'<td>{_row_errors(row)}<input type="hidden" name="rows-links" value="{esc(row.token)}">'
            f'{_cell_label(caller, t["alerted_by"])}<select{caller.attrs}{self.data_options}>{root}'
            f'{self.members("" if is_root else caller.value)}</select>{caller.error_html}</td>\n'
            f'<td>{_cell_label(callee, t["person_alerted"])}<select{callee.attrs}{self.data_options}>'
            f'{self.callees(callee.value)}</select>{callee.error_html}</td>\n'
            f'<td class="order">{_cell_label(order, t["order"])}<input type="number"{order.attrs} value="{esc(order.value)}" '
            f'min="1" step="1">{order.error_html}</td>\n'
            f'<td>{_cell_label(channel, t["channel"])}<select id="{esc(channel.id)}" name="{esc(channel.name)}">'
            f'{self.channels(channel.value)}</select></td>\n'
            f'<td>{_remove(t, t["this_link"])}</td></tr>'
        )


RENDERERS = {
    "team": TeamRows, "strategies": StrategyRows, "processes": ProcessRows, "resources": ResourceRows,
    "procedures": StepRows, "call_tree": CallTreeRows, "links": LinkRows,
}


@register.simple_tag(takes_context=True)
def editor_rows(context, kind, rows, new=False):
    """The rows of a list editor (a list, or one row such as the empty row to clone)."""
    cache = context.render_context.setdefault("plans_rows", {})
    renderer = cache.get(kind)
    if renderer is None:
        renderer = cache[kind] = RENDERERS[kind](context.flatten())
    if isinstance(rows, (list, tuple)):
        return mark_safe(renderer.all(rows, new))
    return mark_safe(renderer.row(rows, new))
