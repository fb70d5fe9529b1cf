from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_MD, SEEDS, seed_path
from zhengce.model import Document, rebuild_raw
from zhengce.normalize.whitespace import tidy_whitespace


def run(text: str) -> Document:
    doc = Document.from_raw(text)
    doc.apply_edits("whitespace", tidy_whitespace(doc))
    return doc


# (raw, expected)
CASES = [
    ("第一段\r\n第二段\r第三段", "第一段\n第二段\n第三段"),
    ("第一段\n\n\n\n第二段", "第一段\n\n第二段"),
    ("第一段\n \u3000\n\t\n第二段", "第一段\n\n第二段"),  # space-only lines are blank lines
    ("\u3000\u3000第一段\n\u3000\u3000第二段", "第一段\n第二段"),  # paragraph indentation
    ("  \n\n标题", "标题"),  # leading blank lines
    ("结尾。  \n\n\n", "结尾。\n"),  # one final newline
    ("第一段   \n第二段", "第一段\n第二段"),  # trailing spaces
    ("新华社哈尔滨9月9日电 中共中央", "新华社哈尔滨9月9日电 中共中央"),  # dateline space stays
    ("蔡奇\u3000丁薛祥出席", "蔡奇 丁薛祥出席"),  # ideographic space -> one space
    ("Xi\u00a0Jinping  said", "Xi Jinping said"),
    ("他强调， 要坚持 。", "他强调，要坚持。"),
    ("（记者 曹忠义）", "（记者 曹忠义）"),
    ("# 《新闻联播》", "# 《新闻联播》"),  # Markdown heading keeps its space
    ("1. 《规划》", "1. 《规划》"),
    ("本报讯 （记者 曹忠义） 23日", "本报讯（记者 曹忠义）23日"),
    ("零宽\u200b空格\ufeff", "零宽空格"),
    ("表格\t内容", "表格 内容"),
    ("a\n\nb", "a\n\nb"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_tidies(raw: str, expected: str) -> None:
    doc = run(raw)
    assert doc.text == expected
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert all(edit.reason for edit in doc.edits)


WHITESPACE_HEAVY = st.text(
    alphabet=st.sampled_from(list("ab中文，。《 \t\n\r\u00a0\u3000\u200b#")), max_size=40
)


@settings(max_examples=500, deadline=None)
@given(WHITESPACE_HEAVY)
def test_idempotent_and_lossless(raw: str) -> None:
    doc = run(raw)
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert tidy_whitespace(doc) == []  # a second pass finds nothing left to do
    assert "\n\n\n" not in doc.text
    assert "\r" not in doc.text
    assert "\u00a0" not in doc.text and "\u3000" not in doc.text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the checkout")
def test_seed_004_page_spacing() -> None:
    doc = run(seed_path("004").read_text("utf-8"))
    assert "\u00a0" not in doc.text
    assert "\n\n\n" not in doc.text
    assert all(line == line.strip() for line in doc.text.splitlines())


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="../shared is not beside the checkout")
def test_clean_corpus_keeps_its_words_apart() -> None:
    """On clean text the stage only drops or folds odd spaces: no two words get glued."""
    for path in sorted(CORPUS_MD.glob("*.md"))[::40]:
        raw = path.read_text("utf-8")
        for edit in tidy_whitespace(Document.from_raw(raw)):
            assert edit.before.isspace() and edit.after in ("", " ", "\n", "\n\n")
            if edit.after == "" and edit.start > 0 and edit.end < len(raw):
                left, right = raw[edit.start - 1], raw[edit.end]
                assert not (left.isascii() and right.isascii()), (left, right)
