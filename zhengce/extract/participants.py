"""Participants: every person at the event, with positions in the text's order and a role.

Chinese reports name the people at a meeting in a fixed way: a list of items joined by 、
(or by ，when each item carries its own posts), each item a chain of posts and a name
("中共中央政治局常委、国务院总理李强") or a bare name ("李干杰、何立峰"), then a predicate
whose verb gives the role: 主持 → chair, 发言/讲话 → speaker, 提交了书面发言 → written_statement,
出席/参加 → attendee, 陪同 → accompanying, 会见/会谈 → host.  The people a host meets, named
after 会见/接见 or after 同/与 before 会谈 (习近平同波兰总统杜达举行会谈), are guests.  A post
before a list of bare names applies to each of them ("副组长张安顺、陈少波出席").

Posts come from the patterns in `data/positions.tsv`, verbs from `data/roles.tsv`, and a
name is 2-4 Han characters starting with a surname (`data/surnames.tsv`) that ends where a
verb, a time word or the next list item begins; no list of people is used.  Only body text is
read (titles and subtitles repeat the body, captions repeat it too).  A person named again
later is the same participant; the role kept is the strongest one the text gives.

Reporters, photographers and editors are named in the page but were not at the event; they
go to `Document.not_participants` (from `metadata["staff"]` and from bylines found here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document, Participant
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


# --------------------------------------------------------------------------- parsing lists


class ListParser:
    """Reads lists of people (posts + names) out of one piece of text."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex

    def post_ends(self, i: int, end: int) -> list[int]:
        """Ends of every post that starts at `i`, shortest first.

        Shortest first, because a long "post" can swallow a name and the next post
        (组委会主席高志丹和亚奥理事会副主席); where a shorter post leaves no name after it
        (大会主席|团常务主席), the parser goes on to the longer one.
        """
        run = _HAN_RUN.match(self.text, i, end)
        if run is None:
            return []
        stop = min(run.end(), i + MAX_POST)
        ends = [
            b
            for b in range(i + 2, stop + 1)
            if self.text[b - 1] in self.lex.title_last_chars
            and self.lex.position_re.fullmatch(self.text, i, b)
        ]
        return ends

    def name_spans(
        self, i: int, end: int, foreign: bool = False, in_list: bool = False
    ) -> Iterator[tuple[int, int]]:
        """Names starting at `i` that stop at a plausible boundary, shortest first.

        Yields (name end, where the list goes on): a title may follow the name as a form of
        address (赵乐际委员长主持, 易纲常委代表…发言) and is skipped.  After a foreign post
        (哈萨克斯坦总统) the name is a transliteration without a Chinese surname; inside a
        list of names (after 、) a 2-3 character item needs no known surname either, since
        its neighbours already show the list is one of names.
        """
        text, lex = self.text, self.lex
        translit = _TRANSLITERATED.match(text, i, end)
        first_part = translit.group().split("·", 1)[0] if translit else ""
        if translit and not any(char in FUNCTION_CHARS for char in first_part):
            last_dot = translit.group().rindex("·") + i
            # The last part may run into the verb (拉索表示): try it shortest first.
            for j in range(last_dot + 2, translit.end() + 1):
                resume = self.boundary(j, end)
                if resume is not None and not lex.title_re.search(text, i, j):
                    yield j, resume
                    break
        for size in range(2, (LONGEST_FOREIGN_NAME if foreign else 4) + 1):
            j = i + size
            if j > end or not _HAN_RUN.fullmatch(text, i, j):
                return
            candidate = text[i:j]
            if foreign:
                plausible = lex.is_foreign_name(candidate)
            else:
                plausible = lex.is_name(candidate) or (
                    in_list and size <= 3 and lex.is_listed_name(candidate)
                )
            if lex.is_name(candidate) or foreign:
                resume = self.boundary(j, end) if plausible else None
            else:  # an unknown surname: no title of address after it (阿盟秘书长 is a post)
                resume = j if plausible and self.at_boundary(j, end) else None
            if resume is not None:
                yield j, resume

    def boundary(self, j: int, end: int) -> int | None:
        """Where the text goes on if a name can end at `j` (after a title of address)."""
        if self.at_boundary(j, end):
            return j
        title = self.lex.title_re.match(self.text, j, end)
        if title and self.at_boundary(title.end(), end):
            return title.end()
        return None

    def at_boundary(self, j: int, end: int) -> bool:
        if j >= end:
            return True
        return self.text[j] in SEPARATORS or bool(self.lex.predicate_start.match(self.text, j))

    def items(
        self, i: int, end: int, in_list: bool = False
    ) -> Iterator[tuple[tuple[str, ...], int, int, int]]:
        """Alternative readings of one item at `i`: (posts, name start, name end, resume)."""
        for b in self.post_ends(i, end):
            post = self.text[i:b]
            foreign = self.lex.is_foreign_post(post)
            for join in CHAIN_JOINS:
                if self.text.startswith(join, b):
                    for posts, start, stop, resume in self.items(b + len(join), end):
                        if posts:  # a chain continues only with another post
                            yield (post, *posts), start, stop, resume
            for stop, resume in self.name_spans(b, end, foreign):
                yield (post,), b, stop, resume
        for stop, resume in self.name_spans(i, end, in_list=in_list):
            yield (), i, stop, resume

    def lists(
        self,
        i: int,
        end: int,
        inherited: tuple[str, ...] = (),
        in_list: bool = False,
        depth: int = 1,
    ) -> Iterator[tuple[list[Mention], int]]:
        """Alternative readings of a list at `i`: mentions and where the list stops.

        At most MAX_LIST_ITEMS items: a longer "list" is not a list of people at an event
        (and reading it item by item would exhaust the recursion limit).
        """
        for posts, start, stop, resume in self.items(i, end, in_list):
            own = posts or inherited
            mention = Mention(self.text[start:stop], own, start, stop)
            if resume < end and self.text[resume] in SEPARATORS and depth < MAX_LIST_ITEMS:
                for rest, j in self.lists(resume + 1, end, own, True, depth + 1):
                    yield [mention, *rest], j
            yield [mention], resume

    def parse(self, i: int, end: int) -> tuple[list[Mention], int] | None:
        """The preferred reading: the whole clause is a list, or a list then a predicate."""
        for mentions, j in self.lists(i, end):
            rest = self.text[j:end]
            if j == end or _STAFF_TRAIL.fullmatch(rest):
                return mentions, end
            if self.lex.predicate_start.match(self.text, j):
                return mentions, j
        return None

    def role_in(self, start: int, end: int) -> tuple[str, str] | None:
        """Strongest role a predicate gives its subject, with the words that gave it."""
        best: tuple[str, str] | None = None
        for match in self.lex.role_re.finditer(self.text, start, end):
            role = self.lex.role_names[int((match.lastgroup or "r0")[1:])]
            if role == "none" or (role == "host" and _planned(self.text, start, match.start())):
                continue
            if best is None or ROLE_RANK[role] > ROLE_RANK[best[0]]:
                best = (role, match.group())
        return best


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end], split at commas, colons, spaces and asides."""
    spans = []
    cursor = start
    for brk in _BREAKS.finditer(text, start, end):
        if brk.start() > cursor:
            spans.append((cursor, brk.start()))
        cursor = brk.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def role_groups(text: str, lex: Lexicon | None = None) -> list[RoleGroup]:
    """Every group of people in `text` that a verb gives a role, in text order."""
    lex = lex or lexicon()
    if lex.role_hint is not None and not lex.role_hint.search(text):
        return []  # no sentence of it has a role verb: one scan instead of one per sentence
    parser = ListParser(text, lex)
    groups: list[RoleGroup] = []
    for sentence in _SENTENCES.finditer(text):
        s_start, s_end = sentence.span()
        if not lex.any_role_re.search(text, s_start, s_end):
            continue  # cheap skip: no verb that gives a role
        groups += _sentence_groups(parser, s_start, s_end)
    return groups


def _sentence_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    # After "X强调，" / "会议指出，" comes what was said: people named there are spoken of,
    # they are not acting at this event (会议强调，习近平总书记在两会期间发表了重要讲话…).
    said = parser.lex.reported_speech.search(parser.text, s_start, s_end)
    if said:
        s_end = said.end() - 1
    guests = _guest_groups(parser, s_start, s_end)
    groups = _accompanying_groups(parser, s_start, s_end) + guests
    trailing = _LIST_AFTER.search(parser.text, s_start, s_end)
    if trailing:
        groups += _trailing_list(parser, trailing, s_end)
        s_end = trailing.start()
    groups += _without(_subject_groups(parser, s_start, s_end), guests)
    return sorted(groups, key=lambda group: group.mentions[0].start)  # in text order


def _without(groups: list[RoleGroup], guests: list[RoleGroup]) -> list[RoleGroup]:
    """Subject groups less the people met: 王毅与拉夫罗夫会谈 reads as one list before 会谈
    (与 joins lists), but the partner named after 与 is the guest, not a second host."""
    met = {(m.start, m.end) for group in guests for m in group.mentions}
    if not met:
        return groups
    kept = []
    for group in groups:
        mentions = tuple(m for m in group.mentions if (m.start, m.end) not in met)
        if mentions:
            kept.append(RoleGroup(mentions, group.role, group.evidence))
    return kept


# The people met: after 会见/接见/会晤 to the clause end, or between 同/与 and 会谈/会晤.
# (roles.tsv lists the same verbs as `host` rows: the subject of each is the host.)
VERBS_BEFORE_GUESTS = ("会见", "接见", "会晤")
VERBS_AFTER_PARTNERS = ("会谈", "会晤")
MEETING_VERBS = tuple(dict.fromkeys(VERBS_BEFORE_GUESTS + VERBS_AFTER_PARTNERS))
# A meeting still to come or only agreed on (将会见, 同意举行会谈): no one is host or guest.
# Tested in code before a meeting verb, not as a roles.tsv row: a row starting with 将 or 同意
# would be tried at every one of those common words in every sentence.
_PLANNED = re.compile(r"(?:将|同意|商定|宣布|决定)[^，。；]{0,20}$")


def _planned(text: str, start: int, verb: int) -> bool:
    return _PLANNED.search(text, max(start, verb - 20), verb) is not None


# Not 会见后/会见前/会见期间: the meeting as a time, no one named after it.
# (会见时 is left to _before_when: 时 is also a surname, 会见时建中.)
_GUESTS_AFTER = re.compile(
    f"(?:{'|'.join(VERBS_BEFORE_GUESTS)})了?(?![后前期])(?P<guests>[^，。；：]{{2,80}})"
)
_PARTNERS = re.compile(
    r"(?:同|与)(?P<guests>(?:(?!举行)[^，。；：同与]){2,60}?)(?:举行[^，。；：]{0,30}?)?了?"
    f"(?:{'|'.join(VERBS_AFTER_PARTNERS)})"
)


def _guest_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """习近平会见波兰总统杜达 / 李强同越南总理范明政举行会谈: the people met are guests.

    A list after the verb may be introduced by a participle (会见来华访问的…总统X): the list
    is then read from after its last 的.
    """
    groups: list[RoleGroup] = []
    text = parser.text
    sentence = text[s_start:s_end]
    # Most sentences meet nobody: a substring test spares them the scans (同 and 与 are
    # common, and _PARTNERS tries up to 60 characters after each).
    if not any(verb in sentence for verb in MEETING_VERBS):
        return groups
    for pattern in (_GUESTS_AFTER, _PARTNERS):
        for match in pattern.finditer(text, s_start, s_end):
            if _planned(text, s_start, match.start()):
                continue  # 将会见…, 同意…举行会谈: not (yet) met
            start, end = match.span("guests")
            if pattern is _PARTNERS and parser.lex.any_role_re.search(text, start, end):
                continue  # 同X共同主持…会晤: X shares another verb, the talks are its object
            if pattern is _GUESTS_AFTER:
                first = clauses(text, start, end)
                if not first or first[0][0] != start:
                    continue  # 会见（…）: an aside, not the people met
                end = _before_when(parser, start, first[0][1])
            found = parser.parse(start, end)
            if found is None and "的" in text[start:end]:
                found = parser.parse(text.rindex("的", start, end) + 1, end)
            if found is not None:
                # The meeting verb: 会谈/会晤 ends a talks match, 会见/接见/会晤 opens the other.
                verb = match.group()[-2:] if pattern is _PARTNERS else match.group()[:2]
                groups.append(RoleGroup(tuple(found[0]), "guest", verb))
    return groups


def _before_when(parser: ListParser, start: int, end: int) -> int:
    """Where the people met end in 会见X时表示: before a 时 that ends the clause or precedes a
    verb (a 时 inside a name, 时建中, is followed by more of the name)."""
    text = parser.text
    cut = text.find("时", start, end)
    while cut != -1:
        if cut + 1 == end or parser.lex.predicate_start.match(text, cut + 1):
            return cut
        cut = text.find("时", cut + 1, end)
    return end


def _accompanying_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """在省委书记王晓晖、省长黄强陪同下: the people named accompany the subject."""
    groups = []
    for match in _ACCOMPANIED_BY.finditer(parser.text, s_start, s_end):
        found = parser.parse(match.start(1), match.end(1))
        if found and found[1] == match.end(1):
            groups.append(RoleGroup(tuple(found[0]), "accompanying", "陪同"))
    return groups


def _trailing_list(parser: ListParser, trailing: re.Match[str], s_end: int) -> list[RoleGroup]:
    """陪同出访的有：A，B，C: every clause after the colon is a list with the verb's role."""
    role, verb = _verb_role(trailing.group(1)), trailing.group(1)
    groups = []
    for c_start, c_end in clauses(parser.text, trailing.end(), s_end):
        found = parser.parse(c_start, c_end)
        if not found or found[1] != c_end:
            break
        groups.append(RoleGroup(tuple(found[0]), role, verb))
    return groups


