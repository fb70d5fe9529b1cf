"""Lines of the normalized text with exact spans, and the cheap measures used to classify them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line's content: everything between line breaks, without the white space around it
# (ASCII and ideographic spaces, which indent paragraphs in pasted government pages).
_CONTENT = re.compile(r"[^\S\n]*([^\n]*?)[^\S\n]*(?:\n|$)")
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
    lines = []
    for match in _CONTENT.finditer(text):
        if match.group(1):
            lines.append(Line(match.start(1), match.end(1), match.group(1)))
        if match.end() >= len(text):
            break
    return lines


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def is_mostly_latin(text: str) -> bool:
    """English (or other Latin-script) prose: several words of letters, hardly any Han."""
    latin = len(_LATIN.findall(text))
    return latin >= 8 and han_count(text) * 10 < latin
