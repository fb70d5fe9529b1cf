"""Line breaks a document lost, found again — on invented run-together documents."""

from __future__ import annotations

from zhengce.extract.metadata import extract_metadata
from zhengce.extract.outline import extract_outline
from zhengce.model import Document
from zhengce.segment.blocks import segment_document

# An invented 批复 whose line breaks were lost (every part of it is made up).
REPLY = (
    "国务院关于同意设立某某工作联席会议制度的批复国函〔2030〕7号某某部：你部《关于设立某某"
    "工作联席会议制度的请示》收悉。现批复如下：同意建立由某某部牵头的某某工作联席会议制度。"
    "请认真组织开展工作。附件：某某工作联席会议制度国 务 院2030年2月3日附件某某工作联席会议"
    "制度为加强对某某工作的组织领导，建立某某工作联席会议（以下简称联席会议）制度。一、主要职能"
    "在国务院领导下，研究某某工作，协调有关重大事项。二、成员单位联席会议由某某部、另一部组成，"
    "某某部为牵头单位。三、工作要求各成员单位要按照职责分工，主动研究有关问题，互通信息，相互"
    "配合，形成合力，充分发挥联席会议的作用。（此件公开发布）"
)


def read(text: str) -> Document:
    doc = Document.from_raw(text)
    for stage in (segment_document, extract_metadata, extract_outline):
        stage(doc)
    return doc


def test_a_run_together_reply_gets_its_structure_back() -> None:
    doc = read(REPLY)
    texts = [(p.kind, p.text) for p in doc.paragraphs]
    assert texts[0] == ("title", "国务院关于同意设立某某工作联席会议制度的批复")
    assert texts[1] == ("metadata", "国函〔2030〕7号")
    assert texts[2] == ("body", "某某部：")
    assert ("body", "同意建立由某某部牵头的某某工作联席会议制度。请认真组织开展工作。") in texts
    assert ("body", "国 务 院") in texts and ("body", "2030年2月3日") in texts
    assert ("body", "一、主要职能") in texts
    assert ("body", "三、工作要求") in texts
    assert any(text.startswith("联席会议由某某部") for _k, text in texts)
    assert any(text.startswith("各成员单位要按照") for _k, text in texts)
    assert doc.metadata["restored_breaks"]["count"] == len(doc.paragraphs) - 1


def test_spans_stay_exact_and_nothing_is_edited() -> None:
    doc = read(REPLY)
    assert doc.text == REPLY and not doc.edits
    for para in doc.paragraphs:
        assert doc.text[para.start : para.end] == para.text


def test_metadata_of_the_restored_reply() -> None:
    meta = read(REPLY).metadata
    assert meta["doc_type"] == "批复"
    assert meta["document_number"] == "国函〔2030〕7号"
    assert meta["addressees"] == ["某某部"]
    assert meta["dates"]["signed"] == "2030-02-03"
    assert meta["issuers"] == ["国务院"]


def test_outline_of_the_restored_reply() -> None:
    doc = read(REPLY)
    assert [(o.number, o.title) for o in doc.outline] == [
        ("一、", "主要职能"),
        ("二、", "成员单位"),
        ("三、", "工作要求"),
    ]


def test_news_prose_is_left_alone() -> None:
    text = "新华社北京3月1日电 " + "国务院常务会议研究部署有关工作，会议指出，要坚持稳中求进。" * 12
    doc = read(text)
    assert len([p for p in doc.paragraphs if p.kind == "body"]) == 1
    assert "restored_breaks" not in doc.metadata


def test_a_line_broken_around_a_link_is_joined() -> None:
    text = (
        "第十九届全国人民代表大会第一次会议听取和审议了某某所作的\n政府工作报告\n。会议决定批准这个报告。\n"
        "会议号召，各方要团结奋斗。"
    )
    doc = read(text)
    body = [p.text for p in doc.paragraphs if p.kind == "body"]
    assert (
        body[0] == "第十九届全国人民代表大会第一次会议听取和审议了某某所作的\n政府工作报告\n"
        "。会议决定批准这个报告。"
    )
    assert doc.metadata["doc_type"] == "决议"
