"""Normalization stage: strip pinyin annotations such as 報(bào) -> 報.

Some republished texts gloss characters with their reading in brackets.  An
annotation is removed only when it is a valid reading of the character(s)
right before it, so (记者 曹忠义), 市(地), (PPP), 第三条(a)项 and (试行) stay.

Speed: one compiled regex finds a bracket holding pinyin-like Latin letters;
only those few candidates are checked against pypinyin, whose readings are
cached per character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from zhengce.model import Document, Edit
from zhengce.opencc_convert import convert

# Lower- and upper-case vowels with tone marks, the ü family, syllabic m/n and
# the IPA look-alikes some fonts use for a/g (ɑ ɡ).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜŃŇǸḾɑɡ"
_FIRST = f"A-Za-z{_TONED}"
# Inside: letters, combining tone marks (decomposed input), tone digits 0-5,
# u: for ü, and syllable separators (space, apostrophes, hyphen).
_REST = f"{_FIRST}\u0300-\u036f0-5:'’\\- "
_INSIDE = f" ?([{_FIRST}][{_REST}]{{0,47}}?) ?[)）]"
# One pattern per opening bracket: a literal first character lets the regex
# engine skip ahead with a fast substring search (5x faster than a class).
_CANDIDATES = (re.compile(r"\(" + _INSIDE), re.compile("（" + _INSIDE))

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# A multi-character word may be glossed as a whole: 區域(qūyù).
_MAX_WORD = 4
_SEPARATORS = str.maketrans("", "", " '’-")


def strip_pinyin_annotations(doc: Document) -> list[Edit]:
    text = doc.text
    edits: list[Edit] = []
    for pattern in _CANDIDATES:
        for match in pattern.finditer(text):
            edit = _edit_for(text, match)
            if edit is not None:
                edits.append(edit)
    return sorted(edits, key=lambda edit: edit.start)


def _edit_for(text: str, match: re.Match[str]) -> Edit | None:
    annotation = match.group(1)
    if _looks_like_acronym(annotation):
        return None
    start = match.start()
    # One space between character and bracket belongs to the annotation.
    if start > 0 and text[start - 1] in " \t":
        start -= 1
    word = _han_run_before(text, start)
    if not word:
        return None
    wanted = normalize_pinyin(annotation)
    if not wanted:
        return None
    for size in range(1, len(word) + 1):
        chars = word[-size:]
        readings = match_readings(wanted, chars)
        if readings is not None:
            glossed = " + ".join(f"{c} {r}" for c, r in zip(chars, readings, strict=True))
            reason = f"pinyin annotation ({annotation}) is a reading of {chars}: {glossed}"
            return Edit(start, match.end(), text[start : match.end()], "", "", reason)
    return None


def _looks_like_acronym(annotation: str) -> bool:
    """GDP, PPP, CPC, M2: two capitals anywhere, or a single capital alone."""
    capitals = sum(1 for ch in annotation if ch.isupper())
    return capitals >= 2 or (capitals == 1 and len(annotation.strip()) == 1)


def _han_run_before(text: str, end: int) -> str:
    begin = end
    while begin > 0 and end - begin < _MAX_WORD and _HAN.match(text[begin - 1]):
        begin -= 1
    return text[begin:end]


def normalize_pinyin(annotation: str) -> str:
    """One spelling for every way of writing a reading.

    Composed tone marks (NFC), lower case, ü for v and u:, a/g for the IPA
    look-alikes, neutral tone digits 5/0 dropped (pypinyin writes the neutral
    tone without a digit), separators removed.
    """
    folded = unicodedata.normalize("NFC", annotation).lower()
    folded = folded.replace("u:", "ü").replace("v", "ü").replace("ɑ", "a").replace("ɡ", "g")
    folded = folded.replace("5", "").replace("0", "")
    return folded.translate(_SEPARATORS)


def match_readings(wanted: str, chars: str) -> list[str] | None:
    """Split `wanted` into one reading per character of `chars`, or None."""
    if not chars:
        return [] if not wanted else None
    for reading in sorted(readings_of(chars[0]), key=len, reverse=True):
        if wanted.startswith(reading):
            rest = match_readings(wanted[len(reading) :], chars[1:])
            if rest is not None:
                return [reading, *rest]
    return None


@cache
def readings_of(char: str) -> frozenset[str]:
    """Every reading of `char` (and of its simplified form), in the three spellings.

    pypinyin knows more heteronyms for simplified characters than for their
    traditional forms (绿 lǜ/lù, 綠 only lǜ), hence the union.
    """
    from pypinyin import Style, pinyin

    forms: set[str] = set()
    for variant in {char, _to_simplified(char)}:
        for style in (Style.TONE, Style.TONE3, Style.NORMAL):
            for reading in pinyin(variant, style=style, heteronym=True, v_to_u=True)[0]:
                if reading != variant:  # pypinyin echoes characters it does not know
                    forms.add(normalize_pinyin(reading))
    forms.discard("")
    return frozenset(forms)


@cache
def _to_simplified(char: str) -> str:
    return convert("t2s", char)
