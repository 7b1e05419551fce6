"""Thai text for the search index: a component's words as people read them, cut into words, and the
snippet of a hit with the words found marked.

Thai is written without spaces between words, so a full-text index cannot find the words by itself:
PyThaiNLP's word_tokenize (the dictionary-based newmm engine) cuts the text, and the index reads the
words joined with spaces. A query is cut the same way and searched as a phrase (its words next to
each other, in order): "สถานที่ปฏิบัติงานสำรอง" is สถานที่ · ปฏิบัติงาน · สำรอง in the query and in a
plan alike. A word is a run of letters, digits and combining marks (Thai vowels and tone marks are
marks): punctuation and spaces only separate words, as in both databases' tokenizers.
"""

from __future__ import annotations

import re
import unicodedata

from pythainlp.tokenize import word_tokenize

from phrom.plans.codes import HEADER

# Letters and digits (\w without "_") and every combining mark of the Basic Multilingual Plane: Python's
# \w leaves out the marks, so "ที่" would fall apart.
_MARKS = "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.category(chr(c))[0] == "M")
_WORD = re.compile(f"(?:[^\\W_]|[{_MARKS}])+")
_SEPARATOR = f"(?:_|[^\\w{_MARKS}])*"


def words(text: str) -> list[str]:
    """The words of `text` in lower case, in order (PyThaiNLP newmm, then split at anything not a letter,
    digit or mark): what the index holds and what a query asks for."""
    out = []
    for token in word_tokenize(text or "", engine="newmm", keep_whitespace=False):
        out += [w.lower() for w in _WORD.findall(token)]
    return out


def indexed(text: str) -> str:
    """The text as the full-text index reads it: its words joined with spaces."""
    return " ".join(words(text))


# --------------------------------------------------------------------------- what each component says


def component_text(component: str, data, scenario_names: dict[str, str]) -> str:
    """The searchable text of one component of a plan document, one value a line: the words people wrote
    (names, objectives, strategies, processes, resources, activities). Contact details (phone, e-mail,
    LINE) and codes are left out; the call tree has only references to team members."""
    def values(rows, *keys):
        return [row[k] for row in rows or [] if isinstance(row, dict) for k in keys if isinstance(row.get(k), str)]

    if component == HEADER:
        parts = [(data or {}).get("title") or ""]
    elif component == "scope":
        data = data or {}
        parts = [data.get("objectives") or "", data.get("assumptions") or "", data.get("scope") or ""]
        for s in data.get("scenarios") or []:
            if isinstance(s, dict):
                parts += [s.get("name_th") or scenario_names.get(s.get("code"), ""), s.get("note") or ""]
    elif component == "impacts":
        parts = values(data, "note")
    elif component == "team":
        parts = values(data, "name", "position", "team")
    elif component == "strategies":
        parts = values(data, "strategy")
    elif component == "processes":
        parts = values(data, "name", "mission")
        for p in data or []:
            if isinstance(p, dict):
                parts += [str(d.get("name") or "") for d in p.get("dependencies") or [] if isinstance(d, dict)]
    elif component == "resources":
        parts = values(data, "item")
    elif component == "procedures":
        parts = values(data, "activity")
    else:
        parts = []
    return "\n".join(p.strip() for p in parts if p and p.strip())


# --------------------------------------------------------------------------- the snippet


def phrase_pattern(query_words: list[str]) -> re.Pattern:
    """The query's words in a text, with nothing but spaces or punctuation between them."""
    return re.compile(_SEPARATOR.join(re.escape(w) for w in query_words), re.IGNORECASE)


def snippet(text: str, pattern: re.Pattern, width: int = 90) -> list[tuple[str, bool]]:
    """A short piece of `text` around the first place the words occur, as (part, marked) pairs: the
    parts matching the pattern are marked (a page escapes every part and wraps marked ones in <mark>)."""
    text = " ".join(text.split())
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - width // 2)
    end = min(len(text), start + width * 2)
    if start:
        space = text.find(" ", start, first.start()) if first else -1
        start = space + 1 if space != -1 else start
    piece = text[start:end]
    parts: list[tuple[str, bool]] = [("… ", False)] if start else []
    at = 0
    for m in pattern.finditer(piece):
        if m.start() > at:
            parts.append((piece[at:m.start()], False))
        parts.append((m.group(), True))
        at = m.end()
    if at < len(piece):
        parts.append((piece[at:], False))
    if end < len(text):
        parts.append((" …", False))
    return parts
