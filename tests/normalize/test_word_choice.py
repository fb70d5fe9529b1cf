from __future__ import annotations

import pytest

from zhengce.lexicon import LexiconError
from zhengce.normalize import word_choice
from zhengce.normalize.word_choice import (
    CUE_CONFIDENCE,
    MARGIN,
    CueTable,
    build_cue_table,
    choose,
    context_gain,
    find_cue,
)

# (default, candidates, left, right, expected): the words a candidate forms with its
# neighbours in jieba's dictionary decide; no evidence keeps the default.
CASES = [
    ("资料", ("资料", "数据"), "建设", "库", "数据"),  # 数据库
    ("智慧", ("智慧", "智能"), "推进", "化改造", "智能"),  # 智能化
    ("支持", ("支持", "支援"), "医疗队", "灾区", "支援"),
    ("资料", ("资料", "数据"), "", "", "资料"),  # nothing around: the default
    ("执行", ("执行", "运行"), "严格", "政策", "执行"),
]


@pytest.mark.parametrize(("default", "candidates", "left", "right", "expected"), CASES)
def test_choice_in_context(
    default: str, candidates: tuple[str, ...], left: str, right: str, expected: str
) -> None:
    choice = choose(default, candidates, left, right)
    assert choice.chosen == expected
    assert 0 < choice.confidence < 1
    assert {word for word, _ in choice.gains} == set(candidates)


def test_a_tie_keeps_the_default_at_even_odds() -> None:
    choice = choose("资料", ("资料", "数据"), "", "")
    assert choice.confidence == pytest.approx(0.5)
    assert "by default" in choice.describe("资料")


def test_gain_needs_the_whole_word() -> None:
    # 核力量 is a dictionary word but takes only half of 内核: no evidence for 内核.
    assert context_gain("事业的", "内核", "力量") == 0
    assert context_gain("推进", "智能", "化") > MARGIN


def test_a_frequent_word_does_not_win_by_frequency_alone() -> None:
    assert context_gain("", "数据", "") == context_gain("", "资料", "") == 0


# --- the cue table (zhengce/data/word_senses.tsv) -----------------------------------

# (taiwan, default, candidates, left, right, expected): sentences written for the test;
# each is decided by a cue row of the shipped table, whatever the jieba gain says.
CUED = [
    ("資料", "数据", ("数据", "资料"), "查阅历史", "，", "资料"),  # left cue 历史
    ("資料", "数据", ("数据", "资料"), "播放", "片", "资料"),  # right cue: 资料片
    ("資料", "数据", ("数据", "资料"), "统计局", "显示", "数据"),
    ("執行", "执行", ("执行", "运行"), "经济平稳", "，", "运行"),  # left cue 平稳
    ("執行", "执行", ("执行", "运行"), "列车", "图调整", "运行"),  # 列车 (2) beats 图 (1)
    ("執行", "执行", ("执行", "运行"), "严格", "政策", "执行"),
    ("智慧", "智能", ("智能", "智慧"), "贡献中国", "，", "智慧"),
    ("智慧", "智能", ("智能", "智慧"), "建设", "城市", "智慧"),
    ("智慧", "智能", ("智能", "智慧"), "发展人工", "产业", "智能"),
    ("高階", "高端", ("高端", "高级", "高阶"), "会见美国", "官员", "高级"),
    ("高階", "高端", ("高端", "高级", "高阶"), "产业基础", "化", "高级"),  # 基础 (2) beats 化 (1)
    ("程序", "程序", ("程序", "进程"), "现代化", "中", "进程"),
    ("程序", "程序", ("程序", "进程"), "依照法定", "办理", "程序"),
    ("裝置", "设备", ("设备", "装置"), "大科学", "建设", "装置"),
    ("啟用", "启用", ("启用", "激活"), "进一步", "消费", "激活"),
    ("影片", "视频", ("视频", "影片"), "一部国产", "上映", "影片"),
    ("開啟", "开启", ("开启", "打开"), "进一步", "市场", "打开"),
]


@pytest.mark.parametrize(("taiwan", "default", "candidates", "left", "right", "expected"), CUED)
def test_a_cue_row_decides(
    taiwan: str,
    default: str,
    candidates: tuple[str, ...],
    left: str,
    right: str,
    expected: str,
) -> None:
    choice = choose(default, candidates, left, right, taiwan)
    assert choice.chosen == expected
    assert choice.cue is not None and choice.cue.mainland == expected
    assert choice.confidence == CUE_CONFIDENCE < 1
    assert "word_senses.tsv" in choice.describe(default)


# (taiwan, default, candidates, left, right): no cue; the jieba gain or the default decides.
UNCUED = [
    ("資料", "数据", ("数据", "资料"), "这些", "很多"),
    ("效能", "效能", ("效能", "性能"), "全面提升", "。"),
    ("高階", "高端", ("高端", "高级", "高阶"), "这是", "。"),
]


@pytest.mark.parametrize(("taiwan", "default", "candidates", "left", "right"), UNCUED)
def test_without_a_cue_the_default_stays(
    taiwan: str, default: str, candidates: tuple[str, ...], left: str, right: str
) -> None:
    choice = choose(default, candidates, left, right, taiwan)
    assert choice.cue is None
    assert choice.chosen == default


def test_a_cue_is_asked_only_for_the_word_as_written() -> None:
    # Without the Taiwan word the table is not consulted: the default stays.
    assert choose("数据", ("数据", "资料"), "历史", "", "").chosen == "数据"
    assert choose("数据", ("数据", "资料"), "历史", "", "資料").chosen == "资料"


def test_the_cue_table_is_what_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    # With an empty table the same sentence falls back to the default.
    assert choose("数据", ("数据", "资料"), "历史", "", "資料").chosen == "资料"
    monkeypatch.setattr(word_choice, "sense_cues", lambda: CueTable({}, {}))
    assert choose("数据", ("数据", "资料"), "历史", "", "資料").chosen == "数据"


def row(taiwan: str, mainland: str, side: str, cues: str) -> dict[str, str]:
    return {"taiwan": taiwan, "mainland": mainland, "side": side, "cues": cues, "note": "test"}


TABLE = build_cue_table(
    [
        row("甲", "a", "left", "一/一二"),
        row("甲", "b", "right", "三"),
        row("甲", "c", "right", "四五"),
        row("甲", "d", "left", "六七"),
    ]
)

# (left, right, expected reading or None): adjacent only, the longest cue wins, equal
# cues for two readings decide nothing.
LOOKUPS = [
    ("一", "", "a"),
    ("x一二", "", "a"),
    ("一x", "", None),  # not adjacent
    ("", "三", "b"),
    ("", "x三", None),
    ("一", "四五", "c"),  # right cue of 2 beats left cue of 1
    ("六七", "四五", None),  # equal lengths, two readings
    ("一", "三", None),
]


@pytest.mark.parametrize(("left", "right", "expected"), LOOKUPS)
def test_cue_lookup(left: str, right: str, expected: str | None) -> None:
    found = find_cue("甲", left, right, TABLE)
    assert (found.mainland if found else None) == expected


@pytest.mark.parametrize(
    "bad",
    [
        [row("甲", "a", "middle", "一")],  # side
        [row("甲", "a", "left", "一/一")],  # twice
        [row("甲", "a", "left", "")],  # empty cue
        [row("甲", "a", "left", "一二三四五六七")],  # longer than the context window
    ],
)
def test_bad_cue_rows_are_refused(bad: list[dict[str, str]]) -> None:
    with pytest.raises(LexiconError):
        build_cue_table(bad)
