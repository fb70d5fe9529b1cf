"""Bytes -> text: detect the encoding of a Chinese text file and say why.

Order of evidence (strongest first):

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides, and is not part of the text;
2. bytes that are valid UTF-8 are UTF-8 (random GB or Big5 bytes almost never are);
3. a UTF-16 file without a mark shows itself by its high bytes: NUL for ASCII,
   0x4E-0x9F for CJK ideographs, in every other byte;
4. GB18030 (a superset of GBK and GB2312) and Big5 both decode most Chinese
   bytes without error, so both decodings are scored by how plausible they are
   as Chinese: the share of characters that are common ideographs or common
   CJK punctuation.  Wrong decodings land on kana, Greek, private-use and rare
   ideographs.

"Common ideographs" comes from the standards themselves, read from Python's
own codecs: level 1 of GB2312 (bytes B0A1-D7F9, the 3,755 characters the
standard calls most used) and level 1 of Big5 (bytes A440-C67E, the 5,401
常用字).  No data file is needed.

Nothing is replaced silently: bytes that no candidate can decode become U+FFFD
and each one is listed with its byte offset in the decision.
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zhengce.opencc_convert import convert


class NotText(ValueError):
    """The bytes are not a text we can read; the message is one line for the user."""


@dataclass(slots=True)
class Decoded:
    text: str
    name: str  # encoding name as users know it: utf-8, utf-16-le, gb18030, big5 ...
    reason: str
    confidence: float
    bom: str | None = None
    replacements: list[dict[str, Any]] = field(default_factory=list)
    replaced_count: int = 0

    def as_metadata(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "name": self.name,
            "reason": self.reason,
            "confidence": round(self.confidence, 3),
        }
        if self.bom:
            info["bom"] = self.bom
        if self.replaced_count:
            info["replacements"] = self.replacements
            info["replaced_count"] = self.replaced_count
        return info


# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Name shown to users -> Python codec, in the order ties are settled.  cp950 is
# Windows' Big5: a superset of Python's strict big5 that maps a few symbols to
# the full-width forms Taiwanese Windows software writes; gb18030 is a superset
# of GBK and GB2312.
LEGACY_CODECS: dict[str, str] = {"gb18030": "gb18030", "big5": "cp950"}

MAX_LISTED_REPLACEMENTS = 200
# Above this share of invalid bytes (among the non-ASCII ones) the file is not
# damaged text in a known encoding but something else.
MAX_INVALID_SHARE = 0.10
# Only a prefix is scored: the decision is made long before 200k characters.
SCORE_SAMPLE_CHARS = 200_000

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# C0 controls other than tab, newline, vertical tab, form feed, carriage return
# and the two that old DOS/terminal text carries (SUB 0x1a, ESC 0x1b).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
MAX_CONTROL_SHARE = 0.02

# Magic numbers, only to name what a binary file is in the error message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"PK\x03\x04", "ZIP archive (or an Office file with the wrong suffix)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"%PDF-", "PDF (give it a .pdf suffix)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "old Office (OLE) file such as .doc"),
    (b"MZ", "Windows executable"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`, or raise NotText with a one-line reason.

    `declared` is an encoding the file states itself (an HTML <meta charset>):
    it is believed when the bytes decode cleanly in it, unless they are
    unmistakably UTF-8 (pages often declare gb2312 and are served as UTF-8).
    """
    if not data:
        raise NotText("empty file")
    decoded = _decode_with_bom(data)
    if decoded is None and declared is not None:
        decoded = _decode_declared(data, declared)
    decoded = decoded or _decode_without_bom(data)
    _refuse_binary_text(data, decoded.text)
    if not decoded.text.strip():
        raise NotText("no text: the file holds only whitespace")
    return decoded


def _decode_declared(data: bytes, declared: str) -> Decoded | None:
    utf8 = _decode_strict_utf8(data)
    if utf8 is not None and utf8.confidence == 1.0 and declared != "utf-8":
        utf8.reason += f" (the file declares {declared}, but its bytes are UTF-8)"
        return utf8
    codec = LEGACY_CODECS.get(declared, declared)
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(text, declared, f"declared in the file ({declared}) and decodes cleanly", 0.95)


