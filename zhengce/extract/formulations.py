"""Formulations (提法): known terms from data/formulations.tsv, and new candidates.

Known: every term and variant of the lexicon, longest first (how = "lexicon").
Discovered, for terms the lexicon does not know yet:
- quoted terms (“压舱石”, “三供两治”): short, mostly Han, not a speech fragment, a name of a
  craft (…号) or a transliterated foreign name (how = "quoted"; "number_slogan" when the term
  has the numeral shape below);
- number slogans without quotes: numerals alternating with equal-length words, as in 四水四定,
  三供两治, 三基地一屏障一高地 (idioms of the same shape are listed in formulation_stoplist.tsv);
- every other occurrence in the document of a term discovered there (a recurring set phrase).
`discover_candidates(docs)` pools the discovered terms of many documents with counts and the
date each was first seen, for the store and the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document, FormulationMention
from zhengce.word_patterns import scanner

SCANNED_KINDS = {"body", "title", "subtitle"}
NUMERAL = "一二三四五六七八九十两百千万双"
QUOTED = re.compile(r"“([^“”\n]{2,12})”|「([^「」\n]{2,12})」|\"([^\"\n]{2,12})\"")
# A numeral followed by a word, every word the same length: 四水四定, 三基地一屏障一高地.  The
# shape is only trusted with one-character words, or two-character words three times over; longer
# ones are mostly chance (一步巩固两国之间).  Not inside a longer number (二十届三中全会).
_WORD = rf"(?:(?![{NUMERAL}])[\u4e00-\u9fff])"
# The first numeral is written outside the two shapes, with the "not inside a longer number"
# test as a lookbehind after it, so the pattern starts with a character class: `re` then
# skips to the next numeral instead of trying the lookbehind at every position.
SLOGAN = re.compile(
    rf"[{NUMERAL}](?<![{NUMERAL}\d][{NUMERAL}])"
    rf"(?:{_WORD}{{2}}(?:[{NUMERAL}]{_WORD}{{2}}){{2,3}}|{_WORD}(?:[{NUMERAL}]{_WORD}){{1,3}})"
)
# Any word length up to three, for a term that stands in quotes.
QUOTED_SLOGAN = re.compile("|".join(rf"(?:[{NUMERAL}]{_WORD}{{{n}}}){{2,4}}" for n in (3, 2, 1)))
SLOGAN_SHAPE = re.compile(rf"^[{NUMERAL}零多]")
HAN = re.compile(r"[\u4e00-\u9fff]")
FUNCTION_WORDS = re.compile(r"[的了吗呢吧啊呀我你他她它们这那·•《》\s，。；：！？,.;:!?]")
# Characters that spell foreign names (海马斯, 伊斯坎德尔): a term mostly of these is a name.
TRANSLITERATION = set("斯尔克伊亚特德拉罗尼马格布莱奥萨巴米维诺塔里卡基科索蒂娜丽妮琳莉芙瑟菲")
# Words after a numeral that make it a count or an ordinal, not a slogan (一年一次, 十月一日,
# 一是…二是, 两党两国, 七号遥九).
COUNT_UNITS = set(
    "年月日号时点分秒天周次个岁是届国方步季批家名人口只件条种项期轮级倍成半些层代辈趟份套台场"
)
# Quoted speech rather than a term: connectives, degree words, A-not-A questions (好不好).
SPEECH = re.compile(
    r"而且|但是|因为|所以|如果|可能|没有|不会|已经|正在|非常|十分|极其|毫不|任何|所有|(.)[没不一]\1"
)
# Endings of names that are not formulations: observances (航天日, 安全生产月), military units.
NAME_ENDINGS = ("日", "节", "月", "周", "连", "营", "旅", "号", "奖")
# An unquoted slogan must end a word: punctuation, a particle, or a head noun such as 原则
# (四水四定原则); 双向六车道 and 第三大一体化 only look like slogans.
SLOGAN_END = re.compile(
    r"(?![\u4e00-\u9fff])|[的等和与及是为在中要]|原则|要求|行动|战略|工程|建设|机制|体系|格局"
    r"|模式|精神|目标|任务|政策|理念|经验|方针|工作|改革|试点"
)


@dataclass(frozen=True)
class Known:
    pattern: re.Pattern[str]
    term_of: dict[str, str]


@cache
def known_terms() -> Known:
    term_of: dict[str, str] = {}
    for row in load_table("formulations"):
        term_of[row["term"]] = row["term"]
        for variant in filter(None, row["variants"].split("|")):
            term_of.setdefault(variant, row["term"])
    # scanner() finds what alternation() finds, with cheap first-character tests.
    return Known(re.compile(scanner(list(term_of))), term_of)


@cache
def stoplist() -> frozenset[str]:
    rows = load_table("formulation_stoplist")
    return frozenset(row["phrase"] for row in rows if row["kind"] != "name_follower")


@cache
def name_follower() -> re.Pattern[str]:
    """Nouns that, right after a closing quote, make the quoted words a name (“爱国者”防空系统)."""
    rows = load_table("formulation_stoplist")
    words = [r["phrase"] for r in rows if r["kind"] == "name_follower"]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def is_slogan(term: str, quoted: bool = False) -> bool:
    """Numeral-word alternation of equal word lengths that is not an idiom or a count."""
    shape = QUOTED_SLOGAN if quoted else SLOGAN
    if not shape.fullmatch(term) or term in stoplist():
        return False
    words = re.split(f"[{NUMERAL}]", term)[1:]
    if len(set(words)) == 1:  # 一步一步: reduplication
        return False
    return not any(w[0] in COUNT_UNITS for w in words)


def acceptable_quote(term: str) -> bool:
    """A quoted stretch that reads as a term rather than a quotation or a name."""
    han = len(HAN.findall(term))
    if han < 2 or han > 8 or han < len(term) * 0.6 or FUNCTION_WORDS.search(term):
        return False
    if term in stoplist() or term.endswith(NAME_ENDINGS) or SPEECH.search(term):
        return False
    if term.endswith(("地", "得")):  # an adverbial (毫不犹豫地) or a complement
        return False
    if han >= 3 and sum(c in TRANSLITERATION for c in term) * 2 >= han:
        return False
    # Two-character quotes are mostly ordinary words (“冬装”); keep the numbered ones (“两会”).
    return han > 2 or bool(SLOGAN_SHAPE.match(term))


def _scanned(doc: Document) -> list[tuple[int, str]]:
    if not doc.paragraphs:
        return [(0, doc.text)]
    return [(p.start, p.text) for p in doc.paragraphs if p.kind in SCANNED_KINDS]


def find_formulations(doc: Document) -> None:
    """Analysis stage: fill doc.formulations, known terms and discovered candidates."""
    known = known_terms()
    mentions: list[FormulationMention] = []
    taken: list[tuple[int, int]] = []
    discovered: dict[str, str] = {}
    pieces = _scanned(doc)
    for offset, text in pieces:
        for m in known.pattern.finditer(text):
            term = known.term_of[m.group()]
            mentions.append(
                FormulationMention(term, offset + m.start(), offset + m.end(), True, "lexicon")
            )
            taken.append((offset + m.start(), offset + m.end()))
    covered = _Coverage(taken)
    for offset, text in pieces:
        for m in QUOTED.finditer(text):
            group = next(i for i in (1, 2, 3) if m.group(i) is not None)
            term = m.group(group).strip()
            start = offset + m.start(group)
            if covered.overlaps(start, start + len(term)) or not acceptable_quote(term):
                continue
            if name_follower().match(text, m.end()):
                continue
            how = "number_slogan" if is_slogan(term, quoted=True) else "quoted"
            discovered.setdefault(term, how)
        for m in SLOGAN.finditer(text):
            start = offset + m.start()
            if not SLOGAN_END.match(text, m.end()):
                continue
            if not covered.overlaps(start, offset + m.end()) and is_slogan(m.group()):
                discovered.setdefault(m.group(), "number_slogan")
    if discovered:
        mentions.extend(_occurrences(pieces, discovered, covered))
    doc.formulations = sorted(mentions, key=lambda f: (f.start, -f.end))


class _Coverage:
    """Spans already claimed by the lexicon, for quick overlap tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)


