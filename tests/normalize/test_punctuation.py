from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_MD
from zhengce.model import Document, Edit, rebuild_raw
from zhengce.normalize.punctuation import widen_ascii_punctuation


def run(doc: Document) -> Document:
    doc.apply_edits("punctuation", widen_ascii_punctuation(doc))
    return doc


# (raw, expected)
WIDENED = [
    ("他强调,要坚持;发展:如何?好!", "他强调，要坚持；发展：如何？好！"),
    ("他强调, 要坚持", "他强调，要坚持"),  # the space goes with the mark
    ("增长5%,同比", "增长5%，同比"),
    ("GDP,增长", "GDP，增长"),
    ("到2020年,东北", "到2020年，东北"),
    ("发布时间:2024-04-24 09:13:41", "发布时间：2024-04-24 09:13:41"),
    ("网址:http://www.gov.cn", "网址：http://www.gov.cn"),
    ("发展?", "发展？"),
    ("发展 ,要", "发展 ，要"),  # the stray space is the whitespace stage's
    ("本报讯 (记者 曹忠义) 23日", "本报讯 （记者 曹忠义） 23日"),
    ("各市(地)要", "各市（地）要"),
    ("(一)面临形势", "（一）面临形势"),
    ("(1)加强领导", "（1）加强领导"),
    ("合作(PPP)模式", "合作（PPP）模式"),
    ("（记者 曹忠义)", "（记者 曹忠义）"),  # half-wide pair completed
    ("今天(5月27日）举行", "今天（5月27日）举行"),
    ("(见(一))", "（见（一））"),  # nested pairs
    ("各省(区,市)", "各省（区，市）"),  # a mark inside a pair
]

KEPT = [
    "3.5,1,000,10:30",
    "http://www.gov.cn/zhengce",
    "CHONGQING, April 23 (Xinhua) -- Chinese President Xi Jinping",
    "the Communist Party of China (CPC) Central Committee",
    "推動?xùn)|北振興",  # mojibake shape: "?" before Latin letters
    "政策, meaning policy",  # English continues after the space
    "Xi said: “好”",
    "(见",  # a lone bracket
    "2023-09-09 16:14",
]


@pytest.mark.parametrize(("raw", "expected"), WIDENED)
def test_widens(raw: str, expected: str) -> None:
    doc = run(Document.from_raw(raw))
    assert doc.text == expected
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert all(edit.reason for edit in doc.edits)


@pytest.mark.parametrize("raw", KEPT)
def test_keeps_ascii(raw: str) -> None:
    assert widen_ascii_punctuation(Document.from_raw(raw)) == []


def test_flagged_span_is_not_touched_even_after_earlier_edits_moved_it() -> None:
    doc = Document.from_raw("甲乙丙,丁。戊,己")
    # The mojibake stage flags "丙,丁" (its input coordinates) and repairs text before it.
    doc.metadata["flags"] = [{"stage": "mojibake", "start": 2, "end": 5, "text": "丙,丁"}]
    doc.apply_edits("mojibake", [Edit(0, 2, "甲乙", "甲", "", "test repair")])
    doc.apply_edits("script", [Edit(0, 1, "甲", "甲甲", "", "test growth")])
    run(doc)
    assert doc.text == "甲甲丙,丁。戊，己"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="../shared is not beside the checkout")
def test_clean_corpus_changes_only_marks_touching_chinese() -> None:
    for path in sorted(CORPUS_MD.glob("*.md"))[::20]:
        raw = path.read_text("utf-8")
        for edit in widen_ascii_punctuation(Document.from_raw(raw)):
            assert edit.before.rstrip(" \t") in ",;:?!()"
            if edit.before[0] in "()":
                continue  # brackets are judged by their content too
            near = raw[max(0, edit.start - 1) : edit.end + 1]
            assert any("\u4e00" <= c <= "\u9fff" or c in "（）《》，。" for c in near)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文ab1 ,;:?!()（）\n")), max_size=40))
def test_any_mix_is_lossless_and_widens_only_marks(raw: str) -> None:
    doc = run(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
    for edit in doc.edits:
        assert edit.after in "，；：？！（）" and edit.before.rstrip(" ") in ",;:?!()"
