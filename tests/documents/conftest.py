"""Plans to print: the typical plan of the speed targets (20 processes, 40 people), and the starter
templates of phrom/plans/starter_templates when that folder has any."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from phrom.documents.sample import typical_header, typical_plan
from tests.bundles.conftest import rayong  # noqa: F401  (sent plans of a province, for the downloads)
from tests.campaigns.conftest import people  # noqa: F401

STARTER_TEMPLATES = Path(__file__).resolve().parents[2] / "phrom" / "plans" / "starter_templates"


@pytest.fixture(autouse=True)
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def plan():
    return typical_plan()


@pytest.fixture
def header():
    return typical_header()


def starter_templates() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(STARTER_TEMPLATES.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        out.append((path.stem, {k: v for k, v in raw.items() if k != "template"}))
    return out


def squeeze(text: str) -> str:
    """Text without whitespace or hyphens: a PDF's lines break anywhere in a table cell, and
    pdftotext joins a line ending in a hyphen to the next without it."""
    return re.sub(r"[\s-]+", "", text)


def pdftotext(pdf: Path, page: int | None = None, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def column_texts(pdf: Path) -> list[str]:
    """The text of each column of each page: the lines that start at one x, top to bottom, run
    together. A table cell's lines follow each other here, whatever order pdftotext reads the
    cells in."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    columns: dict[tuple[int, int], list[tuple[float, str]]] = {}
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            words = "".join(re.findall(r">([^<]*)</word>", m.group(3)))
            columns.setdefault((number, round(float(m.group(1)))), []).append((float(m.group(2)), words))
    return [squeeze("".join(text for _, text in sorted(lines))) for lines in columns.values()]
