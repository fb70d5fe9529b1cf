from __future__ import annotations

import json

import pytest

from tests.bilingual.samples import bilingual_document
from tests.conftest import GOLD, seed_path
from zhengce.bilingual.align import align, has_english
from zhengce.model import AlignedPair, Document, Paragraph


def _zh_of(pairs: list[AlignedPair], en_index: int) -> list[int]:
    return next(pair.zh for pair in pairs if en_index in pair.en)


def test_headline_pairs_with_title() -> None:
    pairs = align(bilingual_document())
    assert _zh_of(pairs, 5) == [0]


def test_one_chinese_paragraph_to_two_english() -> None:
    pairs = align(bilingual_document())
    # Chinese 3 (冰雪经济 ... 西部陆海新通道) is split over English 7 and 8.
    assert _zh_of(pairs, 7) == [3]
    assert _zh_of(pairs, 8) == [3]
    assert any(pair.en == [7, 8] for pair in pairs)


def test_moved_attendance_paragraph_goes_back_by_names() -> None:
    pairs = align(bilingual_document())
    moved = next(pair for pair in pairs if 10 in pair.en)
    assert moved.zh == [2]
    assert not moved.in_order


def test_confidence_is_between_zero_and_one() -> None:
    pairs = align(bilingual_document())
    assert all(0.0 <= pair.confidence <= 1.0 for pair in pairs)
    assert json.loads(json.dumps([p.to_dict() for p in pairs]))[0].keys() == {
        "zh",
        "en",
        "confidence",
    }


def test_no_english_no_pairs() -> None:
    doc = Document.from_raw("一段中文。")
    doc.paragraphs = [Paragraph("一段中文。", 0, 5)]
    assert not has_english(doc)
    assert align(doc) == []


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_gold_terms_aligned_on_seeds(shared: object, prefix: str) -> None:
    from zhengce.pipeline import process_source

    doc = process_source(str(seed_path(prefix)))[0]
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text("utf-8"))
    pairs = align(doc)
    for zh, en in gold["glossary"]:
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.kind == "english" and en.lower() in paragraph.text.lower():
                partner = next(pair for pair in pairs if index in pair.en)
                assert zh in partner.zh_text, (zh, en, index)
