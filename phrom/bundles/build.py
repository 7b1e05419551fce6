"""Building a bundle: the ZIP of a scope's plans, a PDF and a Word file per plan, and an index.

The ZIP is written to a temporary file one plan at a time (never all documents in memory; the first
IN_MEMORY bytes stay in memory), then saved to Django's default storage (local disk or S3) whole or
not at all (phrom.core.storage: a disk that fills up fails the bundle with `storage_full`, and no
partial file is left or served). A version that was sent is copied from the
store of printed sent versions (phrom.documents.store); the others come from one headless Chromium
per batch of plans (phrom.documents.pdf.PdfRenderer), two printing at once while this thread makes
the Word files, and a sent one printed here is kept for next time. A plan whose printing fails is
recorded in the index and the bundle goes on.
"""

from __future__ import annotations

import ctypes
import logging
import re
import tempfile
import unicodedata
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, wait
from typing import NamedTuple

from django.core.files import File
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from phrom.accounts import permissions
from phrom.campaigns import facts
from phrom.core import tabular
from phrom.core.storage import StorageFull, is_full, save_whole
from phrom.documents import store
from phrom.documents.docx import render_docx
from phrom.documents.export import document_header
from phrom.documents.pdf import PdfRenderer
from phrom.documents.pdf import kept as warm_browser
from phrom.plans.codes import Classification
from phrom.plans.content import document_at, record_read
from phrom.plans.models import Scenario

from . import scope as S
from .models import PlanBundle, bundle_path, lifetime

logger = logging.getLogger(__name__)

INDEX_NAME = "index.csv"
BROWSER_BATCH = 20  # plans per browser: Chromium and its driver grow ~5 MB a plan; a fresh one every 20 keeps them flat
PRINT_PAGES = 2  # plans printed at once: one per core of a small server
NAME_LIMIT = 80  # characters of a file name before the extension (Windows paths stay short)
ERROR_LIMIT = 300
IN_MEMORY = 16 * 1024 * 1024  # a smaller ZIP never touches the disk before it is stored

# Characters Windows refuses in file names, control characters, and the ZIP's own separator.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SPACES = re.compile(r"\s+")


def safe_filename(code: str, name: str, extension: str) -> str:
    """'PO21 สำนักงานจังหวัดระยอง.pdf': code and Thai name, safe in a ZIP and on Windows."""
    text = _FORBIDDEN.sub("_", _SPACES.sub(" ", unicodedata.normalize("NFC", f"{code} {name}"))).strip()
    if len(text) > NAME_LIMIT:
        cut = NAME_LIMIT
        # Never keep a consonant whose vowel or tone mark was cut off, nor a leading vowel (เ แ โ ใ ไ)
        # without its consonant.
        while cut > 0 and unicodedata.category(text[cut]) == "Mn":
            cut -= 1
        while cut > 0 and "\u0e40" <= text[cut - 1] <= "\u0e44":
            cut -= 1
        text = text[:cut]
    # Windows drops trailing dots and spaces, which could make two names one.
    return text.rstrip(". ") + "." + extension


# --------------------------------------------------------------------------- printing


class Kept(NamedTuple):
    """A plan's documents printed before (phrom.documents.store): nothing to print."""

    pdf: bytes
    docx: bytes


