from __future__ import annotations

import itertools
import json
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS_MD, GOLD, SEEDS, seed_path
from tests.normalize.variants import count_wrong, fold, split_stories
from zhengce.model import Document, rebuild_raw
from zhengce.normalize import script, word_choice
from zhengce.normalize.script import (
    convert_to_mainland_simplified,
    opencc_share_dir,
    script_tables,
    taiwan_config,
    taiwan_config_path,
    to_simplified,
    traditional_spans,
)
from zhengce.opencc_convert import convert
from zhengce.pipeline import normalize


def run_stage(text: str) -> Document:
    doc = Document.from_raw(text)
    doc.apply_edits("script", convert_to_mainland_simplified(doc))
    return doc


# (traditional as found, mainland simplified expected)
CONVERTED = [
    ("進一步形成高品質發展新格局。", "进一步形成高质量发展新格局。"),
    ("人民生活水準穩步提高。", "人民生活水平稳步提高。"),
    ("堅持以高水準保護支撐高品質發展。", "坚持以高水平保护支撑高质量发展。"),
    ("穩步擴大制度型開放水準。", "稳步扩大制度型开放水平。"),
    ("提升能源資源安全保障水準。", "提升能源资源安全保障水平。"),
    ("更好聯通國內國際迴圈。", "更好联通国内国际循环。"),
    ("推動基本公共服務共用。", "推动基本公共服务共享。"),
    ("加大中央財政支援力度。", "加大中央财政支持力度。"),
    ("做好對口支援工作。", "做好对口支援工作。"),
    ("陜西省委書記趙一德", "陕西省委书记赵一德"),
    ("著力推動,著眼長遠,著手解決。", "着力推动,着眼长远,着手解决。"),
    ("隨著改革深入,意味著責任更重。", "随着改革深入,意味着责任更重。"),
    ("著名學者的著作,成效顯著。", "著名学者的著作,成效显著。"),
    ("健全工作機製。", "健全工作机制。"),
    ("其他省份主要負責同誌提交了書面發言。", "其他省份主要负责同志提交了书面发言。"),
    ("加強汙染治理。", "加强污染治理。"),
    ("改善環境品質。", "改善环境质量。"),
    ("創造高品質生活。", "创造高品质生活。"),
    ("李強、李幹傑出席。", "李强、李干杰出席。"),
    ("打造開放平臺,邁上新臺階。", "打造开放平台,迈上新台阶。"),
    ("突破核心技術,建立健全制度,嚴格執行政策。", "突破核心技术,建立健全制度,严格执行政策。"),
    ("規劃公共用地。", "规划公共用地。"),
    ("加強網際網路資訊服務,推進軟體最佳化。", "加强互联网信息服务,推进软件优化。"),
    ("中國和義大利、紐西蘭、肯亞的合作。", "中国和意大利、新西兰、肯尼亚的合作。"),
    ("烏茲別克總統,塔吉克族群眾。", "乌兹别克斯坦总统,塔吉克族群众。"),
    ("哈薩克斯坦總統。", "哈萨克斯坦总统。"),
    ("鮀島號盾構機。", "鮀岛号盾构机。"),
    ("國家衞生健康委員會,總枱記者,敍利亞。", "国家卫生健康委员会,总台记者,叙利亚。"),  # Hong Kong
]

# Mainland simplified text the stage must not touch (no edit at all).
UNTOUCHED = [
    "创造高品质生活，加大支援力度，对口支援。",
    "核心技术，建立制度，执行任务，著名，显著，公共用地。",
    "全国水准测量，专业水准。",
    "西安周边武功、乾县等5个服务区。",
    "王丙乾同志逝世",
    "授予马善祥、王於昌、李连成国家荣誉称号。",
    "日昇昌票号；冬油菜进入蕾薹期。",
    "Plain English text, 2024-04-24.",
    "",
]


