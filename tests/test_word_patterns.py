from __future__ import annotations

import re

import pytest

from zhengce.word_patterns import alternation, guarded, scanner


def test_alternation_is_a_trie_that_prefers_the_longest_word() -> None:
    pattern = re.compile(alternation(["生态", "生态环境", "生态系统"]))
    assert pattern.pattern == "生态(?:环境|系统)?"
    assert pattern.match("生态环境保护").group() == "生态环境"


# (words, text): prefixes shared, words nested in others, a word at the very end
PATTERN_CASES = [
    (["生态", "生态环境", "生产", "环境"], "生态环境保护和生态修复，生产环境"),
    (["要", "要求", "需要"], "要求大家需要要"),
    (["加快", "加强", "加快构建", "构建"], "加快构建新格局，加强"),
]


@pytest.mark.parametrize(("words", "text"), PATTERN_CASES)
def test_guarded_matches_what_the_alternation_matches_at_every_place(
    words: list[str], text: str
) -> None:
    plain, fast = re.compile(alternation(words)), re.compile(guarded(words))
    for at in range(len(text) + 1):
        expected = plain.match(text, at)
        got = fast.match(text, at)
        assert (got and got.span()) == (expected and expected.span())


@pytest.mark.parametrize(("words", "text"), PATTERN_CASES)
def test_scanner_finds_what_the_alternation_finds(words: list[str], text: str) -> None:
    plain, fast = re.compile(alternation(words)), re.compile(scanner(words))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