class BatchPrinter:
    """PDF and Word of many plans: `for key, pdf, docx, error in printer.print_all(items)`.

    One Chromium prints a batch of plans on `pages` pages at once (each its own renderer process),
    then a fresh one starts (and after a failure, since the browser may be what failed). While the
    browser prints, this thread makes the Word files and writes the finished plans: a few plans are
    in memory at a time, never the whole bundle.
    """

    def __init__(self, batch: int = BROWSER_BATCH, pages: int = PRINT_PAGES):
        self.batch, self.pages = batch, pages
        self._renderer: PdfRenderer | None = None
        self._printed = 0
        self._failed = False
        self._window: deque = deque()

    def __enter__(self) -> BatchPrinter:
        _one_malloc_arena()
        # The worker's browser kept warm for single prints (sent versions) would sit beside this
        # one's through the build: ~300 MB out of the memory budget.
        warm_browser.close_if_idle()
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        renderer, self._renderer = self._renderer, None
        if renderer is not None:
            try:
                renderer.__exit__(None, None, None)
            except Exception:  # a browser that died: nothing left to close
                logger.warning("closing the PDF browser failed", exc_info=True)
            _give_back_memory()

    def _submit(self, doc: dict, header: dict) -> Future:
        if self._renderer is not None and (self._failed or self._printed >= self.batch):
            # Let the plans still printing on this browser finish before it goes.
            wait([f for _, f, _, _ in self._window if isinstance(f, Future)])
            self._close()
        if self._renderer is None:
            self._renderer = PdfRenderer(pages=self.pages, low_memory=True).__enter__()
            self._printed, self._failed = 0, False
        self._printed += 1
        return self._renderer.submit(doc, header)

    def print_all(self, items: Iterable[tuple[object, Callable[[], tuple[dict, dict] | Kept]]]
                  ) -> Iterator[tuple[object, bytes | None, bytes | None, str]]:
        """items: (key, load) where load() gives (doc, header) to print, or the Kept documents;
        yields (key, pdf, docx, error) in order."""
        for key, load in items:
            try:
                loaded = load()
            except Exception as exc:
                self._window.append((key, None, None, _describe(exc)))
            else:
                self._window.append((key, loaded.pdf, loaded.docx, "") if isinstance(loaded, Kept)
                                    else self._start(key, *loaded))
            yield from self._flush(self.pages)
        yield from self._flush(0)

    def _start(self, key, doc: dict, header: dict) -> tuple:
        """Hand the PDF to the browser and make the Word file meanwhile."""
        try:
            printing: Future | Exception = self._submit(doc, header)
        except Exception as exc:
            printing = exc
        docx, error = None, ""
        try:
            docx = render_docx(doc, header)
        except Exception as exc:
            error = _describe(exc)
        return key, printing, docx, error

    def _flush(self, keep: int) -> Iterator[tuple[object, bytes | None, bytes | None, str]]:
        """The finished plans, in order, until `keep` are left printing."""
        while len(self._window) > keep:
            yield self._finish(self._window.popleft())

    def _finish(self, pending) -> tuple[object, bytes | None, bytes | None, str]:
        key, printing, docx, error = pending
        pdf = printing if isinstance(printing, bytes) else None
        if isinstance(printing, Future):
            try:
                pdf = printing.result()
            except Exception as exc:
                self._failed = True
                printing = exc
        if isinstance(printing, Exception):
            error = "; ".join(e for e in (error, _describe(printing)) if e)
        return key, pdf, docx, error


M_ARENA_MAX = -8  # glibc's mallopt parameter


def _glibc(call: str, *args) -> None:
    """Call a glibc allocator function; elsewhere (musl, macOS) do nothing."""
    try:
        getattr(ctypes.CDLL(None), call)(*args)
    except (OSError, AttributeError):
        pass


def _one_malloc_arena() -> None:
    """The PDFs arrive on the browser's thread and are written out on this one: with an allocator
    arena per thread, glibc kept the holes and the worker grew ~0.4 MB a plan (by 160 MB over 500
    plans). One arena keeps it flat (measured: bench/plan_bundle.py)."""
    _glibc("mallopt", M_ARENA_MAX, 1)


def _give_back_memory() -> None:
    """After a batch, hand the memory freed to the system."""
    _glibc("malloc_trim", 0)


def _describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return text[:ERROR_LIMIT]


# --------------------------------------------------------------------------- the index


INDEX_COLUMNS = (
    gettext_noop("Organisation code"), gettext_noop("Organisation"), gettext_noop("Kind"), gettext_noop("Province"),
    gettext_noop("Plan title"), gettext_noop("Fiscal year"), gettext_noop("Version"), gettext_noop("Plan status"),
    gettext_noop("In this ZIP"), gettext_noop("PDF file"), gettext_noop("Word file"),
)


def index_csv(entries: list[S.Entry]) -> bytes:
    """Every organisation of the scope and what became of its plan. UTF-8 with a BOM: Excel then
    reads the Thai names right; cells are escaped against formulas (phrom.core.tabular)."""

    def rows():
        for e in entries:
            org = e.organisation
            yield (
                org.code, org.name_th, org.kind.name if org.kind_id else "", org.province.name if org.province_id else "",
                e.title, e.plan.fiscal_year if e.plan is not None and e.outcome != S.SENSITIVE else "",
                e.version or "", e.state, e.outcome_label, e.pdf_name, e.docx_name,
            )

    return tabular.csv_bytes([_(label) for label in INDEX_COLUMNS], rows())


# --------------------------------------------------------------------------- the bundle


