from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import GOLD, SEEDS, seed_path
from zhengce.extract.metadata import _DAY, _day_matches, extract_metadata, iso_datetime, issuers
from zhengce.model import Document
from zhengce.segment.blocks import segment_document


def read(text: str, **given: Any) -> dict[str, Any]:
    doc = Document.from_raw(text, metadata=given)
    segment_document(doc)
    extract_metadata(doc)
    return doc.metadata


# (text, expected kind) — invented headlines and leads of each kind.
KINDS = [
    ("王某某主持召开沿海开放座谈会强调 扩大开放\n正文。", "meeting_report"),
    ("国务院常务会议部署稳就业工作\n正文。", "meeting_report"),
    ("全市某某发展大会召开\n正文。", "meeting_report"),
    ("某某论坛在京开幕\n正文。", "meeting_report"),
    ("某某会见某国总统\n正文。", "news"),
    ("国务院关于某项工作的指导意见\n一、总体要求\n正文。", "policy_document"),
    ("中共中央 国务院关于某事的若干意见\n正文。", "policy_document"),
    ("某某区域发展规划（2021—2035年）\n正文。", "policy_document"),
    (
        "中华人民共和国某某法\n第一条 为了规范某事，制定本法。\n第二条 本法适用于某事。",
        "policy_document",
    ),
    ("某某条例\n第一条 为了规范某事，制定本条例。", "policy_document"),
    (
        "本报讯（记者 张某）5日，省委书记李某主持召开领导小组会议。\n会议指出，要深化改革。",
        "meeting_report",
    ),
    ("某地举行迎春灯会\n某地今天举行迎春灯会。", "news"),
    ("中办 国办印发《某某行动方案》\n近日，中办、国办印发了方案。", "news"),
]


@pytest.mark.parametrize(("text", "kind"), KINDS)
def test_kind(text: str, kind: str) -> None:
    assert read(text)["kind"] == kind


def test_given_values_are_kept() -> None:
    meta = read("某地举行会议\n某地今天举行会议。", kind="news", title="给定标题")
    assert (meta["kind"], meta["title"]) == ("news", "给定标题")


