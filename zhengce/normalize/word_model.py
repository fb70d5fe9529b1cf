"""A mainland word model: word frequencies from jieba's bundled dict.txt (MIT).

Used wherever a stage must choose between readings by how Chinese reads in context:
the mojibake stage (which character was lost) and the script stage's word choice
(資料 → 数据 or 资料).  Loaded once per process, on first use.
"""

from __future__ import annotations

import math
import os
from functools import cache, lru_cache
from importlib import resources

from zhengce.lexicon import load_table
from zhengce.normalize.table_cache import cached, ours, table_key

MAX_WORD = 6  # longest dictionary word tried when segmenting
# A character the dictionary does not know counts as this rare.
UNKNOWN_FREQUENCY = 0.5


@cache
def word_frequencies() -> dict[str, int]:
    """Word -> frequency from jieba's bundled dict.txt (MIT), simplified script.

    Punctuation, which the dictionary lacks, is added at its rate in prose
    (zhengce/data/punctuation_frequency.tsv) so that the word model can also
    weigh a lost comma or full stop.  Kept between runs (`table_cache`): parsing the
    dictionary is most of the time a traditional document's first word choice costs.
    """
    source = resources.files("jieba").joinpath("dict.txt")
    try:
        status = os.stat(str(source))
        where: tuple[object, ...] = (str(source), status.st_size, status.st_mtime_ns)
    except OSError:  # not a plain file (a zip import): no key, no cache
        return _read_word_frequencies()
    key = table_key(where, ours("punctuation_frequency"))

    def check(value: object) -> bool:
        return isinstance(value, dict) and len(value) > 1000

    return cached("word-frequencies", key, _read_word_frequencies, check)


def _read_word_frequencies() -> dict[str, int]:
    frequencies: dict[str, int] = {}
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, _tag = line.split(" ", 2)
            frequencies[word] = int(frequency)
    total = sum(frequencies.values())
    for char, per_million in punctuation_frequencies().items():
        frequencies[char] = round(per_million * total / 1_000_000)
    return frequencies


@cache
def total_frequency() -> int:
    return sum(word_frequencies().values())


@cache
def punctuation_frequencies() -> dict[str, float]:
    return {row["char"]: float(row["per_million"]) for row in load_table("punctuation_frequency")}


# Scores are asked again for the same windows (a word and its neighbours recur): a
# bounded memo, since the word model is fixed within a process.
@lru_cache(maxsize=1 << 16)
def segmentation_score(window: str, whole: tuple[int, int] = (0, 0)) -> float:
    """Log probability of the best segmentation of `window` into dictionary words.

    `whole` = (lo, hi) forbids a word boundary strictly inside that range, so a
    candidate word is scored only as part of words that contain it whole.
    """
    lo, hi = whole
    words, total = word_frequencies(), total_frequency()
    unknown = math.log(UNKNOWN_FREQUENCY / total)
    best = [0.0] + [-math.inf] * len(window)
    for stop in range(1, len(window) + 1):
        if lo < stop < hi:
            continue
        for start in range(max(0, stop - MAX_WORD), stop):
            if lo < start < hi or best[start] == -math.inf:
                continue
            frequency = words.get(window[start:stop], 0)
            if frequency:
                gain = math.log(frequency / total)
            elif stop - start == 1:
                gain = unknown
            else:
                continue
            best[stop] = max(best[stop], best[start] + gain)
    return best[-1]
