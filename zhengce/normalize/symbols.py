"""Normalization stage: remove emoji and pictographic noise symbols.

What counts as noise is data (`zhengce/data/symbols.tsv`: Unicode properties,
blocks and scripts, and the symbols always kept).  At import the table is
turned, once, into character classes with the `regex` module (which knows
Unicode properties) and compiled into one plain `re` pattern, so the scan of a
clean text is a single fast regex search.

One rule, everywhere in the document (Chinese prose, English translation, any
line): an emoji carries no policy content in either language, and every
removal is in the edit log.  A removal takes a whole emoji sequence: base,
skin tones, variation selectors, zero-width joiners, tags and keycaps
(`*️⃣` goes with its `*`).  Symbols GBK or Big5 can encode (★ → ※ ① ■ ● ♀ ℃ №)
are real Chinese typesetting and stay; the few of them that are also emoji
(♀ ♂ ↗) go only inside an emoji sequence (🤷🏿♀️).  A keycap digit that
starts a line is a list number, so it keeps its digit (`1️⃣ 加强…` -> `1 加强…`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

import regex

from zhengce.lexicon import load_table
from zhengce.model import Document, Edit
from zhengce.normalize.table_cache import cached, ours, table_key

VARIATION_SELECTORS = "\ufe0e\ufe0f"  # text / emoji presentation
ZWJ = "\u200d"
KEYCAP = "\u20e3"
TAGS = (0xE0020, 0xE007F)  # emoji tag sequences (subdivision flags)

# Code points where any listed property, block or script can fall; scanning
# only these keeps the one-off table build to a few milliseconds.
_CANDIDATE_RANGES = ((0x00A0, 0x3400), (0x10000, 0x20000))


def _candidates() -> str:
    return "".join(chr(cp) for low, high in _CANDIDATE_RANGES for cp in range(low, high))


def _selector(kind: str, value: str) -> str:
    """A `regex` class item for one table row."""
    if kind == "property":
        return rf"\p{{{value}}}"
    if kind == "block":
        return rf"[\p{{So}}&&\p{{Block={value}}}]"
    if kind == "script":
        return rf"\p{{Script={value}}}"
    raise ValueError(f"symbols.tsv: unknown kind {kind!r}")


def _is_legacy_chinese(char: str) -> bool:
    """True if GBK or Big5 can encode the character (traditional Chinese typesetting has it)."""
    for codec in ("gbk", "cp950"):
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _char_class(chars: Iterable[str]) -> str:
    """A `re` character class body for `chars`, with consecutive code points merged into ranges."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        low, high = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(low if i == j else f"{low}-{high}")
        i = j + 1
    return "".join(parts)


def _coarse_class(chars: Iterable[str], gap: int = 0x1000) -> str:
    """A class covering `chars` with few ranges (gaps under `gap` filled in).

    `re` tests a class of basic-plane characters with one bitmap lookup but
    walks the supplementary ranges one by one, so a trigger class keeps them few.
    """
    ranges: list[list[int]] = []
    for point in sorted({ord(c) for c in chars}):
        if ranges and point - ranges[-1][1] <= gap:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges)


def _symbol_classes() -> tuple[set[str], set[str], set[str]]:
    """`_derive_symbol_classes`, kept between runs (`table_cache`): most of the import."""
    key = table_key(regex.__version__, unicodedata.unidata_version, ours("symbols"))

    def build() -> list[str]:
        return ["".join(sorted(chars)) for chars in _derive_symbol_classes()]

    def check(value: object) -> bool:
        return (
            isinstance(value, list)
            and len(value) == 3
            and all(isinstance(chars, str) for chars in value)
        )

    strong, weak, keep = cached("symbol-classes", key, build, check)
    return set(strong), set(weak), set(keep)


