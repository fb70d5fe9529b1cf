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

one OpenCC pass with a configuration built at run time (`taiwan_config`) from the
dictionaries the opencc package ships (located through opencc.__file__, not copied):

1. Hong Kong variant characters undone (衞→衛, 枱→檯, 敍→敘);
2. a phrase group: our table `zhengce/data/vocabulary.tsv` first, then OpenCC's Taiwan
   phrase dictionary TWPhrasesRev (軟體→软件, 迴圈→循环, 網際網路→互联网) and Taiwan
   variant characters.  The group takes the longest match and, on equal length, our
   row: keep rows leave words that mainland text writes the same (执行, 核心, 整合,
   对口支援), context rows hold hand-checked correspondences (高品質發展→高质量发展);
3. OpenCC's traditional-to-simplified phrases and characters, as t2s (it also undoes
   naive s2t mistakes such as 機製, 同誌, 汙染).

A Taiwan word that stands for two mainland words (資料: 数据 or 资料; 執行: 执行 or 运行)
is left to character conversion by the OpenCC pass and then decided where the
conversion wrote it as the word alone (a longer phrase, 資料庫→数据库, has settled the
others): the candidates are our row's mainland form, its `alternatives`, and for a keep
row OpenCC's tw2sp reading.  `word_choice.choose` reads the converted context and asks,
in order, the hand-written cue table `zhengce/data/word_senses.tsv` (歷史 + 資料 → 历史资料,
經濟 + 執行 → 经济运行) and then its clause cues (列車 … 執行 → 列车…运行: a cue further off in
the same clause; the converted text is passed up to CLAUSE_WINDOW characters either side
for them), jieba's unigram context gain, and the row's default (the reading
mainland news and policy text writes most: 数据, 智能, 高端, but 执行, 建立, 核心).  The
occurrence becomes one guess edit whose reason names the cue row or lists the scores.

A phrase of OpenCC's table can match across a word boundary (吸引數萬 holds 引數,
argument → 参数); such a replacement is dropped when jieba's word model finds the plain
character reading overwhelmingly more probable (`_across_word_boundary`).

A character is left as written where t2s would give a CJK-extension character that
mainland GBK-era text does not use (鮀 stays, not 𬶍).  Edits are runs of differing
characters, in input coordinates: "t2s" where plain hk2s gives the same, otherwise a
word change with the note of our row or OpenCC's phrase table (a guess, confidence 0.9).
What was taken as traditional is recorded in `doc.metadata["script"]`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from zhengce.lexicon import LexiconError, load_table
from zhengce.model import Document, Edit
from zhengce.normalize.table_cache import cached, ours, table_key
from zhengce.normalize.word_choice import CLAUSE_WINDOW, choose, sense_cues
from zhengce.normalize.word_model import MAX_WORD, segmentation_score, word_frequencies
from zhengce.opencc_convert import convert

# Pieces are classified one by one: a line, or a sentence ending in one of these marks.
PIECE_END = re.compile(r"[\n。！？；!?]+")

# Characters whose script is decided: CJK Unified (BMP and Extension A) and compatibility
# ideographs.  Supplementary-plane characters are neither traditional nor simplified here.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@dataclass(frozen=True, slots=True)
class VocabularyRow:
    """One row: `left + traditional + right` (as written) becomes `left + mainland + right`."""

    traditional: str
    mainland: str
    left: str
    right: str
    note: str
    confidence: float
    alternatives: tuple[str, ...] = ()  # other mainland words for the same Taiwan word

    @property
    def phrase(self) -> str:
        return self.left + self.traditional + self.right

    @property
    def is_keep(self) -> bool:
        return to_simplified(self.traditional) == self.mainland


@dataclass(frozen=True, slots=True)
class AmbiguousWord:
    """A Taiwan word that stands for more than one mainland word (資料: 资料 or 数据)."""

    traditional: str
    default: str  # the reading chosen when the context gives no evidence
    candidates: tuple[str, ...]  # default first
    note: str


@dataclass(frozen=True, slots=True)
class ScriptTables:
    traditional_only: re.Pattern[str]
    simplified_only: re.Pattern[str]
    vocabulary: dict[str, VocabularyRow]  # by phrase (left + traditional + right)
    vocabulary_pattern: re.Pattern[str]  # the phrases, longest first
    ambiguous: dict[str, AmbiguousWord]  # by traditional word
    ambiguous_pattern: re.Pattern[str]  # the ambiguous words, longest first


