"""Files that are not Word documents we may open are refused before anything reads them."""

import io
import zipfile

import pytest

from phrom.exchange.docx_safety import (
    MAX_UPLOAD_BYTES,
    OLE_MAGIC,
    WordFileRefused,
    check_docx,
)
from phrom.exchange.word import read_word
from tests.helpers.zips import billion_laughs, bomb, rebuilt, under_declared, without_rels

from .make_samples import opdc_form


def refused(data) -> str:
    with pytest.raises(WordFileRefused) as e:
        check_docx(data)
    assert e.value.message_th and e.value.message_en and e.value.message_th != e.value.message_en
    return e.value.code


def zip_of(entries: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_word_file_passes():
    check_docx(opdc_form())


def test_not_a_zip():
    assert refused(b"%PDF-1.7\n...") == "not_word"
    assert refused("แผน BCP".encode()) == "not_word"
    assert refused(b"PK\x03\x04 broken") == "not_word"


def test_a_zip_that_is_not_word():
    assert refused(zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})) == "not_word"


def test_encrypted_and_old_word_files():
    ole = OLE_MAGIC + bytes(504)
    assert refused(ole + "EncryptionInfo".encode("utf-16-le") + bytes(512)) == "encrypted"
    assert refused(ole + "WordDocument".encode("utf-16-le") + bytes(512)) == "old_word"


def test_too_large():
    assert refused(b"PK\x03\x04" + bytes(MAX_UPLOAD_BYTES)) == "too_large"


def test_zip_bombs_are_judged_on_the_directory():
    assert refused(bomb(120)) == "zip_bomb"  # over the 100 MB total
    assert refused(bomb(30)) == "zip_bomb"  # under it, but a thousand times compressed
    many = {"[Content_Types].xml": "x", "word/document.xml": "x", **{f"word/p{i}.xml": "" for i in range(2100)}}
    assert refused(zip_of(many, compression=zipfile.ZIP_STORED)) == "zip_bomb"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_billion_laughs_is_refused_before_it_is_parsed(encoding):
    assert refused(billion_laughs(opdc_form(), encoding)) == "xml_entities"


def test_a_part_larger_than_its_directory_says_is_refused():
    assert refused(under_declared(opdc_form())) == "zip_mismatch"


def test_a_package_without_relationships_is_refused():
    assert refused(without_rels(opdc_form())) == "damaged_word"


def test_what_python_docx_cannot_open_is_refused_not_a_crash():
    # Passes the package checks, yet its document part is not XML.
    data = rebuilt(opdc_form(), replace={"word/document.xml": b"<w:document"})
    check_docx(data)
    with pytest.raises(WordFileRefused) as e:
        read_word(data)
    assert e.value.code == "damaged_word" and e.value.message_th != e.value.message_en
