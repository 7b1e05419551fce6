"""What every component's editor shares: each editor turns the POST of its page into the
component's part of the `phrom-plan/1` document, and a document back into rows of fields.

The editors keep the user's input as text ("form state") between the two, so that a refused save
(invalid data, or a stale revision) shows the page again exactly as it was typed.

Field ids follow the checker's anchors (phrom.plans.checker.Finding.anchor): the field of
`processes[3].rto_hours` has the id `f-processes-3-rto_hours`, so that a finding or an error path
of phrom.plans.content leads straight to its field. Field names are `<list>-<token>-<field>`, and
each row starts with a hidden `rows-<list>` input carrying its token: the rows come back in page
order whatever their tokens, and a row added in the browser only needs a new token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.safestring import mark_safe

from phrom.core.errors import in_language
from phrom.core.messages import both

from ..content import PlanValidationError, Refs, catalogue_codes, clean_component, empty_component
from ..formatting import own_scenario_name
from ..models import Plan, PlanVersion
from .html import Choices, esc

TOKEN_RE = re.compile(r"^[A-Za-z0-9_]{1,40}$")
MEMBER_KEY_RE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")  # a team member's key (phrom.plans.content)
NEW_TOKEN = "__T__"  # replaced by a fresh token when the browser clones an empty row

# Editors large enough that a <select> of every member per row would make the page megabytes:
# above this many options the select carries only its value and the browser fills in the rest.
LAZY_SELECT_OVER = 40


def anchor(path: str) -> str:
    """The id of the field of a document path (the same rule as Finding.anchor)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def message_of(error: dict) -> str:
    return in_language(error["message_th"], error["message_en"])


def local_error(path: str, msgid: str, **params) -> dict:
    th, en = both(msgid, **params)
    return {"path": path, "message_th": th, "message_en": en}


class Field:
    """One input as a page shows it: id, name, the text typed, and its error messages.

    The properties give ready-escaped HTML pieces (SafeString for templates, plain strings for
    the Python row renderers of each component's module): a page of 1,000 rows renders
    thousands of fields, and each template variable costs more than the few characters it writes.
    """

    __slots__ = ("id", "name", "value", "errors")

    def __init__(self, id: str, name: str, value="", errors=None):
        self.id, self.name, self.value, self.errors = id, name, value, errors or []

    @property
    def attrs(self) -> str:
        """' id="…" name="…"' and, with errors, aria-invalid and aria-describedby."""
        return f' id="{esc(self.id)}" name="{esc(self.name)}"{self.aria}'

    @property
    def input(self):
        return mark_safe(f'{self.attrs} value="{esc(self.value)}"')

    @property
    def named(self):
        return mark_safe(self.attrs)

    @property
    def err_id(self) -> str:
        return f"{self.id}-err"

    @property
    def aria(self):
        """aria-invalid and aria-describedby for an input with errors."""
        if not self.errors:
            return ""
        return mark_safe(f' aria-invalid="true" aria-describedby="{esc(self.err_id)}"')

    @property
    def error_html(self):
        if not self.errors:
            return ""
        items = "".join(f"<li>{esc(m)}</li>" for m in self.errors)
        return mark_safe(f'<ul class="errorlist" id="{esc(self.err_id)}">{items}</ul>')

    @property
    def checked(self):
        return mark_safe(" checked") if self.value else ""

    @property
    def has_error(self) -> str:
        return " has-error" if self.errors else ""


@dataclass
class Row:
    list_name: str
    token: str
    prefix: str
    number: int  # 1-based, for labels
    f: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # messages about the row as a whole
    values: dict = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.errors for f in self.f.values())


def make_row(list_name: str, index, values: dict, fields, errors: dict, token=None) -> Row:
    token = str(index) if token is None else token
    prefix = f"f-{list_name}-{index}"
    row = Row(list_name, token, prefix, index + 1 if isinstance(index, int) else 0, values=values)
    for name in fields:
        fid = f"{prefix}-{name}"
        row.f[name] = Field(fid, f"{list_name}-{token}-{name}", values.get(name, ""), errors.get(fid))
    row.errors = errors.get(prefix, [])
    return row