@cache
def to_simplified(text: str) -> str:
    """Bare OpenCC t2s."""
    return convert("t2s", text)


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _script_markers() -> tuple[set[str], set[str]]:
    """`_derive_script_markers`, kept between runs (`table_cache`)."""
    key = table_key(opencc.__version__, CJK_RANGES, ours("shared_characters"))

    def build() -> list[str]:
        traditional, simplified = _derive_script_markers()
        return ["".join(sorted(traditional)), "".join(sorted(simplified))]

    def check(value: object) -> bool:
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(chars, str) for chars in value)
        )

    traditional, simplified = cached("script-markers", key, build, check)
    return set(traditional), set(simplified)


def _derive_script_markers() -> tuple[set[str], set[str]]:
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
    converted = [convert(name, joined).split("\n") for name in ("s2t", "s2tw", "s2hk")]
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


def _vocabulary() -> dict[str, VocabularyRow]:
    rows: dict[str, VocabularyRow] = {}
    for line in load_table("vocabulary"):
        row = VocabularyRow(
            line["traditional"],
            line["mainland"],
            line["left"],
            line["right"],
            line["note"],
            float(line["confidence"]),
            tuple(word for word in line["alternatives"].split("/") if word),
        )
        if row.phrase in rows:
            raise LexiconError(f"vocabulary.tsv: {row.phrase} twice")
        for word in (row.mainland, *row.alternatives):
            if to_simplified(word) != word:
                # The value goes through OpenCC's character step after the phrase step.
                raise LexiconError(f"vocabulary.tsv: t2s would change the mainland form {word}")
        if row.alternatives and (row.left or row.right):
            raise LexiconError(
                f"vocabulary.tsv: {row.phrase}: alternatives need a row without context"
            )
        rows[row.phrase] = row
    return rows


def _ambiguous_words(vocabulary: dict[str, VocabularyRow]) -> dict[str, AmbiguousWord]:
    """Rows without context that have alternatives, or are keeps OpenCC's Taiwan table maps.

    A keep row (資料 stays 资料) overrides OpenCC's tw2sp (資料→数据); both are mainland
    words, so both are candidates, and the keep is the default.
    """
    words: dict[str, AmbiguousWord] = {}
    for row in vocabulary.values():
        if row.left or row.right:
            continue
        alternatives = row.alternatives
        if not alternatives and row.is_keep:
            taiwan_reading = convert("tw2sp", row.traditional)
            if taiwan_reading != row.mainland:
                alternatives = (taiwan_reading,)
        if alternatives:
            candidates = (row.mainland, *(w for w in alternatives if w != row.mainland))
            words[row.traditional] = AmbiguousWord(
                row.traditional, row.mainland, candidates, row.note
            )
    return words


def _check_cues(ambiguous: dict[str, AmbiguousWord]) -> None:
    """Every cue row of word_senses.tsv names an ambiguous word and one of its candidates."""
    table = sense_cues()
    clause_rows = [(key, cues.rows) for key, cues in table.clause.items()]
    for (taiwan, _side), cues in [*table.by_cue.items(), *clause_rows]:
        word = ambiguous.get(taiwan)
        for row in cues.values():
            if word is None or row.mainland not in word.candidates:
                raise LexiconError(
                    f"word_senses.tsv: {taiwan}→{row.mainland} is not a reading of an ambiguous"
                    " word of vocabulary.tsv"
                )


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    keys = sorted(words, key=lambda key: (-len(key), key))
    return re.compile("|".join(map(re.escape, keys)) if keys else "(?!)")


@cache
def script_tables() -> ScriptTables:
    traditional, simplified = _script_markers()
    vocabulary = _vocabulary()
    ambiguous = _ambiguous_words(vocabulary)
    _check_cues(ambiguous)
    return ScriptTables(
        _char_class(traditional),
        _char_class(simplified),
        vocabulary,
        _alternation(list(vocabulary)),
        ambiguous,
        _alternation(list(ambiguous)),
    )


def opencc_share_dir() -> Path:
    """Where the opencc package keeps its dictionaries (it ships them; we do not copy them)."""
    return Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"


