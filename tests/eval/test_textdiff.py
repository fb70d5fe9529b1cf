from __future__ import annotations

import pytest

from zhengce.eval.textdiff import char_errors, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("习近平，强调：", "习近平,强调:"),
        ("a b\n\u3000c", "abc"),
        ("（记者 曹忠义）", "(记者曹忠义)"),
    ],
)
def test_fold_width_and_whitespace(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("expected", "actual", "errors"),
    [
        ("高质量发展", "高质量发展", 0),
        ("高质量发展", "高品质发展", 2),
        ("循环", "回圈", 2),
        ("推动东北振兴", "推动北振兴", 1),
        ("推动东北振兴", "推动?东北振兴", 1),
    ],
)
def test_char_errors(expected: str, actual: str, errors: int) -> None:
    assert char_errors(expected, actual)[0] == errors