@pytest.mark.parametrize(("traditional", "mainland"), CONVERTED)
def test_traditional_becomes_mainland(traditional: str, mainland: str) -> None:
    assert run_stage(traditional).text == mainland


@pytest.mark.parametrize("text", UNTOUCHED)
def test_simplified_text_is_untouched(text: str) -> None:
    doc = Document.from_raw(text)
    assert convert_to_mainland_simplified(doc) == []
    assert "script" not in doc.metadata


def test_edits_are_grouped_runs_with_reasons_in_input_coordinates() -> None:
    raw = "他說國際迴圈要暢通。"
    doc = Document.from_raw(raw)
    edits = convert_to_mainland_simplified(doc)
    assert [(e.start, e.end, e.before, e.after) for e in edits] == [
        (1, 4, "說國際", "说国际"),
        (4, 6, "迴圈", "循环"),
        (7, 8, "暢", "畅"),
    ]
    assert [e.reason.split(":")[0] for e in edits] == ["t2s", "vocabulary", "t2s"]
    assert all(raw[e.start : e.end] == e.before for e in edits)
    doc.apply_edits("script", edits)
    assert rebuild_raw(doc.text, doc.edits) == raw


def test_a_default_that_can_be_wrong_is_a_guess() -> None:
    # 支援 is usually 支持 in Taiwan text, but 支援 is also right on the mainland:
    # the context decides, and with no evidence the default (支持) stays, as a guess
    # whose reason lists the candidates and their scores.
    edits = convert_to_mainland_simplified(Document.from_raw("他們表示支援。"))
    (support,) = [e for e in edits if "援" in e.before]
    assert (support.before, support.after) == ("支援", "支持")
    assert support.is_guess
    assert "支持 +0.00" in support.reason and "支援 +0.00" in support.reason


# (traditional, mainland): ambiguous Taiwan words decided by the words they form with
# their neighbours in jieba's dictionary, or left to a longer phrase or a context row.
CHOSEN_IN_CONTEXT = [
    ("推進智慧化改造。", "推进智能化改造。"),  # 智能化 is a word, 智慧化 is not
    ("派醫療隊支援災區。", "派医疗队支援灾区。"),  # 支援灾区 (send help to)
    ("建設資料庫。", "建设数据库。"),  # a longer phrase of OpenCC's table settles it
    ("做好對口支援工作。", "做好对口支援工作。"),  # a context row settles it
    ("嚴格執行政策。", "严格执行政策。"),
    ("他查閱資料。", "他查阅资料。"),  # no evidence either way: the everyday word
]


@pytest.mark.parametrize(("traditional", "mainland"), CHOSEN_IN_CONTEXT)
def test_ambiguous_words_are_chosen_in_context(traditional: str, mainland: str) -> None:
    assert run_stage(traditional).text == mainland


