"""The plan as a PDF: the print template rendered by headless Chromium (Playwright).

Chromium shapes Thai with HarfBuzz, breaks lines at Thai word boundaries with ICU's dictionary and
writes a text layer that gives the exact Thai text back (issue 4: WeasyPrint does not). The page
furniture — page numbers, the security marking — is drawn by CSS @page margin boxes, which use the
embedded Sarabun font; Playwright's header/footer templates cannot (they see only system fonts).

A `PdfRenderer` is one browser driven from a thread of its own (Playwright's asyncio API on a loop
that thread runs): callers in any thread hand it documents, and with `pages=2` two documents are laid
out at once, each in a renderer process of its own, so both cores work. Single documents — a download
from a page, `phrom export_plan` — go through `render_pdf`, which keeps one browser warm per process
and closes it after a while unused.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future

from django.template.loader import render_to_string
from django.utils import translation
from playwright.async_api import async_playwright
from pythainlp.util import arabic_digit_to_thai_digit

from phrom.core.errors import PhromError

from .context import print_context
from .fonts import embedded_font_faces

logger = logging.getLogger(__name__)

CHROMIUM = os.environ.get("PHROM_CHROMIUM", "/usr/bin/chromium")
# A browser kept for single documents is closed after this many seconds unused (it holds ~300 MB).
IDLE_SECONDS = float(os.environ.get("PHROM_PDF_IDLE_SECONDS", "120"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    # V8's default heap limit lets each page's garbage (the HTML strings handed over, ~0.5 MB a
    # document) pile up: a bounded heap collects sooner and a renderer stays ~160 MB, not ~230.
    "--js-flags=--max-old-space-size=128",
]
# The same for Playwright's driver (node), which passes every PDF through: ~115 MB instead of ~155.
# Phrom starts no other node program, and an operator's own NODE_OPTIONS wins.
os.environ.setdefault("NODE_OPTIONS", "--max-old-space-size=128 --max-semi-space-size=1")
PDF_OPTIONS = {
    "format": "A4",
    "prefer_css_page_size": True,  # the @page rule's size and margins
    "print_background": True,
    "display_header_footer": False,  # @page margin boxes draw them, in Sarabun
    "outline": True,  # bookmarks from the headings
    "tagged": True,  # an accessible, tagged PDF
}
# The first print is only read for the page each section starts on. Hidden text keeps its place
# (visibility never moves a box) but costs nothing to paint, so only the section headings are drawn.
DRAFT_OPTIONS = {**PDF_OPTIONS, "outline": False, "tagged": False, "print_background": False}
DRAFT_STYLE = "body * { visibility: hidden !important; } h1[id] { visibility: visible !important; }"
TEMPLATE = "documents/plan_print.html"


class RendererUnavailable(PhromError):
    """Chromium is not installed where CHROMIUM (PHROM_CHROMIUM) says: the pages and the API answer 503 with
    what to install, never a server error."""

    def __init__(self, executable: str):
        self.executable = executable  # PHROM_CHROMIUM, where it was looked for
        super().__init__("renderer_unavailable")

    def __str__(self) -> str:  # as a bundle's index reports a plan that could not be printed
        return self.message


def render_html(doc: dict, header: dict, *, thai_digits: bool = False, font_faces: str | None = None,
                language: str = "th") -> str:
    """The print page as one self-contained HTML string (fonts inline unless `font_faces` is given)."""
    with translation.override(language):
        context = print_context(doc, header, thai_digits=thai_digits)
        context["font_faces"] = embedded_font_faces() if font_faces is None else font_faces
        return render_to_string(TEMPLATE, context)


class PdfRenderer:
    """A headless Chromium for a series of documents: `with PdfRenderer(pages=2) as r: r.submit(...)`.

    The HTML is made in the caller's thread (where the active language is); the browser works on
    its own thread's asyncio loop — Playwright's sync API refuses a thread that runs a loop (an
    ASGI server, pytest-playwright), and the asyncio API lets several pages print at once.
    """

    def __init__(self, pages: int = 1, *, low_memory: bool = False):
        self.pages = pages
        # Chromium's low-end device mode: smaller caches and pools, ~40 MB less per renderer, for
        # a worker printing hundreds of plans within a memory budget.
        self.args = [*LAUNCH_ARGS, "--enable-low-end-device-mode"] if low_memory else LAUNCH_ARGS

    def __enter__(self) -> PdfRenderer:
        if not os.access(CHROMIUM, os.X_OK):
            raise RendererUnavailable(CHROMIUM)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="phrom-pdf", daemon=True)
        self._thread.start()
        try:
            self._call(self._start())
        except BaseException:
            self._end_loop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._call(self._stop())
        except Exception:  # a browser that died: nothing left to close
            logger.warning("closing the PDF browser failed", exc_info=True)
        finally:
            self._end_loop()

    def submit(self, doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> Future[bytes]:
        """Start printing; the future gives the PDF bytes. At most `pages` print at once, the rest wait."""
        return self.submit_html(render_html(doc, header, thai_digits=thai_digits, language=language),
                                thai_digits=thai_digits)

    def submit_html(self, html: str, *, thai_digits: bool = False) -> Future[bytes]:
        """Print a page made elsewhere (the Cabinet report, phrom.statistics.cabinet) the same way."""
        return asyncio.run_coroutine_threadsafe(self._print(html, thai_digits), self._loop)

    def render(self, doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> bytes:
        return self.submit(doc, header, thai_digits=thai_digits, language=language).result()

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _end_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    # -- on the browser's loop

    async def _start(self) -> None:
        self._playwright = await async_playwright().start()
        try:
            self._browser = await self._playwright.chromium.launch(executable_path=CHROMIUM, args=self.args)
            self._free: asyncio.Queue = asyncio.Queue()
            # Each page of one context gets a renderer process of its own (so a core of its own);
            # a context per page would add an idle renderer (~60 MB) each.
            context = await self._browser.new_context()
            for _ in range(self.pages):
                self._free.put_nowait(await context.new_page())
        except BaseException:
            await self._playwright.stop()
            raise

    async def _stop(self) -> None:
        try:
            await self._browser.close()
        finally:
            await self._playwright.stop()

    async def _print(self, html: str, thai_digits: bool) -> bytes:
        page = await self._free.get()
        try:
            return await print_page(page, html, thai_digits)
        finally:
            self._free.put_nowait(page)


async def print_page(page, html: str, thai_digits: bool) -> bytes:
    await page.set_content(html, wait_until="load")
    await page.evaluate("document.fonts.ready.then(() => true)")
    await page.evaluate(
        "css => { const s = document.createElement('style'); s.id = 'phrom-draft'; s.textContent = css;"
        " document.head.append(s); }", DRAFT_STYLE)
    draft = await page.pdf(**DRAFT_OPTIONS)
    # Chromium has no target-counter(): read where each section landed in the draft, write the page
    # numbers into the contents, and print again (the layout does not move: the numbers go into
    # boxes of fixed width).
    pages = {
        anchor: arabic_digit_to_thai_digit(str(number)) if thai_digits else str(number)
        for anchor, number in destination_pages(draft).items()
    }
    await page.evaluate(
        """pages => { document.getElementById('phrom-draft').remove();
           for (const el of document.querySelectorAll('[data-toc]')) { el.textContent = pages[el.dataset.toc] || ''; } }""",
        pages,
    )
    return await page.pdf(**PDF_OPTIONS)


class _KeptRenderer:
    """One browser per process for single documents, started on first use, closed when unused for
    IDLE_SECONDS and at exit; a browser that fails is replaced and the document tried once more."""

    def __init__(self):
        self._lock = threading.Lock()
        self._renderer: PdfRenderer | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

    def render(self, doc: dict, header: dict, **options) -> bytes:
        return self._print(lambda renderer: renderer.render(doc, header, **options))

    def render_html(self, html: str) -> bytes:
        """A page made elsewhere (the Cabinet report, after-action reports), printed the same way."""
        return self._print(lambda renderer: renderer.submit_html(html).result())

    def _print(self, job) -> bytes:
        try:
            return self._print_once(job)
        except RendererUnavailable:
            raise  # trying again changes nothing
        except Exception:
            logger.warning("the PDF browser failed; trying once more with a fresh one", exc_info=True)
            return self._print_once(job)

    def _print_once(self, job) -> bytes:
        renderer = self._acquire()
        try:
            return job(renderer)
        except Exception:
            self._discard(renderer)
            raise
        finally:
            self._release(renderer)

    def _acquire(self) -> PdfRenderer:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._renderer is None:
                self._renderer = PdfRenderer(pages=2).__enter__()
            self._users += 1
            return self._renderer

    def _release(self, renderer: PdfRenderer) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and self._renderer is renderer:
                self._timer = threading.Timer(IDLE_SECONDS, self.close_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def _discard(self, renderer: PdfRenderer) -> None:
        with self._lock:
            if self._renderer is renderer:
                self._renderer = None
        _close(renderer)

    def close_if_idle(self) -> None:
        with self._lock:
            if self._users:
                return
            renderer, self._renderer = self._renderer, None
        if renderer is not None:
            _close(renderer)


def _close(renderer: PdfRenderer) -> None:
    try:
        renderer.__exit__(None, None, None)
    except Exception:
        logger.warning("closing the PDF browser failed", exc_info=True)


kept = _KeptRenderer()
atexit.register(kept.close_if_idle)


def render_pdf(doc: dict, header: dict, *, thai_digits: bool = False, language: str = "th") -> bytes:
    """One plan as PDF bytes, from the browser this process keeps warm."""
    return kept.render(doc, header, thai_digits=thai_digits, language=language)


def render_pdfs(items: Iterable[tuple[dict, dict]], *, thai_digits: bool = False,
                language: str = "th") -> Iterator[bytes]:
    """PDF bytes for each (doc, header), in order, from a browser of their own: a lazy generator,
    so that many plans hold one document in memory at a time."""
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
