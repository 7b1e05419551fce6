"""The HTML of the editors' rows, written in Python rather than through templates.

A large plan has 500 people, 200 processes and 1,000 procedure steps, each row a dozen fields:
through the template engine (an include per row, a variable lookup per attribute) such a page
took half a second of CPU. Each component's module renders its rows with one f-string over values
escaped once (esc) from these pieces; the labels and the small choice lists are prepared once per
page, and a big list of people or processes is written once as JSON that plan-edit.js fills a
select from when it is first used.

Every value that comes from the plan goes through esc(); ids, names and the Field pieces are
escaped by phrom.plans.editors.base.Field.
"""

from __future__ import annotations

from functools import cached_property

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

# The words of the editors' rows, translated once per page rather than once per row: a page of
# 1,000 procedure steps would otherwise spend most of its time in {% translate %}.
ROW_LABELS = {
    "remove": gettext_lazy("Remove"), "name": gettext_lazy("Full name"), "position": gettext_lazy("Position"),
    "role": gettext_lazy("Role in the plan"), "team": gettext_lazy("Team"), "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"), "line_id": gettext_lazy("LINE ID"), "alternate": gettext_lazy("Alternate"),
    "new_person": gettext_lazy("New person"), "this_person": gettext_lazy("this person"),
    "nobody": gettext_lazy("— nobody yet —"), "choose": gettext_lazy("— choose —"), "any": gettext_lazy("— any —"),
    "person_removed": gettext_lazy("The person was removed. Save to keep the change."),
    "row_removed": gettext_lazy("The row was removed. Save to keep the change."),
    "step_removed": gettext_lazy("The step was removed. Save to keep the change."),
    "process_removed": gettext_lazy("The process was removed. Save to keep the change."),
    "strategy": gettext_lazy("Strategy"), "digital": gettext_lazy("Relies on e-Service or digital technology"),
    "this_strategy": gettext_lazy("this strategy"), "order": gettext_lazy("Order"), "activity": gettext_lazy("Activity"),
    "responsible": gettext_lazy("Responsible"), "for_process": gettext_lazy("For the process"),
    "this_step": gettext_lazy("this step"), "category": gettext_lazy("Resource category"), "item": gettext_lazy("Item"),
    "unit": gettext_lazy("Unit"), "this_row": gettext_lazy("this row"), "process": gettext_lazy("Process or service"),
    "mission": gettext_lazy("Mission it serves"), "impact_level": gettext_lazy("Impact level"),
    "new_process": gettext_lazy("New process"), "this_process": gettext_lazy("this process"),
    "no_rto": gettext_lazy("no RTO"), "depends_on_it": gettext_lazy("Depends on IT systems and data"),
    "eservice": gettext_lazy("Has an e-Service"), "over_time": gettext_lazy("Impact if the process stops for…"),
    "alerted_by": gettext_lazy("Alerted by"), "person_alerted": gettext_lazy("Person alerted"),
    "channel": gettext_lazy("Channel"), "root": gettext_lazy("★ alerted first (starts the tree)"),
    "this_link": gettext_lazy("this link"), "name_th": gettext_lazy("Name (Thai)"),
    "name_en": gettext_lazy("Name (English, optional)"), "note": gettext_lazy("Note"),
    "this_scenario": gettext_lazy("this scenario"), "not_in_tree": gettext_lazy("— not in the tree —"),
    "not_reached": gettext_lazy("not reached"),
}


def row_labels() -> dict:
    return {key: str(label) for key, label in ROW_LABELS.items()}


def esc(value) -> str:
    """HTML-escaped text, as django.utils.html.escape gives it, but fast: the editors' rows call it
    for every field of pages with thousands of fields (str.translate takes ~10 times as long on
    Thai text as these replaces, and Django's escape adds a lazy-string wrapper)."""
    text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


class Choices(list):
    """(value, label) pairs that also know their labels by value: a page renders hundreds of
    selects over the same list of people or processes."""

    @cached_property
    def labels(self) -> dict:
        return dict(self)


def options_html(choices, selected, *, blank=None):
    """<option>s of a select, rendered in Python: pages with hundreds of selects stay fast."""
    selected = "" if selected is None else str(selected)
    parts = []
    if blank is not None:
        parts.append(f'<option value=""{"" if selected else " selected"}>{esc(blank)}</option>')
    for value, label in choices:
        value = str(value)
        sel = " selected" if selected and value == selected else ""
        parts.append(f'<option value="{esc(value)}"{sel}>{esc(label)}</option>')
    return mark_safe("".join(parts))


def oob_attr(oob: str | None) -> str:
    return f' hx-swap-oob="{esc(oob)}"' if oob else ""


def keep_attr(row) -> str:
    """data-keep="<list>:<token>": plan-edit.js may send this row as "kept" (without its fields)
    while nobody touches it; the editor then takes it as the page showed it."""
    return f' data-keep="{esc(row.list_name)}:{esc(row.token)}"'


def row_errors(row) -> str:
    return "".join(f'<p class="errorlist">{esc(e)}</p>' for e in row.errors)


def remove_button(t: dict, what: str) -> str:
    """The row's remove button (what is said once it is removed is on the list: data-removed)."""
    return (f'<button type="button" class="btn secondary small" data-remove-row>'
            f'{t["remove"]}<span class="visually-hidden"> {what}</span></button>')


def text_field(f, label: str, attrs: str = "", kind: str = "text") -> str:
    """A labelled text input in its .field box, with its errors beside it."""
    return (f'<div class="field{f.has_error}"><label for="{esc(f.id)}">{label}</label>'
            f'<input type="{kind}"{f.attrs} value="{esc(f.value)}"{attrs}>{f.error_html}</div>')


def select_field(f, label: str, options: str, attrs: str = "") -> str:
    return (f'<div class="field{f.has_error}"><label for="{esc(f.id)}">{label}</label>'
            f'<select{f.attrs}{attrs}>{options}</select>{f.error_html}</div>')


def check_field(f, label: str) -> str:
    return (f'<div class="check"><input type="checkbox"{f.attrs} value="on"{f.checked}>'
            f'<label for="{esc(f.id)}">{label}</label></div>')


def cell_label(f, label: str) -> str:
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


# A list longer than this is shown folded: each row a <details> showing its name and key facts,
# so that a team of 12 or 200 processes reads as a list rather than pages of fields.
FOLD_OVER = 8


class Rows:
    """Renders one editor's rows; built once per page from the editor's template context."""

    editor = ""

    def __init__(self, context):
        self.t = {key: esc(value) for key, value in context["t"].items()}
        self.fold = context.get("fold", False)

    def open_attr(self, row, unfold: bool) -> str:
        """The `open` of a folding row: rows still to fill in (`unfold`: new or nameless, as a starter
        template's people are), rows with errors and the rows of short lists show their fields."""
        return " open" if unfold or row.has_errors or not self.fold else ""

    def row(self, row, new: bool = False, oob: str | None = None) -> str:
        raise NotImplementedError

    def all(self, rows, new: bool = False) -> str:
        return "\n".join(self.row(r, new) for r in rows)
