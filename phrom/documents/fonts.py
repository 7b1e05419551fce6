"""The Sarabun font (SIL OFL, PyPI package fontpkg-sarabun) as @font-face rules for printed pages.

The family is named "Sarabun", never "TH Sarabun": Debian's fontconfig maps that name to another
font and the glyphs then overlap (issue 4)."""

import base64
import struct
from functools import lru_cache
from pathlib import Path

import fontpkg_sarabun

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
# Only the faces the print template uses: every face is inlined into each page printed.
FACES = [("Sarabun-Regular.ttf", 400, "normal"), ("Sarabun-Bold.ttf", 700, "normal")]


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


@lru_cache(maxsize=2)
def advances(bold: bool = False) -> dict[int, float]:
    """Advance width (in em) of each character of Sarabun, read from the font's cmap and hmtx
    tables: the call-tree boxes are sized and their lines broken before any browser sees them."""
    data = (FONT_DIR / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf")).read_bytes()
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag.decode()] = (offset, length)
    units = struct.unpack(">H", data[tables["head"][0] + 18 : tables["head"][0] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"][0] + 34 : tables["hhea"][0] + 36])[0]
    hmtx = tables["hmtx"][0]
    widths = [struct.unpack(">H", data[hmtx + 4 * g : hmtx + 4 * g + 2])[0] for g in range(metrics)]
    cmap = tables["cmap"][0]
    glyphs: dict[int, int] = {}
    for i in range(struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]):
        platform, encoding, offset = struct.unpack(">HHI", data[cmap + 4 + 8 * i : cmap + 12 + 8 * i])
        sub = cmap + offset
        if (platform, encoding) != (3, 1) or struct.unpack(">H", data[sub : sub + 2])[0] != 4:
            continue
        segments = struct.unpack(">H", data[sub + 6 : sub + 8])[0] // 2
        ends = struct.unpack(f">{segments}H", data[sub + 14 : sub + 14 + 2 * segments])
        base = sub + 16 + 2 * segments
        starts = struct.unpack(f">{segments}H", data[base : base + 2 * segments])
        deltas = struct.unpack(f">{segments}h", data[base + 2 * segments : base + 4 * segments])
        range_base = base + 4 * segments
        range_offsets = struct.unpack(f">{segments}H", data[range_base : range_base + 2 * segments])
        for s, (start, end, delta, ro) in enumerate(zip(starts, ends, deltas, range_offsets, strict=True)):
            for code in range(start, min(end, 0xFFFE) + 1):
                if ro == 0:
                    glyph = (code + delta) & 0xFFFF
                else:
                    at = range_base + 2 * s + ro + 2 * (code - start)
                    glyph = struct.unpack(">H", data[at : at + 2])[0]
                    glyph = (glyph + delta) & 0xFFFF if glyph else 0
                if glyph:
                    glyphs[code] = glyph
        break
    return {code: widths[min(g, metrics - 1)] / units for code, g in glyphs.items()}
