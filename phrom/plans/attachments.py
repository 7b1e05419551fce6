"""The agency's original Word/PDF beside a plan: its content must be what its name says (checked by
its first bytes, phrom.core.filetypes), and it is served with that checked type, as a download the
browser may not sniff into something else (an HTML page named .pdf stays a download)."""

from __future__ import annotations

from pathlib import PurePath

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes

from phrom.core.errors import PhromError
from phrom.core.filetypes import CONTENT_TYPES, sniff


def extension(name: str) -> str:
    return PurePath(name).suffix.lstrip(".").lower()


def check_content(upload) -> None:
    """Raise PhromError("attachment_mismatch") unless the upload's content is of its extension's type."""
    expected = extension(upload.name or "")
    if sniff(upload) != expected:
        raise PhromError("attachment_mismatch", field="file", extension=expected)


# A download's documented answers: the types file_response may give.
ATTACHMENT_RESPONSES = {(200, t): OpenApiTypes.BINARY for t in [*CONTENT_TYPES.values(), "application/octet-stream"]}


def file_response(stored) -> FileResponse:
    """A stored attachment as a download: its type is the one its content shows (a file stored before
    the content was checked and not matching its name goes as application/octet-stream)."""
    handle = stored.open("rb")
    name = PurePath(stored.name).name
    kind = sniff(handle)
    content_type = CONTENT_TYPES[kind] if kind is not None and kind == extension(name) else "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
