"""The call tree: the editor (one caller per member, plus any further links), and the HTML of its
two kinds of rows."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..codes import Channel
from ..formatting import THAI_DIGITS
from .base import (
    LAZY_SELECT_OVER,
    MEMBER_KEY_RE,
    Editor,
    Field,
    InPlace,
    Locator,
    empty_row,
    kept_tokens,
    local_error,
    make_row,
    member_label,
    post_rows,
    post_tokens,
    same_text,
)
from .html import BigOptions, Rows, SmallOptions, cell_label, esc, oob_attr, remove_button, row_errors

ROOT = "__root__"
LINK_FIELDS = ("caller", "callee", "order", "channel")


class CallTreeEditor(Editor):
    """One caller per member (a select each), plus any further links (someone alerted twice)."""

    component = "call_tree"
    template = "plans/edit/call_tree.html"

    def state_from_doc(self, data, ctx):
        primary, extra = {}, []
        for link in data:
            callee = link["callee"]
            values = {"caller": link["caller"] or ROOT, "order": str(link["order"]), "channel": link["channel"]}
            if callee in primary:
                extra.append({"callee": callee, **values})
            else:
                primary[callee] = values
        return {"primary": primary, "extra": extra}

    def state_from_post(self, post, ctx):
        kept = kept_tokens(post, "ct", MEMBER_KEY_RE)
        loaded = self.state_from_doc(ctx.as_loaded("call_tree") or [], ctx)["primary"] if kept else {}
        primary = {}
        for key, _label in ctx.members:
            if key in kept:  # a row nobody touched: as the page showed it
                primary[key] = loaded.get(key) or {"caller": "", "order": "", "channel": "phone"}
                continue
            primary[key] = {"caller": post.get(f"ct-{key}-caller", "").strip(),
                            "order": post.get(f"ct-{key}-order", "").strip(),
                            "channel": post.get(f"ct-{key}-channel", "").strip()}
        return {"primary": primary, "extra": post_rows(post, "links", LINK_FIELDS)}

    def _links(self, state, ctx):
        """(document links, element prefix of each), in the stored order where links already existed."""
        before = {(link["caller"], link["callee"]): i for i, link in enumerate(ctx.doc.get("call_tree", []))}
        members = [k for k, _l in ctx.members]
        rows = []
        for n, key in enumerate(members):
            v = state["primary"].get(key) or {}
            if not v.get("caller"):
                continue
            caller = None if v["caller"] == ROOT else v["caller"]
            rows.append((caller, key, v, f"f-call_tree-{key}", n))
        for i, v in enumerate(state["extra"]):
            if not v.get("callee"):
                continue
            caller = None if v.get("caller") in ("", ROOT) else v["caller"]
            rows.append((caller, v["callee"], v, f"f-links-{i}", 10_000 + i))
        rows.sort(key=lambda r: (before.get((r[0], r[1]), 100_000), r[4]))
        return rows

    def to_data(self, state, ctx):
        data, errors = [], []
        for i, (caller, callee, v, _prefix, _n) in enumerate(self._links(state, ctx)):
            order = 1
            if v.get("order"):
                try:
                    order = int(str(v["order"]).translate(THAI_DIGITS))
                    if order < 1:
                        raise ValueError
                except ValueError:
                    errors.append(local_error(f"call_tree[{i}].order", gettext_noop("Enter a whole number from 1.")))
            data.append({"caller": caller, "callee": callee, "order": order, "channel": v.get("channel") or "phone"})
        return data, errors

    def locator(self, state, ctx):
        prefixes = [r[3] for r in self._links(state, ctx)]
        return Locator({"call_tree": prefixes}, aliases={("call_tree", "caller"): "", ("call_tree", "callee"): ""})

    def member_row(self, n: int, m: dict, v: dict | None, by: dict) -> dict:
        """The row of the table of callers for the n-th member (v: what is chosen for them)."""
        key, label = m["key"], member_label(m)
        v = v or {"caller": "", "order": "", "channel": "phone"}
        fid = f"f-call_tree-{key}"
        return {
            "member": m, "number": n + 1,
            "labels": (_("Who alerts %(name)s") % {"name": label}, _("Order in which %(name)s is alerted") % {"name": label},
                       _("Channel used to alert %(name)s") % {"name": label}),
            "caller": Field(fid, f"ct-{key}-caller", v.get("caller", ""), by.get(fid)),
            "order": Field(f"{fid}-order", f"ct-{key}-order", v.get("order", ""), by.get(f"{fid}-order")),
            "channel": Field(f"{fid}-channel", f"ct-{key}-channel", v.get("channel") or "phone", by.get(f"{fid}-channel")),
        }

    def context(self, state, errors, ctx):
        by = errors.by_id
        rows = [self.member_row(n, m, state["primary"].get(m["key"]), by) for n, m in enumerate(ctx.doc.get("team", []))]
        extra = [make_row("links", i, v, LINK_FIELDS, by) for i, v in enumerate(state["extra"])]
        return {
            **self.shared(ctx), "rows": rows, "extra_rows": extra,
            "template_row": empty_row("links", LINK_FIELDS, {"channel": "phone"}),
        }

    def shared(self, ctx):
        members = ctx.members
        return {"channels": Channel.choices, "members": members, "root": ROOT, "lazy": len(members) > LAZY_SELECT_OVER}

    def in_place(self, post, state, before, after):
        """In place unless the further links were added, removed or became other links: the
        rows of the people are keyed by person, and only those whose choice, text or reach
        changed are drawn again (with the picture, by the view)."""
        from ..calltree import unreached_keys

        shown, was = self.state_from_doc(after.doc["call_tree"], after), self.state_from_doc(before.doc["call_tree"], before)
        tokens = post_tokens(post, "links")
        if tokens != [str(i) for i in range(len(was["extra"]))] or len(shown["extra"]) != len(tokens):
            return None
        update = InPlace()
        for i, (posted, link) in enumerate(zip(state["extra"], shown["extra"], strict=True)):
            if (posted.get("caller") or ROOT, posted.get("callee")) != (link["caller"], link["callee"]):
                return None
            if link != was["extra"][i] or not same_text(posted, link, LINK_FIELDS):
                update.rows.append(("links", make_row("links", i, link, LINK_FIELDS, {}), "true"))
        update.unreached = unreached_keys(after.doc.get("team", []), after.doc.get("call_tree", []))
        unreached_before = unreached_keys(before.doc.get("team", []), before.doc.get("call_tree", []))
        blank = {"caller": "", "order": "", "channel": "phone"}
        for n, m in enumerate(after.doc.get("team", [])):
            key = m["key"]
            now = shown["primary"].get(key) or blank
            if (now == (was["primary"].get(key) or blank) and same_text(state["primary"].get(key, {}), now, ("caller", "order", "channel"))
                    and (key in update.unreached) == (key in unreached_before)):
                continue
            update.rows.append(("call_tree", self.member_row(n, m, now, {}), "true"))
        return update


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
            f'<tr id="ct-row-{esc(key)}" class="{classes}" data-keep="ct:{esc(key)}"{oob_attr(oob)}>'
            f'<th scope="row"><span class="person">{name or position}</span>{badge}{below}</th>\n'
            f'<td>{cell_label(caller, esc(r["labels"][0]))}<select{caller.attrs} data-caller-of="{esc(key)}"{data_options}>'
            f'{head}{self.members("" if chosen == self.root else chosen, exclude=key)}</select>{caller.error_html}</td>\n'
            f'<td class="order">{cell_label(order, esc(r["labels"][1]))}<input type="number"{order.attrs} '
            f'value="{esc(order.value)}" min="1" step="1" inputmode="numeric">{order.error_html}</td>\n'
            f'<td>{cell_label(channel, esc(r["labels"][2]))}<select id="{esc(channel.id)}" name="{esc(channel.name)}">'
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
            f'<tr class="{"has-error" if row.has_errors else ""}" data-row id="{esc(row.prefix)}"{oob_attr(oob)}>'
            f'<td>{row_errors(row)}<input type="hidden" name="rows-links" value="{esc(row.token)}">'
            f'{cell_label(caller, t["alerted_by"])}<select{caller.attrs}{self.data_options}>{root}'
            f'{self.members("" if is_root else caller.value)}</select>{caller.error_html}</td>\n'
            f'<td>{cell_label(callee, t["person_alerted"])}<select{callee.attrs}{self.data_options}>'
            f'{self.callees(callee.value)}</select>{callee.error_html}</td>\n'
            f'<td class="order">{cell_label(order, t["order"])}<input type="number"{order.attrs} value="{esc(order.value)}" '
            f'min="1" step="1">{order.error_html}</td>\n'
            f'<td>{cell_label(channel, t["channel"])}<select id="{esc(channel.id)}" name="{esc(channel.name)}">'
            f'{self.channels(channel.value)}</select></td>\n'
            f'<td>{remove_button(t, t["this_link"])}</td></tr>'
        )
