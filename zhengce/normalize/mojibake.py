"""Normalization stage: repair GBK byte misalignment such as 推動?xùn)|北 -> 推動東北.

How the damage arises.  A tool that glosses characters with pinyin worked on
GBK bytes and spliced an annotation between the two bytes of a character:
東 is 0x96 0x7C, so the bytes became 0x96 "(xùn)" 0x7C.  Decoding again, the
orphaned lead byte 0x96 cannot pair with "(" and comes out as "?" (taking the
bracket with it), the annotation survives, and the trail byte 0x7C reads as
the ASCII "|".  When the trail byte is not ASCII (>= 0x80) it pairs with the
next character's lead byte instead, and the text stays shifted by one byte,
a run of random characters, until the decoder meets an ASCII byte.

Repair.  The trail byte survives (as ASCII, or as the first byte of the
shifted run, which re-aligns exactly once shifted back), the lead byte does
not: every GBK lead byte that forms a Han character with that trail is a
candidate.  Context decides: each candidate is put between its neighbours,
converted to simplified (the context may be traditional), and the window is
scored by a unigram word model over the word frequencies bundled with jieba;
a character of the other script than the text around it is unlikely.  A clear
winner becomes an edit marked as a guess; otherwise the span is only flagged
in doc.metadata["flags"].

Speed: on clean text the only work is one regex scan for "?" or U+FFFD
followed by a one-syllable bracket; the dictionary loads on the first hit.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from zhengce.model import Document, Edit
from zhengce.normalize.pinyin import normalize_pinyin, readings_of
from zhengce.normalize.word_model import (
    punctuation_frequencies,
    segmentation_score,
    word_frequencies,
)
from zhengce.opencc_convert import convert

STAGE = "mojibake"

# What a decoder leaves for the orphaned lead byte: "?" (most GBK decoders
# that do not raise) or U+FFFD (Unicode-aware ones).  The opening bracket may
# have been swallowed with it.  One pattern per mark so the regex engine can
# jump between literal first characters instead of testing every position.
_SYLLABLE = "([A-Za-züÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300-\u036f:]{1,8}[0-5]?)"
_LOST = "?\ufffd"  # what a decoder writes for bytes it cannot pair
_MARKS = tuple(re.compile(re.escape(mark) + r"[(（]?" + _SYLLABLE + r"[)）]") for mark in _LOST)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# GBK: lead bytes 0x81-0xFE; trail bytes 0x40-0x7E and 0x80-0xFE.
_LEADS = range(0x81, 0xFF)
_ASCII_TRAILS = range(0x40, 0x7F)
_TRAILS = frozenset(range(0x40, 0x7F)) | frozenset(range(0x80, 0xFF))

_CONTEXT = 4  # Han characters either side used to score a candidate
_LONG_RUN = 6  # shifted runs this long must read worse than their re-alignment
_MAX_RUN = 2000  # longest shifted run we try to re-align (a long paragraph)
# A candidate must be this many times more probable than the runner-up to be
# applied; closer calls (two plausible readings) are left to a human.
_CLEAR_LEAD = 3.0
# ... and more probable than all the others together.
_MIN_SHARE = 0.5
# A candidate whose reading equals the spliced annotation gets a small bonus:
# the annotation may have been meant for the damaged character, but in the
# damage seen so far it was noise, so it only breaks near-ties.
_READING_BONUS = 1.5
_MAX_CONFIDENCE = 0.95  # a repair from context is never certain
# A candidate in the other script than its surroundings (说 in traditional
# text, 說 in simplified) is this much less likely: GBK holds both forms.
_OTHER_SCRIPT = 0.05
_SCRIPT_WINDOW = 100  # characters either side that decide the script around


@dataclass(frozen=True, slots=True)
class _Damage:
    """One detected mark; text[start:end] is the damaged span.

    `first_trail` is the surviving trail byte of the character whose lead byte
    was lost (None if it was lost too).  A shifted run re-aligns into `middle`
    exactly; if the run ended in "?", that "?" swallowed the trail byte of the
    last character (whose lead byte is `last_lead`) and the ASCII byte after it.
    """

    start: int
    end: int
    syllable: str
    first_trail: int | None
    middle: str = ""
    last_lead: int | None = None
    shifted: str = ""


def repair_gbk_mojibake(doc: Document) -> list[Edit]:
    matches = [match for pattern in _MARKS for match in pattern.finditer(doc.text)]
    edits: list[Edit] = []
    repaired_until = 0
    for match in sorted(matches, key=lambda match: match.start()):
        # A shifted run may end in the "?" that starts the next mark: one repair per span.
        if match.start() < repaired_until:
            continue
        edit = _repair(doc, match)
        if edit is not None:
            edits.append(edit)
            repaired_until = edit.end
    return edits


def _repair(doc: Document, match: re.Match[str]) -> Edit | None:
    text = doc.text
    if not is_pinyin_syllable(match.group(1)):
        return None
    damage = _read_damage(text, match)
    if damage is None or not _in_chinese_prose(text, damage):
        return None
    if damage.first_trail is None:
        _flag(doc, damage, "GBK damage: both bytes of the character are lost")
        return None
    if not _more_plausible(damage.middle, damage.shifted):
        return None  # the run reads better as it is: not a shifted run
    context = _Context(
        _context_before(text, damage.start),
        _context_after(text, damage.end),
        _is_traditional_around(text, damage.start, damage.end),
    )
    right = damage.middle + ("" if damage.last_lead is not None else context.after)
    first = _pick(_chars_with_trail(damage.first_trail), context, context.before, right, damage)
    if first.best is None:
        _flag(doc, damage, f"GBK lead byte lost; no clear candidate among {first.listing}")
        return None
    repaired, confidence = first.best + damage.middle, first.confidence
    reason = (
        f"GBK lead byte lost and annotation ({damage.syllable}) spliced inside a character; "
        f"re-aligned from trail byte {damage.first_trail:02x}; candidates in context: "
        f"{first.listing}"
    )
    if damage.last_lead is not None:
        left = (context.before + repaired)[-_CONTEXT:]
        last = _pick(_chars_with_lead(damage.last_lead), context, left, context.after, None)
        if last.best is None:
            _flag(
                doc,
                damage,
                f"shifted run re-aligned; its last character is unclear among {last.listing}",
            )
            return None
        repaired, confidence = repaired + last.best, confidence * last.confidence
        reason += (
            f"; shifted run of {len(damage.shifted)} characters re-aligned; its last trail byte "
            f"was lost with the byte after it, candidates: {last.listing}"
        )
        lost = replace(damage, start=damage.end - 1)
        _flag(
            doc,
            lost,
            "a byte after a shifted run was lost (punctuation, digit or line "
            "break); it cannot be restored",
        )
    before = text[damage.start : damage.end]
    return Edit(damage.start, damage.end, before, repaired, "", reason, round(confidence, 3))


def _read_damage(text: str, match: re.Match[str]) -> _Damage | None:
    """The bytes that survive after the mark, re-aligned.

    The trail byte of the damaged character is the first byte after the mark.
    If it is ASCII (0x40-0x7E) it shows as itself and the damage ends there.
    Otherwise the decoder pairs it with the next character's lead byte and
    stays one byte out of step, showing random characters, until it meets an
    ASCII byte: a character's ASCII trail shows alone, an ASCII character
    after the run is absorbed into the last pair (0x40-0x7E) or lost in "?".
    """
    start, end, syllable = match.start(), match.end(), match.group(1)
    run = bytearray()
    for offset, char in enumerate(text[end : end + _MAX_RUN]):
        stop = end + offset + 1
        if char in _LOST:
            return _realigned(start, stop, syllable, bytes(run), text[end : stop - 1], True)
        if ord(char) in _ASCII_TRAILS:
            run.append(ord(char))
            return _realigned(start, stop, syllable, bytes(run), text[end : stop - 1], False)
        pair = _gbk_pair(char)
        if pair is None:
            return None  # a shifted run pairs every byte until it ends: not this damage
        run += pair
        if pair[1] < 0x80:
            return _realigned(start, stop, syllable, bytes(run), text[end:stop], False)
    return None


def _realigned(
    start: int, stop: int, syllable: str, run: bytes, shifted: str, lost: bool
) -> _Damage:
    """Shift `run` back by one byte: its first byte is a trail, then whole characters."""
    if not run:
        return _Damage(start, stop, syllable, None)
    body = run[1:]
    last_lead: int | None = None
    tail = ""
    if lost:  # the "?" took the last character's trail byte (and the byte after it)
        body, last_lead = body[:-1], body[-1]
    elif len(body) % 2:  # the run ended by absorbing an ASCII character
        body, tail = body[:-1], chr(body[-1])
    middle = [_decode_pair(body[i : i + 2]) for i in range(0, len(body), 2)]
    if any(char is None for char in middle):
        return _Damage(start, stop, syllable, None)
    recovered = "".join(char for char in middle if char is not None) + tail
    return _Damage(start, stop, syllable, run[0], recovered, last_lead, shifted)


def _in_chinese_prose(text: str, damage: _Damage) -> bool:
    """Han on either side of the damage (a shifted run is itself Han-looking)."""
    return (
        _is_han_at(text, damage.start - 1)
        or _is_han_at(text, damage.end)
        or _is_han_at(damage.shifted, 0)
    )


@dataclass(frozen=True, slots=True)
class _Context:
    before: str  # Han characters and punctuation just before the damage
    after: str  # ... and just after it
    traditional: bool  # the text around is in traditional script


@dataclass(frozen=True, slots=True)
class _Choice:
    best: str | None  # None: no candidate clearly ahead
    confidence: float
    listing: str  # the leading candidates with their probabilities, for reasons and flags


def _pick(
    candidates: tuple[str, ...], context: _Context, left: str, right: str, damage: _Damage | None
) -> _Choice:
    """The candidate that makes its neighbourhood read best, if it is clearly ahead.

    Each candidate is put between its neighbours and the window is scored by
    its most probable segmentation into dictionary words (a unigram word
    model, as jieba segments); a character of the other script than the text
    around it is unlikely; the scores give each candidate a probability.
    """
    wanted = normalize_pinyin(damage.syllable) if damage else ""
    scored: list[tuple[str, float]] = []
    for char in candidates:
        score = segmentation_score(_to_simplified(left + char + right[:_CONTEXT]))
        if wanted and wanted in readings_of(char):
            score += math.log(_READING_BONUS)
        if _in_other_script(char, context.traditional):
            score += math.log(_OTHER_SCRIPT)
        scored.append((char, score))
    if not scored:
        return _Choice(None, 0.0, "none")
    scored.sort(key=lambda item: -item[1])
    best_score = scored[0][1]
    weights = [math.exp(score - best_score) for _, score in scored]
    share = 1.0 / sum(weights)
    listing = ", ".join(
        f"{char} {weight * share:.2f}"
        for (char, _), weight in zip(scored[:5], weights, strict=False)
    )
    runner_up = scored[1][1] if len(scored) > 1 else -math.inf
    if best_score - runner_up < math.log(_CLEAR_LEAD) or share < _MIN_SHARE:
        return _Choice(None, 0.0, listing)
    return _Choice(scored[0][0], min(_MAX_CONFIDENCE, share), listing)


def _in_other_script(char: str, traditional: bool) -> bool:
    """A simplified-only form in traditional text, or a traditional-only one in simplified."""
    if traditional:
        return _to_traditional(char) != char
    return _to_simplified(char) != char


def _is_traditional_around(text: str, start: int, end: int) -> bool:
    """More traditional-only than simplified-only characters near the damage."""
    window = text[max(0, start - _SCRIPT_WINDOW) : start] + text[end : end + _SCRIPT_WINDOW]
    simplified, traditional = _to_simplified(window), _to_traditional(window)
    traditional_only = sum(1 for a, b in zip(window, simplified, strict=False) if a != b)
    simplified_only = sum(1 for a, b in zip(window, traditional, strict=False) if a != b)
    return traditional_only > simplified_only


@cache
def _chars_with_trail(trail: int) -> tuple[str, ...]:
    """Han characters whose GBK code ends in `trail` (the lead byte is the unknown)."""
    pairs = (_decode_pair(bytes([lead, trail])) for lead in _LEADS)
    return tuple(char for char in pairs if char is not None and _is_han_at(char, 0))


@cache
def _chars_with_lead(lead: int) -> tuple[str, ...]:
    """Han characters whose GBK code starts with `lead` (the trail byte is the unknown)."""
    pairs = (_decode_pair(bytes([lead, trail])) for trail in sorted(_TRAILS))
    punctuation = punctuation_frequencies()
    return tuple(
        char for char in pairs if char is not None and (_is_han_at(char, 0) or char in punctuation)
    )


def _more_plausible(realigned: str, shifted: str) -> bool:
    """Re-aligned text must read better than a long shifted run it replaces.

    Short runs are judged by the candidates' context alone: a few characters
    are too few to compare, and the mark itself is already specific.
    """
    if sum(1 for char in shifted if _is_han_at(char, 0)) < _LONG_RUN:
        return True
    return _plausibility(realigned) > _plausibility(shifted)


def _plausibility(text: str) -> float:
    """Mean log frequency of the Han characters: prose is made of common ones."""
    words = word_frequencies()
    han = [char for char in _to_simplified(text) if _is_han_at(char, 0)]
    return sum(math.log1p(words.get(char, 0)) for char in han) / max(1, len(han))


def _flag(doc: Document, damage: _Damage, reason: str) -> None:
    flags: list[dict[str, Any]] = doc.metadata.setdefault("flags", [])
    flags.append(
        {
            "stage": STAGE,
            "start": damage.start,
            "end": damage.end,
            "text": doc.text[damage.start : damage.end],
            "reason": reason,
        }
    )


def _gbk_pair(char: str) -> bytes | None:
    """The two GBK bytes of `char`, user-defined area included (via GB18030)."""
    try:
        encoded = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return encoded if len(encoded) == 2 else None


def _decode_pair(pair: bytes) -> str | None:
    """A two-byte GBK code as a lenient decoder (code page 936) reads it.

    GB18030 agrees with GBK on every two-byte code and also maps the
    user-defined area (to private-use characters), as code page 936 does.
    """
    if len(pair) != 2 or pair[0] not in _LEADS or pair[1] not in _TRAILS:
        return None
    return pair.decode("gb18030")


def _is_han_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and _HAN.match(text[index]) is not None


def _is_context_at(text: str, index: int) -> bool:
    return _is_han_at(text, index) or (
        0 <= index < len(text) and text[index] in punctuation_frequencies()
    )


def _context_before(text: str, end: int) -> str:
    begin = end
    while begin > 0 and end - begin < _CONTEXT and _is_context_at(text, begin - 1):
        begin -= 1
    return text[begin:end]


def _context_after(text: str, start: int) -> str:
    stop = start
    while stop < len(text) and stop - start < _CONTEXT and _is_context_at(text, stop):
        stop += 1
    return text[start:stop]


def is_pinyin_syllable(written: str) -> bool:
    """Is `written` one pinyin syllable (any tone spelling)?"""
    toneless = _strip_tone(normalize_pinyin(written))
    return toneless in _syllables()


def _strip_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    # Keep the diaeresis of ü (U+0308); drop the four tone marks and digits.
    kept = "".join(c for c in decomposed if c not in "\u0304\u0301\u030c\u0300" and not c.isdigit())
    return unicodedata.normalize("NFC", kept)


@cache
def _syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows, e.g. xun, lü, zhuang."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(_strip_tone(reading))
    return frozenset(found)


def _to_simplified(text: str) -> str:
    return _convert("t2s", text)


def _to_traditional(text: str) -> str:
    return _convert("s2t", text)


def _convert(config: str, text: str) -> str:
    converted = convert(config, text)
    # Phrase rules may change the length; positions must stay aligned.
    if len(converted) == len(text):
        return converted
    return "".join(convert(config, char) for char in text)
