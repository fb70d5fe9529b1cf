"""Choose, in context, among the mainland words that one Taiwan word stands for.

Taiwan writes 資料 where mainland text writes 资料 (material) or 数据 (data), 智慧 for
智慧 (wisdom) or 智能 (smart), 執行 for 执行 (carry out) or 运行 (run).  The script stage
gives each such word a default; this module asks the context whether another
candidate reads better.

Evidence is asked for in this order:

1. the hand-written cue table `zhengce/data/word_senses.tsv`: a word right next to the
   Taiwan word that selects one mainland reading (資料 + 顯示 → 数据显示, 人工 + 智慧 →
   人工智能, 城市 after 智慧 → 智慧城市).  Rows are collocations of mainland Chinese in
   general, each with a note; the nearest (adjacent) cue is looked up by dictionary, one
   lookup per cue length, so the cost does not grow with the table.  The longest cue
   found wins; cues of equal length that disagree decide nothing.
2. clause cues of the same table (side `clause-left` / `clause-right`): a word anywhere
   in the same clause on that side, between the nearest clause breaks (，。；：、！？ or a
   line break), for readings that the wider clause decides rather than the neighbour
   (系统平稳有序运行: 系统 … 執行 → 运行).  They are asked only when no adjacent cue
   decided, being less precise.  The nearest cue on each side counts; the two sides
   disagreeing decide nothing.
3. the context gain below;
4. the default (what the conversion wrote).

The context gain comes from a general resource independent of our texts: the word
frequencies bundled with jieba (dict.txt, a mainland unigram dictionary), loaded once
through the mojibake stage's loader.  A candidate's *context gain* is how much more
probable its window (a few characters either side, candidate in the middle) is under
the unigram word model than the three parts segmented apart:

    gain(c) = best(left + c + right) - best(left) - best(c) - best(right)

(`best` = log probability of the best segmentation into dictionary words).  The gain
is 0 unless the candidate forms a dictionary word with its neighbours (人工 + 智能 →
人工智能, 智能 + 化 → 智能化); the candidate's own frequency cancels out, so a frequent
word does not win by frequency alone.  The candidate with the highest gain wins if it
leads the default by `MARGIN`; ties and small leads keep the default (the everyday
word).  Confidence is the winner's share of the gains as probabilities, below 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from zhengce.lexicon import LexiconError, load_table
from zhengce.normalize.word_model import (
    MAX_WORD,
    segmentation_score,
    total_frequency,
    word_frequencies,
)

# Characters either side of the word that are put in the window.
CONTEXT = 6
# Natural-log lead over the default that a candidate needs (e^0.5 = 1.65 times as
# probable); below it the evidence is too thin to override the everyday word.
MARGIN = 0.5
MAX_CONFIDENCE = 0.95  # a choice from context is never certain
# A hand-checked collocation is strong evidence, but a collocation can still mislead
# (数据 + 显示 is nearly always 数据显示, yet 资料显示 exists), so a cue is a guess too.
CUE_CONFIDENCE = 0.9
SIDES = ("left", "right")
# A clause cue row's side, and which side of the word its clause text lies on.
CLAUSE_SIDES = {"clause-left": "left", "clause-right": "right"}
# Characters either side that the caller passes: room for a clause, not the whole text.
CLAUSE_WINDOW = 40
CLAUSE_BREAK = re.compile(r"[\n，。、；：？！,;:?!]")


@dataclass(frozen=True, slots=True)
class SenseCue:
    """A row of word_senses.tsv: `cue` right beside `taiwan` on `side` means `mainland`."""

    taiwan: str
    mainland: str
    cue: str
    # "left": the cue ends where the word starts; "right": starts where it ends;
    # "clause-left" / "clause-right": anywhere in the word's clause on that side
    side: str
    note: str

    def describe(self) -> str:
        joint = "…" if self.side in CLAUSE_SIDES else "+"
        if self.side.endswith("left"):
            shown = f"{self.cue}{joint}{self.mainland}"
        else:
            shown = f"{self.mainland}{joint}{self.cue}"
        return f"{self.mainland} by cue {shown} (word_senses.tsv: {self.note})"


@dataclass(frozen=True, slots=True)
class ClauseCues:
    """The clause cues of one Taiwan word on one side, as one regex (longest cue first)."""

    pattern: re.Pattern[str]
    rows: dict[str, SenseCue]  # cue -> row


@dataclass(frozen=True, slots=True)
class CueTable:
    by_cue: dict[tuple[str, str], dict[str, SenseCue]]  # (taiwan, side) -> cue -> row
    lengths: dict[tuple[str, str], tuple[int, ...]]  # (taiwan, side) -> cue lengths, longest first
    # (taiwan, "left" or "right") -> the clause cues on that side
    clause: dict[tuple[str, str], ClauseCues] = field(default_factory=dict)


@cache
def sense_cues() -> CueTable:
    """The cue table of zhengce/data/word_senses.tsv, loaded once."""
    return build_cue_table(load_table("word_senses"))


def build_cue_table(rows: Iterable[Mapping[str, str]]) -> CueTable:
    """Index cue rows (taiwan, mainland, side, cues '/'-separated, note) for lookup."""
    by_cue: dict[tuple[str, str], dict[str, SenseCue]] = {}
    by_clause: dict[tuple[str, str], dict[str, SenseCue]] = {}
    for line in rows:
        taiwan, side = line["taiwan"], line["side"]
        if side in SIDES:
            table = by_cue.setdefault((taiwan, side), {})
        elif side in CLAUSE_SIDES:
            table = by_clause.setdefault((taiwan, CLAUSE_SIDES[side]), {})
        else:
            raise LexiconError(
                f"word_senses.tsv: {taiwan} {line['cues']}: side must be left, right,"
                " clause-left or clause-right"
            )
        for cue in line["cues"].split("/"):
            if not 0 < len(cue) <= CONTEXT:
                raise LexiconError(f"word_senses.tsv: {taiwan} {cue!r}: cue of 1..{CONTEXT} chars")
            if cue in table:
                raise LexiconError(f"word_senses.tsv: {taiwan} {side} {cue} twice")
            table[cue] = SenseCue(taiwan, line["mainland"], cue, side, line["note"])
    lengths = {
        key: tuple(sorted({len(cue) for cue in table}, reverse=True))
        for key, table in by_cue.items()
    }
    clause = {key: _clause_cues(table) for key, table in by_clause.items()}
    return CueTable(by_cue, lengths, clause)


def _clause_cues(rows: dict[str, SenseCue]) -> ClauseCues:
    cues = sorted(rows, key=lambda cue: (-len(cue), cue))
    return ClauseCues(re.compile("|".join(map(re.escape, cues))), rows)


def find_cue(taiwan: str, left: str, right: str, table: CueTable | None = None) -> SenseCue | None:
    """The longest cue row for `taiwan` that the neighbours hold; None if none or a tie."""
    table = table or sense_cues()
    found: list[SenseCue] = []
    for side, context in (("left", left), ("right", right)):
        key = (taiwan, side)
        cues = table.by_cue.get(key)
        if cues is None:
            continue
        for length in table.lengths[key]:
            piece = context[-length:] if side == "left" else context[:length]
            row = cues.get(piece) if len(piece) == length else None
            if row is not None:
                found.append(row)
                break
    if not found:
        return None
    longest = max(len(row.cue) for row in found)
    readings = {row.mainland for row in found if len(row.cue) == longest}
    if len(readings) > 1:  # equal evidence for two readings: let the next step decide
        return None
    return next(row for row in found if len(row.cue) == longest)


def find_clause_cue(
    taiwan: str, left: str, right: str, table: CueTable | None = None
) -> SenseCue | None:
    """The clause cue deciding `taiwan`; None if there is none or the two sides disagree."""
    found = nearest_clause_cues(taiwan, left, right, table)
    if len({row.mainland for row in found}) != 1:
        return None
    return found[0]


def nearest_clause_cues(
    taiwan: str, left: str, right: str, table: CueTable | None = None
) -> list[SenseCue]:
    """The clause cue rows for `taiwan` nearest to it on its left and on its right side.

    `left` and `right` are the text either side; only the part within the word's clause
    (up to the nearest clause break) is read.
    """
    table = table or sense_cues()
    found: list[SenseCue] = []
    left_cues = table.clause.get((taiwan, "left"))
    if left_cues is not None:
        clause = CLAUSE_BREAK.split(left)[-1]
        matches = list(left_cues.pattern.finditer(clause))
        if matches:  # the last match ends nearest the word
            found.append(left_cues.rows[matches[-1].group()])
    right_cues = table.clause.get((taiwan, "right"))
    if right_cues is not None:
        clause = CLAUSE_BREAK.split(right, maxsplit=1)[0]
        match = right_cues.pattern.search(clause)
        if match is not None:
            found.append(right_cues.rows[match.group()])
    return found


@dataclass(frozen=True, slots=True)
class WordChoice:
    chosen: str
    gains: tuple[tuple[str, float], ...]  # every candidate with its context gain
    confidence: float
    cue: SenseCue | None = None  # the cue row that decided, if one did

    def describe(self, default: str) -> str:
        if self.cue is not None:
            return self.cue.describe()
        listing = ", ".join(f"{word} {gain:+.2f}" for word, gain in self.gains)
        how = "default (no clear lead)" if self.chosen == default else "context"
        return f"{self.chosen} by {how}; jieba unigram context gain: {listing}"


def _cue(taiwan: str, left: str, right: str) -> SenseCue | None:
    return find_cue(taiwan, left[-CONTEXT:], right[:CONTEXT]) or find_clause_cue(
        taiwan, left, right
    )


def context_gain(left: str, word: str, right: str) -> float:
    """How much the neighbours bind to `word` (log probability, >= 0).

    The word is kept whole: a dictionary word that takes only part of it (内核 + 力量
    read as 内 + 核力量) is no evidence for it.
    """
    return _gain(left, word, right, lambda: segmentation_score(left) + segmentation_score(right))


def _gain(left: str, word: str, right: str, context_apart: Callable[[], float]) -> float:
    if _frequency(word) == 0:  # not a dictionary word: nothing to keep whole
        together = segmentation_score(left + word + right)
        alone = segmentation_score(word)
    elif not _forms_word_across(left, word, right):
        return 0.0  # the best segmentation falls apart at the word's edges: no binding
    else:
        together = segmentation_score(left + word + right, (len(left), len(left) + len(word)))
        alone = math.log(_frequency(word) / total_frequency())
    return max(0.0, together - alone - context_apart())


def _forms_word_across(left: str, word: str, right: str) -> bool:
    """Whether a dictionary word holds `word` and at least one neighbouring character.

    The cheap test first: most occurrences form none, and then the gain is 0 exactly.
    """
    window, lo, hi = left + word + right, len(left), len(left) + len(word)
    words = word_frequencies()
    for start in range(max(0, hi - MAX_WORD), lo + 1):
        for stop in range(hi, min(len(window), start + MAX_WORD) + 1):
            if (start, stop) != (lo, hi) and window[start:stop] in words:
                return True
    return False


def _frequency(word: str) -> int:
    return word_frequencies().get(word, 0)


def choose(
    default: str, candidates: tuple[str, ...], left: str, right: str, taiwan: str = ""
) -> WordChoice:
    """The candidate that fits `left` + _ + `right` best; the default unless clearly beaten.

    With `taiwan` (the word as written), a cue row for it decides first: an adjacent cue,
    else a clause cue (`left` and `right` may run up to CLAUSE_WINDOW characters for it).
    """
    cue = _cue(taiwan, left, right) if taiwan else None
    if cue is not None and cue.mainland in candidates:
        return WordChoice(cue.mainland, (), CUE_CONFIDENCE, cue)
    left, right = left[-CONTEXT:], right[:CONTEXT]
    apart = cache(lambda: segmentation_score(left) + segmentation_score(right))
    gains = tuple((word, _gain(left, word, right, apart)) for word in candidates)
    by_word = dict(gains)
    best = max(candidates, key=lambda word: (by_word[word], word == default))
    chosen = best if by_word[best] - by_word.get(default, 0.0) >= MARGIN else default
    top = by_word[chosen]
    share = 1.0 / sum(math.exp(gain - top) for _, gain in gains)
    return WordChoice(chosen, gains, min(MAX_CONFIDENCE, share))