def empty_row(list_name: str, fields, defaults: dict | None = None) -> Row:
    """The row a browser clones to add one (its token and id part are NEW_TOKEN)."""
    return make_row(list_name, NEW_TOKEN, dict(defaults or {}), fields, {}, token=NEW_TOKEN)


def _tokens(values, pattern=TOKEN_RE) -> list[str]:
    """Tokens posted one per value, or several in one value separated by commas (plan-edit.js
    sends a long list's order as one value: each posted value costs the server ~10 µs to parse)."""
    out, seen = [], set()
    for value in values:
        for token in value.split(","):
            if pattern.match(token) and token not in seen:
                seen.add(token)
                out.append(token)
    return out


def post_tokens(post, list_name: str) -> list[str]:
    """The row tokens of one list as posted, in page order (the rows post_rows reads)."""
    return _tokens(post.getlist(f"rows-{list_name}"))


def kept_tokens(post, list_name: str, pattern=TOKEN_RE) -> set[str]:
    """The rows plan-edit.js sent without their fields because nobody touched them since the page
    was drawn: they are taken as the page showed them (Context.as_loaded)."""
    return set(_tokens(post.getlist(f"kept-{list_name}"), pattern))


def post_rows(post, list_name: str, fields, loaded=None) -> list[dict]:
    """The rows of one list as posted, in page order; each a dict of the text typed.

    loaded(token): the row as the page showed it, for a row sent as kept (None if unknown)."""
    kept = kept_tokens(post, list_name) if loaded is not None else ()
    rows = []
    for token in post_tokens(post, list_name):
        row = loaded(token) if token in kept else None
        rows.append(row if row is not None else
                    {name: post.get(f"{list_name}-{token}-{name}", "").strip() for name in fields})
    return rows


class Locator:
    """Where a document path is on the page: `processes[3].rto_hours` -> an element id.

    `prefixes[list][i]` is the id prefix of the i-th posted row of a list (rows shown in groups or
    keyed by something else than their index); `aliases[(list, field)]` names a field whose
    element is the row's prefix itself (a scenario's checkbox, a member's caller select).
    """

    PATH_RE = re.compile(r"^(?P<list>[A-Za-z_.]+)\[(?P<index>\d+)\](?:\.(?P<rest>.+))?$")

    def __init__(self, prefixes: dict | None = None, aliases: dict | None = None, explicit: dict | None = None):
        self.prefixes, self.aliases, self.explicit = prefixes or {}, aliases or {}, explicit or {}

    def locate(self, path: str) -> str:
        if path in self.explicit:
            return self.explicit[path]
        match = self.PATH_RE.match(path or "")
        if match and match["list"] in self.prefixes:
            rows = self.prefixes[match["list"]]
            index = int(match["index"])
            if index < len(rows):
                prefix = rows[index]
                rest = match["rest"]
                if rest is None:
                    return prefix
                first = rest.split(".", 1)[0]
                if (match["list"], first) in self.aliases:
                    return prefix + self.aliases[(match["list"], first)]
                return prefix + "-" + re.sub(r"[^A-Za-z0-9_]+", "-", rest)
        return anchor(path) if path else "component-form"


@dataclass
class Errors:
    """Errors of one save, by element id, and the summary shown above the form."""

    by_id: dict = field(default_factory=dict)
    summary: list = field(default_factory=list)  # (element id, message)

    @classmethod
    def build(cls, errors: list[dict], locator: Locator) -> Errors:
        out = cls()
        for e in errors:
            element = locator.locate(e["path"])
            message = message_of(e)
            out.by_id.setdefault(element, []).append(message)
            out.summary.append((element, message))
        return out

    def __bool__(self) -> bool:
        return bool(self.summary)


# --------------------------------------------------------------------------- the editor


