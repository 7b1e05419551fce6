"""The editor of the plan's details: title, classification, and the dates it was last reviewed and exercised."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from ..codes import HEADER, Classification
from ..formatting import format_thai_date, parse_thai_date
from .base import Editor, Field, anchor, local_error


class HeaderEditor(Editor):
    component = HEADER
    template = "plans/edit/header.html"

    def state_from_doc(self, data, ctx):
        return {
            "title": data["title"], "classification": data["classification"],
            "reviewed_on": format_thai_date(data["reviewed_on"]), "exercised_on": format_thai_date(data["exercised_on"]),
        }

    def state_from_post(self, post, ctx):
        return {name: post.get(name, "").strip() for name in ("title", "classification", "reviewed_on", "exercised_on")}

    def to_data(self, state, ctx):
        errors, data = [], {"title": state["title"], "classification": state["classification"] or "normal"}
        for name in ("reviewed_on", "exercised_on"):
            try:
                day = parse_thai_date(state[name])
            except ValueError:
                errors.append(local_error(name, gettext_noop(
                    "Enter the date as day/month/year of the Buddhist era, e.g. 15/10/2568.")))
                day = None
            data[name] = day.isoformat() if day else None
        return data, errors

    def context(self, state, errors, ctx):
        f = {name: Field(anchor(name), name, state[name], errors.by_id.get(anchor(name)))
             for name in ("title", "classification", "reviewed_on", "exercised_on")}
        return {"f": f, "classifications": Classification.choices}
