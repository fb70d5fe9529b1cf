"""Normalization stage: script — traditional Chinese to mainland simplified with mainland words.

Only text that came in as traditional is converted.  The corpus and most inputs are
already mainland simplified, and there OpenCC t2s is not a no-op: it rewrites names and
rare characters that mainland text legitimately uses (乾县, 王於昌, 日昇昌, 菜薹, 鮀岛号).
So the stage first asks whether the text has any traditional-only character at all (one
compiled-regex scan; clean simplified text stops there).  If it has, the text is cut at
line breaks and sentence ends, and each piece is called traditional or simplified by
counting characters that only traditional text uses (t2s changes them, s2t does not)
against characters that only simplified text uses (the reverse).  A piece with neither
takes the call of its neighbours.  Runs of traditional pieces are converted:

1. OpenCC t2s (run as hk2s, which first undoes Hong Kong variant characters such as
   衞 and 枱; character and phrase tables; it also undoes naive s2t mistakes such as
   機製, 同誌, 汙染, whose 製 誌 汙 only ever become 制 志 污), except that a character is
   left as written where t2s would give a CJK-extension character that mainland
   GBK-era text does not use (鮀 stays, not 𬶍);
2. the vocabulary table `zhengce/data/vocabulary.tsv`, matched on the t2s output:
   Taiwan and Hong Kong words to mainland words (迴圈→循环, 資訊→信息), wrong words that
   s2twp-style converters put in (分割槽→分区).  A word whose right mainland form
   depends on its neighbours has rows with left/right context (支援 stays after 对口,
   a "keep" row) tried before its default row, if it has one.

Edits are grouped runs of differing characters, in input coordinates, with reason
"t2s" or "vocabulary: <note>".  What was taken as traditional is recorded in
`doc.metadata["script"]` so later readers know which spans were converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import opencc

from zhengce.lexicon import LexiconError, load_table
from zhengce.model import Document, Edit

# Pieces are classified one by one: a line, or a sentence ending in one of these marks.
PIECE_END = re.compile(r"[\n。！？；!?]+")

# Characters whose script is decided: CJK Unified (BMP and Extension A) and compatibility
# ideographs.  Supplementary-plane characters are neither traditional nor simplified here.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@dataclass(frozen=True, slots=True)
class VocabularyRow:
    """One row: `key` (t2s form) becomes `mainland` where `left`/`right` surround it."""

    key: str
    mainland: str
    left: str
    right: str
    note: str
    confidence: float

    def fits(self, text: str, start: int, end: int) -> bool:
        return (
            text.startswith(self.right, end)
            and text[max(0, start - len(self.left)) : start] == self.left
        )


@dataclass(frozen=True, slots=True)
class ScriptTables:
    traditional_only: re.Pattern[str]
    simplified_only: re.Pattern[str]
    # Rows by key, the ones with the most context first; a row without context last.
    vocabulary: dict[str, tuple[VocabularyRow, ...]]
    vocabulary_pattern: re.Pattern[str]


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Bare OpenCC t2s."""
    return str(_converter("t2s").convert(text))


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _script_markers() -> tuple[set[str], set[str]]:
    """Characters only traditional text uses, and characters only simplified text uses.

    Traditional-only: t2s changes it and s2t leaves it (國, 們, 於).  Simplified-only:
    s2t, s2tw and s2hk all change it and t2s leaves it (国, 们, 发); requiring all three
    keeps out characters that Taiwan or Hong Kong text writes as is (台, 里).  Characters
    that mainland text also writes (乾 in 乾坤, shared_characters.tsv) count for neither.
    """
    chars = [chr(code) for low, high in CJK_RANGES for code in range(low, high + 1)]
    # One character a line, so that no phrase table entry can span two characters.
    joined = "\n".join(chars)
    t2s = to_simplified(joined).split("\n")
    converted = [_converter(name).convert(joined).split("\n") for name in ("s2t", "s2tw", "s2hk")]
    if any(len(column) != len(chars) for column in (t2s, *converted)):
        raise RuntimeError("OpenCC changed the number of lines of a character list")
    shared = {row["char"] for row in load_table("shared_characters")}
    traditional: set[str] = set()
    simplified: set[str] = set()
    for i, char in enumerate(chars):
        kept_by_t2s = t2s[i] == char
        changed_by_s2t = [column[i] != char for column in converted]
        if not kept_by_t2s and not any(changed_by_s2t) and char not in shared:
            traditional.add(char)
        elif kept_by_t2s and all(changed_by_s2t):
            simplified.add(char)
    return traditional, simplified


