"""Study aid for the script stage's word choice, on *tuning* days only (never held out).

    .venv/bin/python bench/variant_errors.py errors [--days 300] [--top 60] [--examples 3]
    .venv/bin/python bench/variant_errors.py neighbours 数据 资料 [--days 300] [--top 30]

`errors` makes the Taiwan-style variant of each story of a seeded sample of tuning days
(as tests/normalize/test_variants.py does for held-out days), normalizes it, and lists
the differing runs (original -> ours) by frequency, with a few examples in context.
`neighbours` lists, for mainland words that one Taiwan word stands for, the characters
next to each word in the tuning originals, side by side: what to read when writing the
hand-checked cue rows of zhengce/data/word_senses.tsv.  Nothing is written anywhere; the
corpus is read at run time.
"""

from __future__ import annotations

import argparse
import collections
import random
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("errors", "neighbours"))
    parser.add_argument("words", nargs="*")
    parser.add_argument("--days", type=int, default=300)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED, help="which tuning sample")
    args = parser.parse_args()
    stories = tuning_sample(args.days, args.seed)
    if args.mode == "errors":
        list_errors(stories, args.top, args.examples)
    else:
        list_neighbours(stories, args.words, args.top)


if __name__ == "__main__":
    main()