def _decode_without_bom(data: bytes) -> Decoded:
    has_nul = b"\x00" in data
    # NULs and most control bytes are valid UTF-8 but no text has them, except
    # UTF-16, where NUL is the high byte of every ASCII character.
    utf8 = None if has_nul else _decode_strict_utf8(data)
    if utf8 is not None and not _looks_binary(utf8.text):
        return _second_guess_short_utf8(data, utf8)
    utf16 = _utf16_trials(data)
    if has_nul or utf8 is not None:
        best = _best_utf16_with_ascii(utf16, len(data))
        if best is None:
            raise NotText(describe_binary(data))
        return best
    legacy = [_trial(data, name, codec) for name, codec in LEGACY_CODECS.items()]
    return _compete(data, [*legacy, *utf16, _trial(data, "utf-8", "utf-8")])


def describe_binary(data: bytes) -> str:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what}), not text"
    return "binary file (NUL or control bytes), not text"


# --- 1. byte-order marks ------------------------------------------------------
def _decode_with_bom(data: bytes) -> Decoded | None:
    for bom, name, codec in BOMS:
        if data.startswith(bom):
            text, replacements, count = decode_recording(data[len(bom) :], codec, len(bom))
            return Decoded(
                text,
                name,
                f"{name} byte-order mark ({bom.hex(' ')}) at the start; the mark is not kept",
                1.0 if not count else 0.9,
                bom=name,
                replacements=replacements,
                replaced_count=count,
            )
    return None


# --- 2. strict UTF-8 ----------------------------------------------------------
def _decode_strict_utf8(data: bytes) -> Decoded | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    multibyte = len(data) - len(text)  # extra bytes spent on non-ASCII characters
    if multibyte == 0:
        return Decoded(text, "utf-8", "all bytes are ASCII (read as UTF-8)", 1.0)
    # Each valid multi-byte sequence is strong evidence; a legacy text that
    # happens to be valid UTF-8 is possible only when it is very short.
    confidence = 1.0 if multibyte >= 8 else 0.9
    return Decoded(text, "utf-8", "valid UTF-8 throughout", confidence)


# Characters a short GB18030 or Big5 text turns into when read as UTF-8:
# C1 controls, combining marks, Greek to Syriac (two-byte UTF-8 beyond Latin).
_UNLIKELY_IN_SHORT_UTF8 = re.compile("[\u0080-\u009f\u0300-\u07ff]")
SHORT_UTF8_CHARS = 16


def _second_guess_short_utf8(data: bytes, decoded: Decoded) -> Decoded:
    """A few bytes of GB18030 or Big5 can be valid UTF-8 by chance (通知 in GB is
    CD A8 D6 AA, two valid two-byte sequences).  When a short UTF-8 reading is
    mostly combining marks and Hebrew-like letters while a legacy reading is all
    common Chinese, the legacy reading wins."""
    if decoded.confidence == 1.0:
        return decoded
    non_ascii = _NON_ASCII.findall(decoded.text)
    unlikely = len(_UNLIKELY_IN_SHORT_UTF8.findall(decoded.text))
    if len(non_ascii) > SHORT_UTF8_CHARS or unlikely * 2 <= len(non_ascii):
        return decoded
    legacy = [_trial(data, name, codec) for name, codec in LEGACY_CODECS.items()]
    chosen = _compete(data, legacy)
    if chosen.replaced_count or plausible_share(chosen.text) < 1.0:
        return decoded
    chosen.reason = (
        f"valid UTF-8 by chance, but that reading is {unlikely} combining marks or non-CJK"
        f" letters; {chosen.reason.removeprefix('not UTF-8; ')}"
    )
    chosen.confidence = min(chosen.confidence, 0.7)
    return chosen