# (traditional, mainland): sentences written for the test, each with a Taiwan word that
# stands for two mainland words, decided by a cue row of word_senses.tsv or by the default.
SENSES = [
    ("統計資料顯示,經濟平穩執行。", "统计数据显示,经济平稳运行。"),  # 数据显示, 平稳运行
    ("他查閱歷史資料。", "他查阅历史资料。"),  # 历史资料
    ("這些資料很多。", "这些数据很多。"),  # default 数据
    ("國家資料局成立。", "国家数据局成立。"),  # a cue beats jieba's 资料局
    ("推動人工智慧發展。", "推动人工智能发展。"),
    ("建設智慧城市,凝聚中國智慧。", "建设智慧城市,凝聚中国智慧。"),
    ("推動製造業向中高階邁進。", "推动制造业向中高端迈进。"),  # default 高端
    ("會見美國高階官員。", "会见美国高级官员。"),
    ("夯實產業基礎高階化。", "夯实产业基础高级化。"),  # 基础 (left, 2) beats 化 (right, 1)
    ("推進中國式現代化程序。", "推进中国式现代化进程。"),
    ("依照法定程序辦理。", "依照法定程序办理。"),
    ("建設大科學裝置,推動醫療裝置更新。", "建设大科学装置,推动医疗设备更新。"),
    ("新館正式啟用,進一步啟用消費潛力。", "新馆正式启用,进一步激活消费潜力。"),
    ("一部國產影片上映,觀看影片。", "一部国产影片上映,观看视频。"),
    ("開啟市場,開啟新征程。", "打开市场,开启新征程。"),
    ("全面提升效能,產品效能指標。", "全面提升效能,产品性能指标。"),
    ("視訊連線看望群眾。", "视频连线看望群众。"),  # the cue is read after conversion
    ("嚴格稽核。", "严格审核。"),
    # words right on the mainland stay (the list)
    ("嚴格執行政策,建立健全制度,突破核心技術。", "严格执行政策,建立健全制度,突破核心技术。"),
    ("加大支援力度,做好對口支援。", "加大支持力度,做好对口支援。"),
    # clause cue rows: the cue stands in the clause, not next to the word
    ("這趟列車每天在兩座城市之間執行。", "这趟列车每天在两座城市之间运行。"),
    ("編隊將赴亞丁灣執行護航任務。", "编队将赴亚丁湾执行护航任务。"),
    ("這座城市正在建設智慧便民社區服務體系。", "这座城市正在建设智慧便民社区服务体系。"),
    # keep rows for words a converter reads across a word boundary
    (
        "這標誌著新階段,在境內建立機制,安全形勢穩定。",
        "这标志着新阶段,在境内建立机制,安全形势稳定。",
    ),
]


@pytest.mark.parametrize(("traditional", "mainland"), SENSES)
def test_words_with_two_mainland_readings(traditional: str, mainland: str) -> None:
    assert run_stage(traditional).text == mainland


def test_a_cue_choice_is_a_guess_that_names_its_row() -> None:
    edits = convert_to_mainland_simplified(Document.from_raw("他查閱歷史資料。"))
    (chosen,) = [e for e in edits if e.before == "資料"]
    assert chosen.after == "资料" and chosen.is_guess
    assert "word_senses.tsv" in chosen.reason and "历史+资料" in chosen.reason


def test_without_the_cue_table_the_default_would_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_choice, "sense_cues", lambda: word_choice.CueTable({}, {}))
    assert run_stage("他查閱歷史資料。").text == "他查阅历史数据。"


def test_without_clause_cues_the_default_would_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "這趟列車每天在兩座城市之間執行。"
    assert run_stage(sentence).text == "这趟列车每天在两座城市之间运行。"
    shipped = word_choice.sense_cues()
    adjacent_only = word_choice.CueTable(shipped.by_cue, shipped.lengths)
    monkeypatch.setattr(word_choice, "sense_cues", lambda: adjacent_only)
    assert run_stage(sentence).text == "这趟列车每天在两座城市之间执行。"


def test_every_cue_row_names_an_ambiguous_word_and_one_of_its_readings() -> None:
    ambiguous = script_tables().ambiguous
    table = word_choice.sense_cues()
    clause_rows = [(key, cues.rows) for key, cues in table.clause.items()]
    for (taiwan, _side), cues in [*table.by_cue.items(), *clause_rows]:
        assert taiwan in ambiguous
        assert {row.mainland for row in cues.values()} <= set(ambiguous[taiwan].candidates)


def test_a_word_choice_is_one_guess_edit_over_the_word() -> None:
    raw = "說資料庫和資料。"
    doc = Document.from_raw(raw)
    edits = convert_to_mainland_simplified(doc)
    chosen = [e for e in edits if e.reason.startswith("Taiwan word with more than one")]
    assert [(e.start, e.end, e.before, e.after) for e in chosen] == [(5, 7, "資料", "数据")]
    assert chosen[0].confidence < 1 and "资料" in chosen[0].reason
    starts = [e.start for e in edits]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(edits))
    doc.apply_edits("script", edits)
    assert rebuild_raw(doc.text, doc.edits) == raw