def _loader(entry: S.Entry, scenario_names: dict[str, str], kept: dict, sent: dict, printed: set
            ) -> Callable[[], tuple[dict, dict] | Kept]:
    sent_on = sent.get((entry.plan.pk, entry.version))

    def load() -> tuple[dict, dict] | Kept:
        # Only versions sent and not sensitive are kept (phrom.documents.store).
        prints = [kept.get((entry.plan.pk, entry.version, entry.approved_on, sent_on, fmt)) for fmt in store.FORMATS]
        files = [store.read(p) if p is not None else None for p in prints]
        if all(data is not None for data in files):
            return Kept(*files)
        printed.add(entry.plan.pk)
        doc = document_at(entry.plan, entry.version)
        if doc.get("classification") == Classification.SENSITIVE:
            # Sensitive at that version though not now: nothing of its content goes in either.
            entry.outcome = S.SENSITIVE
            raise SensitiveVersion
        header = document_header(
            entry.organisation, version=entry.version, approved_on=entry.approved_on, sent_on=sent_on,
            fiscal_year=entry.plan.fiscal_year, classification=doc.get("classification"),
            scenario_names=scenario_names,
        )
        return doc, header

    return load


class SensitiveVersion(Exception):
    """The version to print was marked security-sensitive: nothing of it goes in."""


def build(bundle: PlanBundle, *, batch: int = BROWSER_BATCH) -> PlanBundle:
    """Build the bundle's ZIP, recording progress on the row as each plan is written."""
    rows = PlanBundle.objects.filter(pk=bundle.pk)
    user = bundle.requested_by
    with translation.override(bundle.language):
        entries = S.entries(bundle, user)
        included = [e for e in entries if e.outcome == S.INCLUDED]
        rows.update(status=PlanBundle.Status.RUNNING, started_at=timezone.now(), total=len(included),
                    organisations=len(entries), done=0, failed=0)
        scenario_names = dict(Scenario.objects.values_list("code", "name_th"))
        sent = facts.sent_dates((e.plan.pk, e.version) for e in included)
        kept = store.kept_prints((e.plan.pk, e.version, e.approved_on, sent.get((e.plan.pk, e.version)))
                                 for e in included)
        printed: set[int] = set()  # plans printed here rather than copied from the store
        contents: dict[str, int] = {}
        failed = 0
        with _disk_full_is_clean(), tempfile.SpooledTemporaryFile(max_size=IN_MEMORY, prefix="phrom-bundle-") as tmp:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf, BatchPrinter(batch) as printer:
                items = ((e, _loader(e, scenario_names, kept, sent, printed)) for e in included)
                for done, (entry, pdf, docx, error) in enumerate(printer.print_all(items), start=1):
                    org = entry.organisation
                    if not error and entry.plan.pk in printed and (entry.plan.pk, entry.version) in sent:
                        # Printed here: kept for the next bundle and the downloads.
                        for fmt, data in (("pdf", pdf), ("docx", docx)):
                            store.keep(entry.plan.pk, entry.version, fmt, data, approved_on=entry.approved_on,
                                       sent_on=sent[(entry.plan.pk, entry.version)])
                    if pdf is not None:
                        entry.pdf_name = safe_filename(org.code, org.name_th, "pdf")
                        zf.writestr(entry.pdf_name, pdf)
                    if docx is not None:
                        entry.docx_name = safe_filename(org.code, org.name_th, "docx")
                        zf.writestr(entry.docx_name, docx)
                    if error and entry.outcome != S.SENSITIVE:
                        logger.warning("bundle %s: plan %s could not be printed: %s", bundle.pk, entry.plan.pk, error)
                        entry.outcome, entry.error = S.FAILED, error
                    if entry.pdf_name or entry.docx_name:
                        contents[str(entry.plan.pk)] = entry.version
                    if entry.outcome != S.INCLUDED:
                        failed += entry.outcome == S.FAILED
                    rows.update(done=done, failed=failed)
                zf.writestr(INDEX_NAME, index_csv(entries))
            size = tmp.tell()
            tmp.seek(0)
            name = save_whole(bundle_path(bundle, "bundle.zip"), File(tmp, name="bundle.zip"), bundle.file.storage)
    _record_reads(bundle, [e for e in included if str(e.plan.pk) in contents])
    now = timezone.now()
    rows.update(status=PlanBundle.Status.DONE, file=name, size=size, contents=contents,
                finished_at=now, expires_at=now + lifetime())
    bundle.refresh_from_db()
    return bundle


class _disk_full_is_clean:
    """The temporary ZIP could not grow (disk full): the same clean failure as a full storage."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None and is_full(exc):
            raise StorageFull() from exc
        return False


def _record_reads(bundle: PlanBundle, entries: list[S.Entry]) -> None:
    """A read by someone outside the agency goes into the plan's audit trail (issue 5)."""
    user = bundle.requested_by
    for e in entries:
        if not permissions.is_member(user, e.organisation):
            record_read(e.plan, user, ip=bundle.ip, version=e.version, detail={"bundle": bundle.pk})
