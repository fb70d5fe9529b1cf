from __future__ import annotations

import json
import re

import pytest

from tests.conftest import GOLD, SEEDS
from tests.extract.content_docs import clean_doc, doc_from_text
from zhengce.eval.textdiff import fold
from zhengce.extract.targets import CUE_HINT, DONE, document_year, find_targets
from zhengce.model import Target


def targets(text: str, **metadata: object) -> list[Target]:
    doc = doc_from_text(text, **metadata)
    find_targets(doc)
    return doc.targets


# (invented text, document year or None, expected (year, quantity) of each target)
CASES: list[tuple[str, int | None, list[tuple[int | None, str | None]]]] = [
    ("到2035年，基本实现新型工业化。", None, [(2035, None)]),
    ("到2027年底，新增高标准农田3000万亩。", None, [(2027, "3000万亩")]),
    ("到“十四五”末，单位GDP能耗下降13.5%。", None, [(2025, "13.5%")]),
    ("到本世纪中叶，建成社会主义现代化强国。", None, [(2050, None)]),
    ("力争用5年左右时间，建成区域科技创新中心。", 2024, [(2029, None)]),
    ("力争用5年左右时间，建成区域科技创新中心。", None, [(None, None)]),
    ("今年底前完成全部改造任务。", 2023, [(2023, None)]),
    ("三年内实现县域全覆盖。", 2022, [(2025, None)]),
    ("力争粮食产量达到1.4万亿斤以上。", None, [(None, "1.4万亿斤")]),
    ("确保城镇调查失业率控制在5.5%左右。", None, [(None, "5.5%")]),
    # results already reached, and aims without a number or a date, are not targets
    ("到2020年底，已建成5G基站70万个。", None, []),
    ("去年粮食产量达到1.39万亿斤。", None, []),
    ("要确保粮食安全。", None, []),
]


@pytest.mark.parametrize(("text", "year", "expected"), CASES)
def test_year_and_quantity(
    text: str, year: int | None, expected: list[tuple[int | None, str | None]]
) -> None:
    metadata = {"event_date": {"year": year, "month": None, "day": None}} if year else {}
    assert [(t.year, t.quantity) for t in targets(text, **metadata)] == expected


def test_relative_span_counts_from_the_dated_goal_before_it() -> None:
    text = "到2035年，基本实现现代化。在此基础上，再用15年时间，把我国建成现代化强国。"
    found = targets(text)
    assert [t.year for t in found] == [2035, 2050]
    assert "15 years after 2035" in found[1].note
    assert found[1].text.startswith("在此基础上")


def test_two_goals_in_one_sentence_are_two_targets() -> None:
    found = targets("到2025年，森林覆盖率达到24.1%，到2030年达到25%。")
    assert [(t.year, t.quantity) for t in found] == [(2025, "24.1%"), (2030, "25%")]


def test_spans_point_into_the_document() -> None:
    doc = doc_from_text("标题\n到2030年，非化石能源消费比重达到25%左右。\n")
    find_targets(doc)
    (target,) = doc.targets
    assert doc.text[target.start : target.end] == target.text


def test_document_year_from_publication_time() -> None:
    doc = doc_from_text("正文。", published="2016-04-26 10:00")
    assert document_year(doc) == 2016


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_gold_targets_of_the_policy_document() -> None:
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text("utf-8"))
    doc = clean_doc("004")
    find_targets(doc)
    for item in gold["targets"]:
        want = fold(item["must_contain"])
        matches = [t for t in doc.targets if want in fold(t.text)]
        assert matches, item["must_contain"]
        if item.get("year") is not None:
            assert matches[0].year == item["year"]


# The hint and result patterns are written with a plain first character in every branch (so
# `re` can skip ahead); they must find what the plain readings below find.
REFERENCE_DONE = re.compile(r"已经|(?<![为除])了(?![解])|已(?![有知])|截至")
REFERENCE_CUE_HINT = re.compile(
    r"[到至](?:[“\"]?十|19|20|本)|用[\d一二三四五六七八九十两]|年内|今年|明年|年度内|力争|争取|确保|目标"
)
PATTERN_TEXTS = [
    "为了发展",
    "除了农业",
    "了解情况",
    "完成了任务",
    "了",
    "已有基础",
    "已知",
    "已建成",
    "已经完成",
    "截至去年",
    "到2035年",
    "至“十四五”末",
    "到本世纪中叶",
    "用十年",
    "三年内",
    "今年底前",
    "力争达到",
    "到达北京",
    "目标明确",
    "没有任何提示",
]


@pytest.mark.parametrize("text", PATTERN_TEXTS)
def test_hint_patterns_find_what_the_plain_readings_find(text: str) -> None:
    for pattern, reference in ((DONE, REFERENCE_DONE), (CUE_HINT, REFERENCE_CUE_HINT)):
        found = [m.span() for m in pattern.finditer(text)]
        assert found == [m.span() for m in reference.finditer(text)]


def _plan(text: str, year: int = 2030) -> list[Target]:
    doc = doc_from_text(text, doc_type="政府工作报告", dates={"delivered": f"{year}-03-05"})
    find_targets(doc)
    return doc.targets


def test_a_goal_list_gives_one_target_per_clause_as_fields() -> None:
    found = _plan(
        "今年发展主要预期目标是：国内生产总值增长6%左右；城镇新增就业1100万人以上，物价基本稳定。"
    )
    assert [t.text for t in found] == [
        "国内生产总值增长6%左右",
        "城镇新增就业1100万人以上",
        "物价基本稳定",
    ]
    first, second = found[0], found[1]
    assert (first.metric, first.comparator, first.value, first.unit, first.year) == (
        "国内生产总值增长",
        "左右",
        6.0,
        "%",
        2030,
    )
    assert (second.comparator, second.value, second.unit) == ("以上", 1100.0, "万人")


def test_fiscal_figures_follow_the_first_goal_and_comparisons_are_not_goals() -> None:
    found = _plan(
        "赤字率拟按3%安排，赤字规模5万亿元，比上年增加2000亿元。预计今年毕业生超过1000万人。"
    )
    assert [t.text for t in found] == ["赤字率拟按3%安排", "赤字规模5万亿元"]


def test_a_plan_period_gives_its_last_year_marked_as_inferred() -> None:
    found = targets("“十二五”期间，新增装机容量达到5000万千瓦以上。")
    assert [(t.year, t.year_inferred) for t in found] == [(2015, True)]


def test_results_are_not_targets_even_in_a_plan() -> None:
    assert _plan("去年国内生产总值增长5.2%，城镇新增就业1244万人。") == []