def taiwan_config(vocabulary: dict[str, VocabularyRow]) -> dict[str, object]:
    """OpenCC tw2sp plus Hong Kong variants, with our vocabulary first in the phrase group.

    The phrase group uses OpenCC's "union" match policy: at each position the longest
    key of any dictionary wins, and on equal length the first dictionary (ours).  So a
    keep row (执行) beats TWPhrasesRev's 執行→運行, while TWPhrasesRev's longer 執行緒
    still beats our 執行.  Our values are mainland simplified for the word and as
    written for the context; OpenCC's character step then simplifies the context.
    """
    share = opencc_share_dir()

    def ocd2(name: str, **extra: object) -> dict[str, object]:
        return {"type": "ocd2", "file": str(share / name), **extra}

    def group(*dicts: dict[str, object], policy: str = "short_circuit") -> dict[str, object]:
        return {"dict": {"type": "group", "match_policy": policy, "dicts": list(dicts)}}

    entries = {
        phrase: row.left + (row.traditional if _left_to_t2s(row) else row.mainland) + row.right
        for phrase, row in vocabulary.items()
    }
    return {
        "name": "zhengce: Taiwan / Hong Kong traditional to mainland simplified phrases",
        "normalization": [{"dict": ocd2("CJK_Compatibility_Ideographs.ocd2")}],
        "segmentation": {"type": "mmseg", "dict": ocd2("TSPhrases.ocd2")},
        "conversion_chain": [
            group(ocd2("HKVariantsRevPhrases.ocd2"), ocd2("HKVariantsRev.ocd2")),
            group(
                {"type": "inline", "entries": entries},
                ocd2("TWPhrasesRev.ocd2"),
                ocd2("TWVariantsRevPhrases.ocd2"),
                ocd2("TWVariantsRev.ocd2"),
                policy="union",
            ),
            group(
                ocd2("TSPhrases.ocd2"),
                ocd2("TSCharactersExt.ocd2", may_output_tofu=True),
                ocd2("TSCharacters.ocd2"),
            ),
        ],
    }


def _left_to_t2s(row: VocabularyRow) -> bool:
    """Whether the OpenCC pass leaves the row's word to character conversion.

    Keep rows, and ambiguous words: their reading is chosen afterwards (`_choose_words`),
    and a word written in its plain t2s form marks an occurrence that no longer phrase
    of OpenCC's table (資料庫→数据库) has settled.
    """
    return row.is_keep or bool(row.alternatives)


