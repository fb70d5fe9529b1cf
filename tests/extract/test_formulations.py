from __future__ import annotations

import json
import re

import pytest

from tests.conftest import CORPUS_MD, GOLD, SEEDS
from tests.extract.content_docs import clean_doc, doc_from_text
from zhengce.eval.textdiff import fold
from zhengce.extract.formulations import (
    acceptable_quote,
    discover_candidates,
    find_formulations,
    is_slogan,
    known_terms,
    leftmost_longest,
)
from zhengce.lexicon import load_table
from zhengce.model import FormulationMention
from zhengce.word_patterns import alternation


def mentions(text: str, **metadata: object) -> list[FormulationMention]:
    doc = doc_from_text(text, **metadata)
    find_formulations(doc)
    return doc.formulations


def found(text: str) -> list[tuple[str, bool, str]]:
    return [(f.term, f.known, f.how) for f in mentions(text)]


# (invented text, expected mentions as (term, known, how))
CASES = [
    ("加快发展新质生产力。", [("新质生产力", True, "lexicon")]),
    ("坚持共抓大保护，不搞大开发。", [("共抓大保护、不搞大开发", True, "lexicon")]),
    ("实施“三清一改”村庄清洁行动。", [("三清一改", False, "number_slogan")]),
    (
        "推进三清一改，巩固“米袋子”成果。",
        [("三清一改", False, "number_slogan"), ("米袋子", False, "quoted")],
    ),
    ("发挥“头雁效应”，多措并举。", [("头雁效应", False, "quoted")]),
    ("千方百计稳就业，一心一意谋发展。", []),
    ("一年一度的盛会，十月一日开幕。", []),
    ("“冬装”上市，“复兴号”提速，“阿斯塔纳”来信。", []),
    ("他说“我们一定会做到的”。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_known_and_discovered(text: str, expected: list[tuple[str, bool, str]]) -> None:
    assert found(text) == expected


def test_discovered_term_is_found_again_without_quotes() -> None:
    terms = found("开展“双随机、一公开”监管。全面推行双随机、一公开。")
    assert terms == [("双随机、一公开", False, "quoted")] * 2


# (text, terms): overlapping, nested and repeated terms, where leftmost-longest matters
LEFTMOST_CASES = [
    ("双随机、一公开，双随机", ["双随机", "双随机、一公开", "一公开"]),
    ("四水四水四水", ["四水四", "水四水", "四水"]),
    ("aaaa", ["aa", "a", "aaa"]),
    ("米袋子菜篮子", ["篮子", "菜篮子", "米袋"]),
    ("没有一个", ["三供两治"]),
]


@pytest.mark.parametrize(("text", "terms"), LEFTMOST_CASES)
def test_leftmost_longest_finds_what_the_alternation_finds(text: str, terms: list[str]) -> None:
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    expected = [(m.start(), m.group()) for m in pattern.finditer(text)]
    assert leftmost_longest(text, terms) == expected


def test_known_terms_scanner_finds_what_the_alternation_finds() -> None:
    known = known_terms()
    plain = re.compile(alternation(list(known.term_of)))
    text = "。".join(known.term_of) + "坚持新发展理念，加快新质生产力发展"
    assert [m.span() for m in known.pattern.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]


def test_spans_point_into_the_document() -> None:
    doc = doc_from_text("标题\n坚持“四个全面”战略布局，推进四水四定。\n")
    find_formulations(doc)
    assert [doc.text[f.start : f.end] for f in doc.formulations] == ["四个全面", "四水四定"]


@pytest.mark.parametrize(
    ("term", "slogan"),
    [
        ("四水四定", True),
        ("三供两治", True),
        ("三基地一屏障一高地", True),
        ("千方百计", False),  # idiom (stoplist)
        ("一步一步", False),  # reduplication
        ("十届三中", False),  # an ordinal, not a slogan
        ("一是统一思想", False),
        ("一步巩固两国之间", False),  # chance shape of three-character words
    ],
)
def test_slogan_shape(term: str, slogan: bool) -> None:
    assert is_slogan(term) is slogan


@pytest.mark.parametrize(
    ("quote", "ok"),
    [("压舱石", True), ("两会", True), ("国宝", False), ("毫不犹豫地", False), ("好不好", False)],
)
def test_quote_filter(quote: str, ok: bool) -> None:
    assert acceptable_quote(quote) is ok


def test_discover_candidates_counts_and_first_seen() -> None:
    first = doc_from_text("推进“三清一改”。", event_date={"year": 2019, "month": 3, "day": 1})
    second = doc_from_text("深化“三清一改”，推广“积分制”。", published="2021-06-01 08:00")
    candidates = discover_candidates([second, first])
    assert candidates == [("三清一改", 2, "2019-03-01"), ("积分制", 1, "2021-06-01")]


def test_lexicon_rows_are_real_formulations_with_notes() -> None:
    rows = load_table("formulations")
    terms = [row["term"] for row in rows]
    assert len(terms) == len(set(terms))
    assert len(rows) >= 150, "a lexicon of the period, not only the gold terms"
    for row in rows:
        assert re.fullmatch(r"-|\d{4}(-\d{2})?", row["first_known"]), row["term"]
        assert len(row["note"]) >= 20, row["term"]
    # every variant names exactly one term
    variants = [v for row in rows for v in row["variants"].split("|") if v]
    assert len(variants) == len(set(variants))
    assert known_terms().term_of["双碳"] == "碳达峰碳中和"


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@needs_seeds
def test_gold_formulation_recall_on_clean_texts() -> None:
    hits = total = 0
    for name in ("000", "001", "002", "003", "004"):
        gold = json.loads(next(GOLD.glob(f"{name}_*.json")).read_text("utf-8"))
        doc = clean_doc(name)
        find_formulations(doc)
        terms = {fold(f.term) for f in doc.formulations}
        total += len(gold["formulations"])
        hits += sum(fold(term) in terms for term in gold["formulations"])
    assert hits / total >= 0.95


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="corpus not present")
def test_discovery_on_corpus_stories() -> None:
    docs = [doc_from_text(p.read_text("utf-8")) for p in sorted(CORPUS_MD.glob("*.md"))[::100]]
    candidates = discover_candidates(docs)
    assert len(candidates) > 20
    terms = {term for term, _count, _seen in candidates}
    assert not terms & {"千方百计", "一心一意", "四面八方"}
    assert all(f.term == d.text[f.start : f.end] or f.known for d in docs for f in d.formulations)


def test_distinct_formulations_stay_distinct() -> None:
    from zhengce.pipeline import process_text

    text = "实施乡村振兴战略，推进乡村振兴。推动东北全面振兴。开展消费品以旧换新。"
    terms = [f.term for f in process_text(text).formulations]
    assert "乡村振兴战略" in terms and "乡村振兴" in terms
    assert terms.count("乡村振兴") == 1  # only where it stands alone
    assert "东北全面振兴" in terms and "振兴东北地区等老工业基地" not in terms
    assert "以旧换新" in terms and "大规模设备更新和消费品以旧换新" not in terms
