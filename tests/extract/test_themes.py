from __future__ import annotations

import json

import pytest

from tests.conftest import GOLD, SEEDS
from tests.extract.content_docs import clean_doc, doc_from_text
from zhengce.eval.textdiff import fold
from zhengce.extract.measures import extract_measures
from zhengce.extract.themes import assign_themes, paragraph_score
from zhengce.lexicon import load_table
from zhengce.model import Document

THEMES = {
    "innovation_industry",
    "agriculture_food",
    "ecology",
    "energy_resources",
    "infrastructure",
    "opening_cooperation",
    "reform_market",
    "livelihood",
    "urbanization_rural",
    "ethnic_border",
    "party_building",
    "disaster_safety",
    "culture_tourism",
}

# (invented paragraph, expected primary theme)
CASES = [
    ("要加快建设高标准农田，稳定粮食播种面积，保障国家粮食安全。", "agriculture_food"),
    ("推动科技创新和产业创新深度融合，培育战略性新兴产业。", "innovation_industry"),
    ("要进一步优化政治生态，严明党的纪律，持之以恒纠治形式主义。", "party_building"),
    ("加强生态环境保护和修复，深入打好污染防治攻坚战。", "ecology"),
    ("做好防汛抗旱各项工作，全力保障人民群众生命财产安全。", "disaster_safety"),
    ("加快建设新型能源体系，推进煤炭清洁高效利用和新能源开发。", "energy_resources"),
    ("完善综合交通网络，加快铁路、公路、机场和港口建设。", "infrastructure"),
    ("稳步扩大制度型开放，高质量共建一带一路，推动自贸试验区建设。", "opening_cooperation"),
    ("深化国资国企改革，优化民营经济发展环境，建设全国统一大市场。", "reform_market"),
    ("着力稳就业、增收入，健全社会保障体系，办好人民满意的教育。", "livelihood"),
    ("推进以人为核心的新型城镇化，全面推进乡村振兴。", "urbanization_rural"),
    ("铸牢中华民族共同体意识，促进各民族交往交流交融，推动兴边富民。", "ethnic_border"),
    ("推动文化和旅游深度融合，加强文物保护利用，发展冰雪旅游。", "culture_tourism"),
    # the lead sentence decides between two themes of equal weight further on
    ("要发展现代农业。同时也要加强交通建设，完善基础设施。", "agriculture_food"),
]


def themed(text: str) -> Document:
    doc = doc_from_text(text)
    extract_measures(doc)
    assign_themes(doc)
    return doc


@pytest.mark.parametrize(("text", "primary"), CASES)
def test_primary_theme(text: str, primary: str) -> None:
    (para,) = themed(text).paragraphs
    assert para.primary_theme == primary
    assert para.themes[0] == primary
    assert para.theme_evidence[primary], "the words that decided are kept"


def test_longest_word_wins() -> None:
    # 政治生态 is party building; its 生态 must not also score ecology.
    result = paragraph_score("优化政治生态")
    assert "ecology" not in result.scores
    assert result.evidence["party_building"] == ["政治生态"]


def test_weak_word_alone_gives_no_theme() -> None:
    (para,) = themed("城市夜景吸引不少市民驻足。").paragraphs
    assert para.themes == [] and para.primary_theme is None


def test_secondary_themes_and_evidence() -> None:
    (para,) = themed("加强粮食生产，同步推进农田水利和耕地保护，改善农村交通基础设施。").paragraphs
    assert para.primary_theme == "agriculture_food"
    assert set(para.themes) <= THEMES
    assert set(para.theme_evidence) == set(para.themes)


def test_measure_without_theme_words_takes_its_paragraph_theme() -> None:
    doc = themed("要加快建设高标准农田，扩大种植面积，抓好各项工作落实。")
    assert [m.primary_theme for m in doc.measures] == ["agriculture_food"] * len(doc.measures)
    assert doc.measures[-1].theme_evidence == doc.paragraphs[0].theme_evidence


def test_lexicon_covers_the_taxonomy_with_general_words() -> None:
    rows = load_table("themes")
    assert {row["theme"] for row in rows} == THEMES
    for row in rows:
        assert float(row["weight"]) >= 0
        assert 1 <= len(row["keyword"]) <= 17, "a keyword is a word or term, not a sentence"
    pairs = [(row["theme"], row["keyword"]) for row in rows]
    assert len(pairs) == len(set(pairs))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_gold_paragraph_themes_on_clean_texts(name: str) -> None:
    gold = json.loads(next(GOLD.glob(f"{name}_*.json")).read_text("utf-8"))
    doc = clean_doc(name)
    assign_themes(doc)
    hits = 0
    for item in gold["paragraph_themes"]:
        start = fold(item["starts"])
        para = next(p for p in doc.paragraphs if fold(p.text).startswith(start))
        hits += para.primary_theme in item["themes"]
    assert hits / len(gold["paragraph_themes"]) >= 0.9