def test_ambiguous_words_come_from_keep_rows_and_alternatives() -> None:
    ambiguous = script_tables().ambiguous
    assert ambiguous["核心"].candidates == ("核心", "内核")  # keep row + OpenCC tw2sp
    assert ambiguous["資料"].candidates == ("数据", "资料")  # row with alternatives
    assert ambiguous["支援"].default == "支持"  # row with alternatives
    assert "支援" in ambiguous["支援"].candidates
    assert "迴圈" not in ambiguous  # one-to-one rows are not ambiguous


def test_only_the_traditional_paragraph_of_a_mixed_document_is_converted() -> None:
    simplified = "新华社北京电 在乾县召开会议，王於昌出席，加大支援力度。\n"
    traditional = "國務院總理李強出席並講話。\n加大支援力度。\n"
    doc = run_stage(simplified + traditional + simplified)
    assert doc.text == simplified + "国务院总理李强出席并讲话。\n加大支持力度。\n" + simplified
    start = len(simplified)
    assert doc.metadata["script"]["traditional_spans"] == [[start, start + len(traditional)]]


def test_pieces_without_script_signs_follow_their_neighbours() -> None:
    text = "國務院辦公廳\n2024-04-24\n加大支援力度\n"  # the last two lines have no sign
    assert traditional_spans(text) == [(0, len(text))]


def test_bare_t2s_would_damage_mainland_text_that_the_stage_leaves() -> None:
    # Why the stage converts only text detected as traditional.
    assert to_simplified("王丙乾") != "王丙乾"
    assert to_simplified("冬油菜进入蕾薹期") != "冬油菜进入蕾薹期"


def test_vocabulary_rows_load_and_keep_rows_win_over_opencc() -> None:
    tables = script_tables()
    assert len(tables.vocabulary) > 50
    assert all(row.note for row in tables.vocabulary.values())
    assert tables.traditional_only.search("國") and not tables.traditional_only.search("国")
    assert tables.simplified_only.search("们") and not tables.simplified_only.search("們")


# OpenCC's own Taiwan phrase table at run time, with our rows first (union group policy).
OPENCC_GROUP = [
    ("嚴格執行政策", "严格执行政策"),  # keep row beats TWPhrasesRev 執行→运行 (equal length)
    ("多執行緒", "多线程"),  # a longer TWPhrasesRev key beats our shorter keep row
    ("資料庫", "数据库"),
    ("核心技術", "核心技术"),
    ("哈薩克斯坦", "哈萨克斯坦"),  # keep row stops 哈薩克→哈萨克斯坦 inside the full name
    ("兩位元首會談", "两位元首会谈"),
    ("首席執行長", "首席执行官"),
    ("軟體最佳化", "软件优化"),  # from OpenCC's table, not ours
]


@pytest.mark.parametrize(("traditional", "mainland"), OPENCC_GROUP)
def test_opencc_taiwan_phrases_with_our_rows_first(traditional: str, mainland: str) -> None:
    assert convert(taiwan_config_path(), traditional) == mainland


