"""The province map as a static SVG (for the printed Cabinet report; the page draws it with ECharts):
the shipped GeoJSON projected plainly (longitude scaled by the cosine of Thailand's mid latitude)."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

GEOJSON = Path(__file__).parent / "static" / "statistics" / "thailand-provinces.geojson"
WIDTH = 300
# Five classes of coverage, light to dark; grey: no agency must have a plan there.
CLASSES = ((20, "#f3e6d0"), (40, "#e2c08a"), (60, "#b7791f"), (80, "#5a6f8f"), (100.01, "#12467a"))
EMPTY = "#dddddd"


@cache
def _shapes() -> tuple[dict[str, list[list[tuple[float, float]]]], tuple[float, float, float, float]]:
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shapes: dict[str, list] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        shapes[feature["properties"]["code"]] = [ring for polygon in polygons for ring in polygon]
    points = [p for rings in shapes.values() for ring in rings for p in ring]
    return shapes, (min(p[0] for p in points), max(p[0] for p in points),
                    min(p[1] for p in points), max(p[1] for p in points))


def colour(value) -> str:
    if value is None:
        return EMPTY
    return next(c for limit, c in CLASSES if float(value) < limit)


def svg(values: dict) -> str:
    """province code -> percent (or None): the choropleth as an SVG string."""
    shapes, (x0, x1, y0, y1) = _shapes()
    kx = math.cos(math.radians((y0 + y1) / 2))
    scale = WIDTH / ((x1 - x0) * kx)
    height = (y1 - y0) * scale
    paths = []
    for code, rings in sorted(shapes.items()):
        d = " ".join("M" + " L".join(f"{(x - x0) * kx * scale:.1f},{(y1 - y) * scale:.1f}" for x, y in ring) + "Z"
                     for ring in rings)
        paths.append(f'<path d="{d}" fill="{colour(values.get(code))}" stroke="#fff" stroke-width="0.4"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
            f'height="{height:.0f}" role="img">{"".join(paths)}</svg>')
