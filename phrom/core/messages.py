"""Messages that the author must read in Thai and an English reader in English, side by side.

Message ids are English (python brace format) marked with gettext_noop, so that makemessages
finds them; their Thai text lives in the locale of the app that marks them, like its other strings.
"""

from functools import lru_cache

from django.utils import translation


@lru_cache(maxsize=1024)
def _thai(msgid: str) -> str:
    with translation.override("th"):
        return translation.gettext(msgid)


def both(msgid: str, **params) -> tuple[str, str]:
    """(Thai, English) of one message, with its {placeholders} filled in."""
    th = _thai(msgid)
    if params:
        return th.format(**params), msgid.format(**params)
    return th, msgid


def label_pair(label) -> tuple[str, str]:
    """(Thai, English) of a lazily translated label, e.g. a TextChoices label."""
    with translation.override("th"):
        th = str(label)
    with translation.override("en"):
        en = str(label)
    return th, en


def both_each(msgid: str, th: dict, en: dict) -> tuple[str, str]:
    """Like both(), when a placeholder itself differs by language (a name, a label)."""
    return _thai(msgid).format(**th), msgid.format(**en)
