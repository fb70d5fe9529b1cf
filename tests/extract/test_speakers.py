"""Speaker of each body paragraph (sentences written for these tests; names invented)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GOLD, SEEDS
from tests.extract.test_participants import lines_document
from zhengce.extract.participants import find_participants
from zhengce.extract.speakers import SpeakerFinder, attribute_speakers, patterns
from zhengce.pipeline import analyze, normalize

MEETING = [
    (
        "新华社长沙5月6日电 中共中央总书记、国家主席、中央军委主席张振华5日上午在长沙主持召开"
        "座谈会并发表重要讲话。他强调，要推动中部地区加快崛起。",
        "张振华",
    ),
    ("中共中央政治局常委、国务院总理王建国，中共中央政治局常委刘明远出席座谈会。", None),
    ("座谈会上，湖南省委书记孙文博、湖北省委书记周海涛先后发言，提出意见建议。", None),
    ("听取大家发言后，张振华发表了重要讲话。他指出，中部地区发展取得新成效。", "张振华"),
    ("张振华强调，要坚持创新引领发展。", "张振华"),
    ("他还强调，要统筹发展和安全。", "张振华"),
    ("会议指出，要抓好各项工作落实。", None),
    ("张振华最后强调，各地区各部门要抓好落实。", "张振华"),
    ("王建国在讲话中表示，要认真学习领会讲话精神。", "王建国"),
    ("中共中央政治局常委刘明远指出，要加强统筹协调。", "刘明远"),
    ("赵一鸣指出，这是一个不在场的人的话。", None),
    ("陈国栋、林志远出席座谈会。", None),
]


def test_speakers_of_a_meeting_report() -> None:
    doc = lines_document("\n".join(text for text, _ in MEETING))
    find_participants(doc)
    attribute_speakers(doc)
    assert [p.speaker for p in doc.paragraphs] == [speaker for _, speaker in MEETING]


def test_evidence_names_the_words_that_decided() -> None:
    doc = lines_document("\n".join(text for text, _ in MEETING))
    find_participants(doc)
    attribute_speakers(doc)
    evidence = [p.speaker_evidence for p in doc.paragraphs]
    assert evidence[0] == "他强调"
    assert evidence[7] == "张振华最后强调"
    assert evidence[8] == "王建国在讲话中表示"
    assert evidence[6] == ""  # 会议指出: no speaker, no evidence


def test_chair_goes_on_speaking_after_a_comma() -> None:
    doc = lines_document("23日，省委书记许文华主持召开领导小组会议，强调要做好工作。")
    find_participants(doc)
    attribute_speakers(doc)
    assert doc.paragraphs[0].speaker == "许文华"


def test_paragraphs_other_than_body_have_no_speaker() -> None:
    doc = lines_document("张振华主持召开会议。\n张振华强调，要做好工作。")
    doc.paragraphs[1].kind = "caption"
    find_participants(doc)
    attribute_speakers(doc)
    assert [p.speaker for p in doc.paragraphs] == [None, None]


def test_no_participants_no_speakers() -> None:
    doc = lines_document("会议指出，要做好工作。\n他强调，要抓落实。")
    find_participants(doc)
    attribute_speakers(doc)
    assert [p.speaker for p in doc.paragraphs] == [None, None]


def _speaker_cases() -> list[tuple[Path, list[str]]]:
    cases = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        wanted = gold.get("speakers_with_attributed_paragraphs")
        if wanted:
            cases.append((SEEDS / f"{gold_path.stem}.txt", wanted))
    return cases


@pytest.mark.parametrize(
    ("seed", "wanted"), _speaker_cases(), ids=lambda v: v.stem if isinstance(v, Path) else ""
)
def test_seed_speakers(shared: Path, seed: Path, wanted: list[str]) -> None:
    from zhengce.ingest import read_source

    doc = analyze(normalize(read_source(str(seed))))
    speakers = {p.speaker for p in doc.paragraphs if p.kind == "body" and p.speaker}
    assert speakers == set(wanted)


@pytest.mark.parametrize(
    ("text", "previous", "speaker", "subject"),
    [
        ("今年以来，全省经济运行稳中向好。", "习近平", None, None),  # no verb, nobody known
        ("他强调，要抓好落实。", "习近平", "习近平", "习近平"),  # a verb: 他 is the one before
        ("会议指出，要抓好落实。", "习近平", None, None),  # a verb, but a meeting says it
    ],
)
def test_paragraph_without_participants(
    text: str, previous: str, speaker: str | None, subject: str | None
) -> None:
    found = SpeakerFinder([], patterns()).attribute(text, previous)
    assert (found.speaker, found.subject) == (speaker, subject)