# (text, expected event_date) — completing a date from the dateline and publication date.
DATES = [
    # "4日" in a report filed on 3月5日, published 2021-03-05: March 4, 2021.
    (
        "标题\n某网 2021-03-05 10:20\n新华社福州3月5日电 王某某4日下午在福州主持召开座谈会。",
        (2021, 3, 4),
    ),
    # "30日" in a report filed on 1月2日: December 30 of the year before.
    ("标题\n某网 2021-01-02 10:20\n新华社福州1月2日电 王某某30日在福州出席活动。", (2020, 12, 30)),
    # No dateline: the month of publication.
    ("标题\n某网 2021-03-05 10:20\n王某某4日在福州出席活动。", (2021, 3, 4)),
    # Dateline but no publication date: month only, never a guessed year.
    ("标题\n新华社福州3月5日电 王某某4日在福州出席活动。", (None, 3, 4)),
    # Nothing but the day.
    ("标题\n王某某12日下午在某地主持召开座谈会。", (None, None, 12)),
    # A full date is taken as written.
    ("标题\n2019年7月8日，某会议在某地召开。", (2019, 7, 8)),
    # A date still to come: this year's July, next month's 3rd.
    ("标题\n某网 2021-06-30 10:20\n某某将于7月1日出席庆祝活动。", (2021, 7, 1)),
    ("标题\n新华社北京6月30日电 某会议将于3日在北京召开。", (None, 7, 3)),
    # A date something takes effect from is not an event.
    ("标题\n某网 2021-06-30 10:20\n某条例自2022年1月1日起施行，某会议30日召开。", (2021, 6, 30)),
    # A full date far from publication is recalled, not the event: the next date is.
    (
        "标题\n某网 2024-07-28 10:20\n1976年7月28日，某地发生地震；28日，某地举行纪念活动。",
        (2024, 7, 28),
    ),
    ("标题\n某网 2024-07-28 10:20\n1976年7月28日，某地发生地震。", None),
    # A full date within a year of publication is the event.
    ("标题\n某网 2024-01-03 10:20\n2023年12月30日，某会议在某地召开。", (2023, 12, 30)),
    # 今天 is the publication day.
    ("标题\n某网 2021-03-05 10:20\n某会议今天在某地召开。", (2021, 3, 5)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_event_date(text: str, expected: tuple[int | None, ...] | None) -> None:
    found = read(text)["event_date"]
    got = None if found is None else (found["year"], found["month"], found["day"])
    assert got == expected


def test_no_event_date_without_a_day_or_for_a_policy_document() -> None:
    assert read("某地举行会议\n近日，某地举行会议。")["event_date"] is None
    assert read("国务院关于某事的通知\n2020年5月6日，决定如下。")["event_date"] is None


# (lead, province, city, text form)
PLACES = [
    ("王某某4日在黑龙江省哈尔滨市主持召开座谈会。", "黑龙江省", "哈尔滨市", "黑龙江省哈尔滨市"),
    ("王某某4日在重庆主持召开座谈会。", "重庆市", "重庆市", "重庆市"),
    ("王某某4日在江西调研。", "江西省", None, "江西省"),
    ("王某某4日在广西壮族自治区南宁市考察。", "广西壮族自治区", "南宁市", "广西壮族自治区南宁市"),
    ("王某某4日在大连考察。", "辽宁省", "大连市", "辽宁省大连市"),
]


@pytest.mark.parametrize(("lead", "province", "city", "text"), PLACES)
def test_place_from_the_lead(lead: str, province: str, city: str | None, text: str) -> None:
    place = read(f"某某座谈会\n{lead}")["place"]
    assert place == {"province": province, "city": city, "text": text}


def test_place_from_the_dateline_city() -> None:
    place = read("某某座谈会\n新华社长沙3月5日电 会议4日召开。")["place"]
    assert place == {"province": "湖南省", "city": "长沙市", "text": "湖南省长沙市"}


def test_no_place_when_none_is_named() -> None:
    assert read("某某座谈会\n会议4日召开，要求推动发展。")["place"] is None


def test_publication_lines() -> None:
    text = "标题一\n发布时间：2021-03-05 10:20:30 | 来源：某某网 | 作者： | 责任编辑：吴丁\n正文。"
    meta = read(text)
    assert (meta["published"], meta["source"], meta["editor"], meta["author"]) == (
        "2021-03-05T10:20:30",
        "某某网",
        "吴丁",
        None,
    )


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023-09-09 16:14", "2023-09-09T16:14"),
        ("2018-2-7", "2018-02-07"),
        ("2018年2月7日 08:05", "2018-02-07T08:05"),
        ("2023-09-09T16:14", "2023-09-09T16:14"),
        ("不是日期", None),
    ],
)
def test_iso_datetime(text: str, iso: str | None) -> None:
    assert iso_datetime(text) == iso


def test_editor_lines() -> None:
    meta = read("某某座谈会\n会议召开。\n编辑：孙甲\n责任编辑：周乙")
    staff = [(s["name"], s["role"]) for s in meta["staff"]]
    assert staff == [("孙甲", "editor"), ("周乙", "editor")]
    assert meta["editor"] == "孙甲"


