"""What the review page shows of a Word reading: per section, what was recognised, in the user's language."""

from django.utils.translation import gettext as _

from phrom.plans.codes import PERIODS, Category, Channel, ImpactLevel, TeamRole, Window
from phrom.plans.formatting import PERIOD_LABELS, choice_label, duration_text, quantity_text
from phrom.plans.models import Scenario

from .word import SECTION_LABELS, SECTIONS

PREVIEW_ROWS = 60


def review_sections(reading: dict) -> list[dict]:
    doc = reading.get("document") or {}
    found = reading.get("found") or {}
    names = {m["key"]: m["name"] or m["position"] for m in doc.get("team", [])}
    processes = {p["key"]: p["name"] for p in doc.get("processes", [])}
    catalogue = dict(Scenario.objects.values_list("code", "name_th"))
    scenario_names = {s["code"]: s.get("name_th") or catalogue.get(s["code"], s["code"])
                      for s in doc.get("scope", {}).get("scenarios", [])}
    periods = [str(PERIOD_LABELS[p]) for p in PERIODS]
    tables = {
        "scenarios": (
            [_("Scenario"), _("Resources impacted")],
            [[scenario_names[code], ", ".join(choice_label(Category, i["category"]) for i in doc.get("impacts", [])
                                             if i["scenario"] == code)] for code in scenario_names],
        ),
        "team": (
            [_("Name"), _("Position"), _("Role"), _("Phone"), _("Alternate")],
            [[m["name"], m["position"], choice_label(TeamRole, m["role"]), m["phone"], names.get(m["alternate"], "")]
             for m in doc.get("team", [])],
        ),
        "strategies": (
            [_("Resource"), _("Strategy")],
            [[choice_label(Category, s["category"]), s["strategy"]] for s in doc.get("strategies", [])],
        ),
        "processes": (
            [_("Process"), _("Impact level"), "RTO", "MTPD", "RPO"],
            [[p["name"], choice_label(ImpactLevel, p["impact_level"]), duration_text(p["rto_hours"]),
              duration_text(p["mtpd_hours"]), duration_text(p["rpo_hours"])] for p in doc.get("processes", [])],
        ),
        "resources": (
            [_("Resource"), _("Item"), _("Process"), _("Unit"), *periods],
            [[choice_label(Category, r["category"]), r["item"], processes.get(r["process"], ""), r["unit"],
              *[quantity_text(r["quantities"].get(p)) for p in PERIODS]] for r in doc.get("resources", [])],
        ),
        "procedures": (
            [_("Time window"), _("Step"), _("Activity"), _("Responsible")],
            [[choice_label(Window, s["window"]), s["order"], s["activity"], names.get(s["owner"], "")]
             for s in doc.get("procedures", [])],
        ),
        "call_tree": (
            [_("Caller"), _("Alerts"), _("Channel")],
            [[names.get(c["caller"], _("(first alerted)")), names.get(c["callee"], ""), choice_label(Channel, c["channel"])]
             for c in doc.get("call_tree", [])],
        ),
    }
    out = []
    for section in SECTIONS:
        header, rows = tables[section]
        info = found.get(section, {})
        out.append({
            "key": section, "label": _(SECTION_LABELS[section]), "found": bool(rows), "count": len(rows),
            "tables": info.get("tables", []), "header": header, "rows": rows[:PREVIEW_ROWS],
            "more": max(0, len(rows) - PREVIEW_ROWS),
        })
    return out