# --- 3. UTF-16 without a mark -------------------------------------------------
# High bytes of code units that Chinese text uses: NUL (ASCII, Latin-1),
# 0x20-0x22/0x25 (general punctuation, letterlike, arrows, box drawing),
# 0x30-0x32 (CJK punctuation, kana, enclosed), 0x34-0x9F (CJK ideographs),
# 0xD8-0xDF (surrogates: emoji, rare ideographs), 0xFE-0xFF (full-width forms).
_UTF16_HIGH_BYTES = bytes(
    [
        0x00,
        0x20,
        0x21,
        0x22,
        0x25,
        0x30,
        0x31,
        0x32,
        0xFE,
        0xFF,
        *range(0x34, 0xA0),
        *range(0xD8, 0xE0),
    ]
)
MIN_UTF16_HIGH_SHARE = 0.95


def _share_of_utf16_high_bytes(half: bytes) -> float:
    if not half:
        return 0.0
    return 1 - len(half.translate(None, _UTF16_HIGH_BYTES)) / len(half)


def _utf16_trials(data: bytes) -> list[_Trial]:
    """UTF-16 readings whose high bytes (every other byte) look like Chinese text."""
    if len(data) < 2 or len(data) % 2:
        return []
    trials = []
    for name, high in (("utf-16-be", data[0::2]), ("utf-16-le", data[1::2])):
        share = _share_of_utf16_high_bytes(high)
        if share < MIN_UTF16_HIGH_SHARE:
            continue
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        trial = _score(name, text, [], 0)
        trial.note = f"{share:.0%} of its high bytes look like UTF-16 ({high.count(0)} NULs)"
        trial.nuls = high.count(0)
        trials.append(trial)
    return trials


def _best_utf16_with_ascii(trials: list[_Trial], size: int) -> Decoded | None:
    """With NULs in the file, the NULs mark the high byte of ASCII characters."""
    best: tuple[float, _Trial, float] | None = None
    for trial in trials:
        plausible = _plausible_share_any(trial.text)
        if plausible < 0.5:
            continue
        key = plausible + trial.nuls / size
        if best is None or key > best[0]:
            best = (key, trial, plausible)
    if best is None:
        return None
    _, trial, plausible = best
    reason = (
        f"no byte-order mark; {trial.note} and the text reads as {plausible:.0%}"
        " printable ASCII or common Chinese"
    )
    return Decoded(trial.text, trial.name, reason, min(0.99, 0.5 + plausible / 2))


# --- 4. GB18030 or Big5 (or UTF-16 of pure Chinese, or damaged UTF-8) ---------
@dataclass(slots=True)
class _Trial:
    """One candidate reading of the bytes, scored."""

    name: str
    text: str
    replacements: list[dict[str, Any]]
    invalid: int  # invalid bytes, replaced with U+FFFD
    plausible: float  # share of non-ASCII characters that are common Chinese
    score: float  # plausible characters minus invalid bytes, per non-ASCII character
    words: float | None = None  # share of Chinese characters inside dictionary words
    note: str = ""
    nuls: int = 0
    codec: str = ""  # set while only a prefix has been decoded


# Candidates are judged on a prefix: the decision is made long before 256 KB, and
# decoding a large file three times, one of them full of errors, would be slow.
TRIAL_BYTES = 256 * 1024


# A real Chinese text in the right encoding is above 90% common characters;
# random bytes, or Japanese and Korean legacy encodings, fall far below this.
MIN_PLAUSIBLE = 0.5
# Scores closer than this are a close call, settled by dictionary words.
CLOSE_CALL = 0.15
WORD_SAMPLE_CHARS = 3000


def _trial(data: bytes, name: str, codec: str) -> _Trial:
    """Decode and score a prefix; the winner alone is decoded in full (`_complete`)."""
    partial = len(data) > TRIAL_BYTES
    text, replacements, invalid = decode_recording(data[:TRIAL_BYTES], codec, 0, final=not partial)
    trial = _score(name, text, replacements, invalid)
    trial.codec = codec if partial else ""
    return trial


def _complete(data: bytes, trial: _Trial) -> None:
    if trial.codec:
        trial.text, trial.replacements, trial.invalid = decode_recording(data, trial.codec, 0)
        trial.codec = ""


