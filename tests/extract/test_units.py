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


def test_lists_of_full_names_split_and_shared_endings_stay_whole() -> None:
    from zhengce.extract.units import split_units

    assert split_units("国家发展改革委、财政部") == ["国家发展改革委", "财政部"]
    assert split_units("国务院和某某省人民政府") == ["国务院", "某某省人民政府"]
    assert split_units("县级以上人民政府自然资源、农业农村等有关部门") == [
        "县级以上人民政府自然资源、农业农村等有关部门"
    ]
    assert split_units("县级以上人民政府及其有关部门") == ["县级以上人民政府及其有关部门"]


def test_canonical_names_follow_the_renames() -> None:
    from zhengce.extract.units import canonical_name

    assert (
        canonical_name("国家发改委") == canonical_name("国家发展改革委") == "国家发展和改革委员会"
    )
    assert canonical_name("国土资源部") == "自然资源部"  # 2018
    assert canonical_name("银保监会") == "国家金融监督管理总局"  # 2023
    assert canonical_name("某某委员会") == ""


def test_a_law_carries_body_and_modal_across_the_clauses_of_a_sentence() -> None:
    from zhengce.pipeline import process_text

    text = (
        "中华人民共和国某某法\n"
        "第一条 为了保护某某，制定本法。\n"
        "第二条 县级以上人民政府应当建立协调机制，加强协调指导，推进某某工作落实。\n"
        "第三条 国家建立健全某某监测制度；鼓励科研机构开展某某研究。\n"
    )
    doc = process_text(text)
    second = [m for m in doc.measures if "协调" in m.text or "落实" in m.text]
    assert [(m.strength, m.actors) for m in second] == [("must", ["县级以上人民政府"])] * 3
    third = [m for m in doc.measures if "监测" in m.text or "鼓励" in m.text]
    assert [(m.strength, m.actors) for m in third] == [
        ("should", ["国家"]),
        ("encourage", ["国家"]),
    ]
    units = {u.name: u for u in doc.responsible_units}
    assert units["县级以上人民政府"].duties[0].text.startswith("县级以上人民政府应当")
    assert not any("为了保护" in m.text for m in doc.measures)
