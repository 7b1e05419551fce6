"""Sorting Thai text in Thai dictionary order, on PostgreSQL and on SQLite alike.

Thai dictionary order is not code-point order: a leading vowel (เ แ โ ใ ไ) is written before
its consonant but sorts by the consonant ("เชียงใหม่" files under ช), and tone marks count only
to break ties. PostgreSQL does this with the ICU collation th-TH-x-icu. SQLite has no ICU, so
every SQLite connection gets a collation of the same name that compares `thai_sort_key`s:
`order_by(thai("name_th"))` then works on both databases.
"""

import re

from django.db.models import F
from django.db.models.functions import Collate

THAI_COLLATION = "th-TH-x-icu"

_TONE_MARKS = re.compile("[\u0e47-\u0e4e]")  # ็ ่ ้ ๊ ๋ ์ ํ ๎
_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")  # เ แ โ ใ ไ before a consonant


def thai_sort_key(text: str) -> tuple[str, str]:
    """Consonants first (leading vowels moved behind them), then tone marks to break ties."""
    text = text.casefold()
    base = _LEADING_VOWEL.sub(r"\2\1", _TONE_MARKS.sub("", text))
    return base, "".join(_TONE_MARKS.findall(text))


def _compare(a: str, b: str) -> int:
    ka, kb = thai_sort_key(a), thai_sort_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs):
    """connection_created handler: teach each SQLite connection the Thai collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(THAI_COLLATION, _compare)


def thai(field: str) -> Collate:
    """An expression for order_by(): the field in Thai dictionary order."""
    return Collate(F(field), THAI_COLLATION)
