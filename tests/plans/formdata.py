"""Read a page's form the way a browser submits it: what the page shows is what a save sends back."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields of one <form id=...> as (name, value) pairs in page order; <template> rows are skipped."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.template_depth = 0
        self.fields: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "template":
            self.template_depth += 1
        if self.template_depth:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            else:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "value": None, "first": None}
        elif tag == "option" and self._select is not None:
            self._option = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = self._option
            if "selected" in a:
                self._select["value"] = self._option
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "template":
            self.template_depth -= 1
            return
        if self.template_depth:
            return
        if tag == "select" and self._select is not None:
            s = self._select
            self.fields.append((s["name"], s["value"] if s["value"] is not None else (s["first"] or "")))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            value = self._textarea[1]
            self.fields.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def handle_data(self, data):
        if self._textarea is not None and not self.template_depth:
            self._textarea[1] += data


def read_form(html: str, form_id: str = "component-form") -> list[tuple[str, str]]:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


def element_ids(html: str) -> set[str]:
    reader = FormReader("-")
    reader.feed(html)
    return reader.ids


def as_post(fields: list[tuple[str, str]]) -> dict:
    """Django's test client takes a dict of lists for repeated names; order within a name is kept."""
    out: dict[str, list[str]] = {}
    for name, value in fields:
        out.setdefault(name, []).append(value)
    return out


def replace(fields, name, value):
    """Set the (single) field `name`, adding it if the page had none (an unticked checkbox)."""
    out = [(n, v) for n, v in fields if n != name]
    if value is not None:
        out.append((name, value))
    return out


def value_of(fields, name):
    for n, v in fields:
        if n == name:
            return v
    return None


# What plan-edit.js sends on an htmx save (phrom/plans/static/plans/plan-edit.js, htmx:configRequest):
# rows nobody touched as "kept" (token only), each list's order as one comma-separated value.
KEEPABLE = ("team", "strategies", "processes", "resources", "procedures")


def row_of(name: str):
    """The row a field belongs to, as plan-edit.js sees it: ("team", "12") for team-12-phone,
    ("ct", "m3") for ct-m3-caller; None for fields outside the rows."""
    head, _sep, rest = name.partition("-")
    if head in KEEPABLE and rest:
        return head, rest.split("-", 1)[0]
    if head == "ct" and rest:
        return "ct", rest.rsplit("-", 1)[0]
    return None


def as_sent_by_script(page_fields, fields) -> list[tuple[str, str]]:
    """`fields` (the page's fields as changed by the user) as the script posts them: the rows
    whose fields are all as the page showed them are sent as kept."""
    shown, posted = {}, {}
    for name, value in page_fields:
        shown.setdefault(name, []).append(value)
    for name, value in fields:
        posted.setdefault(name, []).append(value)
    names = set(shown) | set(posted)
    rows = {row_of(n) for n in names} - {None}
    touched = {row_of(n) for n in names if row_of(n) and shown.get(n) != posted.get(n)}
    kept = rows - touched
    out, orders = [], {}
    for name, value in fields:
        if name.startswith("rows-"):
            orders.setdefault(name, []).append(value)
        elif row_of(name) not in kept:
            out.append((name, value))
    out += [(name, ",".join(tokens)) for name, tokens in orders.items()]
    lists: dict[str, list[str]] = {}
    for row in sorted(kept):
        lists.setdefault(row[0], []).append(row[1])
    out += [(f"kept-{name}", ",".join(tokens)) for name, tokens in lists.items()]
    return out
