"""The Sarabun font (SIL OFL, PyPI package fontpkg-sarabun) as @font-face rules for printed pages.

The family is named "Sarabun", never "TH Sarabun": Debian's fontconfig maps that name to another
font and the glyphs then overlap (issue 4)."""

import base64
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
FACES = [("Sarabun-Regular.ttf", 400, "normal"), ("Sarabun-Bold.ttf", 700, "normal"), ("Sarabun-Italic.ttf", 400, "italic")]


@lru_cache(maxsize=1)
def embedded_font_faces() -> str:
    """@font-face rules with the fonts inline (data: URLs): the page needs no file or network access."""
    return "\n".join(
        _face(f"data:font/ttf;base64,{base64.b64encode((FONT_DIR / name).read_bytes()).decode()}", weight, style)
        for name, weight, style in FACES
    )


def linked_font_faces(base_url: str) -> str:
    """@font-face rules pointing at served copies (a print preview page: `static('fonts/sarabun/')`)."""
    return "\n".join(_face(f"{base_url}{name}", weight, style) for name, weight, style in FACES)


def _face(url: str, weight: int, style: str) -> str:
    return (
        f"@font-face {{ font-family: 'Sarabun'; font-weight: {weight}; font-style: {style}; "
        f"src: url({url}) format('truetype'); }}"
    )