def _subject_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """Lists that are the subject of a role verb, across clauses of bare lists (A，B，C出席)."""
    text = parser.text
    groups: list[RoleGroup] = []
    pending: list[Mention] = []  # people of clauses that are only a list, waiting for a verb
    spans = clauses(text, s_start, s_end)
    for index, (c_start, c_end) in enumerate(spans):
        base = None
        if _INVITATION.match(text, c_start, c_end):
            pending = []
            continue
        lead_in = _LEAD_IN.match(text, c_start, c_end)
        if lead_in and _lead_in_opens_list(parser, lead_in, c_end):
            c_start = lead_in.end()
        participle = _PARTICIPLE.match(text, c_start, c_end)
        if participle:  # 出席会议的X表示: X attended whatever the rest says
            base = (_verb_role(participle.group(1)), participle.group(1))
            c_start = participle.end()
        found = parser.parse(c_start, c_end)
        if found is None:
            given = _role_of_groups_of_people(parser, c_start, c_end) if pending else None
            if given:  # 中央军委委员A、B，军委机关各部门主要负责同志等参加仪式
                groups.append(RoleGroup(tuple(pending), given[0], given[1]))
            pending = []
            continue
        mentions, j = found
        if j == c_end and base is None:
            pending += mentions
            continue
        # The predicate runs to the clause end, and on through clauses that begin with 并.
        p_end = c_end
        for n_start, n_end in spans[index + 1 :]:
            if not text.startswith("并", n_start):
                break
            p_end = n_end
        given = parser.role_in(j, p_end)
        if base and (given is None or ROLE_RANK[base[0]] > ROLE_RANK[given[0]]):
            given = base
        if given:
            groups.append(RoleGroup(tuple(pending + mentions), given[0], given[1]))
        pending = []
    return groups


