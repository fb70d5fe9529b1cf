"""Participants: who was at the event, with posts in order and a role.

The golden cases are sentences written for these tests in the shapes Chinese reports use
(the names are invented); the seed tests read ../shared at run time.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD, GOLD, SEEDS
from zhengce.eval.textdiff import fold
from zhengce.extract.participants import find_participants
from zhengce.extract.participants.bylines import _STAFF_PATTERNS, find_staff
from zhengce.extract.participants.lexicon import (
    _SENTENCES,
    MAX_LIST_ITEMS,
    PARTICIPANT_ROLES,
    _widen_dollars,
    lexicon,
)
from zhengce.extract.participants.roles import role_groups
from zhengce.lexicon import load_table
from zhengce.model import Document, Paragraph
from zhengce.pipeline import analyze, normalize, process_text


def lines_document(text: str) -> Document:
    """A document whose body paragraphs are its non-empty lines (tests only, no segmenter)."""
    doc = Document.from_raw(text)
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            doc.paragraphs.append(Paragraph(stripped, start, start + len(stripped), "body"))
        offset += len(line)
    return doc


def people(text: str) -> list[tuple[str, list[str], str]]:
    doc = lines_document(text)
    find_participants(doc)
    return [(p.name, p.positions, p.role) for p in doc.participants]


CASES = [
    pytest.param(
        "中共中央政治局常委、国务院总理王建国，中共中央政治局常委、中央办公厅主任刘明远出席会议。",
        [
            ("王建国", ["中共中央政治局常委", "国务院总理"], "attendee"),
            ("刘明远", ["中共中央政治局常委", "中央办公厅主任"], "attendee"),
        ],
        id="posts-shared-across-comma-list",
    ),
    pytest.param(
        "新华社长沙5月6日电 中共中央总书记、国家主席、中央军委主席张振华5日上午在湖南省长沙市"
        "主持召开推动中部地区崛起座谈会并发表重要讲话。",
        [("张振华", ["中共中央总书记", "国家主席", "中央军委主席"], "chair")],
        id="chair-three-posts-time-place",
    ),
    pytest.param(
        "座谈会上，国家发展改革委主任赵立新、湖南省委书记孙文博、"
        "广西壮族自治区党委书记周海涛先后发言。",
        [
            ("赵立新", ["国家发展改革委主任"], "speaker"),
            ("孙文博", ["湖南省委书记"], "speaker"),
            ("周海涛", ["广西壮族自治区党委书记"], "speaker"),
        ],
        id="speakers-each-with-own-post",
    ),
    pytest.param(
        "陈国栋、林志远、黄思敏出席座谈会，中央和国家机关有关部门、有关地方负责同志参加座谈会。",
        [("陈国栋", [], "attendee"), ("林志远", [], "attendee"), ("黄思敏", [], "attendee")],
        id="bare-names-and-organizations",
    ),
    pytest.param(
        "省长、省委乡村振兴领导小组组长马晓东讲话，副组长郑一鸣、吴海波、冯佳出席。",
        [
            ("马晓东", ["省长", "省委乡村振兴领导小组组长"], "speaker"),
            ("郑一鸣", ["副组长"], "attendee"),
            ("吴海波", ["副组长"], "attendee"),
            ("冯佳", ["副组长"], "attendee"),
        ],
        id="post-before-list-applies-to-each",
    ),
    pytest.param(
        "四川省委书记王平先后发言，江苏省委书记宋伟提交了书面发言。",
        [("王平", ["四川省委书记"], "speaker"), ("宋伟", ["江苏省委书记"], "written_statement")],
        id="written-statement-not-speaker",
    ),
    pytest.param(
        "张振华在湖北省委书记何勇、省长徐立陪同下，先后来到武汉、宜昌等地考察。",
        [("何勇", ["湖北省委书记"], "accompanying"), ("徐立", ["省长"], "accompanying")],
        id="accompanied-by",
    ),
    pytest.param(
        "陪同出访的有：中共中央政治局委员、中央书记处书记罗志刚，国务委员兼外交部部长邓海。",
        [
            ("罗志刚", ["中共中央政治局委员", "中央书记处书记"], "accompanying"),
            ("邓海", ["国务委员", "外交部部长"], "accompanying"),
        ],
        id="list-after-colon-and-jian",
    ),
    pytest.param(
        "刘明远出席会议。\n刘明远在讲话中表示，要抓好落实。",
        [("刘明远", [], "speaker")],
        id="strongest-role-wins",
    ),
    pytest.param(
        "全国政协副主席韩立主持会议。韩立强调，要做好工作。",
        [("韩立", ["全国政协副主席"], "chair")],
        id="chair-stays-chair",
    ),
    pytest.param(
        "主题教育中央第二指导组有关负责同志、中国建筑集团有限公司主要负责同志发言。",
        [],
        id="organizations-are-not-people",
    ),
    pytest.param(
        "会议指出，要深入学习贯彻张振华总书记重要讲话精神，扎实推进各项工作。",
        [],
        id="person-named-but-not-at-event",
    ),
    pytest.param(
        "自治区主席艾买提·吐尔逊、副主席王刚出席开幕式。",
        [("艾买提·吐尔逊", ["自治区主席"], "attendee"), ("王刚", ["副主席"], "attendee")],
        id="transliterated-name",
    ),
    pytest.param(
        "马兴国、何立新、吴政平、穆宏同志结合分管领域的工作作了发言。",
        [(name, [], "speaker") for name in ("马兴国", "何立新", "吴政平", "穆宏")],
        id="tongzhi-then-verb-later",
    ),
    pytest.param(
        "出席会议的哈萨克斯坦总统托卡耶夫表示，愿加强合作。",
        [("托卡耶夫", ["哈萨克斯坦总统"], "attendee")],
        id="participle-before-the-person",
    ),
    pytest.param(
        "科研院所、高校、职业院校等参加的产业技术创新联盟，吉林、江西两省参加。",
        [],
        id="institutions-and-places-are-not-people",
    ),
    pytest.param(
        "中共中央政治局常委张振华主持开班式，中共中央政治局常委王建国、刘明远，"
        "国家副主席林海出席开班式。",
        [
            ("张振华", ["中共中央政治局常委"], "chair"),
            ("王建国", ["中共中央政治局常委"], "attendee"),
            ("刘明远", ["中共中央政治局常委"], "attendee"),
            ("林海", ["国家副主席"], "attendee"),
        ],
        id="chair-then-attendees-in-one-sentence",
    ),
]


CASES += [
    pytest.param(
        "应张振华总理邀请，西班牙首相桑切斯将出席年会。",
        [("桑切斯", ["西班牙首相"], "attendee")],
        id="invitation-clause-and-foreign-name",
    ),
    pytest.param(
        "代表们完全赞成张振华总理所作的政府工作报告。",
        [],
        id="chinese-name-before-title-is-not-a-country",
    ),
    pytest.param(
        "香港特别行政区行政长官罗家明，中国国民党前主席马文德出席开幕式。",
        [
            ("罗家明", ["香港特别行政区行政长官"], "attendee"),
            ("马文德", ["中国国民党前主席"], "attendee"),
        ],
        id="modifier-before-title",
    ),
    pytest.param(
        "中央军委委员刘振华、张立民，军委机关各部门主要负责同志等参加仪式。",
        [("刘振华", ["中央军委委员"], "attendee"), ("张立民", ["中央军委委员"], "attendee")],
        id="names-then-bodies-share-the-verb",
    ),
    pytest.param(
        "全国政协副主席胡文、沈明围绕学习贯彻会议精神作发言。",
        [("胡文", ["全国政协副主席"], "speaker"), ("沈明", ["全国政协副主席"], "speaker")],
        id="topic-between-name-and-verb",
    ),
    pytest.param(
        "随后，张振华听取工作汇报，并发表重要讲话。",
        [("张振华", [], "speaker")],
        id="predicate-continues-after-bing",
    ),
    pytest.param(
        "厄瓜多尔总统吉列尔莫·拉索出席并致辞。",
        [("吉列尔莫·拉索", ["厄瓜多尔总统"], "speaker")],
        id="transliterated-name-stops-at-verb",
    ),
    pytest.param("会见时，巴方、伊方人员参加。", [], id="sides-are-not-people"),
    pytest.param(
        "座谈会上，黄文、杨志、历军、于东来等先后发言。",
        [(name, [], "speaker") for name in ("黄文", "杨志", "历军", "于东来")],
        id="unknown-surname-inside-list-ending-in-jun",
    ),
    pytest.param(
        "闭幕会由大会主席团常务主席张振华主持。",
        [("张振华", ["大会主席团常务主席"], "chair")],
        id="event-you-by-then-post",
    ),
    pytest.param(
        "杭州亚运会组委会主席王浩和亚洲奥林匹克理事会副主席霍文出席。",
        [
            ("王浩", ["杭州亚运会组委会主席"], "attendee"),
            ("霍文", ["亚洲奥林匹克理事会副主席"], "attendee"),
        ],
        id="shortest-post-leaves-the-name",
    ),
    pytest.param(
        "美国总统马丁及其夫人出席晚宴。",
        [("马丁", ["美国总统"], "attendee")],
        id="spouse-is-not-a-name",
    ),
    pytest.param(
        "十四届全国人大常委会委员长会议7日举行，张振华委员长主持。",
        [("张振华", [], "chair")],
        id="title-of-address-after-name",
    ),
    pytest.param(
        "刘明远、户晓社、赖明等政协常委作大会发言。",
        [(name, [], "speaker") for name in ("刘明远", "户晓社", "赖明")],
        id="rare-surname-inside-a-list-of-names",
    ),
    pytest.param(
        "会议强调，张振华总书记在全国两会期间发表了一系列重要讲话。",
        [],
        id="people-inside-reported-speech",
    ),
    pytest.param(
        "会议听取了全国人大财政经济委员会副主任委员、预算工作委员会主任史文华作的关于决算草案的汇报。",
        [("史文华", ["全国人大财政经济委员会副主任委员", "预算工作委员会主任"], "speaker")],
        id="heard-the-report-made-by",
    ),
    pytest.param(
        "受国务院委托，司法部部长贺文作了关于监狱法修订草案的说明，秘书长杨立向会议作了汇报。",
        [("贺文", ["司法部部长"], "speaker"), ("杨立", ["秘书长"], "speaker")],
        id="made-an-explanation",
    ),
    pytest.param(
        "美国副总统万里在之后的讲话中批评了欧洲。",
        [("万里", ["美国副总统"], "speaker")],
        id="in-a-later-speech",
    ),
    pytest.param(
        "代表们表示，张振华总书记在大会上的重要讲话鼓舞人心。",
        [],
        id="speech-as-a-noun",
    ),
    pytest.param(
        "王建国访问期间，在莫斯科同议长会谈，并出席合作委员会会议。",
        [],
        id="zai-before-a-place-is-not-a-list",
    ),
    pytest.param(
        "塔吉克斯坦总理拉苏尔，乌兹别克斯坦总理阿里夫与会。",
        [("拉苏尔", ["塔吉克斯坦总理"], "attendee"), ("阿里夫", ["乌兹别克斯坦总理"], "attendee")],
        id="yuhui-attended",
    ),
    pytest.param(
        "市领导钱立群、孙浩出席会议。",
        [("钱立群", [], "attendee"), ("孙浩", [], "attendee")],
        id="leaders-label-is-not-a-post",
    ),
    pytest.param(
        "会议由省领导钱立群主持，中央领导同志孙浩出席。",
        [("钱立群", [], "chair"), ("孙浩", [], "attendee")],
        id="leaders-label-after-you",
    ),
    pytest.param(
        "市领导班子成员出席会议。",
        [],
        id="leaders-label-without-names",
    ),
    pytest.param(
        "国家主席钱立群24日在人民大会堂会见某国总统杜达。",
        [("钱立群", ["国家主席"], "host"), ("杜达", ["某国总统"], "guest")],
        id="meeting-host-and-guest",
    ),
    pytest.param(
        "国务院总理钱立群同某国总理范明政举行会谈。",
        [("钱立群", ["国务院总理"], "host"), ("范明政", ["某国总理"], "guest")],
        id="talks-partner-is-a-guest",
    ),
    pytest.param(
        "外交部长孙浩与某国外长拉夫罗夫会谈。",
        [("孙浩", ["外交部长"], "host"), ("拉夫罗夫", ["某国外长"], "guest")],
        id="yu-joins-no-list-before-talks",
    ),
    pytest.param(
        "钱立群在会见某国总统杜达时表示，两国要加强合作。",
        [("钱立群", [], "host"), ("杜达", ["某国总统"], "guest")],
        id="guest-ends-before-shi",
    ),
    pytest.param(
        "孙浩、王珊参加会见。",
        [("孙浩", [], "attendee"), ("王珊", [], "attendee")],
        id="taking-part-in-a-meeting-is-not-hosting",
    ),
    pytest.param(
        "钱立群将会见某国总统杜达。",
        [],
        id="a-meeting-to-come",
    ),
    pytest.param(
        "双方同意下月举行会谈。",
        [],
        id="talks-agreed-on",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_participants_of_sentences(text: str, expected: list[tuple[str, list[str], str]]) -> None:
    assert people(text) == expected


def test_participant_spans_point_at_the_name() -> None:
    doc = lines_document("前言。\n副组长郑一鸣、吴海波出席。")
    find_participants(doc)
    assert [doc.text[p.start : p.end] for p in doc.participants] == ["郑一鸣", "吴海波"]


def test_only_body_paragraphs_are_read() -> None:
    doc = lines_document("王建国刘明远出席\n王建国出席会议。")
    doc.paragraphs[0].kind = "subtitle"
    find_participants(doc)
    assert [p.name for p in doc.participants] == ["王建国"]


STAFF_CASES = [
    pytest.param("本报讯（记者 曹文华）23日，会议召开。", [("曹文华", "reporter")], id="byline"),
    pytest.param(
        "5日上午，张振华在长沙主持召开座谈会。新华社记者 王军 摄",
        [("王军", "photographer")],
        id="photo-credit",
    ),
    pytest.param(
        "发布时间：2024-04-24 | 来源：新华网 | 责任编辑：李思思张振华主持召开座谈会",
        [("李思思", "editor")],
        id="editor-glued-to-title",
    ),
    pytest.param("记者从国家发展改革委获悉，项目进展顺利。", [], id="reporter-as-narrator"),
]


@pytest.mark.parametrize(("text", "expected"), STAFF_CASES)
def test_staff_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    doc = Document.from_raw(text)
    assert [(p.name, p.role) for p in find_staff(doc)] == expected


def test_staff_from_metadata_are_never_participants() -> None:
    doc = lines_document("王军出席会议。")
    doc.metadata["staff"] = [{"name": "王军", "role": "photographer", "start": 0, "end": 2}]
    find_participants(doc)
    assert doc.participants == []
    assert [(p.name, p.role) for p in doc.not_participants] == [("王军", "photographer")]


# --------------------------------------------------------------------------- lexicon


def test_role_table_uses_known_roles() -> None:
    known = PARTICIPANT_ROLES | {"none", "speech", "adverb", "act"}
    rows = load_table("roles")
    assert {row["role"] for row in rows} <= known
    for row in rows:
        re.compile(row["pattern"])


def test_position_levels() -> None:
    lex = lexicon()
    assert lex.level("新疆维吾尔自治区党委书记") == "provincial"
    assert lex.level("国家发展改革委主任") == "ministerial"
    assert lex.level("中共中央总书记") == "central"
    assert lex.level("哈尔滨市委书记") == "municipal"


@pytest.mark.parametrize(
    ("candidate", "plausible"),
    [
        ("王建国", True),
        ("欧阳明华", True),
        ("欧阳", False),  # a compound surname alone is not a name
        ("座谈会", False),
        ("会议", False),
        ("吉林", False),  # a province
        ("韩国", False),  # a country
        ("高度重视", False),
        ("王建国华", False),  # four characters need a compound surname
        ("张主席", False),  # a form of address, not a name
        ("李强是", False),  # grammar
    ],
)
def test_name_plausibility(candidate: str, plausible: bool) -> None:
    assert lexicon().is_name(candidate) is plausible


def test_surnames_are_unique_and_short() -> None:
    rows = load_table("surnames")
    surnames = [row["surname"] for row in rows]
    assert len(surnames) == len(set(surnames))
    assert all(len(row["surname"]) == (1 if row["kind"] == "single" else 2) for row in rows)


def test_not_names_could_otherwise_pass_as_names() -> None:
    """A row is only useful if its word starts with a surname."""
    lex = lexicon()
    for row in load_table("not_names"):
        word = row["word"]
        assert word[0] in lex.single_surnames or word[:2] in lex.compound_surnames, word


def test_not_name_start_matches_exactly_the_words_that_begin_a_candidate() -> None:
    """The compiled alternation must agree with a startswith test on every word."""
    lex = lexicon()
    candidates = {w + "某" for w in lex.not_names} | {w[:-1] for w in lex.not_names} | {"张某"}
    for candidate in candidates:
        expected = any(candidate.startswith(word) for word in lex.not_names)
        assert bool(lex.not_name_start.match(candidate)) is expected, candidate


# Invented sentences: with a role verb, with only a "none" reading, with none at all.
ROLE_TEST_SENTENCES = [
    "张振华主持会议",
    "王军、李思思出席",
    "主持人宣布开幕",
    "听取大家发言后",
    "在省长王军陪同下",
    "与会同志表示",
    "项目进展顺利",
    "会议认为",
    "",
]


@pytest.mark.parametrize("sentence", ROLE_TEST_SENTENCES)
def test_any_role_re_finds_a_verb_where_role_re_does(sentence: str) -> None:
    lex = lexicon()
    assert bool(lex.any_role_re.search(sentence)) is bool(lex.role_re.search(sentence))


def test_staff_patterns_name_a_word_they_contain() -> None:
    """find_staff skips a pattern on texts without its word: the word must be in it."""
    for pattern, _role, word in _STAFF_PATTERNS:
        assert word in pattern.pattern, pattern.pattern


# --------------------------------------------------------------------------- seeds


def _gold_cases() -> list[tuple[Path, dict[str, object]]]:
    cases = []
    for gold_path in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if gold.get("participants") is not None:
            cases.append((SEEDS / f"{gold_path.stem}.txt", gold))
    return cases


def _expected(gold: dict[str, object]) -> set[tuple[str, tuple[str, ...], str]]:
    rows = gold["participants"]
    assert isinstance(rows, list)
    return {(fold(r["name"]), tuple(fold(p) for p in r["positions"]), r["role"]) for r in rows}


def _found(doc: Document) -> set[tuple[str, tuple[str, ...], str]]:
    return {(fold(p.name), tuple(fold(x) for x in p.positions), p.role) for p in doc.participants}


@pytest.mark.parametrize(
    ("seed", "gold"), _gold_cases(), ids=lambda v: v.stem if isinstance(v, Path) else ""
)
def test_seed_participants(shared: Path, seed: Path, gold: dict[str, object]) -> None:
    from zhengce.ingest import read_source

    doc = analyze(normalize(read_source(str(seed))))
    assert _found(doc) == _expected(gold)
    for person in doc.participants:
        assert doc.text[person.start : person.end] == person.name
    staff = gold.get("not_participants") or []
    assert isinstance(staff, list)
    assert {(s["name"], s["role"]) for s in staff} <= {
        (p.name, p.role) for p in doc.not_participants
    }


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_original_participants(shared: Path, prefix: str) -> None:
    gold_path = next(GOLD.glob(f"{prefix}_*.json"))
    gold = json.loads(gold_path.read_text("utf-8"))
    lines = (SEEDS / "originals" / f"{prefix}_original.txt").read_text("utf-8").splitlines(True)
    doc = process_text("".join(line for line in lines if not line.startswith("# source:")))
    assert _found(doc) == _expected(gold)


# --------------------------------------------------------------------------- corpus


@pytest.mark.corpus
def test_corpus_participants_are_well_formed(shared: Path) -> None:
    """On a sample of days: names look like names, spans point at them, staff stay out."""
    from zhengce.segment.stories import split_stories

    lex = lexicon()
    days = sorted(CORPUS_MD.glob("*.md"))
    random.Random(7).shuffle(days)
    with_people = 0
    for path in days[:25]:
        for doc in split_stories(path.read_text("utf-8"), str(path)) or []:
            analyze(normalize(doc))
            with_people += bool(doc.participants)
            staff = {p.name for p in doc.not_participants}
            for person in doc.participants:
                assert person.role in PARTICIPANT_ROLES
                assert doc.text[person.start : person.end] == person.name
                foreign = any(lex.level(post) == "foreign" for post in person.positions)
                plausible = lex.is_name(person.name) or lex.is_listed_name(person.name)
                assert "·" in person.name or foreign or plausible, person.name
                assert person.name not in staff
    assert with_people > 25  # roughly ten stories a day name people at an event


@pytest.mark.parametrize(
    ("pattern", "widened"),
    [
        ("与会$", "与会(?:$|(?=[。！？；!?;\\n]))"),
        ("与会(?=同志|$)", "与会(?=同志|(?:$|(?=[。！？；!?;\\n])))"),
        ("[$]元", "[$]元"),  # in a class: a dollar sign
        ("\\$元", "\\$元"),  # escaped
        ("[]$]", "[]$]"),  # "]" first in a class is a member
        ("[^]$]$", "[^]$](?:$|(?=[。！？；!?;\\n]))"),
    ],
)
def test_only_end_anchors_are_widened(pattern: str, widened: str) -> None:
    assert _widen_dollars(pattern) == widened


# Paragraphs where a role verb ends a sentence (与会 before ！ is "…$" in its sentence) or
# stands in the middle, and one without any.
HINT_TEXTS = [
    "李强、丁薛祥等与会！会议强调，要抓好落实。",
    "中央政治局委员、国务院副总理何立峰出席会议并讲话。",
    "今年以来，全省经济运行稳中向好。",
    "王毅陪同会见；李强主持会议？",
]


@pytest.mark.parametrize("text", HINT_TEXTS)
def test_paragraph_hint_finds_every_paragraph_with_a_role_verb_in_a_sentence(text: str) -> None:
    lex = lexicon()
    assert lex.role_hint is not None
    in_a_sentence = any(
        lex.any_role_re.search(text, *sentence.span()) for sentence in _SENTENCES.finditer(text)
    )
    assert not in_a_sentence or lex.role_hint.search(text)
    assert role_groups(text, lex) == _role_groups_without_hint(text)


def _role_groups_without_hint(text: str) -> list[object]:
    lex = lexicon()
    hint, lex.role_hint = lex.role_hint, None
    try:
        return list(role_groups(text, lex))
    finally:
        lex.role_hint = hint


def test_a_list_longer_than_any_event_is_not_read_and_does_not_crash() -> None:
    surnames, given = "王李张刘陈杨黄赵吴周", "明华强伟平军杰涛超勇"
    names = [a + b + c for a in surnames for b in given for c in given]
    assert len(people("、".join(names[:MAX_LIST_ITEMS]) + "出席会议。")) == MAX_LIST_ITEMS
    assert people("、".join(names[: MAX_LIST_ITEMS + 1]) + "出席会议。") == []