def _derive_symbol_classes() -> tuple[set[str], set[str], set[str]]:
    """(strong noise, noise only inside an emoji sequence, always kept), from symbols.tsv."""
    rows = load_table("symbols")
    keep = {c for row in rows if row["action"] == "keep" for c in row["value"]}
    selectors = [_selector(r["kind"], r["value"]) for r in rows if r["action"] == "noise"]
    listed = set(regex.findall("|".join(selectors), _candidates(), flags=regex.V1))
    listed -= keep
    pictographic = set(regex.findall(r"\p{Extended_Pictographic}", "".join(listed)))
    legacy = {c for c in listed if _is_legacy_chinese(c)}
    return listed - legacy, legacy & pictographic, keep


def _build_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(trigger, sequence): every match of `sequence` holds a `trigger` character.

    Clean text is scanned with `trigger` alone, a plain character class that
    `re` searches fast; `sequence` runs only where a trigger is found.
    """
    strong, weak, keep = _symbol_classes()
    s, w, k = _char_class(strong), _char_class(weak), _char_class(keep)
    vs = VARIATION_SELECTORS
    tags = f"{chr(TAGS[0])}-{chr(TAGS[1])}"
    keycap = f"[#*0-9][{vs}]?{KEYCAP}"
    head = f"(?:[{s}]|{keycap}|[{w}][{vs}])"
    tail = f"(?:[{s}{w}{vs}{ZWJ}{tags}{KEYCAP}]|{keycap})"
    sequence = f"(?P<seq>{ZWJ}*{head}{tail}*)"
    kept_selector = f"(?P<kept>(?<=[{k}])[{vs}]+)"
    # Selectors, keycap marks, tags and joiners left without an emoji: never text.
    stray = f"(?P<stray>[{vs}{KEYCAP}{tags}]+|{ZWJ}+)"
    basic = _char_class(c for c in strong | weak if ord(c) < 0x10000)
    supplementary = _coarse_class(c for c in strong | weak if ord(c) >= 0x10000)
    trigger = f"[{basic}{supplementary}{vs}{ZWJ}{tags}{KEYCAP}]"
    return re.compile(trigger), re.compile(f"{sequence}|{kept_selector}|{stray}")


_TRIGGER, _PATTERN = _build_patterns()
# The scripts listed as noise (hieroglyphs), named in the edit reason.
_SCRIPT_ROWS = [row["value"] for row in load_table("symbols") if row["kind"] == "script"]
_NOISE_SCRIPT = regex.compile("|".join(_selector("script", name) for name in _SCRIPT_ROWS))


def _sequence_edit(match: re.Match[str], text: str) -> Edit:
    found = match.group()
    start, end = match.span()
    at_line_start = start == 0 or text[start - 1] == "\n"
    if at_line_start and found[0].isdigit() and KEYCAP in found[:3]:
        return Edit(start, end, found, found[0], "", "keycap list number at line start: keep digit")
    if _NOISE_SCRIPT.search(found):
        return Edit(start, end, found, "", "", "pictograph (hieroglyph) noise")
    return Edit(start, end, found, "", "", "emoji sequence (with modifiers, selectors, joiners)")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Matches of `_PATTERN`, tried only around trigger characters."""
    done = 0  # end of the last match: matches never overlap
    trigger = _TRIGGER.search(text)
    while trigger is not None:
        hit = trigger.start()
        # A keycap sequence starts up to two characters before its trigger (`1` FE0F 20E3).
        for start in range(max(done, hit - 2), hit + 1):
            match = _PATTERN.match(text, start)
            if match is not None:
                yield match
                done = match.end()
                break
        trigger = _TRIGGER.search(text, max(done, hit + 1))


def strip_noise_symbols(doc: Document) -> list[Edit]:
    """Edits removing emoji, pictographs and their leftover selectors/joiners from `doc.text`."""
    text = doc.text
    edits: list[Edit] = []
    for match in _matches(text):
        start, end = match.span()
        if match.lastgroup == "seq":
            edits.append(_sequence_edit(match, text))
        elif match.lastgroup == "kept":
            reason = "emoji presentation selector after a kept symbol"
            edits.append(Edit(start, end, match.group(), "", "", reason))
        else:
            reason = "stray emoji selector, keycap mark, tag or joiner"
            edits.append(Edit(start, end, match.group(), "", "", reason))
    return edits
