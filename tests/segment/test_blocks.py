from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS, seed_path
from zhengce.model import Document, Edit
from zhengce.segment.blocks import glued_headline_offset, segment_document

# An invented report in the shape of a news-agency page: page title, publication line,
# the article's headline again in two lines, an attendance line, dateline, body, photo
# captions (one printed twice in a row), an English translation, an editor line.
REPORT = "\n".join(
    [
        "Unrelated promotional sentence from the page sidebar, in English.",
        "王某某主持召开沿海开放座谈会强调 扩大开放 共谋发展",
        "某某网 2021-03-05 10:20",
        "王某某主持召开沿海开放座谈会强调",
        "扩大开放 共谋发展",
        "李某某赵某某出席",
        "新华社福州3月5日电（记者 孙甲 周乙）某某王某某4日下午在福建省福州市主持召开座谈会。",
        "3月4日下午，王某某在福州主持召开座谈会。新华社记者 钱丙 摄",
        "3月4日下午，王某某在福州主持召开座谈会。新华社记者 钱丙 摄",
        "王某某强调，要扩大开放，共谋发展。",
        "王某某指出，要深化改革。",
        "Wang chairs symposium on coastal opening-up",
        "FUZHOU, March 5 (Xinhua) -- The symposium was held on Thursday.",
        "责任编辑：吴丁",
    ]
)

EXPECTED_KINDS = [
    "stray",
    "title",
    "metadata",
    "title",
    "title",
    "subtitle",
    "body",
    "caption",
    "caption",
    "body",
    "body",
    "english",
    "english",
    "metadata",
]


def segmented(text: str) -> Document:
    doc = Document.from_raw(text)
    segment_document(doc)
    return doc


def test_line_kinds() -> None:
    doc = segmented(REPORT)
    assert [p.kind for p in doc.paragraphs] == EXPECTED_KINDS


def test_spans_are_exact() -> None:
    doc = segmented("  \u3000第一段。\n\n  第二段。  \n")
    assert [(p.text, p.start, p.end) for p in doc.paragraphs] == [
        ("第一段。", 3, 7),
        ("第二段。", 11, 15),
    ]


def test_dateline_is_a_block_and_the_paragraph_stays_body() -> None:
    doc = segmented(REPORT)
    dateline = next(b for b in doc.blocks if b.kind == "dateline")
    assert dateline.text == "新华社福州3月5日电（记者 孙甲 周乙）"
    assert dateline.attrs == {"agency": "新华社", "city": "福州", "month": 3, "day": 5}
    lead = next(p for p in doc.paragraphs if p.start == dateline.start)
    assert lead.kind == "body"


@pytest.mark.parametrize(
    ("opening", "agency", "dateline"),
    [
        ("本报讯（记者 张某）23日，会议召开。", "本报", "本报讯（记者 张某）"),
        (
            "**央视网消息**（新闻联播）：今天上午，会议召开。",
            "央视网",
            "**央视网消息**（新闻联播）",
        ),
        ("中新网上海6月1日电 会议今天召开。", "中新网", "中新网上海6月1日电"),
        ("新华社北京电 会议今天召开。", "新华社", "新华社北京电"),
    ],
)
def test_dateline_shapes(opening: str, agency: str, dateline: str) -> None:
    block = next(b for b in segmented(opening).blocks if b.kind == "dateline")
    assert (block.attrs["agency"], block.text) == (agency, dateline)


@pytest.mark.parametrize("opening", ["会议指出，要深化改革。", "社会各界积极参与。"])
def test_no_dateline_in_ordinary_prose(opening: str) -> None:
    assert not [b for b in segmented(opening).blocks if b.kind == "dateline"]


def test_adjacent_identical_captions_are_one_photo() -> None:
    doc = segmented(REPORT)
    captions = [b for b in doc.blocks if b.kind == "caption"]
    assert len(captions) == 1
    assert captions[0].text.count("摄") == 2


def test_editor_line_with_headline_glued_on_is_cut() -> None:
    text = "某某出席开放座谈会\n发布时间：2021-03-05 | 责任编辑：吴丁丁某某出席开放座谈会\n正文。"
    doc = segmented(text)
    kinds = [(p.kind, p.text) for p in doc.paragraphs]
    assert kinds[1] == ("metadata", "发布时间：2021-03-05 | 责任编辑：吴丁丁")
    assert kinds[2] == ("title", "某某出席开放座谈会")


