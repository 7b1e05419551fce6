"""The editor of the objectives, assumptions and scope, and of the crisis scenarios the plan covers
(ticked from the catalogue, or written in as the agency's own)."""

from __future__ import annotations

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .base import Editor, Field, Locator, empty_row, make_row, post_rows
from .html import esc

SCENARIO_FIELDS = ("code", "name_th", "name_en", "note")


class ScopeEditor(Editor):
    component = "scope"
    template = "plans/edit/scope.html"

    def state_from_doc(self, data, ctx):
        catalogue_codes_ = {s.code for s in ctx.catalogue}
        chosen = {s["code"]: s.get("note", "") for s in data["scenarios"] if s["code"] in catalogue_codes_}
        custom = [{"code": s["code"], "name_th": s.get("name_th", ""), "name_en": s.get("name_en", ""),
                   "note": s.get("note", "")} for s in data["scenarios"] if s["code"] not in catalogue_codes_]
        return {
            "objectives": data["objectives"], "assumptions": data["assumptions"], "scope": data["scope"],
            "long_crisis": data["long_crisis"], "chosen": chosen, "custom": custom,
            "order": [s["code"] for s in data["scenarios"]],
        }

    def state_from_post(self, post, ctx):
        codes = {s.code for s in ctx.catalogue}
        chosen = {c: post.get(f"scenario-note-{c}", "").strip() for c in post.getlist("scenario") if c in codes}
        # Notes typed for a scenario that is then unticked are kept on the page, not saved.
        notes = {s.code: post.get(f"scenario-note-{s.code}", "").strip() for s in ctx.catalogue}
        return {
            "objectives": post.get("objectives", "").strip(), "assumptions": post.get("assumptions", "").strip(),
            "scope": post.get("scope", "").strip(), "long_crisis": bool(post.get("long_crisis")),
            "chosen": chosen, "notes": notes, "custom": post_rows(post, "custom", SCENARIO_FIELDS),
            "order": [s["code"] for s in ctx.doc["scope"]["scenarios"]],
        }

    def _scenarios(self, state, ctx):
        """The covered scenarios in the plan's order: kept ones where they were, new ones after."""
        sort = {s.code: i for i, s in enumerate(ctx.catalogue)}
        before = {code: i for i, code in enumerate(state["order"])}
        used = set(state["order"]) | {r["code"] for r in state["custom"] if r["code"]}
        rows = []
        for code, note in state["chosen"].items():
            rows.append(((before.get(code, 10_000), sort.get(code, 0)), {"code": code, "note": note}, f"f-scope-scenarios-{code}"))
        number = 1
        for i, r in enumerate(state["custom"]):
            code = r["code"]
            if not code.startswith("custom-"):
                while f"custom-{number}" in used:
                    number += 1
                code = f"custom-{number}"
                used.add(code)
            rows.append(((before.get(code, 20_000), i),
                         {"code": code, "name_th": r["name_th"], "name_en": r["name_en"], "note": r["note"]},
                         f"f-custom-{i}"))
        rows.sort(key=lambda r: r[0])
        return [r[1] for r in rows], [r[2] for r in rows]

    def to_data(self, state, ctx):
        scenarios, _prefixes = self._scenarios(state, ctx)
        return {
            "objectives": state["objectives"], "assumptions": state["assumptions"], "scope": state["scope"],
            "long_crisis": state["long_crisis"], "scenarios": scenarios,
        }, []

    def locator(self, state, ctx):
        _scenarios, prefixes = self._scenarios(state, ctx)
        return Locator({"scope.scenarios": prefixes}, aliases={("scope.scenarios", "code"): ""})

    def context(self, state, errors, ctx):
        by = errors.by_id
        f = {name: Field(f"f-scope-{name}", name, state[name], by.get(f"f-scope-{name}"))
             for name in ("objectives", "assumptions", "scope", "long_crisis")}
        custom = []
        for i, r in enumerate(state["custom"]):
            row = make_row("custom", i, r, SCENARIO_FIELDS, by)
            custom.append(row)
        return {"f": f, "catalogue_html": mark_safe("".join(self._catalogue_items(state, by, ctx))), "custom_rows": custom,
                "custom_template": empty_row("custom", SCENARIO_FIELDS)}

    def _catalogue_items(self, state, by: dict, ctx):
        """The catalogue's scenarios as ticked boxes with their notes, one <li> each, written in Python
        (the words translated once a page: each {% translate %} in a loop costs more than its row)."""
        notes, english = state.get("notes", {}), translation.get_language() == "en"
        lead, placeholder = esc(_("Lead office:")), esc(_("Note (optional)"))
        for s in ctx.catalogue:
            fid = f"f-scope-scenarios-{s.code}"
            checked = s.code in state["chosen"]
            box = Field(fid, "scenario", s.code, by.get(fid))
            note = Field(f"{fid}-note", f"scenario-note-{s.code}",
                         state["chosen"].get(s.code, notes.get(s.code, "")), by.get(f"{fid}-note"))
            office = s.lead_office_en if english and s.lead_office_en else s.lead_office_th
            yield (
                f'<li class="scenario{" is-checked" if checked else ""}{box.has_error}">'
                f'<div class="check"><input type="checkbox" id="{esc(box.id)}" name="scenario" value="{esc(s.code)}"'
                f'{" checked" if checked else ""}{box.aria}><label for="{esc(box.id)}">{esc(s.name)}</label></div>'
                + (f'<p class="help lead-office">{lead} {esc(office)}</p>' if s.lead_office_th else "")
                + f'{box.error_html}<label class="visually-hidden" for="{esc(note.id)}">'
                f'{esc(_("Note on %(name)s") % {"name": s.name})}</label>'
                f'<input type="text" class="note" id="{esc(note.id)}" name="{esc(note.name)}" value="{esc(note.value)}"'
                f' placeholder="{placeholder}"{note.aria}>{note.error_html}</li>'
            )
