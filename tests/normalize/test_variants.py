"""Normalization measured on noisy variants of held-out corpus stories.

The target (issue): at most 1 wrong character per 10,000 over >= 200 held-out stories.
The script stage does not reach it on s2twp-made traditional: s2twp writes one Taiwan
word for two mainland words (資料 for 资料 and 数据, 執行 for 执行 and 运行, 智慧 for 智慧
and 智能).  The stage chooses among them in context (zhengce/normalize/word_choice.py):
18.2 wrong per 10,000 with context-free keeps, 15.3 with jieba's unigram context gain
alone, 4.3 with the hand-written cue table zhengce/data/word_senses.tsv (collocations
such as 数据显示, 经济运行, 智慧城市, 高级官员, 现代化进程) and defaults set to the reading
mainland news writes most (数据, 智能, 高端), 4.1 with clause cue rows of the same table
(a cue anywhere in the clause: 列车…运行, 预算…执行, 贡献…智慧).  What remains is mostly
an open set of compounds in which mainland text writes either word (智慧/智能 + 平台, 管理,
农机; 运行/执行 + 情况, 机制) and word pairs whose choice turns on the sentence, not on a neighbour
(支援/支持 香港, 打开/开启, 创建/建立, 在线/线上).
`test_script_only_target` records the target as an expected failure, and
`test_script_only_does_not_regress` holds the level reached.  The full-noise test
checks that emoji, pinyin annotations and folded punctuation add (almost) nothing on
top of the script-only errors of the same stories.
"""

from __future__ import annotations

import random
from functools import cache

import pytest

from tests.conftest import CORPUS_MD
from tests.normalize.variants import (
    Story,
    Tally,
    add_noise_symbols,
    add_pinyin_annotations,
    count_wrong,
    fold,
    fold_punctuation,
    held_out_days,
    make_variant,
    split_stories,
    stories_of,
    tuning_days,
)
from zhengce.model import Document
from zhengce.pipeline import normalize

TARGET_PER_10K = 1.0
SCRIPT_ONLY_REACHED_PER_10K = 4.3  # measured 4.14 on the held-out days; a guard, not a goal
NOISE_MARGIN_PER_10K = 0.5
MIN_STORIES = 200


@cache
def held_out_stories() -> tuple[Story, ...]:
    if not CORPUS_MD.is_dir():
        pytest.skip("../shared corpus is not beside the checkout")
    return tuple(stories_of(held_out_days(CORPUS_MD)))


def measure(*, emoji: bool, pinyin: bool, punctuation: bool) -> Tally:
    rng = random.Random(7)
    tally = Tally()
    for story in held_out_stories():
        variant = make_variant(story.text, rng, emoji=emoji, pinyin=pinyin, punctuation=punctuation)
        tally.add(story.text, normalize(Document.from_raw(variant)).text)
    return tally


@cache
def script_only() -> Tally:
    return measure(emoji=False, pinyin=False, punctuation=False)


# --- the generator itself ---------------------------------------------------------


def test_split_stories_takes_titled_sections_only() -> None:
    markdown = (
        "# 《新闻联播》\n\n## 新闻摘要\n\n1.摘要\n\n"
        "### 标题一\n\n正文一。\n\n### 标题二\n\n正文二。\n"
    )
    stories = split_stories("20240101", markdown)
    assert [s.title for s in stories] == ["标题一", "标题二"]
    assert stories[0].text == "标题一\n正文一。"


def test_variants_are_traditional_and_noisy_but_deterministic() -> None:
    text = "习近平主持召开座谈会，强调推动高质量发展。"
    first = make_variant(text, random.Random(1), emoji=True, pinyin=True, punctuation=True)
    again = make_variant(text, random.Random(1), emoji=True, pinyin=True, punctuation=True)
    assert first == again
    assert "習" in first and "召開" in first
    assert "，" not in first  # folded to ","
    assert fold_punctuation("（记者）：") == "(记者):"
    annotated = add_pinyin_annotations("報訊", random.Random(0), rate=1.0)
    assert annotated == "報(bào)訊(xùn)"
    noisy = add_noise_symbols("一二三", random.Random(0), rate=1.0)
    assert len(noisy) > 3 and noisy.startswith("一")


def test_count_wrong_aligns_and_folds() -> None:
    assert count_wrong("高质量发展，", "高质量发展,") == (0, [])
    assert count_wrong("高质量发展", "高 质量\n发展")[0] == 0
    assert count_wrong("高质量发展", "高品质发展")[0] == 2
    assert count_wrong("国际循环", "国际回圈循环")[0] == 2
    assert fold("（一）") == "(一)"


def test_held_out_days_are_fixed_and_apart_from_tuning_days(shared: object) -> None:
    held = held_out_days(CORPUS_MD)
    assert held == held_out_days(CORPUS_MD)
    assert not set(held) & set(tuning_days(CORPUS_MD))
    assert len(held_out_stories()) >= MIN_STORIES


# --- accuracy on held-out stories ---------------------------------------------------


def test_script_only_does_not_regress(shared: object) -> None:
    tally = script_only()
    assert tally.per_10k <= SCRIPT_ONLY_REACHED_PER_10K, tally.examples[:40]


@pytest.mark.xfail(
    reason="issue target not reached: measured 4.1 wrong per 10,000 (cue table + unigram choice)",
    strict=False,
)
def test_script_only_target(shared: object) -> None:
    tally = script_only()
    assert tally.per_10k <= TARGET_PER_10K, tally.examples[:40]


@pytest.mark.corpus
def test_full_noise_adds_nothing_over_script_only(shared: object) -> None:
    noisy = measure(emoji=True, pinyin=True, punctuation=True)
    added = noisy.per_10k - script_only().per_10k
    assert added <= NOISE_MARGIN_PER_10K, noisy.examples[:40]


@pytest.mark.corpus
@pytest.mark.xfail(
    reason="issue target not reached: measured 4.1 wrong per 10,000, as script-only",
    strict=False,
)
def test_full_noise_target(shared: object) -> None:
    noisy = measure(emoji=True, pinyin=True, punctuation=True)
    assert noisy.per_10k <= TARGET_PER_10K, noisy.examples[:40]
