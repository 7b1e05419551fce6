"""Is an uploaded file a Word document we may open? Checked before python-docx reads a byte of it.

A .docx is a ZIP of XML parts. Refused, each with its own message: a file over the size limit;
an OLE compound file (an encrypted .docx is one: Word wraps it in an "EncryptionInfo" container;
so is an old Word 97–2003 .doc); anything that is not a ZIP with word/document.xml; and a ZIP
bomb, judged on the ZIP's own directory — entry count, declared uncompressed sizes and their ratio
to the compressed ones — before anything is decompressed. Python's zipfile then never inflates an
entry past its declared size (it stops there and fails the CRC check), so the caps hold even when
the directory lies; such a lie, found when the XML parts are read here, is refused too. So is a
package without `_rels/.rels` (python-docx cannot find the document without it) and any XML part
that declares a DTD: Word never writes one, and its entities are how a "billion laughs" expands
a few bytes into gigabytes.
"""

from __future__ import annotations

import io
import zipfile

from phrom.core.errors import PhromError
from phrom.core.filetypes import OLE_MAGIC, ZIP_MAGIC

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200  # Word's XML compresses 10–30 times; a bomb, thousands of times
RATIO_FLOOR = 1024 * 1024  # small parts may compress extremely well: judge the ratio of big ones only

ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
PACKAGE_RELATIONSHIPS = "_rels/.rels"
XML_PARTS = (".xml", ".rels")
DTD = b"<!DOCTYPE"
CHUNK = 1024 * 1024


class WordFileRefused(PhromError):
    """The upload is not a Word file we may open; `code` says why (its message is in phrom.core.errors.CODES)."""

    def __init__(self, code: str, **params):
        super().__init__(code, field="file", **params)


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise WordFileRefused("too_large", limit=MAX_UPLOAD_BYTES // (1024 * 1024))
    if size == 0:
        raise WordFileRefused("empty")


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refused by its declared size before reading it."""
    check_size(upload.size)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    check_size(len(data))
    return data


def check_docx(data: bytes) -> None:
    """Raise WordFileRefused unless `data` is a .docx that is safe to open."""
    check_size(len(data))
    if data.startswith(OLE_MAGIC):
        # The container's directory names its streams in UTF-16: an encrypted OOXML file has these.
        raise WordFileRefused("encrypted" if ENCRYPTION_STREAM in data else "old_word")
    if not data.startswith(ZIP_MAGIC):
        raise WordFileRefused("not_word")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WordFileRefused("not_word") from None
    if len(entries) > MAX_ENTRIES:
        raise WordFileRefused("zip_bomb")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise WordFileRefused("encrypted")
        total += entry.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise WordFileRefused("zip_bomb")
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise WordFileRefused("zip_bomb")
    names = {e.filename for e in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise WordFileRefused("not_word")
    if PACKAGE_RELATIONSHIPS not in names:
        raise WordFileRefused("damaged_word")
    for entry in entries:
        if entry.filename.lower().endswith(XML_PARTS) and _declares_dtd(archive, entry):
            raise WordFileRefused("xml_entities")


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """Does the XML part declare a DTD? Read in chunks (the part's size is capped above); raises
    WordFileRefused when the part does not match the ZIP's directory (size or checksum)."""
    tail = b""
    try:
        with archive.open(entry) as part:
            while chunk := part.read(CHUNK):
                # Without NUL bytes, the UTF-16 spelling of the declaration reads as the ASCII one.
                text = tail + chunk.replace(b"\0", b"")
                if DTD in text:
                    return True
                tail = text[-len(DTD):]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError):
        raise WordFileRefused("zip_mismatch") from None
    return False
