from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.model import Document, rebuild_raw
from zhengce.normalize import markup
from zhengce.normalize.markup import strip_markdown_markup
from zhengce.pipeline import normalize

MARKDOWN = {"format": "markdown"}

# (Markdown as written, text after the markup stage alone)
CASES = [
    ("**新华社消息**（记者）：会议召开。", "新华社消息（记者）：会议召开。"),
    ("__重点任务__", "重点任务"),
    ("一是**推进**改革，二是**扩大**开放", "一是推进改革，二是扩大开放"),
    ("详见[国务院文件](https://www.gov.cn/a.htm)。", "详见国务院文件。"),
    ('[链接](http://example.cn/x "标题")', "链接"),
    ("增长3\\.5%，\\*注", "增长3.5%，*注"),
    ("甲&#xA0;乙&#x3000;丙&#26032;", "甲\u00a0乙\u3000丙新"),
    ("段落。**\\&#xA;**", "段落。\n"),
    # Not markup: a lone marker, emphasis across lines, an invalid reference, a bare bracket.
    ("2 ** 3 与 a*b", "2 ** 3 与 a*b"),
    ("**开头\n结尾**", "**开头\n结尾**"),
    ("&#0;与&#x110000;", "&#0;与&#x110000;"),
    ("[1] 第一条", "[1] 第一条"),
    ("联系人：________ 电话：________", "联系人：________ 电话：________"),
    ("******", "******"),
]


def markup_only(text: str, metadata: dict[str, object] | None = None) -> Document:
    doc = Document.from_raw(text, metadata=dict(metadata if metadata is not None else MARKDOWN))
    doc.apply_edits("markup", strip_markdown_markup(doc))
    return doc


@pytest.mark.parametrize(("written", "expected"), CASES)
def test_markup_becomes_text(written: str, expected: str) -> None:
    doc = markup_only(written)
    assert doc.text == expected
    assert rebuild_raw(doc.text, doc.edits) == written
    assert all(edit.stage == "markup" and edit.reason for edit in doc.edits)


def test_only_markdown_files_are_touched() -> None:
    text = "**不是Markdown**的文本 [1](2)"
    assert markup_only(text, {"format": "text"}).text == text
    assert markup_only(text, {}).text == text


def test_links_are_lifted_and_a_source_link_gives_the_url() -> None:
    doc = markup_only(
        "正文[附件](http://a.cn/f.pdf)。\n\n[查看原文](https://tv.cctv.com/x.shtml)\n"
    )
    assert doc.metadata["links"] == [
        {"text": "附件", "url": "http://a.cn/f.pdf"},
        {"text": "查看原文", "url": "https://tv.cctv.com/x.shtml"},
    ]
    assert doc.metadata["url"] == "https://tv.cctv.com/x.shtml"


def test_a_url_already_known_is_kept() -> None:
    doc = Document.from_raw(
        "[查看原文](https://b.cn/2)", metadata={**MARKDOWN, "url": "https://a.cn/1"}
    )
    doc.apply_edits("markup", strip_markdown_markup(doc))
    assert doc.metadata["url"] == "https://a.cn/1"


def test_the_whole_pipeline_leaves_no_source_link_line() -> None:
    raw = "### 标题\n\n**央视网消息**（新闻联播）：会议召开。\n\n[查看原文](https://tv.cctv.com/x.shtml)\n"
    doc = normalize(Document.from_raw(raw, metadata=dict(MARKDOWN)))
    assert "查看原文" not in doc.text and "**" not in doc.text
    assert "央视网消息（新闻联播）：会议召开。" in doc.text
    assert rebuild_raw(doc.text, doc.edits) == raw


def test_a_source_link_inside_a_sentence_keeps_its_text() -> None:
    doc = markup_only("详情请[查看原文](https://a.cn/1)。")
    assert doc.text == "详情请查看原文。"
    assert doc.metadata["url"] == "https://a.cn/1"


def test_a_source_link_alone_on_its_line_goes() -> None:
    doc = markup_only("正文。\n  [查看原文](https://a.cn/1)  \n")
    assert doc.text == "正文。\n    \n"
    assert doc.edits[0].reason.startswith("link back to the page")


# Inputs where a careless pattern rescans the rest of the line from every bracket or marker.
ADVERSARIAL = ["[" * 50_000 + "](", "[a](" * 20_000, "**a" * 30_000, "&#x" * 30_000, "\\" * 50_000]


@pytest.mark.parametrize(
    "text", ADVERSARIAL, ids=["brackets", "open-links", "markers", "refs", "escapes"]
)
def test_adversarial_lines_take_linear_time(text: str) -> None:
    # Linear work is a few milliseconds; a quadratic rescan of these lines takes minutes.
    started = time.process_time()
    markup_only(text)
    assert time.process_time() - started < 2.0


@settings(max_examples=300)
@given(st.text(alphabet="*_[]()\\&#xA0;1\n 中文 http://a", max_size=60))
def test_candidate_scan_finds_what_finditer_finds(text: str) -> None:
    expected = [m.span() for m in markup.MARKUP.finditer(text)]
    assert [m.span() for m in markup._markup_matches(text, 0, len(text))] == expected