# A Taiwan phrase key of OpenCC's table inside two words: the words stand, the key is
# not applied (each pair: the whole sentence, and the phrase that would have slipped in).
BOUNDARY_SLIPS = [
    ("公園都會吸引數萬隻候鳥", "公园都会吸引数万只候鸟"),  # 引數 (argument) → 参数
    ("製造業指數位於擴張區間", "制造业指数位于扩张区间"),  # 數位 (digital) → 数字
    ("保護區總數位居全國第一", "保护区总数位居全国第一"),
    ("盡快取消有關限制", "尽快取消有关限制"),  # 快取 (cache) → 缓存
    ("隧道進入掘進階段", "隧道进入掘进阶段"),  # 進階 (advanced) → 高级
    ("為著陸點選址提供依據", "为着陆点选址提供依据"),  # 點選 (click) → 点击
    ("畫面色調變化豐富", "画面色调变化丰富"),  # 調變 (modulate) → 调制
    ("在境內建立機制", "在境内建立机制"),  # 內建 (built-in) → 内置
    ("年內建成投產", "年内建成投产"),
    ("在區內建設項目", "在区内建设项目"),
    ("重點選育良種", "重点选育良种"),  # 點選 (click) → 点击
    ("試點選取十個縣", "试点选取十个县"),
    ("盡快取得成效", "尽快取得成效"),  # 快取 (cache) → 缓存
    ("維護安全形勢穩定", "维护安全形势稳定"),  # 全形 (full-width) → 全角
    ("入選單位名單", "入选单位名单"),  # 選單 (menu) → 菜单
    ("大規模組織開展", "大规模组织开展"),  # 模組 (module) → 模块
]
# ... while the same keys, standing as words, are still converted.
PHRASES_AS_WORDS = [
    ("函式的引數", "函数的参数"),
    ("推動數位轉型", "推动数字转型"),
    ("清除瀏覽器快取", "清除浏览器缓存"),
    ("軟體最佳化", "软件优化"),
    ("網際網路醫院", "互联网医院"),
    ("手機內建相機", "手机内置相机"),
    ("用滑鼠點選圖示", "用鼠标点击图示"),
    ("下拉選單", "下拉菜单"),
    ("軟體模組", "软件模块"),
]


@pytest.mark.parametrize(("traditional", "mainland"), BOUNDARY_SLIPS + PHRASES_AS_WORDS)
def test_phrases_apply_only_where_they_stand_as_words(traditional: str, mainland: str) -> None:
    assert run_stage(traditional).text == mainland


def test_without_the_boundary_test_the_phrase_would_slip_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(script, "SLIP_MARGIN", math.inf)
    assert run_stage("公園都會吸引數萬隻候鳥").text == "公园都会吸参数万只候鸟"


def test_config_points_at_the_packaged_opencc_dictionaries() -> None:
    config = json.dumps(taiwan_config(script_tables().vocabulary))
    assert str(opencc_share_dir() / "TWPhrasesRev.ocd2") in config
    assert (opencc_share_dir() / "TWPhrasesRev.ocd2").is_file()


# --- seeds and gold -------------------------------------------------------

HAN = re.compile(r"[\u3400-\u9fff]")
NON_SCRIPT_NOISE = re.compile(r"[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü?|]")


def read_original(number: str) -> str:
    text = (SEEDS / "originals" / f"{number}_original.txt").read_text("utf-8")
    return text.split("\n", 1)[1]  # the first line is a "# source:" comment


@pytest.mark.parametrize("number", ["001", "002"])
def test_seed_han_characters_match_the_original(shared: object, number: str) -> None:
    doc = normalize(Document.from_raw(seed_path(number).read_text("utf-8")))
    # Only Han characters: emoji, pinyin and punctuation belong to other stages.
    expected = "".join(HAN.findall(read_original(number)))
    got = "".join(HAN.findall(doc.text))
    wrong, examples = count_wrong(expected, got)
    assert wrong == 0, examples


def script_must_read() -> list[tuple[str, str, str]]:
    if not GOLD.is_dir():
        return []
    pairs: list[tuple[str, str, str]] = []
    for path in sorted(GOLD.glob("*.json")):
        for good, noisy in json.loads(path.read_text("utf-8")).get("must_read") or []:
            if not NON_SCRIPT_NOISE.search(noisy):  # script is the only issue of this pair
                pairs.append((path.stem[:3], good, noisy))
    return pairs


@pytest.mark.parametrize(("number", "good", "noisy"), script_must_read())
def test_gold_must_read_script_pairs(number: str, good: str, noisy: str) -> None:
    doc = normalize(Document.from_raw(seed_path(number).read_text("utf-8")))
    assert noisy in doc.raw_text
    assert fold(good) in fold(doc.text)


