"""Reading a plan document on a page: names instead of keys, labels instead of codes, durations in
days and weeks; and the differences between two versions told row by row in the same words."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phrom.core.errors import in_language

from .codes import (
    COMPONENT_LABELS,
    HEADER,
    PERIODS,
    Category,
    Channel,
    Classification,
    ImpactLevel,
    TeamRole,
    Window,
)
from .formatting import (
    PERIOD_LABELS,
    as_date,
    date_text,
    duration_text,
    own_scenario_name,
    quantity_text,
    yes_no,
)

LABELS = {
    "title": gettext_lazy("Title"), "classification": gettext_lazy("Classification"),
    "reviewed_on": gettext_lazy("Last reviewed on"), "exercised_on": gettext_lazy("Last exercised on"),
    "objectives": gettext_lazy("Objectives"), "assumptions": gettext_lazy("Assumptions"), "scope": gettext_lazy("Scope"),
    "long_crisis": gettext_lazy("Holds for a crisis longer than one month"),
    "code": gettext_lazy("Scenario"), "name_th": gettext_lazy("Name (Thai)"), "name_en": gettext_lazy("Name (English)"),
    "note": gettext_lazy("Note"), "scenario": gettext_lazy("Scenario"), "category": gettext_lazy("Resource category"),
    "impacted": gettext_lazy("Impacted"), "key": gettext_lazy("Key"), "name": gettext_lazy("Name"),
    "position": gettext_lazy("Position"), "role": gettext_lazy("Role"), "team": gettext_lazy("Team"),
    "phone": gettext_lazy("Phone"), "email": gettext_lazy("E-mail"), "line_id": gettext_lazy("LINE ID"),
    "alternate": gettext_lazy("Alternate"), "strategy": gettext_lazy("Strategy"),
    "digital": gettext_lazy("Relies on e-Service or digital technology"), "mission": gettext_lazy("Mission served"),
    "impact_level": gettext_lazy("Impact level"), "mtpd_hours": gettext_lazy("MTPD"), "rto_hours": gettext_lazy("RTO"),
    "rpo_hours": gettext_lazy("RPO"), "depends_on_it": gettext_lazy("Depends on IT and data"),
    "eservice": gettext_lazy("Has an e-Service"), "impact_over_time": gettext_lazy("Impact over time"),
    "process": gettext_lazy("Process"), "item": gettext_lazy("Item"), "unit": gettext_lazy("Unit"),
    "quantities": gettext_lazy("Quantities needed"), "window": gettext_lazy("Time window"),
    "order": gettext_lazy("Order"), "activity": gettext_lazy("Activity"), "owner": gettext_lazy("Responsible"),
    "caller": gettext_lazy("Alerted by"), "callee": gettext_lazy("Person alerted"), "channel": gettext_lazy("Channel"),
}
CHOICES = {
    "classification": dict(Classification.choices), "category": dict(Category.choices), "role": dict(TeamRole.choices),
    "impact_level": dict(ImpactLevel.choices), "window": dict(Window.choices), "channel": dict(Channel.choices),
}


class DocumentView:
    """A plan document with its references resolved, for read-only pages and differences."""

    def __init__(self, doc: dict, scenario_names: dict):
        self.doc = doc
        self.scenario_names = scenario_names  # code -> (th, en)
        self.members = {m["key"]: m for m in doc.get("team", [])}
        self.processes = {p["key"]: p for p in doc.get("processes", [])}
        self.custom = {s["code"]: s for s in doc.get("scope", {}).get("scenarios", []) if s.get("name_th")}

    def scenario(self, code) -> str:
        if code in self.custom:
            return own_scenario_name(self.custom[code])
        return in_language(*self.scenario_names.get(code, (code, code)))

    def member(self, key) -> str:
        m = self.members.get(key)
        return (m["name"] or m.get("position") or key) if m else (key or "")

    def process(self, key) -> str:
        return self.processes[key]["name"] if key in self.processes else (key or "")

    # ---- values as text

    def value(self, name: str, value) -> str:
        if value is None or value == "" or value == {}:
            return "—"
        if isinstance(value, bool):
            return yes_no(value)
        if name in ("mtpd_hours", "rto_hours", "rpo_hours"):
            return duration_text(value)
        if name in ("reviewed_on", "exercised_on"):
            return date_text(value)  # shown as dates are read; typed as dd/mm/yyyy only in the editor
        if name in CHOICES:
            return str(CHOICES[name].get(value, value))
        if name in ("alternate", "owner", "caller", "callee"):
            return self.member(value)
        if name == "process":
            return self.process(value)
        if name in ("scenario", "code"):
            return self.scenario(value)
        if name == "quantities":
            return ", ".join(f"{PERIOD_LABELS[p]}: {quantity_text(value[p])}" for p in PERIODS if p in value)
        if name == "impact_over_time":
            return "; ".join(f"{PERIOD_LABELS[p]}: {value[p]}" for p in PERIODS if p in value)
        return str(value)

    def describe(self, component: str, row) -> str:
        """A row in a few words: who, which process, which cell."""
        if not isinstance(row, dict):
            return str(row)
        if component == "impacts":
            return f"{self.scenario(row.get('scenario'))} × {self.value('category', row.get('category'))}"
        if component == "team":
            return f"{row.get('name')} ({self.value('role', row.get('role'))})"
        if component == "strategies":
            return f"{self.value('category', row.get('category'))}: {row.get('strategy')}"
        if component == "processes":
            return row.get("name", "")
        if component == "resources":
            where = self.process(row.get("process")) or _("no process")
            return f"{row.get('item')} ({where}, {self.value('category', row.get('category'))})"
        if component == "procedures":
            return f"{self.value('window', row.get('window'))} #{row.get('order')}: {row.get('activity')}"
        if component == "call_tree":
            caller = self.member(row.get("caller")) if row.get("caller") else _("start of the tree")
            return f"{caller} → {self.member(row.get('callee'))}"
        if component == "scope":  # a scenario row
            return self.scenario(row.get("code"))
        return ", ".join(f"{k}: {v}" for k, v in row.items())

    def details(self, component: str, row: dict) -> list[tuple[str, str]]:
        skip = {"key"}
        return [(str(LABELS.get(k, k)), self.value(k, v)) for k, v in row.items() if k not in skip]


def present_diff(diff: dict, before: DocumentView, after: DocumentView) -> list[dict]:
    """diff_versions()' components, in words for the compare page."""
    out = []
    for component, d in diff.items():
        fields = [
            {"label": str(LABELS.get(name, name)), "before": before.value(name, v["before"]),
             "after": after.value(name, v["after"])}
            for name, v in d.get("fields", {}).items()
        ]
        changed = []
        for c in d["changed"]:
            changed.append({
                "what": after.describe(component, c["after"]),
                "fields": [
                    {"label": str(LABELS.get(f, f)), "before": before.value(f, c["before"].get(f)),
                     "after": after.value(f, c["after"].get(f))}
                    for f in c["fields"] if f != "key"
                ],
            })
        out.append({
            "component": component, "label": COMPONENT_LABELS.get(component, component), "fields": fields,
            "added": [{"what": after.describe(component, a["row"]), "details": after.details(component, a["row"])}
                      for a in d["added"]],
            "removed": [{"what": before.describe(component, r["row"]), "details": before.details(component, r["row"])}
                        for r in d["removed"]],
            "changed": changed,
        })
    order = [HEADER, "scope", "impacts", "team", "strategies", "processes", "resources", "procedures", "call_tree"]
    return sorted(out, key=lambda c: order.index(c["component"]) if c["component"] in order else 99)


