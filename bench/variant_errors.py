"""Study aid for the script stage's word choice, on *tuning* days only (never held out).

    .venv/bin/python bench/variant_errors.py errors [--days 300] [--top 60] [--examples 3]
    .venv/bin/python bench/variant_errors.py neighbours 数据 资料 [--days 300] [--top 30]
    .venv/bin/python bench/variant_errors.py clauses 執行 [--days 300] [--top 80] [--seed N]
    .venv/bin/python bench/variant_errors.py cues [--top 200]

`errors` makes the Taiwan-style variant of each story of a seeded sample of tuning days
(as tests/normalize/test_variants.py does for held-out days), normalizes it, and lists
the differing runs (original -> ours) by frequency, with a few examples in context.
`neighbours` lists, for mainland words that one Taiwan word stands for, the characters
next to each word in the tuning originals, side by side: what to read when writing the
hand-checked cue rows of zhengce/data/word_senses.tsv.  `clauses` prints, for a Taiwan
word, the clauses of the tuning originals in which one of its mainland readings stands
and no adjacent cue decides: what to read when writing clause cue rows.  `cues` checks
every clause cue row (side clause-left / clause-right) over ALL tuning days: where the
cue is the nearest on its side, no adjacent cue decides and the other side does not
disagree (the cue decides), how often the original has the row's reading (right) or
another (wrong); cues misfiring more than 1 in 10 are flagged.  Nothing is written
anywhere; the corpus is read at run time.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import CORPUS_MD
from tests.normalize.variants import (
    Story,
    make_variant,
    stories_of,
    tuning_days,
)
from zhengce.eval.textdiff import char_errors, fold
from zhengce.model import Document
from zhengce.normalize.script import script_tables
from zhengce.normalize.word_choice import (
    CLAUSE_BREAK,
    CLAUSE_WINDOW,
    CONTEXT,
    find_clause_cue,
    find_cue,
    nearest_clause_cues,
    sense_cues,
)
from zhengce.pipeline import normalize

SAMPLE_SEED = 1


def tuning_sample(days: int, seed: int = SAMPLE_SEED) -> list[Story]:
    pool = tuning_days(CORPUS_MD)
    chosen = random.Random(seed).sample(pool, min(days, len(pool)))
    return stories_of(sorted(chosen))


def list_errors(stories: list[Story], top: int, examples: int) -> None:
    ops: collections.Counter[tuple[str, str]] = collections.Counter()
    shown: dict[tuple[str, str], list[tuple[str, str]]] = collections.defaultdict(list)
    wrong = total = 0
    for story in stories:
        variant = make_variant(story.text, random.Random(7))
        output = normalize(Document.from_raw(variant)).text
        count, runs = char_errors(fold(story.text), fold(output))
        _, wide = char_errors(fold(story.text), fold(output), context=5)
        wrong += count
        total += len(fold(story.text))
        for (expected, got), context in zip(runs, wide, strict=True):
            ops[(expected, got)] += 1
            if len(shown[(expected, got)]) < examples:
                shown[(expected, got)].append(context)
    print(f"{len(stories)} stories, {total} chars, {wrong} wrong: {1e4 * wrong / total:.2f} / 10k")
    for (expected, got), n in ops.most_common(top):
        contexts = "  ".join(f"{a}→{b}" for a, b in shown[(expected, got)])
        print(f"{n:5} {expected}→{got}   {contexts}")


def list_neighbours(stories: list[Story], words: list[str], top: int) -> None:
    for width in (1, 2):
        for side in ("left", "right"):
            counts = {word: collections.Counter[str]() for word in words}
            for story in stories:
                text = story.text
                for word in words:
                    start = text.find(word)
                    while start != -1:
                        if side == "left":
                            counts[word][text[max(0, start - width) : start]] += 1
                        else:
                            end = start + len(word)
                            counts[word][text[end : end + width]] += 1
                        start = text.find(word, start + 1)
            print(f"== {side} {width}")
            merged = collections.Counter[str]()
            for counter in counts.values():
                merged.update(counter)
            for cue, _ in merged.most_common(top):
                row = "  ".join(f"{word} {counts[word][cue]:5}" for word in words)
                print(f"  {cue!r:8} {row}")


def undecided_occurrences(text: str, taiwan: str) -> list[tuple[str, str, str]]:
    """(left, reading, right) for each mainland reading of `taiwan` in an original text
    that no adjacent cue decides; left and right run CLAUSE_WINDOW characters."""
    readings = script_tables().ambiguous[taiwan].candidates
    pattern = re.compile("|".join(sorted(readings, key=len, reverse=True)))
    found = []
    for match in pattern.finditer(text):
        left = text[max(0, match.start() - CLAUSE_WINDOW) : match.start()]
        right = text[match.end() : match.end() + CLAUSE_WINDOW]
        if find_cue(taiwan, left[-CONTEXT:], right[:CONTEXT]) is None:
            found.append((left, match.group(), right))
    return found


def list_clauses(stories: list[Story], taiwan: str, top: int) -> None:
    shown = 0
    for story in stories:
        for left, reading, right in undecided_occurrences(story.text, taiwan):
            clause_left = CLAUSE_BREAK.split(left)[-1]
            clause_right = CLAUSE_BREAK.split(right, maxsplit=1)[0]
            print(f"{reading}  {clause_left}【{reading}】{clause_right}")
            shown += 1
            if shown >= top:
                return


def check_clause_cues(stories: list[Story], top: int) -> None:
    table = sense_cues()
    readings = {
        (taiwan, side, cue): row.mainland
        for (taiwan, side), cues in table.clause.items()
        for cue, row in cues.rows.items()
    }
    right: collections.Counter[tuple[str, str, str]] = collections.Counter()
    wrong: collections.Counter[tuple[str, str, str]] = collections.Counter()
    misses: dict[tuple[str, str, str], list[str]] = collections.defaultdict(list)
    for taiwan in sorted({taiwan for taiwan, _ in table.clause}):
        for story in stories:
            for left, reading, after in undecided_occurrences(story.text, taiwan):
                decided = find_clause_cue(taiwan, left, after, table)
                if decided is None:  # no cue, or the two sides disagree: nothing fired
                    continue
                for row in nearest_clause_cues(taiwan, left, after, table):
                    key = (taiwan, row.side.removeprefix("clause-"), row.cue)
                    if reading == readings[key]:
                        right[key] += 1
                    else:
                        wrong[key] += 1
                        if len(misses[key]) < 3:
                            misses[key].append(f"{left[-12:]}【{reading}】{after[:12]}")
    print(
        f"clause cues over {len(stories)} stories: {sum(right.values())} right, "
        f"{sum(wrong.values())} wrong"
    )
    for key in sorted(readings, key=lambda k: -(right[k] + wrong[k]))[:top]:
        n = right[key] + wrong[key]
        flag = "  MISFIRES" if wrong[key] * 10 > n else ""
        taiwan, side, cue = key
        print(
            f"{taiwan}→{readings[key]} {side:5} {cue:6} right {right[key]:4} wrong "
            f"{wrong[key]:4}{flag}  {'  '.join(misses[key])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("errors", "neighbours", "clauses", "cues"))
    parser.add_argument("words", nargs="*")
    parser.add_argument("--days", type=int, default=300)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED, help="which tuning sample")
    args = parser.parse_args()
    if args.mode == "cues":  # precision is judged over all tuning days, not a sample
        check_clause_cues(stories_of(tuning_days(CORPUS_MD)), args.top)
        return
    stories = tuning_sample(args.days, args.seed)
    if args.mode == "errors":
        list_errors(stories, args.top, args.examples)
    elif args.mode == "clauses":
        list_clauses(stories, args.words[0], args.top)
    else:
        list_neighbours(stories, args.words, args.top)


if __name__ == "__main__":
    main()
