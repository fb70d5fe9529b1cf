from __future__ import annotations

import pytest

from zhengce.normalize.word_choice import MARGIN, choose, context_gain

# (default, candidates, left, right, expected): the words a candidate forms with its
# neighbours in jieba's dictionary decide; no evidence keeps the default.
CASES = [
    ("资料", ("资料", "数据"), "建设", "库", "数据"),  # 数据库
    ("智慧", ("智慧", "智能"), "推进", "化改造", "智能"),  # 智能化
    ("支持", ("支持", "支援"), "医疗队", "灾区", "支援"),
    ("资料", ("资料", "数据"), "", "", "资料"),  # nothing around: the default
    ("执行", ("执行", "运行"), "严格", "政策", "执行"),
]


@pytest.mark.parametrize(("default", "candidates", "left", "right", "expected"), CASES)
def test_choice_in_context(
    default: str, candidates: tuple[str, ...], left: str, right: str, expected: str
) -> None:
    choice = choose(default, candidates, left, right)
    assert choice.chosen == expected
    assert 0 < choice.confidence < 1
    assert {word for word, _ in choice.gains} == set(candidates)


def test_a_tie_keeps_the_default_at_even_odds() -> None:
    choice = choose("资料", ("资料", "数据"), "", "")
    assert choice.confidence == pytest.approx(0.5)
    assert "by default" in choice.describe("资料")


def test_gain_needs_the_whole_word() -> None:
    # 核力量 is a dictionary word but takes only half of 内核: no evidence for 内核.
    assert context_gain("事业的", "内核", "力量") == 0
    assert context_gain("推进", "智能", "化") > MARGIN


def test_a_frequent_word_does_not_win_by_frequency_alone() -> None:
    assert context_gain("", "数据", "") == context_gain("", "资料", "") == 0