@cache
def taiwan_config_path() -> str:
    """`taiwan_config` as a JSON file written once per content, for opencc_convert.convert."""
    config = json.dumps(taiwan_config(script_tables().vocabulary), ensure_ascii=False, indent=1)
    digest = hashlib.sha256(config.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "zhengce-opencc" / f"tw2sp-{digest}.json"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(config, "utf-8")
        temporary.replace(path)  # atomic: parallel workers never read half a file
    return str(path)


def traditional_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` taken as traditional script (merged runs of traditional pieces).

    Equal to calling every piece and filling the undecided ones (`_fill_undecided`), but
    only pieces holding a simplified-only character are counted: every other piece is
    traditional or undecided, and of a run of traditional pieces only the first matters.
    """
    tables = script_tables()
    if tables.traditional_only.search(text) is None:
        return []
    hits = [m.start() for m in tables.simplified_only.finditer(text)]
    if not hits:
        # Every piece with a marker is traditional, so every piece is: the whole text,
        # found without cutting it (the common case of a traditional document).
        return [(0, len(text))]
    # (piece start, call) for each decided piece whose call differs from the one before.
    events: list[tuple[int, bool]] = []
    done = 0  # pieces before this are accounted for
    for hit in hits:
        if hit < done:
            continue  # a piece already counted
        a, b = _piece_start(text, done, hit), _piece_end(text, hit)
        first_traditional = tables.traditional_only.search(text, done, a)
        if first_traditional is not None:
            events.append((_piece_start(text, done, first_traditional.start()), True))
        call = _call_piece(text, a, b, tables)
        if call is not None:
            events.append((a, call))
        done = b
    first_traditional = tables.traditional_only.search(text, done)
    if first_traditional is not None:
        events.append((_piece_start(text, done, first_traditional.start()), True))
    spans: list[tuple[int, int]] = []
    for i, (a, call) in enumerate(events):
        if not call:
            continue
        a = 0 if i == 0 else a  # undecided pieces before the first decided one take its call
        b = events[i + 1][0] if i + 1 < len(events) else len(text)
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [(a, b) for a, b in spans if a < b]


PIECE_MARKS = "\n。！？；!?"  # the characters of PIECE_END


def _piece_start(text: str, lo: int, at: int) -> int:
    """Start of the piece holding text[at] (not itself a piece mark); a piece starts at lo."""
    return max(lo, max(text.rfind(mark, lo, at) for mark in PIECE_MARKS) + 1)


def _piece_end(text: str, at: int) -> int:
    found = PIECE_END.search(text, at)
    return len(text) if found is None else found.end()


def _call_piece(text: str, start: int, end: int, tables: ScriptTables) -> bool | None:
    traditional = len(tables.traditional_only.findall(text, start, end))
    simplified = len(tables.simplified_only.findall(text, start, end))
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


OPENCC_PHRASE_REASON = "Taiwan word (OpenCC's Taiwan phrase dictionary, TWPhrasesRev)"
# One Taiwan word can stand for two mainland words (支援: 支持 or 支援), so a word change
# taken from OpenCC's reverse table is a guess.
OPENCC_PHRASE_CONFIDENCE = 0.9


def convert_span(text: str, start: int, end: int) -> list[Edit]:
    """Edits turning text[start:end], known to be traditional, into mainland simplified.

    Two OpenCC passes over the whole span (hk2s for the characters, the Taiwan
    configuration for the words) and Python work only where they differ: word edits
    where the phrase pass wrote something else than the character pass, a word choice
    where an ambiguous Taiwan word stands, and one "t2s" edit per line between them,
    from its first to its last changed character.
    """
    source = text[start:end]
    # hk2s (t2s after undoing Hong Kong variants such as 衞→衛): same length as source.
    plain = convert("hk2s", source)
    characters = _keep_bmp_characters(source, plain)
    phrases = convert(taiwan_config_path(), source)
    if len(characters) != len(source):  # t2s tables map equal lengths; never seen, but be safe
        return [Edit(start, end, source, phrases, "", "t2s")] if phrases != source else []
    if phrases == plain:  # no word change: the common case, no alignment needed
        words: list[WordEdit] = []
        phrases = characters
    else:
        words = _word_edits(source, characters, phrases)
    words = _choose_words(source, characters, phrases, words)
    return _edits(source, characters, words, start)


# A word-level change in span coordinates: (start, end, after, reason, confidence);
# `after` None marks a word left as written (no character conversion inside it).
WordEdit = tuple[int, int, str | None, str, float]


def _edits(source: str, characters: str, words: list[WordEdit], offset: int) -> list[Edit]:
    """The word edits, and t2s edits for what the character pass changed between them."""
    edits: list[Edit] = []
    cursor = 0
    for a, b, after, reason, confidence in words:
        _t2s_fill(source, characters, cursor, a, offset, edits)
        if after is not None:
            edits.append(Edit(offset + a, offset + b, source[a:b], after, "", reason, confidence))
        cursor = b
    _t2s_fill(source, characters, cursor, len(source), offset, edits)
    return edits


def _t2s_fill(
    source: str, characters: str, lo: int, hi: int, offset: int, edits: list[Edit]
) -> None:
    """One "t2s" edit per line of source[lo:hi] that the character pass changed.

    The edit runs from the first to the last changed character of the line (the
    characters between, unchanged, are in both `before` and `after`); `edit_runs`
    gives the runs of changed characters.  Found by slice comparison, not per character.
    """
    if lo >= hi or source[lo:hi] == characters[lo:hi]:
        return
    line_start = lo
    while line_start < hi:
        line_end = source.find("\n", line_start, hi)
        line_end = hi if line_end < 0 else line_end + 1
        if source[line_start:line_end] != characters[line_start:line_end]:
            first = line_start + _same_prefix(source, characters, line_start, line_end)
            last = line_end - _same_suffix(source, characters, first, line_end)
            before, after = source[first:last], characters[first:last]
            edits.append(Edit(offset + first, offset + last, before, after, "", "t2s"))
        line_start = line_end


def _same_prefix(a: str, b: str, lo: int, hi: int) -> int:
    """Length of the common prefix of a[lo:hi] and b[lo:hi] (bisection over slices)."""
    low, high = lo, hi  # a[lo:low] == b[lo:low]; the answer lies in [low, high]
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low - lo


def _same_suffix(a: str, b: str, lo: int, hi: int) -> int:
    """Length of the common suffix of a[lo:hi] and b[lo:hi]."""
    low, high = lo, hi  # a[high:hi] == b[high:hi]; the suffix starts in [low, high]
    while low < high:
        mid = (low + high) // 2
        if a[mid:high] == b[mid:high]:
            high = mid
        else:
            low = mid + 1
    return hi - high


def _word_edits(source: str, characters: str, phrases: str) -> list[WordEdit]:
    """Word edits where the phrase pass differs from the character pass, clause by clause."""
    source_clauses = CLAUSE_END.split(source)
    phrase_clauses = CLAUSE_END.split(phrases)
    if len(source_clauses) != len(phrase_clauses):  # never seen: align the whole span
        return _clause_edits(source, characters, phrases, 0)
    words: list[WordEdit] = []
    offset = 0
    for clause, phrase_clause in zip(source_clauses, phrase_clauses, strict=True):
        end = offset + len(clause)
        if characters[offset:end] != phrase_clause:
            words.extend(_clause_edits(clause, characters[offset:end], phrase_clause, offset))
        offset = end
    return words


WORD_CHOICE_REASON = "Taiwan word with more than one mainland reading ({note}): {choice}"


def _choose_words(
    source: str, characters: str, phrases: str, words: list[WordEdit]
) -> list[WordEdit]:
    """Re-decide each ambiguous word (資料: 资料 or 数据) from its context.

    Only occurrences that the conversion wrote as the word alone (its default) are
    re-decided: a longer phrase (資料庫→数据库, 對口支援) has already settled the others.  The
    occurrence becomes one word edit whose reason lists the candidates and their scores
    (or a span left as written if the choice is the word as written, 核心); the word
    edits inside it give way.  The context is read from the converted text `phrases`,
    where the neighbours are mainland words already (視訊連線: 视频 + 连线).
    """
    tables = script_tables()
    result: list[WordEdit] = []
    k = 0  # words[:k] are settled
    shift = 0  # len(phrases) - len(source) over the settled word edits
    for match in tables.ambiguous_pattern.finditer(source):
        lo, hi = match.span()
        while k < len(words) and words[k][1] <= lo:
            a, b, after, _, _ = words[k]
            shift += len(after if after is not None else source[a:b]) - (b - a)
            result.append(words[k])
            k += 1
        m = k
        while m < len(words) and words[m][0] < hi:
            m += 1
        word = tables.ambiguous[match.group()]
        written = _written_form(words[k:m], characters, lo, hi)
        # Written otherwise than the word alone (資料庫→数据库): a longer phrase decided.
        if written != to_simplified(word.traditional) or _inside_longer_row(source, match, tables):
            continue
        left, right = _context(characters, phrases, lo, hi, shift)
        choice = choose(word.default, word.candidates, left, right, word.traditional)
        reason = WORD_CHOICE_REASON.format(note=word.note, choice=choice.describe(word.default))
        if choice.chosen != match.group():
            result.append((lo, hi, choice.chosen, reason, choice.confidence))
        else:  # written as is (核心, 效能): no edit to explain, nothing converted inside
            result.append((lo, hi, None, "", 1.0))
        k = m
    result.extend(words[k:])
    return result


def _context(characters: str, phrases: str, lo: int, hi: int, shift: int) -> tuple[str, str]:
    """CLAUSE_WINDOW characters either side of source[lo:hi], from the converted text.

    `shift` maps source positions before the word to `phrases`; if the word is not
    found there as written by t2s (never seen), the character conversion is read instead.
    """
    start, end = lo + shift, hi + shift
    if phrases[start:end] != characters[lo:hi]:
        start, end, phrases = lo, hi, characters
    return phrases[max(0, start - CLAUSE_WINDOW) : start], phrases[end : end + CLAUSE_WINDOW]


def _written_form(words: list[WordEdit], characters: str, lo: int, hi: int) -> str | None:
    """What the conversion wrote for source[lo:hi], given the word edits overlapping it.

    The character conversion, with the word edits that lie inside the span applied;
    None if a word edit reaches beyond the span (a longer phrase, not ours to decide).
    """
    written = characters[lo:hi]
    for a, b, after, _, _ in reversed(words):
        if a < lo or b > hi:
            return None
        written = written[: a - lo] + (after if after is not None else "") + written[b - lo :]
    return written


def _inside_longer_row(source: str, match: re.Match[str], tables: ScriptTables) -> bool:
    """Whether a vocabulary row with context (對口支援, 執行官) covers the occurrence."""
    lo, hi = match.span()
    window = tables.vocabulary_pattern.finditer(
        source, max(0, lo - MAX_CONTEXT), min(len(source), hi + MAX_CONTEXT)
    )
    return any(
        found.start() <= lo and found.end() >= hi and found.end() - found.start() > hi - lo
        for found in window
    )


MAX_CONTEXT = 8  # longest left or right context of a vocabulary row, with room


# OpenCC phrase keys never hold these marks, and no dictionary changes them, so the two
# conversions can be aligned clause by clause (short alignments, no quadratic cost).
CLAUSE_END = re.compile(r"(?<=[\n，。、；：？！,;:?!])")
# Longest middle (after the common prefix and suffix) given to difflib; a longer one (a
# clause without marks, as in degenerate input) is aligned by `_anchored_opcodes`, in
# linear time.
MAX_DIFFLIB = 200


def _clause_edits(source: str, characters: str, phrases: str, offset: int) -> list[WordEdit]:
    """Word edits where the phrase output differs from t2s (the rest is left to t2s)."""
    if characters == phrases:
        return []
    # Only the middle between the common prefix and suffix needs aligning.
    head = _common_prefix_length(characters, phrases)
    tail = _common_prefix_length(characters[head:][::-1], phrases[head:][::-1])
    middle_end, phrase_end = len(characters) - tail, len(phrases) - tail
    a, b = characters[head:middle_end], phrases[head:phrase_end]
    middle: list[Opcode]
    if len(a) <= MAX_DIFFLIB and len(b) <= MAX_DIFFLIB:
        middle = list(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    else:
        middle = _anchored_opcodes(a, b)
    opcodes = [
        ("equal", 0, head, 0, head),
        *[(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle],
        ("equal", middle_end, len(characters), phrase_end, len(phrases)),
    ]
    words: list[WordEdit] = []
    for op, i1, i2, j1, j2 in _no_insertions([o for o in opcodes if o[1] < o[2] or o[3] < o[4]]):
        if op == "equal":
            continue
        after = phrases[j1:j2]
        if i2 - i1 == j2 - j1:
            after = _keep_bmp_characters(source[i1:i2], after)
        reason, confidence = _word_reason(source, i1, i2)
        if reason == OPENCC_PHRASE_REASON and _across_word_boundary(
            characters, phrases, i1, i2, j1, j2
        ):
            continue  # the plain character reading stands: left to t2s
        words.append((offset + i1, offset + i2, after, reason, confidence))
    return words


# `_anchored_opcodes`: the longest replacement looked at on either side, and how many
# equal characters count as the two texts being back in step.
MAX_REPLACED = 16
ANCHOR = 3


def _anchored_opcodes(a: str, b: str) -> list[Opcode]:
    """difflib-style opcodes for two texts that differ in short local replacements.

    Walks both texts; where they differ, takes the nearest point (fewest characters
    skipped in total, each side at most MAX_REPLACED) where ANCHOR characters agree again.
    Linear in the length, for any input.
    """
    opcodes: list[Opcode] = []
    i = j = 0
    n, m = len(a), len(b)
    while i < n or j < m:
        same = _common_prefix_length(a[i : i + 4096], b[j : j + 4096])
        if same:
            opcodes.append(("equal", i, i + same, j, j + same))
            i, j = i + same, j + same
            continue
        di, dj = _resync(a, b, i, j)
        op = "insert" if di == 0 else "delete" if dj == 0 else "replace"
        opcodes.append((op, i, i + di, j, j + dj))
        i, j = i + di, j + dj
    return opcodes


def _resync(a: str, b: str, i: int, j: int) -> tuple[int, int]:
    """(characters of a, characters of b) to skip from i, j until the texts agree again."""
    n, m = len(a), len(b)
    for total in range(1, 2 * MAX_REPLACED + 1):
        for di in range(max(0, total - MAX_REPLACED), min(MAX_REPLACED, total) + 1):
            dj = total - di
            x, y = i + di, j + dj
            if x > n or y > m:
                continue
            if (x == n and y == m) or (x < n and y < m and a[x : x + ANCHOR] == b[y : y + ANCHOR]):
                return di, dj
    return min(MAX_REPLACED, n - i), min(MAX_REPLACED, m - j)


# Characters either side read when testing a phrase match for a boundary slip.
SLIP_CONTEXT = 4
# Natural-log lead (e^5, about 150 times as probable) that the plain character reading
# needs to overrule OpenCC's phrase: the phrase table is right far more often than not,
# so only a reading that is overwhelmingly more probable counts as evidence of a slip.
SLIP_MARGIN = 5.0


def _across_word_boundary(
    characters: str, phrases: str, i1: int, i2: int, j1: int, j2: int
) -> bool:
    """Whether a Taiwan phrase of OpenCC's table matched across a word boundary.

    OpenCC matches its phrase keys without segmenting: 吸引數萬 holds 引數 (argument,
    → 参数) and 指數位於 holds 數位 (digital, → 数字), though the words are 吸引 + 数万 and
    指数 + 位于.  The jieba word model reads both versions of the window; if the plain
    character reading is overwhelmingly more probable, the phrase is dropped.  Only
    equal-length replacements are tested: there the two windows differ in the replaced
    characters alone, while a change of length (叢集→集群) is aligned too loosely to
    compare this way.
    """
    if i2 - i1 != j2 - j1:
        return False
    left = phrases[max(0, j1 - SLIP_CONTEXT) : j1]
    right = phrases[j2 : j2 + SLIP_CONTEXT]
    plain_window = left + characters[i1:i2] + right
    if not _word_crosses_edge(plain_window, len(left), len(left) + i2 - i1):
        return False  # the plain reading has no word reaching in: no boundary to slip over
    plain = segmentation_score(plain_window)
    phrase = segmentation_score(left + phrases[j1:j2] + right)
    return plain - phrase >= SLIP_MARGIN


def _word_crosses_edge(window: str, lo: int, hi: int) -> bool:
    """Whether a dictionary word of `window` starts before lo or hi and ends after it."""
    words = word_frequencies()
    for edge in (lo, hi):
        for start in range(max(0, edge - MAX_WORD + 1), edge):
            for stop in range(edge + 1, min(len(window), start + MAX_WORD) + 1):
                if window[start:stop] in words:
                    return True
    return False


def _common_prefix_length(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


Opcode = tuple[str, int, int, int, int]


def _no_insertions(opcodes: Sequence[Opcode]) -> list[Opcode]:
    """Give every pure insertion one source character, so that no edit is empty."""
    merged: list[Opcode] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op != "insert":
            merged.append((op, i1, i2, j1, j2))
        elif merged and merged[-1][0] != "equal":
            _, a1, _, b1, _ = merged.pop()
            merged.append(("replace", a1, i2, b1, j2))
        elif merged:  # take the last character of the equal run before
            _, a1, a2, b1, b2 = merged.pop()
            if a2 - 1 > a1:
                merged.append(("equal", a1, a2 - 1, b1, b2 - 1))
            merged.append(("replace", a2 - 1, i2, b2 - 1, j2))
        else:
            merged.append(("insert-first", i1, i2, j1, j2))
    if merged and merged[0][0] == "insert-first":  # an insertion at the very start
        _, _, _, j1, j2 = merged.pop(0)
        if merged:
            op, a1, a2, b1, b2 = merged.pop(0)
            if op == "equal" and a2 - a1 > 1:
                merged.insert(0, ("equal", a1 + 1, a2, b1 + 1, b2))
                merged.insert(0, ("replace", a1, a1 + 1, j1, b1 + 1))
            else:
                merged.insert(0, ("replace", a1, a2, j1, b2))
    return merged


def _word_reason(source: str, start: int, end: int) -> tuple[str, float]:
    """The vocabulary row behind a word change at source[start:end], else OpenCC's table."""
    tables = script_tables()
    lo = max(0, start - 8)
    for match in tables.vocabulary_pattern.finditer(source, lo, min(len(source), end + 8)):
        if match.start() < end and match.end() > start:
            row = tables.vocabulary[match.group()]
            if not row.is_keep:
                return f"vocabulary: {row.note}", row.confidence
    return OPENCC_PHRASE_REASON, OPENCC_PHRASE_CONFIDENCE


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