def test_staff_reporter_editor_photographer() -> None:
    text = "\n".join(
        [
            "某某座谈会",
            "本报北京3月5日电（记者 孙甲 周乙）4日，座谈会召开。",
            "3月4日，座谈会现场。新华社记者 钱丙 摄",
            "会议要求推动发展。",
            "责任编辑：吴丁",
        ]
    )
    doc = Document.from_raw(text)
    segment_document(doc)
    extract_metadata(doc)
    staff = doc.metadata["staff"]
    assert [(s["name"], s["role"]) for s in staff] == [
        ("孙甲", "reporter"),
        ("周乙", "reporter"),
        ("钱丙", "photographer"),
        ("吴丁", "editor"),
    ]
    assert all(doc.text[s["start"] : s["end"]] == s["name"] for s in staff)
    assert (doc.metadata["reporter"], doc.metadata["photographer"]) == ("孙甲、周乙", "钱丙")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("（记者 孙甲）", ["孙甲"]),
        ("（记者孙甲、周乙）", ["孙甲", "周乙"]),
        ("(记者 孙甲 通讯员 周乙)", ["孙甲", "周乙"]),
        ("（本报记者 孙甲 实习生 周乙）", ["孙甲", "周乙"]),
    ],
)
def test_byline_role_words_are_not_names(byline: str, names: list[str]) -> None:
    meta = read(f"某某座谈会\n本报讯{byline}4日，座谈会召开。")
    assert [s["name"] for s in meta["staff"]] == names


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("中共中央 国务院关于某事的若干意见", ["中共中央", "国务院"]),
        ("中共中央国务院关于某事的若干意见", ["中共中央", "国务院"]),
        ("国务院办公厅关于某事的通知", ["国务院办公厅"]),
        ("中共中央办公厅、国务院办公厅印发《某某方案》", ["中共中央办公厅", "国务院办公厅"]),
        ("某某省人民政府关于某事的通知", ["某某省人民政府"]),
        ("某事的通知", None),
    ],
)
def test_issuers(title: str, expected: list[str] | None) -> None:
    assert issuers(title) == expected


def test_document_number_and_headline_join() -> None:
    text = "国务院关于某事的通知\n国发〔2019〕3号\n各省、自治区、直辖市人民政府：\n一、总体要求"
    meta = read(text)
    assert (meta["doc_number"], meta["issuers"]) == ("国发〔2019〕3号", ["国务院"])


SIGNED = [
    ("国务院\n2024年6月24日", "2024-06-24"),
    ("国务院\n二〇二四年六月二十四日\n（此件公开发布）", "2024-06-24"),
    ("国务院办公厅\n二○一八年二月七日", "2018-02-07"),
    ("（2019年3月1日）\n附件：某某清单", "2019-03-01"),
    ("国务院\n2024年6月24日印发", None),  # a sentence, not the date line
    ("国务院", None),
]


@pytest.mark.parametrize(("closing", "signed"), SIGNED)
def test_signing_date_of_a_policy_document(closing: str, signed: str | None) -> None:
    meta = read(f"国务院关于某事的通知\n国发〔2019〕3号\n一、总体要求\n要推动某事。\n{closing}")
    assert meta["kind"] == "policy_document"
    assert meta["signed"] == signed


def test_no_signing_date_for_a_news_story() -> None:
    meta = read("某地举行迎春灯会\n某地今天举行迎春灯会。\n2024年2月1日")
    assert meta["signed"] is None


def test_title_drops_a_headline_printed_twice() -> None:
    meta = read("甲乙会议强调 丙丁\n某网 2021-03-05 10:20\n甲乙会议强调\n丙丁\n戊己出席\n正文。")
    assert (meta["title"], meta["subtitle"]) == ("甲乙会议强调 丙丁", "戊己出席")


def test_title_keeps_lines_that_only_happen_to_occur_in_the_first() -> None:
    meta = read("推动甲乙发展座谈会强调\n推动甲乙发展\n更好服务大局\n正文。")
    assert meta["title"] == "推动甲乙发展座谈会强调 推动甲乙发展 更好服务大局"


def test_languages() -> None:
    assert read("标题\n正文。\nThe English translation of the text follows.")["languages"] == [
        "zh",
        "en",
    ]


# The seeds' clean texts (read at run time) against their gold files.
def clean_text(prefix: str) -> str:
    original = SEEDS / "originals" / f"{prefix}_original.txt"
    if not original.exists():
        return seed_path(prefix).read_text("utf-8")
    lines = original.read_text("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("# source:"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seeds_against_gold(shared: object, prefix: str) -> None:
    gold = json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text("utf-8"))
    meta = read(clean_text(prefix))
    assert meta["kind"] == gold["kind"]
    assert all(part in meta["title"] for part in gold.get("title_must_contain") or [])
    assert meta["event_date"] == gold.get("event_date")
    assert meta["published"] == gold.get("published")
    assert meta["source"] == gold.get("source")
    place_text = (meta["place"] or {}).get("text") or ""
    assert all(part in place_text for part in gold.get("place_must_contain") or [])
    if "issuers" in gold:
        assert meta["issuers"] == gold["issuers"]
    assert sorted(meta["languages"]) == sorted(gold["languages"])
    staff = {(s["name"], s["role"]) for s in meta["staff"]}
    assert staff == {(p["name"], p["role"]) for p in gold.get("not_participants") or []}