def _vocabulary() -> dict[str, tuple[VocabularyRow, ...]]:
    """Rows of vocabulary.tsv keyed by the t2s form of the Taiwan/Hong Kong text."""
    by_key: dict[str, dict[tuple[str, str], VocabularyRow]] = {}
    for line in load_table("vocabulary"):
        key = to_simplified(line["traditional"])
        left, right = to_simplified(line["left"]), to_simplified(line["right"])
        row = VocabularyRow(
            key, line["mainland"], left, right, line["note"], float(line["confidence"])
        )
        rules = by_key.setdefault(key, {})
        if (left, right) in rules:
            raise LexiconError(f"vocabulary.tsv: {line['traditional']} ({left}|{right}) twice")
        rules[(left, right)] = row
    for key, rules in list(by_key.items()):
        # Text already in the mainland form is left alone: a key inside its own mainland
        # form (哈萨克 in 哈萨克斯坦) must not be rewritten there.
        default = rules.get(("", ""))
        if default and key in default.mainland and default.mainland not in by_key:
            keep = VocabularyRow(
                default.mainland, default.mainland, "", "", "already mainland", 1.0
            )
            by_key[default.mainland] = {("", ""): keep}
    return {
        key: tuple(sorted(rules.values(), key=lambda r: -(len(r.left) + len(r.right))))
        for key, rules in by_key.items()
    }


@cache
def script_tables() -> ScriptTables:
    traditional, simplified = _script_markers()
    vocabulary = _vocabulary()
    # Longest key first: at one position the longer phrase (对口支援) wins over 支援.
    keys = sorted(vocabulary, key=lambda key: (-len(key), key))
    pattern = re.compile("|".join(map(re.escape, keys)) if keys else "(?!)")
    return ScriptTables(_char_class(traditional), _char_class(simplified), vocabulary, pattern)


