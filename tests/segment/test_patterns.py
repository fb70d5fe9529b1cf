from __future__ import annotations

import re

import pytest

from zhengce.segment import patterns as pat

HAN = pat.HAN
# The plain readings of the patterns rewritten so that `re` can skip ahead (see patterns.py).
REFERENCES = [
    (pat.EDITOR, re.compile(rf"(?:责任)?编辑\s*[:：]\s*(?P<name>[{HAN}·]{{2,}})")),
    (pat.AUTHOR, re.compile(rf"(?<!责任)作者\s*[:：]\s*(?P<name>[{HAN}·]{{2,}})")),
]
TEXTS = [
    "责任编辑：张芃芃",
    "编辑：李四 责任编辑：王五",
    "作者：赵六",
    "责任作者：钱七",
    "来源：新华网 作者：孙八 责任编辑：周九",
    "总编辑 吴十",
    "没有标签的一行",
]


@pytest.mark.parametrize("text", TEXTS)
def test_rewritten_patterns_find_what_the_plain_readings_find(text: str) -> None:
    for pattern, reference in REFERENCES:
        found = [(m.span(), m.group("name")) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.group("name")) for m in reference.finditer(text)]