def _lead_in_opens_list(parser: ListParser, lead_in: re.Match[str], end: int) -> bool:
    """在 opens a list only before a post (在加拿大外长乔利讲话现场), not before a place
    (在莫斯科同…会谈) nor in 在…陪同下, which is read on its own."""
    if lead_in.group() != "在":
        return True
    if _ACCOMPANIED_BY.match(parser.text, lead_in.start(), end):
        return False
    lex, text = parser.lex, parser.text
    return any(
        lex.level(text[lead_in.end() : b]) != "foreign"
        or lex.is_foreign_post(text[lead_in.end() : b])
        for b in parser.post_ends(lead_in.end(), end)
    )


def _role_of_groups_of_people(parser: ListParser, start: int, end: int) -> tuple[str, str] | None:
    """The role a clause gives when its subject is people named by their body, not by name.

    "…军委机关各部门、有关单位主要负责同志等参加仪式": the people listed by name in the
    clauses before share the verb of this one.
    """
    verb = parser.lex.role_re.search(parser.text, start, end)
    if verb is None or not _PEOPLE_OF_BODIES.search(parser.text, start, verb.start()):
        return None
    return parser.role_in(verb.start(), end)


def _verb_role(verb: str) -> str:
    return "accompanying" if verb == "陪同" else "attendee"


