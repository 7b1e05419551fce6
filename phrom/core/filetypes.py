"""What a file is, by its first bytes (its "magic"), never by its name: the one place the project's
uploads are told apart (a plan's attachment, a Word plan, an organisation file)."""

from __future__ import annotations

import zipfile

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old Office file (.doc, .xls), or an encrypted .docx

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
}


def sniff(handle) -> str | None:
    """'pdf', 'docx' (a ZIP holding word/document.xml), 'doc' (an OLE compound file) or None, read
    from the start of the binary file object `handle` (left at its start)."""
    handle.seek(0)
    head = handle.read(len(OLE_MAGIC))
    handle.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(handle) as archive:  # reads the directory only
                is_word = "word/document.xml" in archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            is_word = False
        handle.seek(0)
        return "docx" if is_word else None
    return None
