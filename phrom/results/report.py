"""The after-action report of one result: what the page, the PDF and the Word file show, built once."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phrom.plans.codes import COMPONENT_LABELS, Category
from phrom.plans.formatting import duration_text

from .models import ExerciseType, Result
from .recovery import OUTCOME_LABELS, STILL_DOWN, achievement, outcome

OBJECTIVE_LABELS = {"met": gettext_lazy("met"), "partly": gettext_lazy("partly met"), "not_met": gettext_lazy("not met")}
RATING_LABELS = {"usable": gettext_lazy("usable"), "partly": gettext_lazy("partly usable"),
                 "unusable": gettext_lazy("unusable")}
CHART_LIMIT = 40  # processes drawn in the chart (a report lists them all)


def _outcome_rows(result: Result) -> list[dict]:
    rows = []
    for p in result.processes.all():
        code = outcome(p.rto_hours, p.mtpd_hours, p.recovered_hours, p.still_down)
        rows.append({
            "key": p.process_key, "name": p.process_name, "outcome": code, "outcome_label": str(OUTCOME_LABELS[code]),
            "rto": duration_text(p.rto_hours) or "–", "mtpd": duration_text(p.mtpd_hours) or "–",
            "recovered": str(OUTCOME_LABELS[STILL_DOWN]) if p.still_down else duration_text(p.recovered_hours) or "–",
            "rto_hours": p.rto_hours, "recovered_hours": p.recovered_hours, "still_down": p.still_down,
        })
    return rows


def report(result: Result) -> dict:
    occasion = result.occasion
    rows = _outcome_rows(result)
    categories = dict(Category.choices)
    return {
        "result": result, "occasion": occasion, "is_exercise": result.kind == Result.Kind.EXERCISE,
        "kind_label": (str(dict(ExerciseType.choices)[occasion.kind]) if result.kind == Result.Kind.EXERCISE
                       else _("real event")),
        "rows": rows, "achievement": achievement(r["outcome"] for r in rows),
        "objectives": [{**o, "label": OBJECTIVE_LABELS.get(o.get("status", ""), "–")} for o in result.objectives],
        "usability": [{"component": c, "label": COMPONENT_LABELS[c], "rating": v["rating"],
                       "rating_label": RATING_LABELS[v["rating"]], "reason": v.get("reason", "")}
                      for c, v in result.usability.items() if c in COMPONENT_LABELS],
        "resources": [{**r, "category_label": categories.get(r["category"], "")} for r in result.resources_short],
        "findings": [{**f, "component_label": COMPONENT_LABELS.get(f["component"], "")} for f in result.findings],
        "actions": list(result.actions.all()),
        "training": list(result.training_needs.select_related("skill")),
        "chart": chart_data(rows),
    }


def chart_data(rows: list[dict]) -> dict:
    """Planned RTO against the recovery reached, per process (hours; a process still down has none)."""
    drawn = [r for r in rows if r["rto_hours"] is not None or r["recovered_hours"] is not None or r["still_down"]]
    drawn = drawn[:CHART_LIMIT]
    return {"names": [r["name"] for r in drawn], "rto": [r["rto_hours"] for r in drawn],
            "recovered": [r["recovered_hours"] for r in drawn], "still_down": [r["still_down"] for r in drawn],
            "labels": {"rto": _("RTO in the plan (hours)"), "recovered": _("recovered after (hours)"),
                       "still_down": str(OUTCOME_LABELS[STILL_DOWN])}}


def chart_svg(chart: dict, width: int = 620) -> str:
    """The same chart as an SVG for the printed report (no script in a PDF): horizontal bars, the RTO
    grey, the recovery green when within it and red when not."""
    names = chart["names"]
    if not names:
        return ""
    top = max([h for h in chart["rto"] + chart["recovered"] if h is not None] + [1])
    label_w, bar_h, gap = 210, 9, 10
    scale = (width - label_w - 60) / top
    height = len(names) * (2 * bar_h + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(chart["labels"]["recovered"])}" font-family="Sarabun" font-size="11">']
    for i, name in enumerate(names):
        y = 10 + i * (2 * bar_h + gap)
        rto, rec, down = chart["rto"][i], chart["recovered"][i], chart["still_down"][i]
        short = name if len(name) <= 34 else name[:33] + "…"
        parts.append(f'<text x="0" y="{y + bar_h + 3}">{escape(short)}</text>')
        if rto is not None:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{max(rto * scale, 1):.1f}" height="{bar_h}" fill="#9aa5b1"/>'
                         f'<text x="{label_w + rto * scale + 4:.1f}" y="{y + bar_h - 1}">{duration_text(rto)}</text>')
        if down:
            parts.append(f'<text x="{label_w}" y="{y + 2 * bar_h + 1}" fill="#b42318">{escape(chart["labels"]["still_down"])}</text>')
        elif rec is not None:
            late = rto is not None and rec > rto
            parts.append(f'<rect x="{label_w}" y="{y + bar_h}" width="{max(rec * scale, 1):.1f}" height="{bar_h}" '
                         f'fill="{"#b42318" if late else "#1a7f37"}"/>'
                         f'<text x="{label_w + rec * scale + 4:.1f}" y="{y + 2 * bar_h - 1}">{duration_text(rec)}</text>')
    parts.append("</svg>")
    return "".join(parts)
