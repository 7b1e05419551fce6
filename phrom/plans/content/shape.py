"""The shape of a `phrom-plan/1` document: its header and eight components, empty or assembled."""

from __future__ import annotations

from ..codes import ALL_COMPONENTS, COMPONENTS, FORMAT, HEADER, Category, Classification

CATEGORIES = {c.value for c in Category}
HEADER_FIELDS = ("title", "classification", "reviewed_on", "exercised_on")

EMPTY_SCOPE = {"objectives": "", "assumptions": "", "scope": "", "long_crisis": False, "scenarios": []}


def empty_component(component: str):
    if component == HEADER:
        return {"title": "", "classification": Classification.NORMAL.value, "reviewed_on": None, "exercised_on": None}
    if component == "scope":
        return {**EMPTY_SCOPE, "scenarios": []}
    return []


def empty_document() -> dict:
    return assemble({c: empty_component(c) for c in ALL_COMPONENTS})


def assemble(parts: dict) -> dict:
    """One document from its header and the eight components."""
    return {"format": FORMAT, **parts[HEADER], **{c: parts[c] for c in COMPONENTS}}


def split(doc: dict) -> dict:
    """The inverse of assemble: component -> its part of the document."""
    parts = {HEADER: {k: doc.get(k) for k in HEADER_FIELDS}}
    for c in COMPONENTS:
        parts[c] = doc.get(c, empty_component(c))
    return parts


def plain_number(value):
    """JSON-friendly: 24.0 -> 24."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
