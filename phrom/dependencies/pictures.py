"""The pictures of dependencies as inline SVG: a plan's processes and what they depend on, one
service and the agencies that depend on it. Positions are computed here; the templates draw them."""

from __future__ import annotations

from dataclasses import dataclass, field

BOX_W, BOX_H, GAP_Y, COLUMN_GAP = 300, 48, 12, 120
LABEL_CHARS = 38


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Box:
    x: int
    y: int
    label: str
    full: str
    kind: str  # "process", "agency", "utility", "supplier", "dependant"
    bad: bool = False  # a gap: this process's RTO cannot be met, or this dependency causes one
    sub: str = ""  # a second, smaller line: its times


@dataclass
class Picture:
    width: int
    height: int
    box_w: int = BOX_W
    box_h: int = BOX_H
    boxes: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # {"d": path, "bad": bool}


def _column(items, x: int, rows: int) -> list[Box]:
    """The boxes of one column, centred beside the longer column."""
    top = (rows - len(items)) * (BOX_H + GAP_Y) // 2
    return [Box(x, top + i * (BOX_H + GAP_Y), short(label), f"{label} · {sub}", kind, bad, short(sub, 44))
            for i, (label, kind, bad, sub) in enumerate(items)]


def _line(a: Box, b: Box, bad: bool) -> dict:
    x1, y1, x2, y2 = a.x + BOX_W, a.y + BOX_H // 2, b.x, b.y + BOX_H // 2
    middle = (x1 + x2) // 2
    return {"d": f"M{x1} {y1} C{middle} {y1} {middle} {y2} {x2} {y2}", "bad": bad}


def two_columns(left: list, right: list, links: list) -> Picture:
    """left, right: (label, kind, bad, second line); links: (left index, right index, bad)."""
    rows = max(len(left), len(right), 1)
    lefts, rights = _column(left, 0, rows), _column(right, BOX_W + COLUMN_GAP, rows)
    picture = Picture(width=2 * BOX_W + COLUMN_GAP, height=rows * (BOX_H + GAP_Y) - GAP_Y)
    picture.boxes = lefts + rights
    picture.lines = [_line(lefts[i], rights[j], bad) for i, j, bad in links]
    return picture