@pytest.mark.parametrize(
    ("name", "headlines", "expected"),
    [
        ("吴丁丁某某出席沿海开放座谈会", ["某某出席沿海开放座谈会"], 3),
        ("吴丁某某出席沿海开放座谈会", ["某某出席沿海开放座谈会"], 2),
        ("吴丁丁", ["某某出席沿海开放座谈会"], None),
        ("吴丁丁某某出席别的会议", ["某某出席沿海开放座谈会"], None),
    ],
)
def test_glued_headline_offset(name: str, headlines: list[str], expected: int | None) -> None:
    assert glued_headline_offset(name, headlines) == expected


def test_policy_page_chrome_is_metadata() -> None:
    text = "\n".join(
        [
            "当前位置：首页 > 政策",
            "国务院关于某事的通知",
            "国发〔2020〕9号",
            "2020-05-06 来源：某某网",
            "一、总体要求",
            "（一）指导思想。坚持改革。",
            "主办单位：某某市政府",
        ]
    )
    kinds = [p.kind for p in segmented(text).paragraphs]
    assert kinds == ["metadata", "title", "metadata", "metadata", "body", "body", "metadata"]


def test_date_line_in_prose_stays_body() -> None:
    text = "某某致信祝贺\n来信全文如下：\n祝贺大会召开。\n2022年10月24日\n"
    assert segmented(text).paragraphs[-1].kind == "body"


def test_bold_lines_are_headlines_then_subtitles_without_their_markers() -> None:
    text = (
        "### 国际快讯\n\n**央视网消息**（新闻联播）：\n\n**某国举行选举**\n\n某国今天举行选举。\n"
    )
    doc = segmented(text)
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("title", "国际快讯"),
        ("body", "**央视网消息**（新闻联播）："),
        ("subtitle", "某国举行选举"),
        ("body", "某国今天举行选举。"),
    ]


def test_lifted_chrome_spans_are_mapped_through_later_edits() -> None:
    raw = "标题\n来自某某 2020年1月2日\n正文。"
    doc = Document.from_raw(
        raw, metadata={"metadata_spans": [{"start": 3, "end": 17, "key": "published"}]}
    )
    doc.apply_edits("x", [Edit(0, 0, "", "新", "", "an insertion before the span")])
    segment_document(doc)
    meta = [p for p in doc.paragraphs if p.kind == "metadata"]
    assert [p.text for p in meta] == ["来自某某 2020年1月2日"]


# The seeds' clean texts (read at run time): every paragraph span is exact, and the
# captions, English start and stray lines agree with the gold files.
CLEAN = {"000": None, "001": "001_original.txt", "002": "002_original.txt", "004": None}


def clean_text(prefix: str) -> str:
    original = CLEAN[prefix]
    if original is None:
        return seed_path(prefix).read_text("utf-8")
    lines = (SEEDS / "originals" / original).read_text("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("# source:"))


@pytest.mark.parametrize("prefix", sorted(CLEAN))
def test_clean_seeds_against_gold(shared: object, prefix: str) -> None:
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text("utf-8"))
    doc = segmented(clean_text(prefix))
    assert all(doc.text[p.start : p.end] == p.text for p in doc.paragraphs)
    assert all(doc.text[b.start : b.end] == b.text for b in doc.blocks)
    captions = gold.get("captions")
    if captions is not None:
        count = len(captions) if isinstance(captions, list) else captions
        assert sum(p.kind == "caption" for p in doc.paragraphs) == count
    english = [p.text for p in doc.paragraphs if p.kind == "english"]
    if gold.get("english_starts_with"):
        assert english[0].startswith(gold["english_starts_with"])
    stray = [p.text for p in doc.paragraphs if p.kind == "stray"]
    wanted = gold.get("stray_lines_must_start") or []
    assert len(stray) == len(wanted)
    assert all(s.startswith(w) for s, w in zip(stray, wanted, strict=True))
    assert doc.paragraphs[0].kind in ("title", "stray", "metadata")