@dataclass
class Context:
    """What an editor needs to know of the stored plan besides its own component."""

    plan: Plan
    doc: dict
    catalogue: list = field(default_factory=list)  # Scenario rows
    loaded_revision: int | None = None  # the component's revision the posting page was drawn at

    def as_loaded(self, component: str):
        """The component as the posting page showed it: as stored, or if it was saved since
        (a save then refused as stale), as it was at the revision the page was drawn at."""
        if self.loaded_revision is not None and self.loaded_revision != self.plan.component_revision(component):
            data = component_at_revision(self.plan, component, self.loaded_revision)
            if data is not None:
                return data
        return self.doc.get(component)

    @cached_property
    def members(self) -> Choices:
        return Choices((m["key"], member_label(m)) for m in self.doc.get("team", []))

    @cached_property
    def processes(self) -> Choices:
        return Choices((p["key"], p["name"]) for p in self.doc.get("processes", []))

    def scenario_rows(self) -> list[tuple[str, str]]:
        names = {s.code: s.name for s in self.catalogue}
        out = []
        for s in self.doc.get("scope", {}).get("scenarios", []):
            out.append((s["code"], own_scenario_name(s) or names.get(s["code"], s["code"])))
        return out

    def refs(self) -> Refs:
        return Refs(
            scenarios={s["code"] for s in self.doc.get("scope", {}).get("scenarios", [])},
            members={m["key"] for m in self.doc.get("team", [])},
            processes={p["key"] for p in self.doc.get("processes", [])},
            catalogue=catalogue_codes(),
        )


def component_at_revision(plan: Plan, component: str, revision: int):
    """A component's data at one of its revisions (its n-th version), or None if not recorded."""
    if revision <= 0:
        return empty_component(component)
    rows = list(PlanVersion.objects.filter(plan=plan, component=component).order_by("number")
                .values_list("data", flat=True)[revision - 1:revision])
    return rows[0] if rows else None


def member_label(m: dict) -> str:
    """'name (position)'; template plans list positions before the agency fills in the names."""
    if m.get("name") and m.get("position"):
        return f"{m['name']} ({m['position']})"
    return m.get("name") or m.get("position") or m["key"]


@dataclass
class InPlace:
    """A successful htmx save the page takes without being drawn again (views.edit).

    The rows on the page already hold what was saved, under the ids the stored component gives
    them: only the rows whose text the save changed (numbers in other units, new keys, summaries)
    are drawn anew, as out-of-band swaps, with the lists of names the page shares between rows.
    `rows`: (renderer kind, row, hx-swap-oob value) — "true" replaces the element of the same id,
    "outerHTML:#id" the row added in the browser under its token.
    """

    rows: list = field(default_factory=list)
    members: bool = False  # the people (or their names) changed: the shared list of people is sent again
    teams: bool = False  # the team names changed (the datalist of the team page)
    unreached: set | None = None  # call tree: the people nobody alerts now


def same_text(posted: dict, shown: dict, fields) -> bool:
    """Whether a row as posted reads the same as the row the stored data gives (a ticked box
    posts "on" where the stored data has True)."""
    for name in fields:
        a, b = posted.get(name, ""), shown.get(name, "")
        if isinstance(a, bool) or isinstance(b, bool):
            if bool(a) != bool(b):
                return False
        elif str(a if a is not None else "") != str(b if b is not None else ""):
            return False
    return True


class Editor:
    """One component's editor. State is whatever the template needs to show the input again."""

    component = ""
    template = ""

    def state_from_doc(self, data, ctx: Context):
        raise NotImplementedError

    def state_from_post(self, post, ctx: Context):
        raise NotImplementedError

    def to_data(self, state, ctx: Context) -> tuple[object, list[dict]]:
        """The component's document data, and errors found while reading the text typed."""
        raise NotImplementedError

    def locator(self, state, ctx: Context) -> Locator:
        return Locator()

    def context(self, state, errors: Errors, ctx: Context) -> dict:
        raise NotImplementedError

    def shared(self, ctx: Context) -> dict:
        """What the rows of the page have in common (choice lists, labels): all a row needs to be
        drawn on its own after a save."""
        return {}

    def in_place(self, post, state, before: Context, after: Context) -> InPlace | None:
        """After a successful save of `state` (posted over `before`, stored as `after`): what the
        page must redraw, or None to draw the whole form again."""
        return None

    def validate(self, state, ctx: Context):
        """(data, errors): the local errors and the document's own, all at once."""
        data, local = self.to_data(state, ctx)
        if not local:
            return data, []
        try:
            clean_component(self.component, data, ctx.refs())
        except PlanValidationError as e:
            seen = {x["path"] for x in local}
            local = local + [x for x in e.errors if x["path"] not in seen]
        return data, local


