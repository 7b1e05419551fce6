"""Reading a printed plan back: its text (poppler's pdftotext), its pages, its columns."""

import re
import subprocess
from pathlib import Path


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