class ReadView(DocumentView):
    """The components of a document as rows ready for the read-only tables."""

    def scenarios(self):
        return [{"name": self.scenario(s["code"]), "note": s.get("note", "")}
                for s in self.doc.get("scope", {}).get("scenarios", [])]

    def impact_rows(self):
        return [{"scenario": self.scenario(r["scenario"]), "category": self.value("category", r["category"]),
                 "impacted": r["impacted"], "note": r["note"]} for r in self.doc.get("impacts", [])]

    def team_rows(self):
        return [{**m, "role_label": self.value("role", m["role"]),
                 "alternate_name": self.member(m["alternate"]) if m.get("alternate") else ""}
                for m in self.doc.get("team", [])]

    def strategy_groups(self):
        groups = []
        for cat, label in Category.choices:
            items = [s for s in self.doc.get("strategies", []) if s["category"] == cat]
            if items:
                groups.append({"label": label, "items": items})
        return groups

    def process_rows(self):
        return [{
            **p, "level": self.value("impact_level", p.get("impact_level")) if p.get("impact_level") else "",
            "mtpd": duration_text(p.get("mtpd_hours")), "rto": duration_text(p.get("rto_hours")),
            "rpo": duration_text(p.get("rpo_hours")),
            "over_time": [(PERIOD_LABELS[k], p["impact_over_time"][k]) for k in PERIODS if k in (p.get("impact_over_time") or {})],
        } for p in self.doc.get("processes", [])]

    @property
    def period_labels(self):
        return [PERIOD_LABELS[p] for p in PERIODS]

    def resource_groups(self):
        groups: dict = {}
        for r in self.doc.get("resources", []):
            key = r.get("process") or ""
            group = groups.setdefault(key, {"process": self.process(key) if key else "", "rows": []})
            group["rows"].append({**r, "category_label": self.value("category", r["category"]),
                                  "qty": [quantity_text(r["quantities"].get(p)) for p in PERIODS]})
        return list(groups.values())

    def procedure_groups(self):
        out = []
        for window, label in Window.choices:
            steps = [{**s, "owner_name": self.member(s["owner"]) if s.get("owner") else "",
                      "process_name": self.process(s["process"]) if s.get("process") else ""}
                     for s in self.doc.get("procedures", []) if s["window"] == window]
            if steps:
                out.append({"label": label, "steps": steps})
        return out

    def call_links(self):
        return [{"caller": self.member(link["caller"]) if link.get("caller") else "",
                 "callee": self.member(link["callee"]), "order": link["order"],
                 "channel": self.value("channel", link["channel"])} for link in self.doc.get("call_tree", [])]

    @property
    def reviewed_on(self):
        return as_date(self.doc.get("reviewed_on"))

    @property
    def exercised_on(self):
        return as_date(self.doc.get("exercised_on"))
