"""The people tables compiled: posts (data/positions.tsv), role verbs (roles.tsv), surnames,
non-names and places, with the constants the parsers share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zhengce.lexicon import load_table
from zhengce.word_patterns import guarded

# Strongest evidence wins when a person is named more than once (丁薛祥 出席 ... 在讲话中表示).
ROLE_RANK = {
    "chair": 7,
    "host": 6,  # received a visitor or held talks (会见, 会谈): the meeting is theirs
    "guest": 5,  # the visitor met, the partner in talks
    "speaker": 4,
    "written_statement": 3,
    "attendee": 2,
    "accompanying": 1,
}
PARTICIPANT_ROLES = frozenset(ROLE_RANK)
READ_KINDS = frozenset({"body", "dateline"})

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
MAX_POST = 32  # longest post we try, in characters (省委区域协调发展领导小组组长 is 14)
# Most people one list names: a plenary's presidium is about 190 (the 20th Party Congress).
MAX_LIST_ITEMS = 300
SEPARATORS = "、和及与"  # between items of one list
POST_JOIN = "兼"  # holds two posts at once (国务委员兼外交部部长)
CHAIN_JOINS = ("、", POST_JOIN)  # between posts of one person

_SENTENCES = re.compile(r"[^。！？；!?;\n]+")
# Clause breaks: commas, colons, spaces, and whole bracketed asides ((记者 曹忠义)).
_BREAKS = re.compile(r"[，,：:\s]+|（[^（）]*）|\([^()]*\)")
_HAN_RUN = re.compile(f"[{HAN}]+")
_TRANSLITERATED = re.compile(f"[{HAN}]{{1,8}}(?:·[{HAN}]{{1,8}})+")
# "在省委书记王晓晖、省长黄强陪同下": the people between 在 and 陪同下 accompany the subject.
_ACCOMPANIED_BY = re.compile(r"在([^，。；在]{2,60}?)陪同下")
# "陪同出访的有：..." / "出席会议的还有...": the list after the colon has the verb's role.
_LIST_AFTER = re.compile(r"(出席|参加|陪同|列席)[^，。；：]{0,20}?的(?:还)?有[：:]?")
# "出席会议的哈萨克斯坦总统托卡耶夫表示": a participle clause before the people.
_PARTICIPLE = re.compile(r"(出席|参加|列席)[^，。；：]{0,16}?的")
# Words that open a clause before the people in it (包括叙利亚外长…, 在加拿大外长…讲话现场).
# 省领导X、Y出席: a collective label for the leaders of a level of government, not a post.
_LEADERS_LABEL = r"(?:中央|国家|省|市|州|县|区|盟|旗|乡|镇|校|部|厅|局|委)领导(?:同志)?"
_LEAD_IN = re.compile(
    r"(?:包括|其中|以及|还有|在|(?:[^，。；]{0,10}?(?:会|式|议|坛|动|礼|宴|典|赛))?由"
    r"|(?:会议|座谈会|大会|会上)?(?:还)?听取了?"  # 会议听取了主任委员X作的…报告
    rf")(?:{_LEADERS_LABEL})?|{_LEADERS_LABEL}"
)
# "应李强总理邀请": the person named invited; the clause is not a list of people at the event.
_INVITATION = re.compile(r"应[^，。；]{1,40}?邀请")
# The end of a subject that names people by the body they belong to (有关部门负责同志等).
_PEOPLE_OF_BODIES = re.compile(r"(?:负责同志|负责人|代表|同志|人员|嘉宾|成员|委员)等?$")
# Characters never inside a post: 兼 joins two posts, the others are grammar words.
NOT_IN_POST = "兼了的还将是在由等"
# Grammar characters that transliterated foreign names do not use (所作的政府工作 is not one).
FUNCTION_CHARS = frozenset(
    "的了所是在和与及或兼对为被把从向作做说要会这那个们我你他她等中上下将还同以只"
)
# Grammar characters no personal name contains (洪森的, 李强是).
NEVER_IN_NAMES = frozenset("的了是这那们我你他她被把")
# How the names of states and blocs end (美国, 东盟, 欧洲, 巴方): not a person.
COLLECTIVE_ENDINGS = ("国", "盟", "洲", "方")
# Forms of address and verbs of greeting: 总统夫人, 欢迎议长…先生 are not names or countries.
NOT_FOREIGN_NAME = re.compile(
    "先生|女士|夫人|阁下|欢迎|感谢|祝贺|会见|会谈|赞成|支持|消息|网站|办公室|发言人"
)
NOT_IN_COUNTRY = frozenset("的了我你他她同与在是")
LEVEL_CACHE = 50_000  # posts graded and remembered (Lexicon.level)
LONGEST_FOREIGN_NAME = 5  # without a "·": 施泰因迈尔, 内塔尼亚胡
_STAFF_TRAIL = re.compile(r"(?:等)?$")


@dataclass(frozen=True, slots=True)
class Mention:
    """One person named in a list: name span (in the text read) and the posts before it."""

    name: str
    positions: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RoleGroup:
    """People one predicate is about, with the role it gives and the words that gave it."""

    mentions: tuple[Mention, ...]
    role: str
    evidence: str


class Lexicon:
    """Compiled forms of the people tables: posts, role verbs, surnames, non-names."""

    def __init__(self) -> None:
        posts = load_table("positions")
        roles = load_table("roles")
        surnames = load_table("surnames")
        places = load_table("places")
        # A name never starts with a word that is not a name, nor with a place (吉林, 江西).
        self.not_names = tuple(row["word"] for row in load_table("not_names")) + tuple(
            row["name"] for row in places if row["name"]
        )
        # One compiled alternation instead of a startswith per word: matching at the start
        # of a candidate is true exactly when one of the words begins it.  As a trie behind
        # a test of its first characters (word_patterns.guarded), a candidate that starts with no
        # such character fails at once instead of after a walk over every word.
        self.not_name_start = re.compile(guarded(list(self.not_names)))
        self.single_surnames = frozenset(r["surname"] for r in surnames if r["kind"] == "single")
        self.compound_surnames = frozenset(
            r["surname"] for r in surnames if r["kind"] == "compound"
        )
        self.position_re, self.levels = _compile_positions(posts, _province_regex(places))
        # The same posts come back in every report (国家主席, 省委书记): each is graded once.
        self.level_of: dict[str, str] = {}
        self.title_last_chars = frozenset(r["pattern"][-1] for r in posts if r["kind"] == "title")
        titles = sorted(
            (r["pattern"] for r in posts if r["kind"] == "title"), key=len, reverse=True
        )
        self.title_re = re.compile("|".join(titles))
        self.title_end_re = re.compile(f"(?:{'|'.join(titles)})$")
        # Two-character endings only: one-character ones (社, 行, 台) end names too (户思社).
        org_ends = [
            r["pattern"] for r in posts if r["kind"] == "org_suffix" and len(r["pattern"]) > 1
        ]
        self.org_end_re = re.compile(f"(?:{'|'.join(org_ends)})$")

        role_rows = [r for r in roles if r["role"] in PARTICIPANT_ROLES | {"none"}]
        self.role_names = [r["role"] for r in role_rows]
        self.role_re = re.compile(
            "|".join(f"(?P<r{i}>{row['pattern']})" for i, row in enumerate(role_rows))
        )
        # The same verbs without the named groups, to test whether a sentence has any: the
        # groups keep `re` from skipping to the branches' first characters, so the test with
        # `role_re` reads ~2 M characters/s and this one ~60 M.
        self.any_role_re = re.compile("|".join(f"(?:{row['pattern']})" for row in role_rows))
        # A test of a whole paragraph first: most have no role verb at all (see role_groups).
        self.role_hint = _paragraph_hint([row["pattern"] for row in role_rows])
        speech = "|".join(r["pattern"] for r in roles if r["role"] == "speech")
        adverbs = "|".join(r["pattern"] for r in roles if r["role"] == "adverb")
        self.speech_verbs = speech
        # A speech verb that opens what was said: the rest of the sentence is its content.
        self.reported_speech = re.compile(f"(?:{speech})[，,：:]")
        self.adverbs = adverbs
        verbs = "|".join(
            r["pattern"] for r in roles if r["role"] != "adverb" and r["role"] != "speech"
        )
        # Where a name may end: a verb, a speech verb or an adverb begins.
        self.predicate_start = re.compile(f"(?:{verbs}|{speech}|{adverbs})")

    def is_name(self, candidate: str) -> bool:
        """Could these 2-4 Han characters be a personal name?"""
        size = len(candidate)
        if size < 2 or size > 4:
            return False
        compound = candidate[:2] in self.compound_surnames
        if not compound and (candidate[0] not in self.single_surnames or size == 4):
            return False
        if compound and size < 3:
            return False
        if any(char in NEVER_IN_NAMES for char in candidate) or self.title_re.search(candidate):
            return False  # 洪森的, 习主席: grammar or a title, not a name
        return not self.not_name_start.match(candidate)

    def is_listed_name(self, candidate: str) -> bool:
        """An item of a list of names with a surname not in the table (户思社): not a known
        non-name, not a post, not grammar."""
        return not (
            any(char in FUNCTION_CHARS for char in candidate)
            or candidate.endswith(COLLECTIVE_ENDINGS)
            or NOT_FOREIGN_NAME.search(candidate)
            or self.title_re.search(candidate)
            or self.org_end_re.search(candidate)
            or self.predicate_start.search(candidate)
            or self.not_name_start.match(candidate)
        )

    def is_foreign_name(self, candidate: str) -> bool:
        """A transliterated name after a foreign post: no Chinese surname needed, but not a
        known non-name, not a post (特使…), not a verb or adverb (将, 共同), not 及/和."""
        return not (
            candidate[0] in SEPARATORS
            or any(char in FUNCTION_CHARS for char in candidate)
            or candidate.endswith(COLLECTIVE_ENDINGS)
            or NOT_FOREIGN_NAME.search(candidate)
            or self.title_re.search(candidate)
            or self.predicate_start.search(candidate)
            or self.not_name_start.match(candidate)
        )

    def is_foreign_post(self, post: str) -> bool:
        """A post of a named foreign state (哈萨克斯坦总统): the name after it needs no Chinese
        surname.  What stands before the title must not be a Chinese name (李强总理 is the
        premier named before his title) nor grammar (我同法耶总统); a bare 总统 names no state."""
        if self.level(post) != "foreign":
            return False
        title = self.title_end_re.search(post)
        country = post[: title.start()] if title else post
        return bool(country) and not (
            self.is_name(country)
            or any(char in NOT_IN_COUNTRY for char in country)
            or NOT_FOREIGN_NAME.search(country)
        )

    def level(self, position: str) -> str:
        known = self.level_of.get(position)
        if known is None:
            if len(self.level_of) >= LEVEL_CACHE:
                self.level_of.clear()  # a long run's odd posts must not pile up
            known = self.level_of[position] = self._grade(position)
        return known

    def _grade(self, position: str) -> str:
        for pattern, level in self.levels:
            if pattern.fullmatch(position):
                return level
        return "other"


PROVINCIAL_LEVELS = ("municipality", "province", "autonomous_region", "sar")
LEVEL_SUFFIXES = ("特别行政区", "自治区", "省", "市")


def _province_regex(places: tuple[dict[str, str], ...]) -> str:
    """Provincial-level names, with the ethnic part of the full name optional (广西(?:壮族)?)."""
    forms = []
    for row in places:
        if row["level"] not in PROVINCIAL_LEVELS:
            continue
        name, middle = row["name"], row["full_name"][len(row["name"]) :]
        for suffix in LEVEL_SUFFIXES:
            middle = middle.removesuffix(suffix)
        forms.append(f"{name}(?:{middle})?" if middle else name)
    forms.sort(key=len, reverse=True)
    return f"(?:{'|'.join(forms)})"


_SENTENCE_END = r"(?:$|(?=[。！？；!?;\n]))"  # where a sentence of _SENTENCES ends


def _paragraph_hint(patterns: list[str]) -> re.Pattern[str] | None:
    """A pattern that finds something in a text whenever one of `patterns` matches inside a
    sentence of it (a `_SENTENCES` span searched alone), or None when that is not sure.

    A match inside a sentence is a match in the whole text, but for what looks past the
    sentence end: `$` there is the end of the sentence, which in the whole text is followed
    by its end mark, so `$` is widened to "end or before an end mark".  A negative lookahead
    (or \\Z) could fail once the text goes on: with one of those there is no hint.
    """
    widened = []
    for pattern in patterns:
        if "(?!" in pattern or "\\Z" in pattern:
            return None
        widened.append(_widen_dollars(pattern))
    return re.compile("|".join(f"(?:{p})" for p in widened))


def _widen_dollars(pattern: str) -> str:
    """`pattern` with each end anchor `$` (not escaped, not in a class) read as _SENTENCE_END."""
    out: list[str] = []
    i, class_start = 0, -1  # where the character class we are in began (-1: in none)
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if class_start >= 0:
            # A "]" first in the class ([]…], [^]…]) is a member, not its end.
            first = class_start + (2 if pattern.startswith("[^", class_start) else 1)
            if char == "]" and i > first:
                class_start = -1
        elif char == "[":
            class_start = i
        elif char == "$":
            char = _SENTENCE_END
        out.append(char)
        i += 1
    return "".join(out)


def _compile_positions(
    rows: tuple[dict[str, str], ...], province: str
) -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    def alternation(kind: str) -> str:
        items = sorted((r["pattern"] for r in rows if r["kind"] == kind), key=len, reverse=True)
        return "|".join(items)

    titles = alternation("title")
    # Inside a post any Han character but 兼, which joins two posts (国务委员兼外交部部长),
    # and grammar words, which show the "post" runs into a sentence.
    han = f"(?:(?![{NOT_IN_POST}])[{HAN}])"
    org = f"{han}{{1,24}}?(?:{alternation('org_suffix')})"
    # A country or short ministry name holds no comitative 同/与 either: 李强同越南总理 is
    # "李强 with the premier of Vietnam", not one post.
    word = f"(?:(?![{NOT_IN_POST}同与])[{HAN}])"
    places = {
        "{province}": province,
        "{city}": f"{han}{{1,6}}?",
        "{org}": org,
        "{word}": f"{word}{{2,8}}?",
    }

    def expand(pattern: str) -> str:
        for placeholder, regex in places.items():
            pattern = pattern.replace(placeholder, regex)
        return pattern

    whole = [expand(r["pattern"]) for r in rows if r["kind"] == "position"]
    levels = [
        (re.compile(expand(r["pattern"])), r["level"]) for r in rows if r["kind"] == "position"
    ]
    levels += [(re.compile(r["pattern"]), r["level"]) for r in rows if r["kind"] == "title"]
    # A post is a whole-post pattern, or an organization followed by a title, or a bare title;
    # a modifier may stand before the title (中国国民党前主席, 常务副会长).
    generic = f"(?:{org})?(?:{alternation('modifier')})?(?:{titles})"
    return re.compile("|".join([*whole, generic])), levels


@cache
def lexicon() -> Lexicon:
    return Lexicon()
