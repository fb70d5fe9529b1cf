from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengce.eval import SeedCase
from zhengce.eval.policy import check
from zhengce.model import Document, Duty, Measure, OutlineItem, Paragraph, Place, ResponsibleUnit


def _doc() -> Document:
    doc = Document.from_raw("x", metadata={"doc_type": "通知", "title": "关于某事的通知"})
    doc.paragraphs = [Paragraph("第一条　县级以上人民政府应当加强某事。", 0, 20)]
    doc.outline = [
        OutlineItem(1, "第一章", "总则", 0, 1, "chapter"),
        OutlineItem(2, "第一条", "", 0, 1, "article"),
    ]
    doc.measures = [
        Measure(
            "县级以上人民政府应当加强某事",
            0,
            10,
            "加强",
            "某事",
            "must",
            paragraph=0,
            actors=["县级以上人民政府"],
        ),
    ]
    doc.responsible_units = [
        ResponsibleUnit("县级以上人民政府", 0, 1, duties=[Duty("应当加强某事", 0, 5)]),
        ResponsibleUnit("某某部门", 0, 1),
    ]
    doc.places = [Place("黑龙江省", "province", 0, 1, "scope")]
    return doc


GOLD: dict[str, Any] = {
    "doc_type": "通知",
    "title_must_contain": ["某事"],
    "places": ["黑龙江省", "吉林省"],
    "outline": [{"level": 1, "number": "第一章", "title": "总则"}],
    "articles": 1,
    "responsible_units": ["县级以上人民政府"],
    "unit_duties": [{"unit": "县级以上人民政府", "must_contain": "加强某事"}],
    "measures_sample": [
        {
            "paragraph_starts": "第一条县级",
            "measures": [
                {"must_contain": "加强某事", "strength": "must", "actor": "县级以上人民政府"},
                {"must_contain": "推进别事", "strength": "must", "actor": None},
            ],
        }
    ],
    "not_measures": ["本法自2022年8月1日起施行"],
}


def values() -> dict[str, float]:
    return {m.name: m.value for m in check(SeedCase("t", GOLD, _doc(), Path("t")))}


def test_precision_and_recall_can_fall_short() -> None:
    found = values()
    assert found["policy.doc_type"] == 1.0
    assert found["policy.outline_f1"] == 1.0
    assert found["policy.articles"] == 1.0
    assert found["policy.places_recall"] == 0.5
    assert found["policy.places_precision"] == 1.0
    assert found["policy.units_recall"] == 1.0
    assert found["policy.units_precision"] == 0.5  # 某某部门 is not in the gold
    assert found["policy.duties_found"] == 1.0
    assert found["policy.measures_found"] == 0.5
    assert found["policy.measure_strength"] == 1.0
    assert found["policy.measure_actor"] == 1.0
    assert found["policy.not_measures_read"] == 0.0


def test_a_not_measure_read_as_one_counts() -> None:
    gold = dict(GOLD, not_measures=["县级以上人民政府应当加强某事"])
    metrics = {m.name: m for m in check(SeedCase("t", gold, _doc(), Path("t")))}
    assert metrics["policy.not_measures_read"].value == 1.0
    assert metrics["policy.not_measures_read"].passed() is False
