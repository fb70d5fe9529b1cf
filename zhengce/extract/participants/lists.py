"""Reading lists of people (posts + names) out of a piece of text, and its clauses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhengce.extract.participants.lexicon import (
    _BREAKS,
    _HAN_RUN,
    _STAFF_TRAIL,
    _TRANSLITERATED,
    CHAIN_JOINS,
    FUNCTION_CHARS,
    LONGEST_FOREIGN_NAME,
    MAX_LIST_ITEMS,
    MAX_POST,
    ROLE_RANK,
    SEPARATORS,
    Lexicon,
    Mention,
)

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


# A meeting still to come or only agreed on (将会见, 同意举行会谈): no one is host or guest.
# Tested in code before a meeting verb, not as a roles.tsv row: a row starting with 将 or 同意
# would be tried at every one of those common words in every sentence.
_PLANNED = re.compile(r"(?:将|同意|商定|宣布|决定)[^，。；]{0,20}$")


def _planned(text: str, start: int, verb: int) -> bool:
    return _PLANNED.search(text, max(start, verb - 20), verb) is not None