@pytest.mark.parametrize(
    "text",
    [
        "新华社北京9月9日电 9日下午",
        "今天上午，会议召开",
        "2023年9月7日",
        "１２日举行",
        "没有日期",
        "5日电",
    ],
)
def test_day_matches_find_what_a_plain_scan_finds(text: str) -> None:
    assert [m.span() for m in _day_matches(text)] == [m.span() for m in _DAY.finditer(text)]


# Policy documents: 文种, dates, issuers (invented texts) ------------------------------------

LAW = (
    "# 中华人民共和国某某保护法\n\n"
    "2030年6月24日 第十九届全国人民代表大会常务委员会第五次会议通过\n\n"
    "## 第一章 总则\n\n第一条 为了保护某某，制定本法。\n\n第二条 国家加强某某保护。\n\n"
    "## 第二章 附则\n\n第三条 本法自2030年8月1日起施行。\n"
)


def _policy(text: str, source: str = "-") -> dict[str, object]:
    from zhengce.pipeline import process_text

    return process_text(text, source).metadata


def test_a_law_adoption_line_is_metadata_not_title() -> None:
    meta = _policy(LAW)
    assert meta["title"] == "中华人民共和国某某保护法"
    assert meta["doc_type"] == "法律"
    assert meta["kind"] == "policy_document"
    dates = meta["dates"]
    assert isinstance(dates, dict)
    assert dates["adopted"] == "2030-06-24"
    assert dates["adopted_by"] == "第十九届全国人民代表大会常务委员会第五次会议"
    assert dates["effective"] == "2030-08-01"
    assert meta["issuers"] == ["第十九届全国人民代表大会常务委员会"]
    assert meta["articles"] == 3


def test_a_provincial_regulation() -> None:
    text = (
        LAW.replace("中华人民共和国某某保护法", "某某省某某条例")
        .replace("第十九届全国", "某某省第十九届")
        .replace("本法", "本条例")
    )
    meta = _policy(text)
    assert meta["doc_type"] == "地方性法规"
    assert meta["issuers"] == ["某某省第十九届人民代表大会常务委员会"]


def test_a_work_report_title_leaves_out_the_speaker() -> None:
    text = (
        "政府工作报告\n——2030年3月5日在第十九届全国人民代表大会第一次会议上\n国务院总理\n某　某\n"
        "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、过去一年的工作\n过去一年很不平凡。\n"
    )
    meta = _policy(text)
    assert meta["title"] == "政府工作报告"
    assert meta["doc_type"] == "政府工作报告"
    dates = meta["dates"]
    assert isinstance(dates, dict) and dates["delivered"] == "2030-03-05"
    assert meta["issuers"] == ["国务院"]
    assert meta["addressees"] is None


@pytest.mark.parametrize(
    ("title", "doc_type"),
    [
        ("国务院关于某事的指导意见", "指导意见"),
        ("国务院关于某事的若干意见", "意见"),
        ("国务院办公厅关于印发某某方案的通知", "通知"),
        ("国务院关于某事的批复", "批复"),
        ("某某发展规划（2021—2035年）", "规划"),
        ("国务院关于某事的决定", "决定"),
    ],
)
def test_document_types_from_the_title(title: str, doc_type: str) -> None:
    assert _policy(f"{title}\n各地区要做好某事。\n")["doc_type"] == doc_type


def test_news_has_no_document_type() -> None:
    meta = _policy("某地召开座谈会\n新华社北京3月1日电 座谈会1日在京召开。\n")
    assert meta.get("doc_type") is None