def _occurrences(
    pieces: list[tuple[int, str]], discovered: dict[str, str], covered: _Coverage
) -> list[FormulationMention]:
    found = []
    for offset, text in pieces:
        for at, term in leftmost_longest(text, discovered):
            start, end = offset + at, offset + at + len(term)
            if not covered.overlaps(start, end):
                found.append(FormulationMention(term, start, end, False, discovered[term]))
    return found


def leftmost_longest(text: str, terms: Iterable[str]) -> list[tuple[int, str]]:
    """(offset, term) of the terms in `text`, as `finditer` of their alternation, longest first.

    That is: the leftmost place where a term starts, the longest term there, then on from its
    end.  Each document discovers its own few terms; compiling a pattern for them cost more
    than all the scanning, while `str.find` needs nothing built.
    """
    hits = []
    for term in terms:
        at = text.find(term)
        while at >= 0:
            hits.append((at, -len(term), term))
            at = text.find(term, at + 1)
    hits.sort()
    found = []
    cursor = 0
    for at, _longest_first, term in hits:
        if at >= cursor:
            found.append((at, term))
            cursor = at + len(term)
    return found


def document_date(doc: Document) -> str | None:
    """ISO date (or year / year-month) of a document, for first-seen dates of candidates."""
    meta = doc.metadata
    event = meta.get("event_date")
    if isinstance(event, dict) and event.get("year"):
        parts = [f"{event['year']:04d}"]
        for key in ("month", "day"):
            if not event.get(key):
                break
            parts.append(f"{event[key]:02d}")
        return "-".join(parts)
    for key in ("published", "date"):
        value = meta.get(key)
        if isinstance(value, str):
            m = re.search(r"((?:19|20)\d{2})[-/.年]?(\d{1,2})?[-/.月]?(\d{1,2})?", value)
            if m:
                return "-".join(f"{int(g):02d}" if i else g for i, g in enumerate(m.groups()) if g)
    return None


def discover_candidates(docs: Iterable[Document]) -> list[tuple[str, int, str | None]]:
    """Discovered (not yet known) formulations over many documents: (term, count, first seen).

    Documents are read as they are; one whose formulations stage has not run is scanned here.
    Sorted by count, most frequent first; first seen is the earliest document date, if any.
    """
    counts: dict[str, int] = {}
    first: dict[str, str | None] = {}
    for doc in docs:
        if not doc.formulations:
            find_formulations(doc)
        date = document_date(doc)
        for mention in doc.formulations:
            if mention.known:
                continue
            counts[mention.term] = counts.get(mention.term, 0) + 1
            seen = first.get(mention.term)
            if mention.term not in first or (date is not None and (seen is None or date < seen)):
                first[mention.term] = date
    return sorted(
        ((term, n, first[term]) for term, n in counts.items()), key=lambda item: (-item[1], item[0])
    )