@pytest.mark.corpus
def test_stage_changes_nothing_in_the_simplified_corpus(shared: object) -> None:
    stories = 0
    for day in sorted(CORPUS_MD.glob("*.md")):
        for story in split_stories(day.stem, day.read_text("utf-8")):
            stories += 1
            assert convert_to_mainland_simplified(Document.from_raw(story.text)) == [], story.title
    assert stories > 20_000


def test_a_word_chosen_as_written_needs_no_edit() -> None:
    # 核心 (candidates 核心, 内核) is written alike in both scripts: keeping it changes nothing.
    edits = convert_to_mainland_simplified(Document.from_raw("突破核心技術。"))
    assert [(e.start, e.end, e.before, e.after) for e in edits] == [(5, 6, "術", "术")]


def test_a_line_of_character_changes_is_one_edit() -> None:
    # One t2s edit per line between word edits, from the first to the last changed
    # character (the unchanged ones between are in both sides), not one per run.
    raw = "國家發展和改革委員會\n他們說，這是開放的。\n中国\n"
    edits = convert_to_mainland_simplified(Document.from_raw(raw))
    assert [(e.start, e.end, e.before, e.after, e.reason) for e in edits] == [
        (0, 10, "國家發展和改革委員會", "国家发展和改革委员会", "t2s"),
        (12, 18, "們說，這是開", "们说，这是开", "t2s"),
    ]
    doc = Document.from_raw(raw)
    doc.apply_edits("script", convert_to_mainland_simplified(doc))
    assert doc.text == "国家发展和改革委员会\n他们说，这是开放的。\n中国\n"
    assert rebuild_raw(doc.text, doc.edits) == raw


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("我们的循环经济", "我们的回圈经济"),
        ("互联网发展", "网际网路发展"),
        ("abc", ""),
        ("", "abc"),
        ("鍥藉" * 300, "國藉" * 300),
        ("x" * 50 + "软件" + "y" * 50, "x" * 50 + "软体" + "y" * 50),
    ],
)
def test_anchored_alignment_covers_both_texts_in_order(a: str, b: str) -> None:
    opcodes = script._anchored_opcodes(a, b)
    assert [o[1] for o in opcodes] == [0, *[o[2] for o in opcodes[:-1]]]
    assert [o[3] for o in opcodes] == [0, *[o[4] for o in opcodes[:-1]]]
    assert (opcodes[-1][2], opcodes[-1][4]) == (len(a), len(b)) if opcodes else a == b == ""
    for op, i1, i2, j1, j2 in opcodes:
        assert (a[i1:i2] == b[j1:j2]) == (op == "equal")


def test_a_long_clause_without_marks_is_aligned_in_linear_time() -> None:
    # Degenerate input (a clause of thousands of characters, no punctuation) goes to the
    # anchored alignment, not difflib (roughly cubic there: 6 KB took 35 s).
    raw = "鍥藉" * 20_000 + "網際網路" + "鍥藉" * 20_000
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
    assert "互联网" in doc.text


def traditional_spans_piece_by_piece(text: str) -> list[tuple[int, int]]:
    """The definition: call every piece, fill the undecided, merge the traditional ones."""
    tables = script_tables()
    if tables.traditional_only.search(text) is None:
        return []
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in script.PIECE_END.finditer(text):
        pieces.append((start, match.end()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    calls = [script._call_piece(text, a, b, tables) for a, b in pieces]
    script._fill_undecided(calls)
    spans: list[tuple[int, int]] = []
    for (a, b), is_traditional in zip(pieces, calls, strict=True):
        if is_traditional and spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        elif is_traditional:
            spans.append((a, b))
    return spans


PIECE_ALPHABET = "國們於发们国里干中人\n。！？；!,a "


@settings(max_examples=400)
@given(st.text(alphabet=PIECE_ALPHABET, max_size=60))
def test_traditional_spans_equal_the_piece_by_piece_definition(text: str) -> None:
    assert traditional_spans(text) == traditional_spans_piece_by_piece(text)
