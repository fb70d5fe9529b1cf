"""Drafting a 分工方案: seed 004 and the 2024 government work report (read from ../shared)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOLD, SHARED, seed_path
from zhengce.model import Document
from zhengce.pipeline import process_source, process_text
from zhengce.tracker.plan import canonical, parse_indicator, plan_from_document, split_units

REPORT = SHARED / "corpus" / "policy" / "reports" / "government-work-report-2024.txt"
SENTENCE_END = "。！？!?"


def _doc(path: Path) -> Document:
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return process_source(str(path))[0]


@pytest.fixture(scope="module")
def seed004() -> tuple[Document, dict[str, Any]]:
    doc = _doc(seed_path("004"))
    return doc, plan_from_document(doc)


@pytest.fixture(scope="module")
def report() -> tuple[Document, dict[str, Any]]:
    doc = _doc(REPORT)
    return doc, plan_from_document(doc)


def _assert_quotes_are_sentences(doc: Document, tasks: list[dict[str, Any]]) -> None:
    for task in tasks:
        src = task["source"]
        assert src["doc_id"] == doc.id
        assert doc.text[src["start"] : src["end"]] == src["quote"], task["number"]
        before = doc.text[src["start"] - 1] if src["start"] else "\n"
        after = doc.text[src["end"]] if src["end"] < len(doc.text) else "\n"
        assert before in SENTENCE_END + "\n" or before.isspace(), (task["number"], src["quote"])
        assert src["quote"][-1] in SENTENCE_END or after == "\n", (task["number"], src["quote"])


def test_seed004_covers_every_outline_item(seed004: tuple[Document, dict[str, Any]]) -> None:
    _, plan = seed004
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text("utf-8"))
    tasks = plan["tasks"]
    covered = {t["outline_path"] for t in tasks}
    numbers = [t["number"] for t in tasks if t["kind"] == "item"]
    assert len(gold["items"]) == 26
    for item in gold["items"]:
        assert any(t["title"] == item["title"] for t in tasks if t["kind"] == "item"), item
    assert len(set(numbers)) == len(numbers) == 26
    assert all(
        path.startswith(("一、", "二、", "三、", "四、", "五、", "六、")) for path in covered
    )


def test_seed004_gold_units_come_from_the_text_on_their_tasks(
    seed004: tuple[Document, dict[str, Any]],
) -> None:
    doc, plan = seed004
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text("utf-8"))
    for name in gold["responsible_units"]:
        charged = [
            t
            for t in plan["tasks"]
            if t["units_from"] == "text"
            and canonical(name) in [u["name"] for u in t["lead_units"] + t["supporting_units"]]
        ]
        assert charged, name
        # every place the pipeline found the body charged lands on the task holding it
        for unit in (u for u in doc.responsible_units if u.name == name):
            holder = next(t for t in plan["tasks"] if t["span"][0] <= unit.start < t["span"][1])
            assert holder in charged, (name, holder["number"])
        for task in charged:
            assert not task["guess"]
            # the text charges it there: the task's own text names the body at a clause start
            assert re.search(rf"(^|[。；，\n]){re.escape(name)}", task["text"]), (name, task)


def test_seed004_quotes_are_sentences(seed004: tuple[Document, dict[str, Any]]) -> None:
    doc, plan = seed004
    _assert_quotes_are_sentences(doc, plan["tasks"])


def test_seed004_lead_of_the_coordination_item_is_the_one_that_leads(
    seed004: tuple[Document, dict[str, Any]],
) -> None:
    _, plan = seed004
    task = next(t for t in plan["tasks"] if t["title"] == "强化组织协调")
    # "国家发展改革委要…牵头推进重点工作": the body whose clause says 牵头 leads.
    assert task["lead_units"][0] == {
        "name": canonical("国家发展改革委"),
        "as_written": "国家发展改革委",
    }


@pytest.mark.corpus
def test_report_part_three_measures_all_fall_in_tasks(
    report: tuple[Document, dict[str, Any]],
) -> None:
    doc, plan = report
    part3 = next(o for o in doc.outline if o.number == "三、")
    measures = [m for m in doc.measures if part3.start <= m.start < part3.end]
    assert measures
    spans = [t["span"] for t in plan["tasks"] if t["kind"] != "indicator"]
    for m in measures:
        assert any(s <= m.start < e for s, e in spans), m.text
    items = {t["outline_path"] for t in plan["tasks"] if t["outline_path"].startswith("三、（")}
    assert len(items) == 10  # （一）…（十）
    _assert_quotes_are_sentences(doc, plan["tasks"])


@pytest.mark.corpus
def test_report_expected_goals_are_indicator_tasks(
    report: tuple[Document, dict[str, Any]],
) -> None:
    doc, plan = report
    goals = [t for t in plan["tasks"] if t["kind"] == "indicator"]
    sentence = next(s for s in re.findall(r"[^。\n]*主要预期目标是：[^。\n]*。", doc.text))
    expected = re.split(r"[；，]", sentence.split("：", 1)[1].rstrip("。"))
    assert [g["text"] for g in goals] == expected
    quantified = [g for g in goals if re.search(r"\d", g["text"])]
    assert len(quantified) == 6
    for goal in quantified:
        ind = goal["indicator"]
        assert ind["value"] is not None and ind["metric"] and ind["year"] == 2024
        assert f"{ind['value']:g}" in goal["text"] and goal["text"].startswith(ind["metric"])
    for task in plan["tasks"]:
        if task["units_from"] == "suggested":
            assert task["guess"] and task["unit_evidence"]


@pytest.mark.parametrize(
    ("clause", "metric", "comparator", "value", "unit"),
    [
        ("城镇新增就业1200万人以上", "城镇新增就业", "以上", 1200, "万人"),
        ("城镇调查失业率5.5%左右", "城镇调查失业率", "左右", 5.5, "%"),
        ("粮食产量1.3万亿斤以上", "粮食产量", "以上", 1.3, "万亿斤"),
        ("森林覆盖率达到25%", "森林覆盖率", "达到", 25, "%"),
    ],
)
def test_parse_indicator(
    clause: str, metric: str, comparator: str, value: float, unit: str
) -> None:
    assert parse_indicator(clause, 2024) == {
        "metric": metric,
        "comparator": comparator,
        "value": value,
        "unit": unit,
        "year": 2024,
    }
    assert parse_indicator("居民收入增长和经济增长同步", 2024) is None


def test_units_from_brackets_aliases_and_key_value_lines() -> None:
    text = (
        "一、加快建设现代化产业体系\n"
        "（一）推动传统产业升级。实施技术改造升级工程（工业和信息化部牵头，"
        "国家发展改革委、财政部等按职责分工负责）。2025年底前完成。\n"
        "（二）深化国资国企改革。健全现代企业制度（国务院国资委、财政部按职责分工负责）。年内持续推进。\n"
        "（三）推进东北振兴。黑龙江省、吉林省、辽宁省人民政府（以下称三省人民政府）"
        "要细化落实举措。三省人民政府要加强统筹。\n"
        "（四）加强生态保护。落实湿地保护制度。\n"
    )
    doc = process_text(text, "fixture.txt")
    doc.metadata["kind"] = "policy_document"
    plan = plan_from_document(doc)
    by_title = {t["title"]: t for t in plan["tasks"]}
    first = by_title["推动传统产业升级"]
    assert [u["name"] for u in first["lead_units"]] == ["工业和信息化部"]
    assert [u["name"] for u in first["supporting_units"]] == [canonical("国家发展改革委"), "财政部"]
    assert first["deadline"] == {"kind": "date", "date": "2025-12-31", "text": "2025年底前"}
    second = by_title["深化国资国企改革"]
    assert [u["name"] for u in second["lead_units"]] == ["国务院国资委"]
    assert [u["name"] for u in second["supporting_units"]] == ["财政部"]
    third = by_title["推进东北振兴"]
    assert third["lead_units"][0]["as_written"] in (
        "三省人民政府",
        "黑龙江省、吉林省、辽宁省人民政府",
    )
    assert third["units_from"] == "text"
    fourth = by_title["加强生态保护"]
    assert fourth["units_from"] == "suggested" and fourth["guess"]
    assert fourth["lead_units"][0]["name"] == canonical("国家林草局")


def test_split_units_drops_what_is_not_a_body() -> None:
    units = split_units("财政部、商务部等有关部门")
    assert [u["name"] for u in units] == ["财政部", "商务部"]
