"""The plan as PDF, printed by headless Chromium and read back with poppler: the Thai text layer is
exact, Sarabun is embedded, every page is numbered and marked when the plan is sensitive."""

import re
import subprocess

import pytest

from phrom.core.templatetags.thai import keep_phrases
from phrom.documents.pdf import PdfRenderer, destination_pages, kept, render_html, render_pdf, render_pdfs
from phrom.documents.sample import typical_header, typical_plan
from tests.helpers.pdf import column_texts, page_count, pdftotext, squeeze
from tests.helpers.plans import starter_templates

pytestmark = pytest.mark.browser

MARK = "ลับ"
NOTE = "เอกสารนี้มีเนื้อหาที่อ่อนไหวด้านความมั่นคง — ใช้ภายในหน่วยงานเท่านั้น"
# Words whose tone marks and vowels a broken text layer scrambles (WeasyPrint: ได้ → ไดู, น้ำ → นา).
THAI_WORDS = ["ได้", "ข้อมูล", "น้ำท่วม", "ผู้อำนวยการ", "สำนักงาน", "ผู้ใหญ่บ้าน", "กู้คืน", "สัปดาห์", "ชั่วโมง"]
# Dictionary words, run together without spaces as Thai is written: a line may end only between them.
LINE_WORDS = ["ประชาชน", "ข้อมูล", "จังหวัด", "บริการ", "ภารกิจ", "สถานการณ์", "รายงาน", "เอกสาร", "ราชการ"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """One browser for the module's plans: a sensitive one, a normal one, one in Thai numerals."""
    folder = tmp_path_factory.mktemp("pdf")
    sensitive = typical_plan(sensitive=True)
    sensitive["scope"]["objectives"] = "".join(LINE_WORDS[i % len(LINE_WORDS)] for i in range(160))
    items = [(sensitive, typical_header(sensitive=True)), (typical_plan(), typical_header())]
    paths = {}
    for name, data in zip(("sensitive", "normal"), render_pdfs(items), strict=True):
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    paths["thai_digits"] = folder / "thai_digits.pdf"
    paths["thai_digits"].write_bytes(render_pdf(typical_plan(), typical_header(), thai_digits=True))
    return paths


def test_thai_text_comes_back_exactly_from_the_text_layer(pdfs):
    plan = typical_plan()
    raw = pdftotext(pdfs["normal"])
    for word in THAI_WORDS:
        assert word in raw, word
    assert "ไดู" not in raw and "ขูอม้ล" not in raw
    text = squeeze(raw)
    strings = [
        plan["title"],
        *(p["name"] for p in plan["processes"]),
        *(m["name"] for m in plan["team"]),
        *(m["position"] for m in plan["team"]),
        *(s["strategy"] for s in plan["strategies"]),
        *(s["activity"] for s in plan["procedures"]),
        "อาคารชั้น 1 น้ำท่วม ไม่สามารถเข้าใช้พื้นที่ได้",
        "อนุมัติเมื่อวันที่ 20 ตุลาคม 2569",
    ]
    columns = column_texts(pdfs["normal"])
    for s in strings:
        assert squeeze(s) in text or any(squeeze(s) in column for column in columns), s


def stray_marks(pdf) -> list[tuple[int, str]]:
    """Words of no width: Thai marks painted without their consonant (Chromium paints the stacked
    marks of a page's first line at the foot of the page before when the line box is too low)."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found, page = [], 0
    for line in bbox.splitlines():
        page += "<page " in line
        m = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line)
        if m and float(m.group(2)) - float(m.group(1)) < 0.5:
            found.append((page, m.group(3)))
    return found


def test_no_stray_marks(pdfs):
    for pdf in pdfs.values():
        assert stray_marks(pdf) == [], pdf.name


def test_sarabun_is_embedded(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs["normal"])], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("Sarabun" in r[0] for r in rows), fonts
    # name, type…, emb, sub, uni: every font embedded, with a Unicode map for the text layer
    assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), fonts


def test_pages_are_numbered_after_the_cover(pdfs):
    pages = page_count(pdfs["normal"])
    assert pages > 10
    assert "หน้า" not in pdftotext(pdfs["normal"], 1)
    for n in range(2, pages + 1):
        assert re.search(rf"หน้า {n}\s*$", pdftotext(pdfs["normal"], n)), n


def test_every_page_of_a_sensitive_plan_is_marked(pdfs):
    pages = page_count(pdfs["sensitive"])
    for n in range(1, pages + 1):
        text = pdftotext(pdfs["sensitive"], n)
        lines = [line.strip() for line in text.splitlines()]
        assert lines[0] == MARK, (n, lines[:3])
        assert NOTE in lines, n
    normal = pdftotext(pdfs["normal"])
    assert NOTE not in normal and MARK not in normal.split()


def test_the_contents_give_the_page_of_each_component(pdfs):
    toc = pdftotext(pdfs["normal"], 2, layout=True)
    entries = re.findall(r"^\s*(\d)\.\s+(.+?)\s+(\d+)\s*$", toc, re.M)
    assert [e[0] for e in entries] == [str(i) for i in range(1, 9)]
    for number, title, page in entries:
        first_line = pdftotext(pdfs["normal"], int(page)).strip().splitlines()[0]
        assert squeeze(first_line) == squeeze(f"{number}. {title}"), (title, page)


def test_the_bia_is_printed_on_a_landscape_page(pdfs):
    toc = pdftotext(pdfs["normal"], 2, layout=True)
    page = re.search(r"^\s*5\.\s+.+?\s+(\d+)\s*$", toc, re.M).group(1)
    info = subprocess.run(["pdfinfo", "-f", page, "-l", page, str(pdfs["normal"])], capture_output=True, text=True).stdout
    width, height = map(float, re.search(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height


def test_thai_lines_break_only_between_words(pdfs):
    """Chromium breaks Thai lines with ICU's dictionary: no line of the run-together text may end
    inside one of its words."""
    text = pdftotext(pdfs["sensitive"], 3)
    lines = [line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) <= set("".join(LINE_WORDS))]
    lines = [line for line in lines if len(line) > 10]
    assert len(lines) >= 5
    for line in lines:
        assert _split_into(line, LINE_WORDS), line


def _split_into(text: str, words: list[str]) -> bool:
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        ok[i] = any(i >= len(w) and ok[i - len(w)] and text[i - len(w) : i] == w for w in words)
    return ok[-1]


def test_thai_numerals_option(pdfs):
    text = pdftotext(pdfs["thai_digits"])
    assert "อนุมัติเมื่อวันที่ ๒๐ ตุลาคม ๒๕๖๙" in text
    assert "หน้า ๒" in pdftotext(pdfs["thai_digits"], 2)
    toc = pdftotext(pdfs["thai_digits"], 2, layout=True)
    assert re.search(r"^\s*๘\.\s+.+?\s+[๐-๙]+\s*$", toc, re.M)
    # Read back, every number is in the one style chosen (no "๑.1"); only e-mail addresses keep theirs.
    arabic = [w for w in text.split() if re.search(r"[0-9]", w) and "@" not in w]
    assert arabic == []


def test_the_cover_title_reads_back_with_its_year_phrase_on_one_line(pdfs):
    cover = [line.strip() for line in pdftotext(pdfs["normal"], 1, layout=True).splitlines() if line.strip()]
    assert "ประจำปีงบประมาณ พ.ศ. 2570" in cover
    assert not [line for line in cover if line.endswith("ประจำ")]


def test_the_cover_keeps_the_agency_name_whole(tmp_path):
    """"ของกรม | ควบคุมโรค" broke the name where the dictionary sees two words."""
    plan = typical_plan()
    plan["title"] = "แผนบริหารความพร้อมต่อสภาวะวิกฤต (Business Continuity Plan: BCP) ของกรมควบคุมโรค ประจำปีงบประมาณ พ.ศ. 2570"
    pdf = tmp_path / "ddc.pdf"
    pdf.write_bytes(render_pdf(plan, {**typical_header(), "organisation": "กรมควบคุมโรค"}))
    cover = [line.strip() for line in pdftotext(pdf, 1, layout=True).splitlines() if line.strip()]
    assert any("กรมควบคุมโรค" in line for line in cover[1:4]), cover[:5]  # in the title, not only the name below it
    assert not [line for line in cover if line.endswith("กรม") or line.endswith("ประจำ")]


def test_destinations_are_read_from_chromium_output(pdfs):
    pages = destination_pages(pdfs["normal"].read_bytes())
    assert sorted(pages) == [f"s{i}" for i in range(1, 9)]
    assert list(pages.values()) == sorted(pages.values()) and pages["s1"] == 3


def test_the_print_page_is_self_contained_html():
    html = render_html(typical_plan(), typical_header())
    assert "@font-face" in html and "data:font/ttf;base64," in html
    assert "TH Sarabun" not in html  # Debian's fontconfig maps that name to an overlapping font
    assert "<svg" in html and html.count("<rect") == 40


def test_one_browser_prints_two_plans_at_once_each_its_own(tmp_path):
    names = ["ALPHA", "BRAVO", "CHARLIE", "DELTA"]
    plans = []
    for name in names:
        doc = typical_plan(processes=2, people=5)
        doc["title"] = f"แผนทดสอบการพิมพ์พร้อมกัน {name}"
        plans.append(doc)
    with PdfRenderer(pages=2) as renderer:
        futures = [renderer.submit(doc, typical_header()) for doc in plans]
        outputs = [f.result() for f in futures]
    for n, data in enumerate(outputs):
        path = tmp_path / f"{n}.pdf"
        path.write_bytes(data)
        text = squeeze(pdftotext(path))
        assert squeeze(f"แผนทดสอบการพิมพ์พร้อมกัน {names[n]}") in text
        assert [name for name in names if name in text] == [names[n]]


def test_a_download_reuses_the_warm_browser_and_survives_its_death():
    doc, header = typical_plan(processes=2, people=5), typical_header()
    assert render_pdf(doc, header).startswith(b"%PDF-")
    first = kept._renderer
    assert first is not None and render_pdf(doc, header).startswith(b"%PDF-") and kept._renderer is first
    # The browser dies under it (killed, out of memory): the next download starts a fresh one.
    first._call(first._browser.close())
    assert render_pdf(doc, header).startswith(b"%PDF-")
    assert kept._renderer is not None and kept._renderer is not first
    kept.close_if_idle()
    assert kept._renderer is None


def test_starter_templates_render(tmp_path):
    templates = starter_templates()
    if not templates:
        pytest.skip("no starter templates in phrom/plans/starter_templates yet")
    outputs = render_pdfs((doc, typical_header()) for _, doc in templates)
    for (code, _), data in zip(templates, outputs, strict=True):
        pdf = tmp_path / f"{code}.pdf"
        pdf.write_bytes(data)
        assert "8. แผนผังการติดต่อสื่อสาร" in pdftotext(pdf), code
        assert stray_marks(pdf) == [], code


def test_the_cover_title_keeps_its_year_phrase_on_one_line():
    html = render_html(typical_plan(), typical_header())
    cover = html.split('<div class="title">', 1)[1].split("</div>", 1)[0]
    assert '<span class="unbroken">ประจำปีงบประมาณ พ.ศ. 2570</span>' in cover
    assert keep_phrases("แผน <b> ปี 2570") == 'แผน &lt;b&gt; <span class="unbroken">ปี 2570</span>'


def test_thai_digit_headings_are_thai_throughout():
    html = render_html(typical_plan(), typical_header(), thai_digits=True)
    headings = re.findall(r"<h[123][^>]*>([^<]*)</h", html)
    assert any(h.startswith("๑.๑ ") for h in headings)
    assert not [h for h in headings if re.search(r"[๐-๙]\.[0-9]", h)]  # no "๑.1"
