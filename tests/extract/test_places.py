from __future__ import annotations

from zhengce.model import Document
from zhengce.pipeline import process_text
from zhengce.search.places import place_terms


def places(text: str) -> list[tuple[str, str, str]]:
    doc: Document = process_text(text)
    return [(p.name, p.kind, p.how) for p in doc.places]


def test_a_title_prefix_names_the_province() -> None:
    found = places("黑龙江：冰雪旅游持续升温\n近日，各地游客纷纷来到这里。\n")
    assert found == [("黑龙江省", "province", "title")]


def test_a_city_prefix_gives_its_province_and_a_region_prefix_a_region() -> None:
    assert places("哈尔滨：冰雪节开幕\n近日，冰雪节开幕。\n")[0][:2] == ("黑龙江省", "province")
    assert places("东北：秋粮收获进度过半\n记者了解到，秋收进展顺利。\n") == [
        ("东北", "region", "title")
    ]


def test_a_dateline_city_gives_its_province() -> None:
    found = places("某地召开座谈会\n新华社长春5月1日电 座谈会1日召开。\n")
    assert ("吉林省", "province", "dateline") in found


def test_a_law_scope_clause_lists_its_provinces() -> None:
    text = (
        "中华人民共和国某某保护法\n第一条 为了保护某某，制定本法。\n"
        "第二条 本法所称某某，是指辽宁省、吉林省和内蒙古自治区的相关区域。\n"
    )
    assert [name for name, _k, how in places(text) if how == "scope"] == [
        "辽宁省",
        "吉林省",
        "内蒙古自治区",
    ]


def test_a_provincial_regulation_is_about_its_province() -> None:
    text = "某某省条例\n"  # not a province: nothing
    assert places(text) == []
    found = places("山东省某某条例\n第一条 为了规范某事，制定本条例。\n")
    assert found == [("山东省", "province", "title")]


def test_national_documents_and_plain_news_have_no_place() -> None:
    assert places("国务院关于某事的通知\n各地区要加强黑龙江等地的工作。\n") == []


def test_place_filter_terms() -> None:
    assert place_terms("东北") == ["辽宁", "吉林", "黑龙江"]
    assert place_terms("黑龙江、江西") == ["黑龙江", "江西"]
    assert place_terms("黑龙江,东北") == ["黑龙江", "辽宁", "吉林"]
    assert place_terms("哈尔滨") == ["哈尔滨"]
