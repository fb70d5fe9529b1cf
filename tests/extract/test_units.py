from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS
from tests.extract.content_docs import clean_doc, doc_from_text
from zhengce.extract.measures import extract_measures
from zhengce.extract.units import find_units, unit_name
from zhengce.model import Document


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("国家发展改革委", "国家发展改革委"),
        ("中央财政", "中央财政"),
        ("各市(地)", "各市(地)"),
        ("各市（地）", "各市（地）"),
        ("东北各省区党委和政府", "东北各省区党委和政府"),
        ("中央和国家机关有关部门", "中央和国家机关有关部门"),
        ("省委区域协调发展领导小组", "省委区域协调发展领导小组"),
        ("同时有关部门", "有关部门"),
        ("西部", None),  # a place, though it ends in 部
        ("广大党员干部", None),  # people, not a body
        ("新发展格局", None),
        ("推动区域协调发展", None),
        ("要素市场", None),
    ],
)
def test_unit_name(subject: str, name: str | None) -> None:
    assert unit_name(subject) == name


def units_of(text: str) -> Document:
    doc = doc_from_text(text)
    extract_measures(doc)
    find_units(doc)
    return doc


def test_bodies_with_their_measures() -> None:
    doc = units_of(
        "省财政厅要加大资金保障力度，统筹安排专项资金。"
        "各市县政府是项目建设的责任主体，要加快推进前期工作。"
        "广大党员干部要带头担当作为。"
    )
    found = {u.name: u for u in doc.responsible_units}
    assert set(found) == {"省财政厅", "各市县政府"}
    assert [doc.measures[i].text for i in found["省财政厅"].measures] == [
        "省财政厅要加大资金保障力度",
        "统筹安排专项资金",
    ]
    assert found["各市县政府"].role == "main_responsibility"
    assert [doc.measures[i].text for i in found["各市县政府"].measures] == ["要加快推进前期工作"]
    for unit in doc.responsible_units:
        assert doc.text[unit.start : unit.end] == unit.name


def test_no_units_without_a_charge() -> None:
    assert units_of("国家发展改革委召开新闻发布会，介绍经济运行情况。").responsible_units == []


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@needs_seeds
def test_gold_units_of_the_policy_document() -> None:
    gold = json.loads(next(GOLD.glob("004_*.json")).read_text("utf-8"))
    doc = clean_doc("004")
    extract_measures(doc)
    find_units(doc)
    names = {u.name for u in doc.responsible_units}
    assert set(gold["responsible_units"]) <= names
    for unit in doc.responsible_units:
        assert unit.measures or unit.role == "main_responsibility"


@needs_seeds
def test_provincial_meeting_units() -> None:
    doc = clean_doc("003")
    extract_measures(doc)
    find_units(doc)
    names = {u.name for u in doc.responsible_units}
    assert {"各市(地)", "领导小组及其办公室", "各成员单位"} <= names
    city = next(u for u in doc.responsible_units if u.name == "各市(地)")
    assert len(city.measures) >= 3  # 扛起主体责任，完善工作机制，细化工作措施…
