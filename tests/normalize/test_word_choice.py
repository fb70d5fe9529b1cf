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
    find_clause_cue,
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


# (taiwan, default, candidates, left, right, expected): sentences written for the test in
# which no cue stands next to the word but a clause cue row of the shipped table stands
# further off in the same clause.
CLAUSE_CUED = [
    ("執行", "执行", ("执行", "运行"), "这趟列车每天在两座城市之间", "。", "运行"),  # 列车 …
    ("執行", "执行", ("执行", "运行"), "新建的大科学装置将于明年", "，", "运行"),  # 装置 …
    ("執行", "执行", ("执行", "运行"), "今年全省外贸在复杂形势下", "，", "运行"),  # 外贸 …
    ("執行", "执行", ("执行", "运行"), "目前仍在", "的两台机组", "运行"),  # … 机组
    ("執行", "执行", ("执行", "运行"), "编队将赴亚丁湾", "护航任务。", "执行"),  # … 任务
    ("執行", "执行", ("执行", "运行"), "今年的预算草案正在", "。", "执行"),  # 预算 …
    ("智慧", "智能", ("智能", "智慧"), "为全球治理贡献了各方的", "方案", "智慧"),  # 贡献 …
    ("智慧", "智能", ("智能", "智慧"), "这座城市正在建设", "便民社区服务体系", "智慧"),  # … 社区
]


@pytest.mark.parametrize(
    ("taiwan", "default", "candidates", "left", "right", "expected"), CLAUSE_CUED
)
def test_a_clause_cue_row_decides(
    taiwan: str,
    default: str,
    candidates: tuple[str, ...],
    left: str,
    right: str,
    expected: str,
) -> None:
    choice = choose(default, candidates, left, right, taiwan)
    assert choice.chosen == expected
    assert choice.cue is not None and choice.cue.side.startswith("clause-")
    assert "…" in choice.describe(default)


def test_an_adjacent_cue_comes_before_a_clause_cue() -> None:
    # 系统 (clause, 运行) is further off than 严格 (adjacent, 执行).
    choice = choose("执行", ("执行", "运行"), "这套系统严格", "。", "執行")
    assert choice.chosen == "执行"
    assert choice.cue is not None and choice.cue.side == "left"


def test_clause_cues_stop_at_the_clause_break() -> None:
    assert find_clause_cue("執行", "列车到站，乘务员开始", "。") is None
    assert find_clause_cue("執行", "列车到站后乘务员开始", "。") is not None


def test_clause_cues_on_two_sides_that_disagree_decide_nothing() -> None:
    assert find_clause_cue("執行", "这套系统将", "新的巡检任务。") is None


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
        row("甲", "a", "clause-left", "八"),
        row("甲", "b", "clause-left", "九"),
        row("甲", "b", "clause-right", "十"),
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


# (left, right, expected reading or None): clause cues, the nearest on a side counts,
# within the clause only, two sides that disagree decide nothing.
CLAUSE_LOOKUPS = [
    ("八xx", "", "a"),
    ("九x八x", "", "a"),  # 八 is nearer
    ("八x九x", "", "b"),
    ("八，x", "", None),  # beyond the clause break
    ("", "xx十", "b"),
    ("", "x。十", None),
    ("九x", "x十", "b"),  # both sides agree
    ("八x", "x十", None),  # they disagree
]


@pytest.mark.parametrize(("left", "right", "expected"), CLAUSE_LOOKUPS)
def test_clause_cue_lookup(left: str, right: str, expected: str | None) -> None:
    found = find_clause_cue("甲", left, right, TABLE)
    assert (found.mainland if found else None) == expected


def test_clause_cues_are_separate_from_adjacent_ones() -> None:
    assert find_cue("甲", "八", "", TABLE) is None  # an adjacent lookup never reads clause rows
    assert choose("a", ("a", "b"), "九xx", "", "").chosen == "a"  # no Taiwan word: no table


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