# --------------------------------------------------------------------------- staff bylines

_NAME_RUN = f"[{HAN}]{{2,}}"
# Each pattern with a word every match of it contains: a text without that word is not
# scanned (most stories have no byline, and `in` is much faster than a regex scan).
_STAFF_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # (记者 曹忠义) / （记者：张三 李四）
    (
        re.compile(f"[（(]\\s*(?:本报)?记者[\\s：:]*((?:{_NAME_RUN}[\\s、，,]*)+)[）)]"),
        "reporter",
        "记者",
    ),
    # 新华社记者 鞠鹏 摄 (a photo credit) — before the plain byline below
    (re.compile(f"记者[\\s：:]+((?:{_NAME_RUN}[\\s、，,]+)+)摄"), "photographer", "记者"),
    (re.compile(f"摄影[\\s：:]+((?:{_NAME_RUN}[\\s、，,]*)+)"), "photographer", "摄影"),
    (re.compile(f"(?:责任编辑|编辑)[\\s：:]+({_NAME_RUN})"), "editor", "编辑"),
    (
        re.compile(f"(?:本报|新华社|人民日报|央视|总台)记者[\\s：:]+({_NAME_RUN})"),
        "reporter",
        "记者",
    ),
)
_STAFF_WORDS = frozenset({"报道", "摄", "摄影", "通讯员", "记者"})


