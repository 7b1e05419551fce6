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


def rebuilt(docx: bytes, *, replace: dict | None = None, drop=lambda name: False) -> bytes:
    """The .docx with some parts replaced (name -> text) and some dropped."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            if not drop(name):
                z.writestr(name, (replace or {}).get(name, source.read(name)))
    return out.getvalue()


def billion_laughs(docx: bytes, encoding: str = "utf-8") -> bytes:
    """The .docx whose document.xml expands ten entities ten times over, nine levels deep (10⁹ "lol")."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE w:document [{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    return rebuilt(docx, replace={"word/document.xml": xml.encode(encoding)})


def without_rels(docx: bytes) -> bytes:
    """The .docx without its relationship parts (`_rels/.rels` and the others)."""
    return rebuilt(docx, drop=lambda name: "_rels/" in name)


def under_declared(docx: bytes, part: str = "word/document.xml") -> bytes:
    """The .docx whose ZIP directory says `part` is 100 bytes when it is far more."""
    data = bytearray(docx)
    at = data.find(b"PK\x01\x02")  # each central directory entry
    while at != -1:
        name_length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_length] == part.encode():
            data[at + 24:at + 28] = (100).to_bytes(4, "little")  # its uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)