def _score(name: str, text: str, replacements: list[dict[str, Any]], invalid: int) -> _Trial:
    sample = text[:SCORE_SAMPLE_CHARS]
    non_ascii = len(_NON_ASCII.findall(sample))
    plausible = _count_plausible(sample)
    share = plausible / non_ascii if non_ascii else 1.0
    # An invalid byte costs as much as a wrong character.
    score = (plausible - invalid) / max(1, non_ascii)
    return _Trial(name, text, replacements, invalid, share, score)


def _compete(data: bytes, trials: list[_Trial]) -> Decoded:
    """Pick the most plausible reading; ties keep the order given (GB18030 first)."""
    trials = sorted(trials, key=lambda t: t.score, reverse=True)
    close = [t for t in trials if trials[0].score - t.score < CLOSE_CALL]
    if len(close) > 1:
        # Wrong readings of short texts can be all common characters too
        # (Big5 推動區域 read as GB18030 is 崩笆跋办), but they do not form words.
        for trial in close:
            trial.words = dictionary_word_share(trial.text[:WORD_SAMPLE_CHARS])
        close.sort(key=lambda t: t.score + (t.words or 0.0), reverse=True)
        trials = close + [t for t in trials if t not in close]
    best, runner_up = trials[0], trials[1]
    _complete(data, best)
    non_ascii_bytes = _count_non_ascii_bytes(data)
    if best.invalid > MAX_INVALID_SHARE * non_ascii_bytes:
        raise NotText(
            "undecodable: not valid UTF-8, UTF-16, GB18030 or Big5 "
            f"({best.invalid} invalid bytes even as {best.name})"
        )
    if best.plausible < MIN_PLAUSIBLE and len(_NON_ASCII.findall(best.text[:1000])) >= 20:
        raise NotText(
            "undecodable: does not read as Chinese in UTF-8, UTF-16, GB18030 or Big5"
            f" (at best {best.plausible:.0%} common characters, as {best.name})"
        )
    return Decoded(
        best.text,
        best.name,
        _reason(best, runner_up),
        _confidence(best, runner_up, non_ascii_bytes),
        replacements=best.replacements,
        replaced_count=best.invalid,
    )


def _key(trial: _Trial) -> float:
    return trial.score + (trial.words or 0.0)


def _confidence(best: _Trial, runner_up: _Trial, non_ascii_bytes: int) -> float:
    margin = max(0.0, _key(best) - _key(runner_up))
    # Few characters give little evidence: short texts get lower confidence.
    evidence = min(1.0, non_ascii_bytes / 40)
    return min(0.99, 0.5 + margin * evidence)


def _reason(best: _Trial, runner_up: _Trial) -> str:
    reason = (
        f"not UTF-8; {best.name} reads as {best.plausible:.0%} common Chinese characters"
        f" against {runner_up.plausible:.0%} as {runner_up.name}"
    )
    if best.words is not None and runner_up.words is not None:
        reason += (
            f", and {best.words:.0%} of them form dictionary words against {runner_up.words:.0%}"
        )
    if best.note:
        reason += f"; {best.note}"
    if best.invalid:
        reason += f"; {best.invalid} bytes are invalid in every candidate encoding"
    return reason


def _count_non_ascii_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def dictionary_word_share(text: str) -> float:
    """Share of CJK characters that belong to words of two or more characters in
    jieba's dictionary (after conversion to simplified, which the dictionary uses)."""
    import rjieba

    simplified = convert("t2s", text)
    total = len(_CJK.findall(simplified))
    if not total:
        return 0.0
    in_words = sum(
        len(word)
        for word in rjieba.cut(simplified, False)
        if len(word) > 1 and len(_CJK.findall(word)) == len(word)
    )
    return in_words / total


# --- recording decoder --------------------------------------------------------
class _TooManyInvalid(Exception):
    pass


_RECORD: ContextVar[list[tuple[int, int]]] = ContextVar("zhengce_ingest_record")
_RECORD_LIMIT: ContextVar[int] = ContextVar("zhengce_ingest_record_limit")


def _record_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    spans = _RECORD.get()
    spans.append((exc.start, exc.end))
    if len(spans) > _RECORD_LIMIT.get():
        raise _TooManyInvalid
    return "\ufffd", exc.end


codecs.register_error("zhengce-record", _record_and_replace)


