"""Noisy variants of corpus stories, for measuring normalization against a known original.

The corpus (新闻联播 transcripts, clean mainland simplified) gives stories whose right
reading is known exactly.  `make_variant` damages a story the way the seeds are damaged:
a Taiwan-style traditional copy made by OpenCC s2twp (which also swaps in Taiwan
vocabulary such as 支持→支援, 循环→迴圈, 优化→最佳化), optionally with emoji noise, pinyin
annotations X(pīnyīn) and NFKC-folded punctuation.  `count_wrong` aligns the
normalized variant with the original and counts the characters that differ.

Days are split once, by a seeded random choice, into a held-out set used only for
measuring and the remaining days, which are the ones to look at while building tables.
Nothing here copies corpus text into the project: it is read at run time.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import cast

import opencc
from pypinyin import Style, lazy_pinyin

from zhengce.eval.textdiff import char_errors, fold

HELD_OUT_SEED = 20240423
HELD_OUT_DAY_COUNT = 40

# Emoji noise as found in the seeds: plain pictographs, VS16, skin tones, ZWJ
# sequences, keycaps, and a hieroglyph.
NOISE_SYMBOLS = (
    "🏋️",
    "👢",
    "🎸",
    "⏳",
    "⛵️",
    "🦛",
    "✴️",
    "𓀁",
    "🌼",
    "🧛🏻",
    "👩🏿‍🔬",
    "🧑🏼",
    "⛹🏻‍♂️",
    "⬅️",
    "🗽",
    "🤷🏿‍♀️",
    "🤜🏽",
    "🧑🏿‍🚀",
    "*️⃣",
    "🖲",
)

STORY_HEADING = re.compile(r"^### ", re.MULTILINE)
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")


@dataclass(frozen=True, slots=True)
class Story:
    day: str
    title: str
    text: str  # title line + body, as in the corpus


@dataclass(slots=True)
class Tally:
    """Wrong characters of normalized variants against their originals."""

    wrong: int = 0
    total: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)

    def add(self, original: str, normalized: str, keep_examples: int = 200) -> None:
        wrong, examples = count_wrong(original, normalized)
        self.wrong += wrong
        self.total += len(fold(original))
        room = keep_examples - len(self.examples)
        if room > 0:
            self.examples.extend(examples[:room])

    @property
    def per_10k(self) -> float:
        return 10_000 * self.wrong / max(self.total, 1)


def split_stories(day: str, markdown: str) -> list[Story]:
    """The `### title` sections of one day's transcript (the summary section is skipped)."""
    stories: list[Story] = []
    for section in STORY_HEADING.split(markdown)[1:]:
        title, _, body = section.partition("\n")
        text = f"{title.strip()}\n{body.strip()}"
        if HAN.search(body):
            stories.append(Story(day, title.strip(), text))
    return stories


def all_days(corpus_md: Path) -> list[Path]:
    return sorted(corpus_md.glob("*.md"))


def held_out_days(corpus_md: Path) -> list[Path]:
    """A fixed seeded random choice of days that tables must not be tuned on."""
    days = all_days(corpus_md)
    chosen = random.Random(HELD_OUT_SEED).sample(days, HELD_OUT_DAY_COUNT)
    return sorted(chosen)


def tuning_days(corpus_md: Path) -> list[Path]:
    """Every day not held out: the ones to study while building the vocabulary table."""
    held = set(held_out_days(corpus_md))
    return [day for day in all_days(corpus_md) if day not in held]


def stories_of(days: list[Path]) -> list[Story]:
    stories: list[Story] = []
    for day in days:
        stories.extend(split_stories(day.stem, day.read_text("utf-8")))
    return stories


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_taiwan_traditional(text: str) -> str:
    return str(_converter("s2twp").convert(text))


def add_noise_symbols(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """Insert an emoji after about `rate` of the Han characters and punctuation marks."""
    out: list[str] = []
    for char in text:
        out.append(char)
        if char != "\n" and rng.random() < rate:
            out.append(rng.choice(NOISE_SYMBOLS))
    return "".join(out)


def _blank_readings(chunk: str) -> list[str]:
    return [""] * len(chunk)


def add_pinyin_annotations(text: str, rng: random.Random, rate: float = 0.05) -> str:
    """Follow about `rate` of the Han characters with their reading in context: 報(bào)."""
    # pypinyin accepts a list (one reading per character) from `errors`; its stub says str.
    blank = cast("Callable[[str], str]", _blank_readings)
    readings = lazy_pinyin(text, style=Style.TONE, errors=blank)
    if len(readings) != len(text):  # pypinyin grouped something unexpectedly: leave it clean
        return text
    out: list[str] = []
    for char, reading in zip(text, readings, strict=True):
        out.append(char)
        if reading and HAN.match(char) and rng.random() < rate:
            out.append(f"({reading})")
    return "".join(out)


def fold_punctuation(text: str) -> str:
    """NFKC-fold punctuation only (，→, （→( ：→:), as careless copying does."""
    return "".join(
        unicodedata.normalize("NFKC", char) if unicodedata.category(char)[0] == "P" else char
        for char in text
    )


def make_variant(
    text: str,
    rng: random.Random,
    *,
    emoji: bool = False,
    pinyin: bool = False,
    punctuation: bool = False,
) -> str:
    variant = to_taiwan_traditional(text)
    if pinyin:
        variant = add_pinyin_annotations(variant, rng)
    if punctuation:
        variant = fold_punctuation(variant)
    if emoji:
        variant = add_noise_symbols(variant, rng)
    return variant


def count_wrong(original: str, normalized: str) -> tuple[int, list[tuple[str, str]]]:
    """Characters of the original not reproduced, by alignment; with (expected, got) examples."""
    return char_errors(fold(original), fold(normalized), context=3)
