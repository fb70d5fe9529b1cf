from __future__ import annotations

import pytest

from tests.conftest import CORPUS_MD, SEEDS
from tests.extract.content_docs import clean_doc, doc_from_text
from zhengce.extract.measures import extract_measures, regions_in
from zhengce.model import Document, Measure, Paragraph


def measures(text: str, **metadata: object) -> list[Measure]:
    doc = doc_from_text(text, **metadata)
    extract_measures(doc)
    return doc.measures


# (invented sentence, expected (verb, strength) of each measure in order)
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("要加快建设新型电力系统，推动能源结构调整。", [("建设", "should"), ("推动", "should")]),
    ("加快转变政府职能。", [("转变", "should")]),
    ("严禁新增违规产能。", [("新增", "prohibit")]),
    ("必须坚持党的全面领导。", [("坚持", "must")]),
    ("鼓励社会资本参与养老服务。", [("鼓励", "encourage")]),
    ("支持、鼓励、引导个体工商户健康发展。", [("支持、鼓励、引导", "encourage")]),
    ("有条件的地区可以探索建立跨区域补偿机制。", [("建立", "may")]),
    ("研究出台支持县域商业发展的政策。", [("出台", "explore")]),
    ("统筹发展和安全。", [("统筹", "should")]),
    ("要以数字技术赋能传统产业，在补链强链上下功夫。", [("赋能", "should")]),
    ("促进区域协调发展、服务全国发展大局。", [("促进", "should"), ("服务", "should")]),
    ("抓好春耕生产，确保粮食播种面积稳定。", [("抓好", "should")]),
    ("提高电网对清洁能源的接纳、配置和调控能力。", [("提高", "should")]),
    ("落实好各项惠企政策。", [("落实好", "should")]),
    # narrative, judgment and description make no measure
    ("今年以来，全省加快推进重大项目建设，取得了明显成效。", []),
    ("推动高质量发展，关键在科技创新。", []),
    ("会议指出，过去一年经济运行稳中向好。", []),
    ("该地资源禀赋较好，发展潜力巨大。", []),
    ("2019年出台实施方案，推动园区建设。", []),
    ("要素市场化配置改革持续深化。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_verbs_and_strength(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.verb, m.strength) for m in measures(text)] == expected


def test_lead_in_is_not_part_of_the_measure() -> None:
    (found,) = measures("会议强调，要扎实推进乡村全面振兴。")
    assert found.text == "要扎实推进乡村全面振兴"
    assert found.modal == "要"


def test_result_clause_finishes_the_measure() -> None:
    (found,) = measures("加大研发投入，为产业升级提供有力支撑。")
    assert found.text == "加大研发投入，为产业升级提供有力支撑"
    assert found.object == "研发投入"


def test_actor_is_carried_through_the_sentence() -> None:
    found = measures("省交通运输厅要牵头制定实施方案，细化任务清单。各市县要抓好落实。")
    assert [m.actors for m in found] == [["省交通运输厅"], ["省交通运输厅"], ["各市县"]]


def test_responsible_party_charges_the_measures_after_it() -> None:
    found = measures("各县政府是项目建设的责任主体，要加快推进前期工作，落实建设资金。")
    assert [m.actors for m in found] == [["各县政府"], ["各县政府"]]


def test_region_from_clause_else_document() -> None:
    found = measures(
        "支持黑龙江建设对俄开放合作高地。推动东北振兴取得新突破。加快东北老工业基地转型。"
    )
    assert [(m.region, m.region_source) for m in found] == [
        ("黑龙江", "clause"),
        ("东北", "clause"),
        ("东北", "clause"),
    ]
    found = measures("东北振兴要抓住机遇。东北要扩大开放。加快老工业基地转型。")
    assert (found[-1].region, found[-1].region_source) == ("东北", "document")


def test_northeast_asia_is_not_the_northeast() -> None:
    assert regions_in("深化东北亚区域合作") == []


def test_spans_point_into_the_document() -> None:
    text = "标题行\n习近平强调，要加快构建现代化产业体系，推动产业链向上下游延伸。\n"
    doc = doc_from_text(text)
    doc.paragraphs[0].kind = "title"
    extract_measures(doc)
    assert [doc.text[m.start : m.end] for m in doc.measures] == [m.text for m in doc.measures]
    assert all(m.paragraph == 1 for m in doc.measures)


def test_only_body_paragraphs_are_read() -> None:
    text = "要加快建设现代化基础设施体系。"
    doc = Document.from_raw(text)
    doc.paragraphs = [Paragraph(text, 0, len(text), kind="caption")]
    extract_measures(doc)
    assert doc.measures == []


def test_empty_document() -> None:
    doc = Document.from_raw("")
    extract_measures(doc)
    assert doc.measures == []


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@needs_seeds
def test_policy_document_measures() -> None:
    doc = clean_doc("004")
    extract_measures(doc)
    assert len(doc.measures) > 300
    charged = {actor for m in doc.measures for actor in m.actors}
    assert "国家发展改革委" in charged
    assert "中央财政" in charged
    strengths = {m.strength for m in doc.measures}
    assert {"should", "must", "encourage", "explore", "prohibit"} <= strengths
    # The review of achievements (…取得明显成效) is narrative, not a measure.
    assert not [m for m in doc.measures if "取得明显成效" in m.text]


@needs_seeds
def test_meeting_report_measures_skip_the_review_of_results() -> None:
    doc = clean_doc("000")
    extract_measures(doc)
    assert len(doc.measures) > 100
    assert not [m for m in doc.measures if "取得新进展" in m.text or "会议" in m.text[:4]]
    assert all(doc.text[m.start : m.end] == m.text for m in doc.measures)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="corpus not present")
def test_corpus_stories_yield_measures_with_valid_spans() -> None:
    files = sorted(CORPUS_MD.glob("*.md"))[::200]
    total = 0
    for path in files:
        doc = doc_from_text(path.read_text("utf-8"))
        extract_measures(doc)
        total += len(doc.measures)
        assert all(doc.text[m.start : m.end] == m.text for m in doc.measures)
        assert all(
            m.strength in {"prohibit", "must", "should", "encourage", "may", "explore"}
            for m in doc.measures
        )
    assert total > 50


def test_content_facts_survive_the_json_round_trip() -> None:
    from zhengce.extract.formulations import find_formulations
    from zhengce.extract.targets import find_targets
    from zhengce.extract.themes import assign_themes
    from zhengce.extract.units import find_units

    doc = doc_from_text(
        "省发展改革委要牵头推进“三清一改”，到2027年新增高标准农田500万亩。\n"
        "各市县政府是责任主体，要加快发展新质生产力。\n"
    )
    for stage in (extract_measures, assign_themes, find_targets, find_units, find_formulations):
        stage(doc)
    assert doc.measures and doc.targets and doc.responsible_units and doc.formulations
    again = Document.from_json(doc.to_json())
    assert again.measures == doc.measures
    assert again.targets == doc.targets
    assert again.responsible_units == doc.responsible_units
    assert again.formulations == doc.formulations
    assert again.paragraphs == doc.paragraphs


def test_a_purpose_sentence_of_a_law_or_document_is_no_measure() -> None:
    from zhengce.pipeline import process_text

    law = "中华人民共和国某某法\n第一条 为了保护某某，促进某某发展，保障某某安全，制定本法。\n"
    assert process_text(law).measures == []
    opinions = "国务院关于某事的意见\n为规范和促进某事健康发展，现提出以下意见：\n一、加强某事。\n"
    assert [m.text for m in process_text(opinions).measures] == ["加强某事"]
