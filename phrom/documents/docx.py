"""The plan as a Word document (.docx), built with python-docx from the same print context as the PDF.

Thai in Word: the text is in the complex-script ranges, so Word takes the font from `w:rFonts/@w:cs`,
the size from `w:szCs` and the language from `w:lang/@w:bidi`; the default template's theme-font
attributes (asciiTheme, cstheme …) would override the named font and are removed. The font is
"TH Sarabun New", installed on government PCs, 16 pt for the body as Thai official documents use.

The call tree is a Word drawing (a group of text boxes and connector lines), so it stays sharp,
editable and in the document's font; coordinates come from the print context.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import translation
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from .context import LINE as LINE_PX
from .context import PAGE_HEIGHT, digits, print_context

FONT = "TH Sarabun New"
SYMBOL_FONT = "Segoe UI Symbol"  # ✓ and ☐: not in TH Sarabun New
BODY_PT = 16
TABLE_PT = 14
SMALL_PT = 13
RED = RGBColor(0xB0, 0x00, 0x00)
GREY = "E6E6E6"
TEXT_WIDTH_CM = 16.0  # A4 less 3 cm left and 2 cm right margins
EMU_PER_PX = 9525  # CSS pixel (96 dpi) in English Metric Units
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
TICK, BOX = "✓", "☐"
TREE_SCALE = 1.2
WIDE = {"bia"}  # components printed on landscape pages: the BIA table has eleven columns
DRAWING_NS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    }.items()
)


def render_docx(doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> bytes:
    """The plan as .docx bytes."""
    with translation.override(language):
        context = print_context(doc, header, thai_digits=thai_digits, tree_height=PAGE_HEIGHT / TREE_SCALE)
        builder = _DocxBuilder(context, thai_digits=thai_digits)
        return builder.build()


class _DocxBuilder:
    def __init__(self, c: dict, *, thai_digits: bool):
        self.c = c
        self.thai_digits = thai_digits
        self.document = Document()
        self.shape_id = 1000
        self.cell_pt = TABLE_PT
        self.width_cm = TEXT_WIDTH_CM

    def build(self) -> bytes:
        self.setup()
        self.cover()
        self.contents()
        landscape = False
        for section in self.c["sections"]:
            wide = section["key"] in WIDE
            title = f"{section['number']}. {section['title']}"
            if wide != landscape:
                self.new_section(landscape=wide)  # the section break starts a new page
                landscape = wide
                self.heading(title, 1)
            else:
                self.heading(title, 1, new_page=True)
            getattr(self, f"component_{section['key']}")(section)
        props = self.document.core_properties
        props.title = self.c["meta"]["title"]
        props.subject = self.c["meta"]["organisation"]
        props.language = "th-TH"
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    # -- styles, page, header and footer

    def setup(self) -> None:
        d = self.document
        styles = d.styles.element
        # No theme fonts anywhere in the styles: they would win over the named Thai font.
        for fonts in styles.iter(qn("w:rFonts")):
            for attr in THEME_ATTRS:
                fonts.attrib.pop(qn(attr), None)
        for color in styles.iter(qn("w:color")):
            for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
                color.attrib.pop(qn(attr), None)
        defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _thai_rpr(defaults, BODY_PT)
        normal = d.styles["Normal"]
        _thai_rpr(normal.element.get_or_add_rPr(), BODY_PT)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        for name, size, before, after in (("Heading 1", 18, 0, 6), ("Heading 2", 16, 8, 2), ("Heading 3", 16, 6, 0)):
            style = d.styles[name]
            style.font.bold = True
            rpr = style.element.get_or_add_rPr()
            if rpr.find(qn("w:bCs")) is None:  # Thai is complex script: bold needs w:bCs too
                rpr.append(parse_xml(f'<w:bCs {nsdecls("w")}/>'))
            _thai_rpr(rpr, size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(after)
            style.paragraph_format.keep_with_next = True
        for name in ("Title", "Caption", "Header", "Footer", "Table Grid"):
            if name in [s.name for s in d.styles]:
                _thai_rpr(d.styles[name].element.get_or_add_rPr(), BODY_PT)
        settings = d.settings.element
        # Ask Word to update fields (the table of contents) when the file is opened.
        settings.find(qn("w:compat")).addprevious(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:bidi"), "th-TH")

        section = d.sections[0]
        self.page_setup(section, landscape=False)
        section.different_first_page_header_footer = True  # no page number on the cover
        self.furniture(section)

    def page_setup(self, section, *, landscape: bool) -> None:
        """A4 with the margins of Thai official documents (3 cm on the binding side)."""
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
            section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
            section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
            section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
        section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)

    def text_width(self, section) -> float:
        return (section.page_width - section.left_margin - section.right_margin) / 360000  # EMU → cm

    def furniture(self, section) -> None:
        """The security marking in the header of every page (when sensitive) and the page number."""
        meta = self.c["meta"]
        width = self.text_width(section)
        heads = [section.header] + ([section.first_page_header] if section.different_first_page_header_footer else [])
        feet = [(section.footer, True)]
        if section.different_first_page_header_footer:
            feet.append((section.first_page_footer, False))
        for head in heads:
            head.is_linked_to_previous = False
            p = head.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if meta["sensitive"]:
                self.run(p, meta["mark"], bold=True, color=RED)
                p.add_run().add_break()
                self.run(p, meta["mark_note"], size=12, color=RED)
        for foot, numbered in feet:
            foot.is_linked_to_previous = False
            # The marking in the middle, the page number on the right: two tab stops.
            p = foot.paragraphs[0]
            stops = p.paragraph_format.tab_stops
            stops.add_tab_stop(Cm(width / 2), WD_TAB_ALIGNMENT.CENTER)
            stops.add_tab_stop(Cm(width), WD_TAB_ALIGNMENT.RIGHT)
            p.add_run("\t")
            if meta["sensitive"]:
                self.run(p, meta["mark"], bold=True, color=RED)
            if numbered:
                p.add_run("\t")
                self.run(p, f"{meta['page']} ", size=SMALL_PT)
                self.field(p, "PAGE \\* ThaiArabic" if self.thai_digits else "PAGE", self.digits(1), size=SMALL_PT)

    def new_section(self, *, landscape: bool) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        self.page_setup(section, landscape=landscape)
        self.furniture(section)
        self.width_cm = self.text_width(section)

    def run(self, paragraph, text: str, *, bold: bool = False, size: float | None = None, color=None,
            font: str | None = None):
        """Append a run, its properties written straight in schema order (python-docx's property
        setters search the tree on every call: too slow for a thousand table cells)."""
        r = OxmlElement("w:r")
        if bold or size or color is not None or font:
            rpr = etree.SubElement(r, qn("w:rPr"))
            if font:
                etree.SubElement(rpr, qn("w:rFonts"), {qn(f"w:{k}"): font for k in ("ascii", "hAnsi", "eastAsia", "cs")})
            if bold:
                etree.SubElement(rpr, qn("w:b"))
                etree.SubElement(rpr, qn("w:bCs"))
            if color is not None:
                etree.SubElement(rpr, qn("w:color"), {qn("w:val"): str(color)})
            if size:
                etree.SubElement(rpr, qn("w:sz"), {qn("w:val"): str(int(size * 2))})
                etree.SubElement(rpr, qn("w:szCs"), {qn("w:val"): str(int(size * 2))})
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        getattr(paragraph, "_p", paragraph).append(r)
        return r

    def field(self, paragraph, instruction: str, result: str, *, size: float | None = None) -> None:
        """A complex field (PAGE, TOC …) with a cached result shown until Word updates it."""
        p = paragraph._p
        p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
        p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'))
        p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        self.run(paragraph, result, size=size)
        p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))

    def paragraph(self, text: str = "", *, align=None, size=None, bold=False, before=0, after=0, style=None,
                  indent_first=False):
        p = self.document.add_paragraph(style=style)
        if text:
            self.run(p, text, bold=bold, size=size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_before = Pt(before)
        p.paragraph_format.space_after = Pt(after)
        if indent_first:
            p.paragraph_format.first_line_indent = Cm(1.25)
        return p

    def digits(self, number: int) -> str:
        """A number the builder counts itself (a sub-heading's), in the document's digits."""
        return digits(number, self.thai_digits)

    def heading(self, text: str, level: int, *, new_page: bool = False):
        p = self.document.add_paragraph()
        p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="Heading{level}"/>'))
        self.run(p, text)
        if new_page:
            p.paragraph_format.page_break_before = True
        return p

    # -- cover and contents

    def cover(self) -> None:
        m = self.c["meta"]
        center = WD_ALIGN_PARAGRAPH.CENTER
        self.paragraph(m["generic_title"], align=center, size=18, bold=True, before=60)
        rule = self.paragraph(align=center, after=12)
        _bottom_border(rule)
        rule.paragraph_format.left_indent = Cm(5)
        rule.paragraph_format.right_indent = Cm(5)
        self.paragraph(m["title"], align=center, size=28, bold=True, before=12)
        self.paragraph(m["organisation"], align=center, size=24, bold=True, before=36)
        where = " · ".join(x for x in (m["kind"], m["province"]) if x)
        if where:
            self.paragraph(where, align=center, size=18)
        if m["fiscal_year"]:
            self.paragraph(m["fiscal_year"], align=center, size=18, before=4)
        first = True
        for text, bold, size in (
            (m["version"], True, 18),
            (m["approval"], False, BODY_PT),
            (m["accepted"], False, BODY_PT),
            (m["reviewed"], False, BODY_PT),
            (m["exercised"], False, BODY_PT),
        ):
            if text:
                self.paragraph(text, align=center, size=size, bold=bold, before=150 if first else 0)
                first = False
        if m["sensitive"]:
            p = self.paragraph(align=center, before=24)
            self.run(p, f"{m['mark']} — {m['mark_note']}", bold=True, color=RED)

    def contents(self) -> None:
        p = self.paragraph(self.c["meta"]["contents"], size=18, bold=True, after=6)
        p.paragraph_format.page_break_before = True
        # The TOC field's cached result lists the headings; Word fills in the page numbers when it
        # updates the field (settings ask it to on opening).
        entries = [f"{s['number']}. {s['title']}" for s in self.c["sections"]]
        first = self.document.add_paragraph()
        first._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
        first._p.append(
            parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>')
        )
        first._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
        self.run(first, entries[0])
        last = first
        for entry in entries[1:]:
            last = self.document.add_paragraph()
            self.run(last, entry)
        last._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))

    # -- tables

    def table(self, caption: str, heads: list[list[tuple[str, int, int]]], widths: list[float], rows: list[list],
              *, merges: list[tuple[int, int, int, int]] = (), size: float = TABLE_PT):
        """A bordered table: `heads` are rows of (text, colspan, rowspan); `rows` hold cell values
        (str, or a tuple (text, small text), or TICK/BOX); `merges` are (row, col, row2, col2) in
        body coordinates."""
        self.cell_pt = size
        cap = self.paragraph(caption, bold=True, size=TABLE_PT, before=6, after=2)
        cap.paragraph_format.keep_with_next = True
        ncols = len(widths)
        nhead = len(heads)
        t = self.document.add_table(rows=nhead + len(rows), cols=ncols)
        t._tbl.tblPr.insert(0, parse_xml(f'<w:tblStyle {nsdecls("w")} w:val="TableGrid"/>'))
        table_width = t._tbl.tblPr.find(qn("w:tblW"))
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        tbl = t._tbl
        scale = self.width_cm / sum(widths)
        twips = [int(Cm(w * scale).twips) for w in widths]
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(sum(twips)))
        for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
            col.set(qn("w:w"), str(width))
        cells = []  # the <w:tc> elements, row by row (every cell is 1×1 until the merges)
        for i, tr in enumerate(tbl.tr_lst):
            for j, tc in enumerate(tr.tc_lst):
                tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(twips[j]))  # python-docx made it
                cells.append(tc)
            trpr = etree.SubElement(tr, qn("w:trPr"))
            tr.insert(0, trpr)
            etree.SubElement(trpr, qn("w:cantSplit"))
            if i < nhead:
                etree.SubElement(trpr, qn("w:tblHeader"))
        # Header rows: lay out the spans on a grid, then merge.
        taken: set[tuple[int, int]] = set()
        head_merges = []
        for i, head in enumerate(heads):
            j = 0
            for text, colspan, rowspan in head:
                while (i, j) in taken:
                    j += 1
                cell = cells[i * ncols + j]
                self.cell(cell, text, bold=True, center=True, shade=True)
                for di in range(rowspan):
                    for dj in range(colspan):
                        taken.add((i + di, j + dj))
                if colspan > 1 or rowspan > 1:
                    head_merges.append((i, j, i + rowspan - 1, j + colspan - 1))
                j += colspan
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                self.cell(cells[(nhead + i) * ncols + j], value)
        trs = tbl.tr_lst
        for r1, c1, r2, c2 in [*head_merges, *((a + nhead, b, c + nhead, d) for a, b, c, d in merges)]:
            _merge(trs, r1, c1, r2, c2)
        self.paragraph(after=4)
        return t

    def cell(self, tc, value, *, bold=False, center=False, shade=False) -> None:
        """Write a value into an empty table cell (a <w:tc> with its tcPr and one paragraph)."""
        p = tc.find(qn("w:p"))
        if isinstance(value, _Cell):
            bold, center, shade = value.bold or bold, value.center or center, value.shade or shade
            value = value.value
        size = self.cell_pt
        if value in (TICK, BOX):
            self.run(p, value, font=SYMBOL_FONT, size=size)
            center = True
        elif isinstance(value, tuple):
            main, small = value
            if main in (TICK, BOX):
                self.run(p, main, font=SYMBOL_FONT, size=size)
            else:
                self.run(p, main, bold=bold, size=size)
            if small:
                etree.SubElement(p, qn("w:r")).append(OxmlElement("w:br"))
                self.run(p, small, size=size - 2)
        else:
            self.run(p, str(value), bold=bold, size=size)
        tcpr = tc.find(qn("w:tcPr"))
        if shade:
            etree.SubElement(tcpr, qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): GREY})
        if center:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
            etree.SubElement(ppr, qn("w:jc"), {qn("w:val"): "center"})
            etree.SubElement(tcpr, qn("w:vAlign"), {qn("w:val"): "center"})

    # -- the eight components

    def component_scope(self, section) -> None:
        s = self.c["scope"]
        n = section["number"]
        for i, part in enumerate(s["parts"], start=1):
            self.heading(f"{n}.{self.digits(i)} {part['title']}", 2)
            for text in part["paragraphs"] or ["–"]:
                p = self.paragraph(text, indent_first=True)
                _thai_justify(p)
        self.heading(f"{n}.{self.digits(len(s['parts']) + 1)} {s['scenarios_title']}", 2)
        for i, scenario in enumerate(s["scenarios"], start=1):
            text = f"({self.digits(i)}) {scenario['name']}" + (f" ({scenario['note']})" if scenario["note"] else "")
            p = self.paragraph(text)
            p.paragraph_format.left_indent = Cm(1.25)
        p = self.paragraph(s["long_crisis"], indent_first=True, before=6)
        _thai_justify(p)

    def component_impacts(self, section) -> None:
        g = self.c["impacts"]
        heads = [[(g["corner"], 1, 1), *((c, 1, 1) for c in g["categories"])]]
        rows = [[row["scenario"], *(_Cell(TICK if x else "", center=True) for x in row["cells"])] for row in g["rows"]]
        self.table(g["caption"], heads, [4.6] + [1.9] * len(g["categories"]), rows, size=12)
        if g["notes"]:
            self.heading(g["notes_title"], 3)
            for note in g["notes"]:
                p = self.paragraph(f"– {note}")
                p.paragraph_format.left_indent = Cm(0.75)

    def component_team(self, section) -> None:
        t = self.c["team"]
        h = t["heads"]
        heads = [
            [(h["role"], 1, 2), (h["main"], 2, 1), (h["alternate"], 2, 1)],
            [(h["name"], 1, 1), (h["phone"], 1, 1), (h["name"], 1, 1), (h["phone"], 1, 1)],
        ]
        rows, merges = [], []
        for g in t["groups"]:
            if g["team"]:
                merges.append((len(rows), 0, len(rows), 4))
                rows.append([_Cell(g["team"], bold=True, shade=True), None, None, None, None])
            for r in g["rows"]:
                rows.append([
                    r["role"],
                    (r["main"]["name"] or "–", r["main"]["position"]),
                    _Cell(r["main"]["phone"], center=True),
                    (r["alternate"]["name"] or "–", r["alternate"]["position"]),
                    _Cell(r["alternate"]["phone"], center=True),
                ])
        self.table(t["caption"], heads, [2.8, 4.0, 2.6, 4.0, 2.6], rows, merges=merges)

    def component_strategies(self, section) -> None:
        s = self.c["strategies"]
        rows, merges = [], []
        for g in s["groups"]:
            if len(g["items"]) > 1:
                merges.append((len(rows), 0, len(rows) + len(g["items"]) - 1, 0))
            for i, item in enumerate(g["items"]):
                text = item["text"] + (f" ({s['digital']})" if item["digital"] else "")
                rows.append([g["category"] if i == 0 else None, text])
        heads = [[(s["heads"]["category"], 1, 1), (s["heads"]["strategy"], 1, 1)]]
        self.table(s["caption"], heads, [5.0, 11.0], rows, merges=merges)

    def component_bia(self, section) -> None:
        b = self.c["bia"]
        h = b["heads"]
        heads = [
            [(h["number"], 1, 2), (h["process"], 1, 2), (h["impact"], 1, 2), (h["rto"], 5, 1),
             (h["mtpd"], 1, 2), (h["rpo"], 1, 2), (h["eservice"], 1, 2)],
            [(p, 1, 1) for p in self.c["periods"]],
        ]
        rows = []
        for r in b["rows"]:
            ticks = [
                _Cell((TICK, r["rto_note"]) if t and r["rto_note"] else TICK if t else "", center=True)
                for t in r["ticks"]
            ]
            rows.append([
                _Cell(r["number"], center=True),
                (r["name"], r["mission"]),
                _Cell(r["impact"], center=True),
                *ticks,
                _Cell(r["mtpd"] or "–", center=True),
                _Cell(r["rpo"] or "–", center=True),
                _Cell(TICK if r["eservice"] else "–", center=True),
            ])
        self.table(b["caption"], heads, [1.0, 4.0, 1.5, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.3, 1.3], rows, size=12)
        self.paragraph(b["legend"], size=12, after=6)
        if b["over_time"]:
            heads = [[(h["process"], 1, 1), *((p, 1, 1) for p in self.c["periods"])]]
            rows = [[r["name"], *r["cells"]] for r in b["over_time"]]
            self.table(b["over_time_caption"], heads, [3.5, 2.5, 2.5, 2.5, 2.5, 2.5], rows, size=12)
        if b["dependencies"]:
            h = b["dependencies_heads"]
            heads = [[(h[k], 1, 1) for k in ("process", "kind", "what", "covered", "covered_by")]]
            rows, merges = [], []
            for r in b["dependencies"]:
                if r["first"] and r["span"] > 1:
                    merges.append((len(rows), 0, len(rows) + r["span"] - 1, 0))
                rows.append([r["process"] if r["first"] else None, r["kind"], r["what"],
                             _Cell(r["covered"] or "–", center=True), r["covered_by"]])
            self.table(b["dependencies_caption"], heads, [3.5, 2.5, 4.5, 2.0, 3.5], rows, merges=merges, size=12)

    def component_resources(self, section) -> None:
        res = self.c["resources"]
        h = res["heads"]
        if not res["tables"]:
            self.paragraph("–")
        for i, t in enumerate(res["tables"], start=1):
            self.heading(f"{section['number']}.{self.digits(i)} {t['category']}", 2)
            heads = [
                [(h["process"], 1, 2), (h["item"], 1, 2), (h["unit"], 1, 2), (h["needed"], 5, 1)],
                [(p, 1, 1) for p in self.c["periods"]],
            ]
            rows, merges = [], []
            for k, r in enumerate(t["rows"]):
                if r["first"] and r["span"] > 1:
                    merges.append((k, 0, k + r["span"] - 1, 0))
                rows.append([
                    r["process"] if r["first"] else None,
                    r["item"],
                    _Cell(r["unit"], center=True),
                    *(_Cell(q, center=True) for q in r["quantities"]),
                ])
            self.table(t["caption"], heads, [4.2, 3.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4], rows, merges=merges, size=12)

    def component_procedures(self, section) -> None:
        pr = self.c["procedures"]
        h = pr["heads"]
        for i, w in enumerate(pr["windows"], start=1):
            self.heading(f"{section['number']}.{self.digits(i)} {w['title']}", 2)
            heads = [[(h["number"], 1, 1), (h["activity"], 1, 1), (h["owner"], 1, 1), (h["done"], 1, 1)]]
            rows = [
                [
                    _Cell(r["number"], center=True),
                    (r["activity"], f"{pr['process_label']}: {r['process']}" if r["process"] else ""),
                    (r["owner"], r["owner_position"]),
                    _Cell(BOX, center=True),
                ]
                for r in w["rows"]
            ]
            merges = []
            if not rows:
                rows = [[_Cell(pr["none"], center=True), None, None, None]]
                merges = [(0, 0, 0, 3)]
            self.table(w["caption"], heads, [1.2, 8.3, 5.0, 1.5], rows, merges=merges)

    def component_call_tree(self, section) -> None:
        tree = self.c["call_tree"]
        if not tree["diagrams"]:
            self.paragraph(tree["empty"])
        for k, diagram in enumerate(tree["diagrams"]):
            p = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
            if k:
                p.paragraph_format.page_break_before = True
            p.add_run()._r.append(self.drawing(diagram))
        if tree["rows"]:
            h = tree["heads"]
            heads = [[(h["number"], 1, 1), (h["caller"], 1, 1), (h["callee"], 1, 1), (h["channel"], 1, 1)]]
            rows = [[_Cell(r["number"], center=True), *((p["name"] or "–", p["position"]) for p in r["people"]),
                     _Cell(r["channel"], center=True)] for r in tree["rows"]]
            self.table(tree["caption"], heads, [1.2, 6.0, 6.0, 2.8], rows)

    # -- the call tree as a Word drawing

    def next_id(self) -> int:
        self.shape_id += 1
        return self.shape_id

    def drawing(self, d: dict):
        # Drawn larger than the PDF's SVG (in shorter parts) where the page allows: Word's line of TH
        # Sarabun New needs more room than Sarabun's, and a PC without it substitutes a wider font.
        scale = min(TREE_SCALE, self.width_cm / 2.54 * 96 / d["width"])
        PX = EMU_PER_PX * scale  # noqa: N806
        line_twips = int(LINE_PX * 0.75 * scale * 20)
        width, height = int(d["width"] * PX), int(d["height"] * PX)
        shapes = []
        for line in d["lines"]:
            x1, x2 = sorted((line["x1"], line["x2"]))
            y1, y2 = sorted((line["y1"], line["y2"]))
            shapes.append(
                f'<wps:wsp><wps:cNvPr id="{self.next_id()}" name="Line"/><wps:cNvCnPr/>'
                f'<wps:spPr><a:xfrm><a:off x="{int(x1 * PX)}" y="{int(y1 * PX)}"/>'
                f'<a:ext cx="{int((x2 - x1) * PX)}" cy="{int((y2 - y1) * PX)}"/></a:xfrm>'
                f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
                f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
                f"<wps:bodyPr/></wps:wsp>"
            )
        for box in d["boxes"]:
            fill = box["fill"].lstrip("#").upper()
            paras = "".join(
                f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line_twips}" w:lineRule="exact"/></w:pPr>'
                f'<w:r><w:rPr>{"<w:b/><w:bCs/>" if ln["bold"] else ""}<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>'
                f'<w:t xml:space="preserve">{escape(ln["text"])}</w:t></w:r></w:p>'
                for ln in box["lines"]
            ) or "<w:p/>"
            shapes.append(
                f'<wps:wsp><wps:cNvPr id="{self.next_id()}" name="Person"/><wps:cNvSpPr txBox="1"/>'
                f'<wps:spPr><a:xfrm><a:off x="{int(box["x"] * PX)}" y="{int(box["y"] * PX)}"/>'
                f'<a:ext cx="{int(box["w"] * PX)}" cy="{int(box["h"] * PX)}"/></a:xfrm>'
                f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
                f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
                f"<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>"
                f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="54864" tIns="18288" rIns="54864" bIns="18288" '
                f'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>'
            )
        group_id = self.next_id()
        xml = (
            f'<mc:AlternateContent {DRAWING_NS}>'
            f'<mc:Choice Requires="wpg"><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{group_id}" name="Call tree {group_id}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
            f"<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm>"
            f'<a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            f'<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>'
            f'{"".join(shapes)}</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
            f"<mc:Fallback/></mc:AlternateContent>"
        )
        return parse_xml(xml)


class _Cell:
    """A table value with its own look."""

    __slots__ = ("value", "bold", "center", "shade")

    def __init__(self, value, *, bold=False, center=False, shade=False):
        self.value, self.bold, self.center, self.shade = value, bold, center, shade


def _tc_at(tr, col: int):
    """The cell of a row that starts at grid column `col` (cells may span columns)."""
    at = 0
    for tc in tr.tc_lst:
        if at == col:
            return tc
        at += tc.grid_span
    raise IndexError(col)


def _merge(trs, r1: int, c1: int, r2: int, c2: int) -> None:
    """Merge a rectangle of cells: gridSpan across, vMerge down (the empty cells are dropped)."""
    for r in range(r1, r2 + 1):
        tc = _tc_at(trs[r], c1)
        if c2 > c1:
            for _ in range(c2 - c1):
                following = tc.getnext()
                while following is not None and following.tag != qn("w:tc"):
                    following = following.getnext()
                following.getparent().remove(following)
            tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="{c2 - c1 + 1}"/>'))
            width = tc.tcPr.find(qn("w:tcW"))
            if width is not None:
                span = sum(int(g.get(qn("w:w"))) for g in trs[r].getparent().tblGrid.findall(qn("w:gridCol"))[c1 : c2 + 1])
                width.set(qn("w:w"), str(span))
        if r2 > r1:
            attrs = ' w:val="restart"' if r == r1 else ""
            tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")}{attrs}/>'))
            if r > r1:  # the merged-away cells keep one empty paragraph, as the schema asks
                for p in tc.findall(qn("w:p"))[1:]:
                    tc.remove(p)
                first = tc.find(qn("w:p"))
                for child in list(first):
                    if child.tag != qn("w:pPr"):
                        first.remove(child)
        _reorder(tc.tcPr, _TCPR_ORDER)


def _set_fonts(rpr, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts {nsdecls("w")}/>')
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _thai_rpr(rpr, size_pt: float) -> None:
    """Font, size and language for Thai (complex script) and Latin text alike."""
    _set_fonts(rpr, FONT)
    for tag in ("w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    half_points = str(int(size_pt * 2))
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{half_points}"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{half_points}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/>'))
    _reorder(rpr, _RPR_ORDER)


# The schema fixes the order of properties; Word refuses files that break it.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]


_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]
_TCPR_ORDER = [
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark",
]


def _reorder(parent, order: list[str]) -> None:
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    for child in sorted(parent, key=lambda el: rank.get(el.tag, len(rank))):
        parent.append(child)


def _bottom_border(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="1" w:color="000000"/></w:pBdr>'))
    _reorder(ppr, _PPR_ORDER)


def _thai_justify(paragraph) -> None:
    """Thai distributed justification, as Thai official documents are set."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="thaiDistribute"/>'))
    _reorder(ppr, _PPR_ORDER)