def find_staff(doc: Document, lex: Lexicon | None = None) -> list[Participant]:
    """Reporters, photographers and editors named in the page: not at the event."""
    lex = lex or lexicon()
    staff: list[Participant] = []
    seen: set[tuple[str, str]] = set()
    taken: list[tuple[int, int]] = []

    def add(name: str, role: str, start: int, end: int, evidence: str) -> None:
        if (name, role) not in seen and not any(s <= start < e for s, e in taken):
            seen.add((name, role))
            staff.append(Participant(name, [], role, start, end, evidence))

    for item in doc.metadata.get("staff") or []:
        name, role = str(item.get("name", "")), str(item.get("role", ""))
        if name and role:
            add(name, role, int(item.get("start", 0)), int(item.get("end", 0)), "metadata")
    for pattern, role, word in _STAFF_PATTERNS:
        if word not in doc.text:
            continue
        for match in pattern.finditer(doc.text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            for run in _HAN_RUN.finditer(doc.text, match.start(1), match.end(1)):
                name = _byline_name(run.group())
                if name and name not in _STAFF_WORDS:
                    add(name, role, run.start(), run.start() + len(name), match.group().strip())
            taken.append(match.span())
    return staff


def _byline_name(run: str) -> str:
    """A byline name; a run longer than four characters is a name glued to the next text."""
    return run if len(run) <= 4 else run[:3]


# --------------------------------------------------------------------------- the stage


def find_participants(doc: Document) -> None:
    """Fill `doc.participants` and `doc.not_participants` from the body paragraphs."""
    lex = lexicon()
    doc.not_participants = find_staff(doc, lex)
    staff_names = {p.name for p in doc.not_participants}
    found: dict[str, Participant] = {}
    for paragraph in doc.paragraphs:
        if paragraph.kind not in READ_KINDS:
            continue
        for group in role_groups(paragraph.text, lex):
            for mention in group.mentions:
                if mention.name in staff_names:
                    continue
                _merge(found, mention, group, paragraph.start)
    doc.participants = list(found.values())


def _merge(found: dict[str, Participant], mention: Mention, group: RoleGroup, offset: int) -> None:
    known = found.get(mention.name)
    if known is None:
        found[mention.name] = Participant(
            mention.name,
            list(mention.positions),
            group.role,
            offset + mention.start,
            offset + mention.end,
            group.evidence,
        )
        return
    if not known.positions and mention.positions:
        known.positions = list(mention.positions)
    if ROLE_RANK[group.role] > ROLE_RANK[known.role]:
        known.role = group.role
        known.evidence = group.evidence
