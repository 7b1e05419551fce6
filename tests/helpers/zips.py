"""ZIP files for the refusal tests: a .docx that unpacks to far more than it weighs."""

import io
import zipfile


def zeros_entry(z: zipfile.ZipFile, name: str, megabytes: int):
    """Write `megabytes` MB of zeros one MB at a time (the test itself stays small in memory)."""
    block = bytes(1024 * 1024)
    with z.open(name, "w", force_zip64=True) as f:
        for _ in range(megabytes):
            f.write(block)


def bomb(megabytes: int, extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        zeros_entry(z, "word/media/image1.png", megabytes)
    return out.getvalue()
