from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, seed_path
from zhengce.extract.metadata import extract_metadata
from zhengce.extract.outline import extract_outline, item_title, numeral_value
from zhengce.model import Document, OutlineItem
from zhengce.segment.blocks import segment_document


def outline(text: str) -> list[OutlineItem]:
    doc = Document.from_raw(text)
    for stage in (segment_document, extract_metadata, extract_outline):
        stage(doc)
    return doc.outline


def shape(items: list[OutlineItem]) -> list[tuple[int, str, str]]:
    return [(item.level, item.number, item.title) for item in items]


# An invented opinions document numbering （一） straight through its sections.
OPINIONS = "\n".join(
    [
        "国务院关于推动某地发展的若干意见",
        "为推动某地发展，提出如下意见。",
        "一、总体要求",
        "（一）指导思想。坚持改革开放。",
        "（二）发展目标。到2030年，某地发展取得成效。",
        "二、重点任务",
        "推动发展要抓住重点。",
        "（三）加快转变职能。深化改革。",
        "1.优化营商环境。减少审批。",
        "2.加强监管。完善制度。",
        "（1）健全规则。（2）强化执法。",
        "3.5万亿元投资将陆续到位。",
        "（四）扩大开放；深化合作。",
        "三、保障措施",
        "（五）加强组织领导。各地要落实责任。",
    ]
)


def test_levels_numbers_and_titles() -> None:
    assert shape(outline(OPINIONS)) == [
        (1, "一、", "总体要求"),
        (2, "（一）", "指导思想"),
        (2, "（二）", "发展目标"),
        (1, "二、", "重点任务"),
        (2, "（三）", "加快转变职能"),
        (3, "1.", "优化营商环境"),
        (3, "2.", "加强监管"),
        (4, "（1）", "健全规则"),
        (2, "（四）", "扩大开放"),
        (1, "三、", "保障措施"),
        (2, "（五）", "加强组织领导"),
    ]


def test_a_number_out_of_sequence_is_not_an_item() -> None:
    # "3.5万亿元…" is a decimal number, and a 3. after 2. that is not a heading would
    # still be rejected if it broke the sequence; here it is excluded as a decimal.
    assert "3." not in [item.number for item in outline(OPINIONS)]
    items = outline("国务院关于某事的通知\n1.甲。\n5.乙。\n2.丙。")
    assert [item.number for item in items] == ["1.", "2."]


def test_numbering_restarting_in_each_section() -> None:
    text = "某某规划\n一、甲\n（一）子甲。内容。\n（二）子乙。内容。\n二、乙\n（一）子丙。内容。"
    assert [item.number for item in outline(text)] == ["一、", "（一）", "（二）", "二、", "（一）"]


def test_item_spans_run_to_the_next_item_of_the_same_level() -> None:
    items = outline(OPINIONS)
    sections = [item for item in items if item.level == 1]
    assert sections[0].end == sections[1].start
    first_item = next(item for item in items if item.level == 2)
    assert first_item.end == items[2].start


def test_law_articles() -> None:
    text = "某某条例\n第一章 总则\n第一条 为了规范某事，制定本条例。\n第二条 本条例适用于某事。"
    assert shape(outline(text)) == [
        (1, "第一章", "总则"),
        (2, "第一条", "为了规范某事，制定本条例"),
        (2, "第二条", "本条例适用于某事"),
    ]


def test_lists_in_a_meeting_report_are_not_outline() -> None:
    text = "\n".join(
        [
            "某某座谈会强调 推动发展",
            "某某4日主持召开座谈会。会议指出：",
            "一、要坚持改革，推动高质量发展。",
            "二、要扩大开放，深化合作。",
            "一是加强领导，二是压实责任。",
            "1.推动发展。",
        ]
    )
    assert outline(text) == []


def test_short_heading_lines_in_a_report_are_outline() -> None:
    text = "某某工作会议召开\n会议4日召开。\n一、主要成效\n取得成效。\n二、下步安排\n继续推进。"
    assert [item.title for item in outline(text)] == ["主要成效", "下步安排"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十六", 26),
        ("一百零三", 103),
        ("7", 7),
        ("甲", None),
    ],
)
def test_numeral_value(text: str, value: int | None) -> None:
    assert numeral_value(text) == value


@pytest.mark.parametrize(
    ("rest", "title"),
    [("面临形势。党中央…", "面临形势"), ("　总则", "总则"), ("加强领导；压实责任。", "加强领导")],
)
def test_item_title(rest: str, title: str) -> None:
    assert item_title(rest) == title


def test_seed_004_outline_matches_gold(shared: object) -> None:
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text("utf-8"))
    items = outline(seed_path("004").read_text("utf-8"))
    sections = [(i.number, i.title) for i in items if i.level == 1]
    assert sections == [(s["number"], s["title"]) for s in gold["sections"]]
    second = [(numeral_value(i.number), i.title) for i in items if i.level == 2]
    assert second == [(s["number"], s["title"]) for s in gold["items"]]
