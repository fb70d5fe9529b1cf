from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengce.eval.metrics import SeedCase
from zhengce.eval.reading import check
from zhengce.model import Document, OutlineItem, Paragraph


def case(gold: dict[str, Any], **metadata: Any) -> SeedCase:
    doc = Document.from_raw("x", metadata=metadata)
    doc.paragraphs = [
        Paragraph("Stray line here.", 0, 1, "stray"),
        Paragraph("照片说明。某某 摄", 0, 1, "caption"),
        Paragraph("First English line.", 0, 1, "english"),
    ]
    doc.outline = [
        OutlineItem(1, "一、", "总体要求", 0, 1),
        OutlineItem(2, "（一）", "指导思想", 0, 1),
    ]
    return SeedCase("t", gold, doc, Path("t.txt"))


def values(metrics: list[Any]) -> dict[str, float]:
    return {m.name: m.value for m in metrics}


GOLD = {
    "title_must_contain": ["座谈会"],
    "kind": "meeting_report",
    "event_date": {"year": None, "month": None, "day": 12},
    "published": None,
    "place_must_contain": ["南昌"],
    "source": None,
    "languages": ["zh", "en"],
    "english_starts_with": "First English",
    "stray_lines_must_start": ["Stray line"],
    "captions": 1,
    "sections": [{"number": "一、", "title": "总体要求"}],
    "items": [{"number": 1, "title": "指导思想"}],
}


def test_a_correct_reading_scores_one_everywhere() -> None:
    found = values(
        check(
            case(
                GOLD,
                title="某某座谈会",
                kind="meeting_report",
                event_date={"year": None, "month": None, "day": 12},
                place={"text": "江西省南昌市"},
                languages=["en", "zh"],
            )
        )
    )
    assert len(found) == len(GOLD)
    assert set(found.values()) == {1.0}


def test_wrong_readings_score_zero() -> None:
    found = values(
        check(
            case(
                GOLD | {"captions": 2, "items": [{"number": 2, "title": "指导思想"}]},
                title="别的标题",
                kind="news",
                event_date={"year": 2020, "month": 1, "day": 12},  # a year the text never gave
                published="2020-01-12",
                languages=["zh"],
            )
        )
    )
    for name in (
        "reading.title",
        "reading.kind",
        "reading.event_date",
        "reading.published",
        "reading.place",
        "reading.languages",
        "reading.captions",
        "reading.outline_items",
    ):
        assert found[name] == 0.0, name
    assert found["reading.outline_sections"] == 1.0


def test_absent_gold_fields_give_no_metric() -> None:
    assert check(case({})) == []