def traditional_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` taken as traditional script (merged runs of traditional pieces)."""
    tables = script_tables()
    if tables.traditional_only.search(text) is None:
        return []
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in PIECE_END.finditer(text):
        pieces.append((start, match.end()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    calls = [_call_piece(text[a:b], tables) for a, b in pieces]
    _fill_undecided(calls)
    spans: list[tuple[int, int]] = []
    for (a, b), is_traditional in zip(pieces, calls, strict=True):
        if not is_traditional:
            continue
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def _call_piece(piece: str, tables: ScriptTables) -> bool | None:
    traditional = len(tables.traditional_only.findall(piece))
    simplified = len(tables.simplified_only.findall(piece))
    if traditional == simplified:
        return None
    return traditional > simplified


def _fill_undecided(calls: list[bool | None]) -> None:
    """An undecided piece takes the call of the piece before it (or, first, after it)."""
    last: bool | None = None
    for i, call in enumerate(calls):
        if call is None:
            calls[i] = last
        else:
            last = call
    following: bool | None = False
    for i in range(len(calls) - 1, -1, -1):
        if calls[i] is None:
            calls[i] = following
        else:
            following = calls[i]


def convert_to_mainland_simplified(doc: Document) -> list[Edit]:
    spans = traditional_spans(doc.text)
    if not spans:
        return []
    edits: list[Edit] = []
    for start, end in spans:
        edits.extend(convert_span(doc.text, start, end))
    doc.metadata["script"] = {
        "step": doc.steps_run,
        "traditional_spans": [[a, b] for a, b in spans],
        "traditional_chars": sum(b - a for a, b in spans),
    }
    return edits


def convert_span(text: str, start: int, end: int) -> list[Edit]:
    """Edits turning text[start:end], known to be traditional, into mainland simplified."""
    source = text[start:end]
    # hk2s is t2s after undoing Hong Kong variant characters (衞→衛, 枱→檯, 敍→敘).
    converted = str(_converter("hk2s").convert(source))
    if len(converted) != len(source):  # t2s tables map equal lengths; never seen, but be safe
        return [Edit(start, end, source, converted, "", "t2s")] if converted != source else []
    converted = _keep_bmp_characters(source, converted)
    tables = script_tables()
    edits: list[Edit] = []
    cursor = 0  # offsets in source/converted below are relative to `start`
    for match in tables.vocabulary_pattern.finditer(converted):
        row = _fitting_row(tables.vocabulary[match.group()], converted, match.start(), match.end())
        if row is None or row.mainland == match.group():  # no rule fits, or a "keep" rule
            continue
        edits.extend(_t2s_edits(source, converted, cursor, match.start(), start))
        edits.append(
            Edit(
                start + match.start(),
                start + match.end(),
                source[match.start() : match.end()],
                row.mainland,
                "",
                f"vocabulary: {row.note}",
                row.confidence,
            )
        )
        cursor = match.end()
    edits.extend(_t2s_edits(source, converted, cursor, len(source), start))
    return edits


def _fitting_row(
    rows: tuple[VocabularyRow, ...], text: str, start: int, end: int
) -> VocabularyRow | None:
    """The first row (most context first) whose context surrounds text[start:end]."""
    if len(rows) > 4:  # words with many context rows: look the neighbours up instead
        return _lookup_row(_context_index(rows), text, start, end)
    for row in rows:
        if row.fits(text, start, end):
            return row
    return None


@dataclass(frozen=True, slots=True)
class ContextIndex:
    both: tuple[VocabularyRow, ...]  # rows with left and right context, tried first
    sides: tuple[tuple[bool, int], ...]  # (is_right, length), in the order rows are tried
    by_side: dict[tuple[bool, str], VocabularyRow]
    default: VocabularyRow | None


@cache
def _context_index(rows: tuple[VocabularyRow, ...]) -> ContextIndex:
    both = tuple(row for row in rows if row.left and row.right)
    by_side: dict[tuple[bool, str], VocabularyRow] = {}
    sides: list[tuple[bool, int]] = []
    default = None
    for row in rows:
        if row.left and row.right:
            continue
        if not row.left and not row.right:
            default = default or row
            continue
        side = (bool(row.right), len(row.right or row.left))
        by_side.setdefault((side[0], row.right or row.left), row)
        if side not in sides:
            sides.append(side)
    return ContextIndex(both, tuple(sides), by_side, default)


def _lookup_row(index: ContextIndex, text: str, start: int, end: int) -> VocabularyRow | None:
    for row in index.both:
        if row.fits(text, start, end):
            return row
    for is_right, length in index.sides:
        lo, hi = (end, end + length) if is_right else (max(0, start - length), start)
        found = index.by_side.get((is_right, text[lo:hi]))
        if found is not None and hi - lo == length:
            return found
    return index.default


def _keep_bmp_characters(source: str, converted: str) -> str:
    """Undo t2s where it gives a supplementary-plane character for a BMP one (鮀 → 𬶍).

    Those simplified forms were encoded late (CJK extensions); mainland text written in
    GBK-era systems keeps the traditional-shaped character, as the corpus does.
    """
    if converted.isascii() or max(converted) <= "\uffff":
        return converted
    return "".join(
        old if new > "\uffff" and old <= "\uffff" else new
        for old, new in zip(source, converted, strict=True)
    )


def _t2s_edits(source: str, converted: str, lo: int, hi: int, offset: int) -> list[Edit]:
    """One edit per run of characters that t2s changed in source[lo:hi]."""
    if source[lo:hi] == converted[lo:hi]:
        return []
    changed = [
        i
        for i, (a, b) in enumerate(zip(source[lo:hi], converted[lo:hi], strict=True), lo)
        if a != b
    ]
    edits: list[Edit] = []
    run_start = previous = changed[0]
    for i in changed[1:]:
        if i != previous + 1:
            edits.append(_t2s_edit(source, converted, run_start, previous + 1, offset))
            run_start = i
        previous = i
    edits.append(_t2s_edit(source, converted, run_start, previous + 1, offset))
    return edits


def _t2s_edit(source: str, converted: str, a: int, b: int, offset: int) -> Edit:
    return Edit(offset + a, offset + b, source[a:b], converted[a:b], "", "t2s")