# ---- the list editors


KEY_NUMBER_RE = re.compile(r"^[a-z]+(\d+)$")


def next_keys(prefix: str, taken) -> callable:
    """A function giving fresh keys m12, m13, … above every number already used (even of removed rows)."""
    top = max((int(m.group(1)) for k in taken if k and (m := KEY_NUMBER_RE.match(k))), default=0)
    counter = [top]

    def take():
        counter[0] += 1
        while f"{prefix}{counter[0]}" in taken:
            counter[0] += 1
        return f"{prefix}{counter[0]}"

    return take


class ListEditor(Editor):
    """A component that is one list of rows.

    Rows shown in groups (strategies by category, resources by process, steps by time window)
    are stored in the order they had: the k-th row of a group takes the place of the group's
    k-th stored row, new rows go after the group's last. Saving a page unchanged changes nothing.
    """

    fields: tuple = ()
    list_name = ""
    group_field: str | None = None

    def doc_row(self, item: dict) -> dict:
        return {name: "" if item.get(name) is None else item.get(name) for name in self.fields}

    def state_from_doc(self, data, ctx):
        return [self.doc_row(item) for item in data]

    def state_from_post(self, post, ctx):
        loaded = None

        def row_as_loaded(token):
            nonlocal loaded
            if loaded is None:
                loaded = ctx.as_loaded(self.component) or []
            return self.doc_row(loaded[int(token)]) if token.isdigit() and int(token) < len(loaded) else None

        return post_rows(post, self.list_name, self.fields, row_as_loaded)

    def rows(self, state, errors):
        return [make_row(self.list_name, i, values, self.fields, errors.by_id) for i, values in enumerate(state)]

    def order(self, state, ctx) -> list[int]:
        """The posted rows' indices in the order they are stored."""
        if not self.group_field:
            return list(range(len(state)))
        stored = ctx.doc.get(self.component) or []
        slots: dict = {}
        for i, item in enumerate(stored):
            slots.setdefault(item.get(self.group_field) or "", []).append(i)
        seen: dict = {}
        keyed = []
        for j, r in enumerate(state):
            group = r.get(self.group_field) or ""
            k = seen[group] = seen.get(group, -1) + 1
            places = slots.get(group, [])
            keyed.append(((places[k], 0, j) if k < len(places) else (places[-1] if places else len(stored), 1, j), j))
        return [j for _key, j in sorted(keyed)]

    def prepare(self, state, ctx) -> dict:
        return {}

    def row_data(self, i: int, r: dict, extra: dict) -> tuple[dict, list]:
        raise NotImplementedError

    def to_data(self, state, ctx):
        extra = self.prepare(state, ctx)
        data, errors = [], []
        for i, j in enumerate(self.order(state, ctx)):
            item, errs = self.row_data(i, state[j], extra)
            data.append(item)
            errors += errs
        return data, errors

    def locator(self, state, ctx):
        return Locator({self.list_name: [f"f-{self.list_name}-{j}" for j in self.order(state, ctx)]})

    def in_place(self, post, state, before, after):
        """In place when every row already on the page stays at its stored index (its element id
        is f-<list>-<index>, the anchor of the checker's findings): rows edited, rows removed at
        the end, rows added at the end of an ungrouped list. Rows moved, or added to a group (the
        rows after it shift), draw the form again."""
        tokens = post_tokens(post, self.list_name)
        old, new = before.doc.get(self.component) or [], after.doc.get(self.component) or []
        order = self.order(state, before)
        if len(tokens) != len(state) or len(order) != len(new) or (self.group_field and len(new) != len(old)):
            return None
        update = InPlace()
        for i, j in enumerate(order):
            token = tokens[j]
            if token.isdigit():
                if token != str(i) or i >= len(old):
                    return None
                # A row whose stored item did not change shows what was typed for it: the text the
                # page loaded with, or what the person typed that means the same.
                if old[i] == new[i]:
                    continue
                oob = "true"
            else:
                oob = f"outerHTML:#f-{self.list_name}-{token}"
            update.rows.append((self.list_name, make_row(self.list_name, i, self.doc_row(new[i]), self.fields, {}), oob))
        return update