def decode_recording(
    data: bytes, codec: str, offset: int, final: bool = True
) -> tuple[str, list[dict[str, Any]], int]:
    """Decode, replacing invalid bytes with U+FFFD and listing each (byte offset, bytes).

    `offset` is added to the offsets (the length of a byte-order mark that was cut off).
    Gives up early (as many invalid bytes as there are) once the text is clearly
    not in this encoding.  With `final=False` the bytes are a prefix: a character
    cut at its end is not an error.
    """
    try:
        return _decode(data, codec, "strict", final), [], 0
    except UnicodeDecodeError:
        pass
    spans: list[tuple[int, int]] = []
    limit = max(16, int(MAX_INVALID_SHARE * _count_non_ascii_bytes(data)) + 1)
    token_spans = _RECORD.set(spans)
    token_limit = _RECORD_LIMIT.set(limit)
    try:
        text = _decode(data, codec, "zhengce-record", final)
    except _TooManyInvalid:
        return _decode(data, codec, "replace", final), [], len(data)
    finally:
        _RECORD.reset(token_spans)
        _RECORD_LIMIT.reset(token_limit)
    listed = [
        {"offset": start + offset, "bytes": data[start:end].hex(" ")}
        for start, end in spans[:MAX_LISTED_REPLACEMENTS]
    ]
    return text, listed, sum(end - start for start, end in spans)


def _decode(data: bytes, codec: str, errors: str, final: bool) -> str:
    if final:
        return data.decode(codec, errors)
    decoder = codecs.getincrementaldecoder(codec)(errors)
    return str(decoder.decode(data, final=False))


# --- plausibility -------------------------------------------------------------
# Common CJK punctuation in both mainland and Taiwan usage, and full-width forms.
_COMMON_PUNCTUATION = "，。、；：？！“”‘’《》〈〉（）【】「」『』…—·－～　"
_FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))


def _decodable_pairs(codec: str, first: int, last: int) -> str:
    """Every character of `codec` whose two bytes lie between `first` and `last`."""
    chars = []
    for code in range(first, last + 1):
        try:
            chars.append(code.to_bytes(2, "big").decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(chars)


@cache
def common_characters() -> frozenset[str]:
    """Level 1 of GB2312 and of Big5, common punctuation and full-width forms."""
    gb2312_level1 = _decodable_pairs("gb2312", 0xB0A1, 0xD7F9)
    big5_level1 = _decodable_pairs("big5", 0xA440, 0xC67E)
    return (
        frozenset(gb2312_level1)
        | frozenset(big5_level1)
        | frozenset(_COMMON_PUNCTUATION + _FULL_WIDTH)
    )


@cache
def _plausible_pattern() -> re.Pattern[str]:
    chars = "".join(sorted(common_characters()))
    return re.compile("[" + re.escape(chars) + "]")


def _count_plausible(text: str) -> int:
    return len(_plausible_pattern().findall(text))


def plausible_share(text: str) -> float:
    """Share of non-ASCII characters that are common Chinese characters or punctuation."""
    non_ascii = len(_NON_ASCII.findall(text))
    return _count_plausible(text) / non_ascii if non_ascii else 1.0


def _plausible_share_any(text: str) -> float:
    """Share of all characters that are printable ASCII, whitespace or common Chinese."""
    sample = text[:SCORE_SAMPLE_CHARS]
    if not sample:
        return 0.0
    ascii_ok = len(sample) - len(_NON_ASCII.findall(sample)) - len(_CONTROL_CHARS.findall(sample))
    return (ascii_ok + _count_plausible(sample)) / len(sample)


# --- binary files -------------------------------------------------------------
def _looks_binary(text: str) -> bool:
    sample = text[:SCORE_SAMPLE_CHARS]
    controls = len(_CONTROL_CHARS.findall(sample))
    return "\x00" in sample or controls > MAX_CONTROL_SHARE * len(sample)


def _refuse_binary_text(data: bytes, text: str) -> None:
    """A decoding full of NULs or control characters is a binary file."""
    if _looks_binary(text):
        raise NotText(describe_binary(data))
