"""Lines of the normalized text with exact spans, and the cheap measures used to classify them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line's content: everything between line breaks, without the white space around it
# (ASCII and ideographic spaces, which indent paragraphs in pasted government pages).
_SPACE = (  # white space that is not a line break: ASCII, NBSP, typographic and ideographic
    " \t\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
SENTENCE_END = re.compile(r"[。！？!?]")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: `text == doc.text[start:end]`, surrounding white space excluded."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    # str.split walks the text in C; `offset` keeps each piece's position exact.
    lines = []
    offset = 0
    for raw in text.split("\n"):
        content = raw.strip(_SPACE)
        if content:
            start = offset + len(raw) - len(raw.lstrip(_SPACE))
            lines.append(Line(start, start + len(content), content))
        offset += len(raw) + 1
    return lines


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def has_han(text: str, end: int | None = None) -> bool:
    """Whether text[:end] holds a Han character (han_count > 0 without counting them all)."""
    return _HAN.search(text, 0, len(text) if end is None else end) is not None


_TWO_HAN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff].{0,8}[\u3400-\u4dbf\u4e00-\u9fff]"
)


def is_mostly_latin(text: str) -> bool:
    """English (or other Latin-script) prose: several words of letters, hardly any Han."""
    if _TWO_HAN.search(text, 0, 24):
        return False  # Chinese from its first words: the common case, decided cheaply
    latin = len(_LATIN.findall(text))
    return latin >= 8 and han_count(text) * 10 < latin
