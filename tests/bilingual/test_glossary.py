from __future__ import annotations

import json

import pytest

from tests.bilingual.samples import bilingual_document
from tests.conftest import GOLD, seed_path
from zhengce.bilingual.align import align
from zhengce.bilingual.glossary import discover
from zhengce.eval.bilingual import english_form
from zhengce.model import TermPair


def _found() -> dict[str, TermPair]:
    doc = bilingual_document()
    return {item.term_zh: item for item in discover(doc, align(doc))}


@pytest.mark.parametrize(
    ("term", "english", "how"),
    [
        ("冰雪经济", "ice and snow economy", "lexicon"),
        ("黑土地保护", "black soil conservation", "lexicon"),
        ("西部陆海新通道", "new western land-sea corridor", "lexicon"),
        ("人口整体素质", "overall population quality", "lexicon"),
        ("重庆", "CHONGQING", "table"),
    ],
)
def test_discovers_term_pairs(term: str, english: str, how: str) -> None:
    found = _found()
    assert found[term].term_en == english
    assert found[term].how == how


def test_evidence_points_at_the_aligned_paragraphs() -> None:
    item = _found()["黑土地保护"]
    assert (item.zh_paragraph, item.en_paragraph, item.doc) == (3, 7, "sample.txt")


def test_part_of_a_found_term_is_not_listed() -> None:
    assert "黑土地" not in _found()  # black soil is inside black soil conservation


def test_quoted_phrase_is_the_rendering() -> None:
    # 冰雪经济 is quoted in the Chinese and "ice and snow economy" in the English.
    assert _found()["冰雪经济"].term_en == "ice and snow economy"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Five major securities", "the five major security", True),
        ("Belt and Road Initiative", "belt-and-road initiative", True),
        ("pilot free trade zones", "a pilot free trade zone", True),
        ("new development philosophy", "new development concept", False),
    ],
)
def test_english_form(a: str, b: str, same: bool) -> None:
    assert (english_form(a) == english_form(b)) is same


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_gold_glossary_recall_on_seeds(shared: object, prefix: str) -> None:
    from zhengce.pipeline import process_source

    doc = process_source(str(seed_path(prefix)))[0]
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text("utf-8"))
    found = {(p.term_zh, english_form(p.term_en)) for p in discover(doc, align(doc))}
    hits = sum((zh, english_form(en)) in found for zh, en in gold["glossary"])
    assert hits / len(gold["glossary"]) >= 0.7


def test_without_table_there_are_no_table_matches_but_discoveries_remain() -> None:
    doc = bilingual_document()
    found = {p.term_zh: p for p in discover(doc, align(doc), use_table=False)}
    assert all(p.how != "table" for p in found.values())
    assert found["冰雪经济"].term_en == "ice and snow economy"
    assert found["重庆"].term_en.lower() == "chongqing"  # pinyin of the place, not the table
