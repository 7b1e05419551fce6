"""Is an uploaded file a Word document we may open? Checked before python-docx reads a byte of it.

A .docx is a ZIP of XML parts. Refused, each with its own message: a file over the size limit;
an OLE compound file (an encrypted .docx is one: Word wraps it in an "EncryptionInfo" container;
so is an old Word 97–2003 .doc); anything that is not a ZIP with word/document.xml; and a ZIP
bomb, judged on the ZIP's own directory — entry count, declared uncompressed sizes and their ratio
to the compressed ones — before anything is decompressed. Python's zipfile then never inflates an
entry past its declared size (it stops there and fails the CRC check), so the caps hold even when
the directory lies. python-docx parses the XML with entity resolution off (no "billion laughs").
"""

from __future__ import annotations

import io
import zipfile

from phrom.core.errors import PhromError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200  # Word's XML compresses 10–30 times; a bomb, thousands of times
RATIO_FLOOR = 1024 * 1024  # small parts may compress extremely well: judge the ratio of big ones only

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


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
