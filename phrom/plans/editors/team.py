"""The BCP team: its editor, and the HTML of a person's row."""

from __future__ import annotations

from django.utils.text import capfirst

from ..codes import TeamRole
from .base import LAZY_SELECT_OVER, ListEditor, empty_row, next_keys
from .html import (
    FOLD_OVER,
    BigOptions,
    Rows,
    SmallOptions,
    esc,
    keep_attr,
    oob_attr,
    remove_button,
    row_errors,
    select_field,
    text_field,
)

TEAM_FIELDS = ("key", "name", "position", "role", "team", "phone", "email", "line_id", "alternate")

# Attributes of the inputs (Python 3.11 f-string expressions take no quotes of their own kind).
NAME_ATTRS = ' maxlength="255" autocomplete="off"'
MAX255 = ' maxlength="255"'
TEAM_ATTRS = ' list="team-names" maxlength="255"'
PHONE_ATTRS = ' maxlength="32" autocomplete="off" placeholder="08x-xxx-xxxx"'
EMAIL_ATTRS = ' maxlength="254" autocomplete="off"'
LINE_ATTRS = ' maxlength="64" autocomplete="off"'


class TeamEditor(ListEditor):
    component = list_name = "team"
    template = "plans/edit/team.html"
    fields = TEAM_FIELDS

    def prepare(self, state, ctx):
        taken = {m["key"] for m in ctx.doc.get("team", [])} | {r["key"] for r in state if r["key"]}
        return {"take": next_keys("m", taken)}

    def row_data(self, i, r, extra):
        return {
            "key": r["key"] or extra["take"](), "name": r["name"], "position": r["position"],
            "role": r["role"] or TeamRole.MEMBER.value, "team": r["team"], "phone": r["phone"], "email": r["email"],
            "line_id": r["line_id"], "alternate": r["alternate"] or None,
        }, []

    def shared(self, ctx):
        return {
            "roles": TeamRole.choices, "members": ctx.members, "lazy": len(ctx.members) > LAZY_SELECT_OVER,
            "fold": len(ctx.members) > FOLD_OVER,
        }

    def context(self, state, errors, ctx):
        return {
            **self.shared(ctx), "rows": self.rows(state, errors),
            "template_row": empty_row("team", self.fields, {"role": "member"}),
            "teams": sorted({r["team"] for r in state if r["team"]}),
        }

    def in_place(self, post, state, before, after):
        update = super().in_place(post, state, before, after)
        if update is not None:
            update.members = list(before.members) != list(after.members)
            teams = [{m["team"] for m in c.doc.get("team", []) if m["team"]} for c in (before, after)]
            update.teams = teams[0] != teams[1]
        return update


class TeamRows(Rows):
    def __init__(self, context):
        super().__init__(context)
        self.roles = SmallOptions(context["roles"])
        self.role_labels = {code: esc(capfirst(label)) for code, label in context["roles"]}
        self.members = BigOptions(context["members"], context["lazy"], context["t"]["nobody"])
        # The team page always has the list of people: after a save renames or adds someone,
        # plan-edit.js relabels and refills every alternate select from it.
        self.data_options = ' data-options="options-members"'

    def row(self, row, new=False, oob=None):
        t, f = self.t, row.f
        name = esc(f["name"].value)
        if new:
            heading = f'<span class="row-name">{t["new_person"]}</span>'
        else:
            contact = f["phone"].value or f["email"].value or f["line_id"].value
            facts = " · ".join(x for x in (self.role_labels.get(f["role"].value, ""), esc(contact)) if x)
            heading = (f'<span class="row-name">{row.number}. {name or esc(f["position"].value) or t["new_person"]}</span> '
                       f'<span class="row-facts">{facts}</span>')
        key = f["key"].value
        return (
            f'<details class="row-card person{" has-error" if row.has_errors else ""}" data-row{keep_attr(row)} id="{esc(row.prefix)}"'
            f'{self.open_attr(row, new or not name)}{oob_attr(oob)}><summary>{heading}</summary>'
            f'<input type="hidden" name="rows-team" value="{esc(row.token)}">'
            f'<input type="hidden" name="{esc(f["key"].name)}" value="{esc(key)}">{row_errors(row)}\n'
            f'<div class="grid three">\n'
            f'{text_field(f["name"], t["name"], NAME_ATTRS)}\n'
            f'{text_field(f["position"], t["position"], MAX255)}\n'
            f'{select_field(f["role"], t["role"], self.roles(f["role"].value))}\n'
            f'{text_field(f["team"], t["team"], TEAM_ATTRS)}\n'
            f'{text_field(f["phone"], t["phone"], PHONE_ATTRS, "tel")}\n'
            f'{text_field(f["email"], t["email"], EMAIL_ATTRS, "email")}\n'
            f'{text_field(f["line_id"], t["line_id"], LINE_ATTRS)}\n'
            + select_field(f["alternate"], t["alternate"], self.members(f["alternate"].value, exclude=key),
                      f'{self.data_options} data-exclude="{esc(key)}"')
            + f'\n</div>\n{remove_button(t, name or t["this_person"])}</details>'
        )
