from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_MD, GOLD, SEEDS, seed_path
from zhengce.model import Document, rebuild_raw
from zhengce.normalize.chrome import lift_page_chrome

# A made-up government page: every kind of chrome around two lines of text.
PAGE = (
    "您现在的位置：首页 > 新闻中心 > 政策解读\n"
    "关于推进示范区建设的通知\n"
    "发布时间：2024-01-05 10:20  来源：某市人民政府办公室  【字体：大 中 小】 【打印本页】\n"
    "各区县人民政府：现将有关事项通知如下。\n"
    "分享到：微信 微博\n"
    "【打印本页】【关闭窗口】\n"
    "网站地图 | 联系我们\n"
    "\n"
    "主办单位：某市人民政府办公室\n"
    "网站标识码：1234567890 京ICP备12345678号-1\n"
)


def run(text: str, **metadata: Any) -> Document:
    doc = Document.from_raw(text)
    doc.metadata.update(metadata)
    doc.apply_edits("chrome", lift_page_chrome(doc))
    assert rebuild_raw(doc.text, doc.edits) == text
    return doc


def test_page_chrome_goes_and_metadata_stays() -> None:
    doc = run(PAGE)
    assert doc.text == (
        "关于推进示范区建设的通知\n"
        "发布时间：2024-01-05 10:20  来源：某市人民政府办公室   \n"  # spaces: whitespace stage
        "各区县人民政府：现将有关事项通知如下。\n"
        "\n"
    )
    assert doc.metadata["published"] == "2024-01-05T10:20"
    assert doc.metadata["source"] == "某市人民政府办公室"
    assert doc.metadata["breadcrumb"] == "首页 > 新闻中心 > 政策解读"
    for key, (start, end) in doc.metadata["metadata_spans"].items():
        assert (
            PAGE[start:end]
            .replace(" ", "")
            .startswith(str(doc.metadata[key]).replace(" > ", ">").replace("T", "")[:4])
        )
    assert all(edit.reason.startswith("page chrome: ") for edit in doc.edits)


# (line(s), expected metadata): metadata lines are lifted and stay in the text.
METADATA = [
    (
        "来源：央视网    更新时间：2024年10月12日 19:30\n",
        {"source": "央视网", "published": "2024-10-12T19:30"},
    ),
    ("2018-02-07 来源:国务院办公厅\n", {"published": "2018-02-07", "source": "国务院办公厅"}),
    ("新华网 2023-09-09 16:14\n", {"source": "新华网", "published": "2023-09-09T16:14"}),
    ("發佈時間:2024-04-24 09:13:41 | 來源:新華網 | 作者:\n", {"source": "新华网"}),
    ("编辑：杨书杰\n责任编辑：刘亮\n", {"editor": "刘亮"}),  # 责任编辑 outranks 编辑
    ("（责任编辑：王二）\n", {"editor": "王二"}),
    ("日期：2018-02-07 来源：国务院办公厅 字号：大 中 小\n", {"source": "国务院办公厅"}),
    ("作者：新华社记者\n", {"author": "新华社记者"}),
]

# Ordinary text that looks a little like metadata or chrome: nothing lifted, nothing removed.
ORDINARY = [
    "2023年9月9日，新华社报道了座谈会。\n",
    "他把照片分享到朋友圈。\n",
    "关闭高污染企业。\n打印机\n",
    "时间：2023年5月10日上午\n地点：北京\n",  # a notice's own time line: not a date line
    "新华网报道，会议在北京召开。\n",
    "通知正文。\n主办单位：国家发展改革委\n承办单位：某咨询公司\n",  # no chrome-only footer line
    "当前位置很重要。\n",  # 当前位置 in a sentence, no trail
]


@pytest.mark.parametrize(("text", "expected"), METADATA)
def test_metadata_lines_are_lifted_and_kept(text: str, expected: dict[str, str]) -> None:
    doc = run(text)
    for key, value in expected.items():
        assert doc.metadata[key] == value
    assert all("metadata" in e.reason or "font-size" in e.reason for e in doc.edits)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_left_alone(text: str) -> None:
    doc = run(text)
    assert doc.text == text
    lifted = {"published", "source", "author", "editor", "breadcrumb"}
    assert not lifted & set(doc.metadata)


def test_value_set_by_ingest_is_kept() -> None:
    doc = run("来源：新华网\n", source="新华社")
    assert doc.metadata["source"] == "新华社"
    assert "source" not in doc.metadata.get("metadata_spans", {})


def test_glued_name_is_cut_where_the_headline_repeats() -> None:
    text = "某地召开座谈会强调发展\n作者: | 責任編輯:李明華某地召开座谈会强调发展\n正文。\n"
    doc = run(text)
    assert doc.metadata["editor"] == "李明华"
    assert "責任編輯:李明華\n某地召开" in doc.text
    (insert,) = doc.edits
    assert insert.before == "" and insert.after == "\n" and insert.confidence < 1


def test_glued_name_without_echo_is_a_guess() -> None:
    doc = run("责任编辑：李明华某地今年粮食产量再创新高全省上下齐心协力\n")
    assert doc.metadata["editor"] == "李明华"
    assert doc.metadata["metadata_guesses"] == ["editor"]


def _gold(prefix: str) -> dict[str, Any]:
    path = next(GOLD.glob(f"{prefix}_*.json"))
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the checkout")
@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seed_metadata_matches_gold(prefix: str) -> None:
    gold = _gold(prefix)
    raw = seed_path(prefix).read_text("utf-8")
    doc = run(raw)
    assert doc.metadata.get("published") == gold["published"]
    assert doc.metadata.get("source") == gold["source"]
    for word in gold.get("boilerplate_removed") or []:
        assert word not in doc.text
    for key, (start, end) in doc.metadata["metadata_spans"].items():
        assert 0 <= start < end <= len(raw), key
    editors = [p["name"] for p in gold.get("not_participants") or [] if p["role"] == "editor"]
    if editors:
        assert doc.metadata["editor"] == editors[0]


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_MD.is_dir(), reason="../shared is not beside the checkout")
def test_story_text_loses_nothing() -> None:
    """The transcripts are story text only: the stage must neither remove nor lift anything."""
    for path in sorted(CORPUS_MD.glob("*.md"))[::10]:
        doc = Document.from_raw(path.read_text("utf-8"))
        assert lift_page_chrome(doc) == [], path.name
        assert "metadata_spans" not in doc.metadata, path.name


PIECES = [
    "当前位置：",
    "首页",
    " > ",
    "发布时间：",
    "2024-01-05 10:20",
    "来源：",
    "新華網",
    " | ",
    "责任编辑：",
    "张三",
    "某地召开会议",
    "【字体：大 中 小】",
    "【打印本页】",
    "关闭窗口",
    "分享到：",
    "微信",
    "主办单位：",
    "访问统计：",
    "京ICP备1号",
    "\n",
    "\r\n",
    " ",
    "\u3000",
    "。",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_mix_of_chrome_pieces_is_lossless(raw: str) -> None:
    run(raw)  # applies (edits must not overlap) and checks rebuild_raw
