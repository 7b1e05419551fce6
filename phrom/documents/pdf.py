"""The plan as a PDF: the print template rendered by headless Chromium (Playwright's sync API).

Chromium shapes Thai with HarfBuzz, breaks lines at Thai word boundaries with ICU's dictionary and
writes a text layer that gives the exact Thai text back (issue 4: WeasyPrint does not). The page
furniture — page numbers, the security marking — is drawn by CSS @page margin boxes, which use the
embedded Sarabun font; Playwright's header/footer templates cannot (they see only system fonts).

One browser serves many documents: `render_pdfs` and `PdfRenderer` keep it open across renders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import sync_playwright
from pythainlp.util import arabic_digit_to_thai_digit

from .context import print_context
from .fonts import embedded_font_faces

CHROMIUM = os.environ.get("PHROM_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PDF_OPTIONS = {
    "format": "A4",
    "prefer_css_page_size": True,  # the @page rule's size and margins
    "print_background": True,
    "display_header_footer": False,  # @page margin boxes draw them, in Sarabun
    "outline": True,  # bookmarks from the headings
    "tagged": True,  # an accessible, tagged PDF
}
DRAFT_OPTIONS = {**PDF_OPTIONS, "outline": False, "tagged": False}  # only read for the page numbers
TEMPLATE = "documents/plan_print.html"


def render_html(doc: dict, header: dict, *, thai_digits: bool = False, font_faces: str | None = None,
                language: str = "th") -> str:
    """The print page as one self-contained HTML string (fonts inline unless `font_faces` is given)."""
    with translation.override(language):
        context = print_context(doc, header, thai_digits=thai_digits)
        context["font_faces"] = embedded_font_faces() if font_faces is None else font_faces
        return render_to_string(TEMPLATE, context)


class PdfRenderer:
    """A headless Chromium kept open for a series of renders: `with PdfRenderer() as r: r.render(...)`.

    The browser is driven from a thread of its own: Playwright's sync API refuses a thread that
    runs an asyncio loop (an ASGI server, pytest-playwright), and the HTML is still made in the
    caller's thread, where the active language is.
    """

    def __enter__(self) -> PdfRenderer:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phrom-pdf")
        try:
            self._thread.submit(self._start).result()
        except BaseException:
            self._thread.shutdown()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._thread.submit(self._stop).result()
        except RuntimeError:
            pass  # interpreter shutdown (an unfinished render_pdfs collected late): the driver exits with it
        finally:
            self._thread.shutdown()

    def render(self, doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> bytes:
        html = render_html(doc, header, thai_digits=thai_digits, language=language)
        return self._thread.submit(self._print, html, thai_digits).result()

    # -- in the browser's thread

    def _start(self) -> None:
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            self._page = self._browser.new_page()
        except BaseException:
            self._playwright.stop()
            raise

    def _stop(self) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    def _print(self, html: str, thai_digits: bool) -> bytes:
        page = self._page
        page.set_content(html, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        draft = page.pdf(**DRAFT_OPTIONS)
        # Chromium has no target-counter(): read where each section landed in a first print,
        # write the page numbers into the contents, and print again (the layout does not move:
        # the numbers go into boxes of fixed width).
        pages = {
            anchor: arabic_digit_to_thai_digit(str(number)) if thai_digits else str(number)
            for anchor, number in destination_pages(draft).items()
        }
        if not pages:
            return draft
        page.evaluate(
            """pages => { for (const el of document.querySelectorAll('[data-toc]')) {
                   el.textContent = pages[el.dataset.toc] || ''; } }""",
            pages,
        )
        return page.pdf(**PDF_OPTIONS)


def render_pdf(doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> bytes:
    """One plan as PDF bytes (starts and stops a browser: for many plans use `render_pdfs`)."""
    with PdfRenderer() as renderer:
        return renderer.render(doc, header, thai_digits=thai_digits, language=language)


def render_pdfs(items: Iterable[tuple[dict, dict]], *, thai_digits: bool = False,
                language: str = "th") -> Iterator[bytes]:
    """PDF bytes for each (doc, header), in order, from one browser: a lazy generator, so that a
    ZIP of hundreds of plans holds one document in memory at a time."""
    with PdfRenderer() as renderer:
        for doc, header in items:
            yield renderer.render(doc, header, thai_digits=thai_digits, language=language)


# ---------------------------------------------------------------------------------------------
# Reading named destinations back from Chromium's (Skia's) PDF: its object dictionaries are
# written uncompressed, the /Dests dictionary maps each anchor to [page-object /XYZ x y z].

_OBJ = re.compile(rb"(?m)^(\d+) 0 obj\s*(.*?)\bendobj", re.S)
_REF = re.compile(rb"(\d+) 0 R")


def destination_pages(pdf: bytes) -> dict[str, int]:
    """{anchor id: 1-based page number} for the named destinations of a Chromium PDF."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}
    catalog = next((body for body in objects.values() if b"/Type /Catalog" in body), None)
    if catalog is None:
        return {}
    pages_ref, dests_ref = re.search(rb"/Pages (\d+) 0 R", catalog), re.search(rb"/Dests (\d+) 0 R", catalog)
    if not pages_ref or not dests_ref:
        return {}
    order: list[int] = []

    def walk(num: int) -> None:
        body = objects.get(num, b"")
        kids = re.search(rb"/Kids \[(.*?)\]", body, re.S)
        if kids and b"/Type /Pages" in body:
            for ref in _REF.findall(kids.group(1)):
                walk(int(ref))
        else:
            order.append(num)

    walk(int(pages_ref.group(1)))
    page_number = {num: i for i, num in enumerate(order, start=1)}
    dests = objects.get(int(dests_ref.group(1)), b"")
    found = {}
    for name, ref in re.findall(rb"/([^\s/\[\]<>()]+)\s*\[(\d+) 0 R", dests):
        anchor = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name).decode("utf-8", "replace")
        if int(ref) in page_number:
            found[anchor] = page_number[int(ref)]
    return found
