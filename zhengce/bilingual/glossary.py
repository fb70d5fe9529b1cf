"""Glossary discovery: Chinese terms and the English words that render them in aligned pairs.

Chinese candidates in an aligned pair's Chinese text: the document's formulations, regions of
national strategy, places, glossary terms, organizations taken from participants' posts, terms in
“quotes”, and specific theme words (with one following lexicon word, 黑土地 + 保护).  For each
candidate the aligned English text is searched for:

1. a rendering from the glossary table (`how = "table"`: known, not a discovery);
2. the shortest run of English words, not crossing a clause boundary, whose every content word
   renders a part of the term (parts are the term's lexicon words; a place is also its pinyin)
   and which renders enough of the term (`COVERAGE`) — `how = "lexicon"`.  When that run
   overlaps an English “quoted” phrase, the quoted phrase is the rendering (Xinhua quotes the
   term itself: a "Greater Food" approach);
3. for a term quoted in the Chinese and left unmatched, the English quoted phrase in the same
   place of the order of the pair's unmatched quotes (`how = "quote"`).

A term found in several pairs keeps its most frequent rendering; evidence is the first pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from zhengce.bilingual.words import (
    Dictionary,
    Token,
    dictionary,
    glossary_rows,
    lexicon_dictionary,
    pinyin_place,
    place_names,
    tokens,
    word_key,
)
from zhengce.lexicon import load_table
from zhengce.model import AlignedPair, Document, TermPair

COVERAGE = 0.75  # share of the term's characters its English words must render
LOOSE_COVERAGE = 0.5  # enough when the first and last words are rendered (成渝 … 经济圈)
MAX_WORDS = 10
CHINESE_QUOTE = re.compile(r"[“「]([^”」\n]{2,12})[”」]")
ENGLISH_QUOTE = re.compile(r"[\"“]([^\"”\n]{2,60})[\"”]")
CLAUSE_BREAK = re.compile(r"[,;:.()!?]|\s-{1,2}\s")
THEME_WEIGHT = 2.0
# Function words an English term may hold inside (Party building, ice and snow economy, sense of
# community for the Chinese nation); others (into, that, with) join clause parts, not a term.
JOINING_WORDS = frozenset(
    {"of", "and", "the", "a", "an", "for", "to", "in", "on"}
)  # theme words this specific are terms of their own


def discover(doc: Document, pairs: list[AlignedPair], *, use_table: bool = True) -> list[TermPair]:
    """Term pairs of a document, table matches included (filter on `how`).

    `use_table=False` measures discovery alone: no glossary matches, no glossary terms as
    candidates, and only the general word lexicon to render a term's words.
    """
    words = dictionary() if use_table else lexicon_dictionary()
    found: dict[str, list[TermPair]] = {}
    for pair in pairs:
        for term_pair in _pair_terms(doc, pair, words, use_table):
            found.setdefault(term_pair.term_zh, []).append(term_pair)
    result = []
    for candidates in found.values():
        renderings = Counter(c.term_en.lower() for c in candidates)
        top, count = renderings.most_common(1)[0]
        first = next(c for c in candidates if c.term_en.lower() == top)
        first.count = count
        result.append(first)
    return _drop_nested(result)


def _drop_nested(found: list[TermPair]) -> list[TermPair]:
    """A term inside a longer found term, rendered inside its English, is only its part."""
    kept = []
    for item in found:
        longer = [
            other
            for other in found
            if item.term_zh != other.term_zh
            and item.term_zh in other.term_zh
            and item.term_en.lower() in other.term_en.lower()
        ]
        if not longer or item.how == "table":  # a known term stays, wherever it stands
            kept.append(item)
    return kept


def _pair_terms(
    doc: Document, pair: AlignedPair, lexicon: Dictionary, use_table: bool
) -> Iterable[TermPair]:
    english = pair.en_text
    words = tokens(english)
    quotes_en = [m for m in ENGLISH_QUOTE.finditer(english)]
    unmatched_zh: list[str] = []
    used_quotes: set[int] = set()
    for term in candidates(doc, pair.zh_text, lexicon, use_table):
        en_index = pair.en[0]
        table = _table_match(term, english) if use_table else None
        if table:
            yield TermPair(term, table, "table", 1.0, doc.source, pair.zh[0], en_index)
            continue
        match = _lexicon_match(term, english, words, lexicon)
        if match is not None:
            start, end, score = match
            for number, quote in enumerate(quotes_en):
                if quote.start(1) < end and start < quote.end(1):
                    start, end = quote.start(1), quote.end(1)
                    used_quotes.add(number)
                    break
            yield TermPair(
                term, english[start:end], "lexicon", score, doc.source, pair.zh[0], en_index
            )
        elif f"“{term}”" in pair.zh_text or f"「{term}」" in pair.zh_text:
            unmatched_zh.append(term)
    yield from _quote_pairs(doc, pair, unmatched_zh, quotes_en, used_quotes)


def _quote_pairs(
    doc: Document,
    pair: AlignedPair,
    unmatched_zh: list[str],
    quotes_en: list[re.Match[str]],
    used: set[int],
) -> Iterable[TermPair]:
    """Quoted terms left over on both sides pair up in order, when as many on each side."""
    zh_order = sorted(unmatched_zh, key=lambda term: pair.zh_text.find(f"“{term}”"))
    left = [q.group(1).strip() for n, q in enumerate(quotes_en) if n not in used]
    if not zh_order or len(zh_order) != len(left):
        return
    for term, english in zip(zh_order, left, strict=True):
        yield TermPair(term, english, "quote", 0.6, doc.source, pair.zh[0], pair.en[0])


def candidates(
    doc: Document, text: str, lexicon: Dictionary | None = None, use_table: bool = True
) -> list[str]:
    """Chinese terms in `text` worth a glossary entry, longest first, each once."""
    lexicon = lexicon or dictionary()
    found: set[str] = set()
    found.update(m.term for m in doc.formulations if m.term in text)
    found.update(term for term in _known_terms(use_table) if term in text)
    found.update(m.group(1) for m in CHINESE_QUOTE.finditer(text) if _is_term(m.group(1)))
    for person in doc.participants:
        for position in person.positions:
            organization = _organization(position)
            if organization and organization in text:
                found.add(organization)
    for word in _theme_words():
        for match in re.finditer(re.escape(word), text):
            found.add(word)
            following = next(lexicon.scan(text[match.end() : match.end() + 4]), None)
            if following is not None and following[0] == 0 and len(following[2]) >= 2:
                found.add(word + following[2])
    return sorted(found, key=lambda term: (-len(term), term))


def _is_term(text: str) -> bool:
    return not re.search(r"[，。、；：！？\s]", text)


@cache
def _known_terms(use_table: bool = True) -> frozenset[str]:
    terms = {row["name"] for row in load_table("policy_regions") if row["kind"] == "region"}
    terms |= {row["term"] for row in load_table("policy_terms")}
    if use_table:
        terms |= {row["term_zh"] for row in glossary_rows()}
    terms |= {name for name in place_names() if len(name) >= 2}
    return frozenset(terms)


@cache
def _theme_words() -> tuple[str, ...]:
    rows = load_table("themes")
    return tuple(
        sorted(
            {
                r["keyword"]
                for r in rows
                if float(r["weight"]) >= THEME_WEIGHT and len(r["keyword"]) >= 3
            }
        )
    )


@cache
def _post_titles() -> tuple[str, ...]:
    rows = load_table("positions")
    titles = {r["pattern"] for r in rows if r["kind"] == "title"}
    return tuple(sorted(titles, key=len, reverse=True))


def _organization(position: str) -> str | None:
    """国家发展改革委主任 -> 国家发展改革委: the body a post belongs to (None for a bare post)."""
    for title in _post_titles():
        if position.endswith(title) and len(position) - len(title) >= 3:
            return position[: -len(title)]
    return None


def _table_match(term: str, english: str) -> str | None:
    lowered = english.lower()
    for row in glossary_rows():
        if row["term_zh"] != term:
            continue
        for option in row["term_en"].split("|"):
            at = _word_find(lowered, option.lower())
            if at >= 0:
                return english[at : at + len(option)]
    return None


def _word_find(text: str, phrase: str) -> int:
    match = re.search(r"(?<![A-Za-z])" + re.escape(phrase) + r"(?![A-Za-z])", text)
    return match.start() if match else -1


def _parts(term: str, lexicon: Dictionary) -> list[tuple[str, list[set[str]]]]:
    """The term's words with, for each, the key sets of its renderings ([] = no rendering)."""
    parts: list[tuple[str, list[set[str]]]] = []
    for word, renderings in lexicon.segment(term):
        options = [set(r.keys) for r in renderings]
        if word in place_names():
            options.append({word_key(pinyin_place(word))})
        parts.append((word, options))
    return parts


def _lexicon_match(
    term: str, english: str, words: list[Token], lexicon: Dictionary
) -> tuple[int, int, float] | None:
    """Character span (start, end) and score of the best English run rendering `term`."""
    parts = _parts(term, lexicon)
    rendered_keys = {key for _word, options in parts for keys in options for key in keys}
    if not rendered_keys:
        return None
    # (coverage, distinct words, -length, start, end): the fullest rendering, then the shortest
    best: tuple[float, int, int, int, int] | None = None
    for first in range(len(words)):
        if not words[first].is_content or words[first].key not in rendered_keys:
            continue
        for last in range(first, min(first + MAX_WORDS, len(words))):
            if CLAUSE_BREAK.search(
                english[words[last - 1].end : words[last].start] if last > first else ""
            ):
                break
            run = words[first : last + 1]
            if not run[-1].is_content:
                if run[-1].text.lower() not in JOINING_WORDS:
                    break
                continue
            content = {w.key for w in run if w.is_content}
            if not content <= rendered_keys:
                break
            score = _coverage(parts, content)
            if score < COVERAGE and not (
                score >= LOOSE_COVERAGE and _ends_rendered(parts, content)
            ):
                continue
            candidate = (score, len(content), -(last - first), run[0].start, run[-1].end)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return None
    return best[3], best[4], round(best[0], 3)


def _rendered(options: list[set[str]], keys: set[str]) -> bool:
    return any(option and option <= keys for option in options)


def _ends_rendered(parts: list[tuple[str, list[set[str]]]], keys: set[str]) -> bool:
    """First and last words rendered: the modifier and the head, 成渝 … 经济圈."""
    worded = [(word, options) for word, options in parts if any(options)]
    if len(worded) < 2 or min(len(worded[0][0]), len(worded[-1][0])) < 2:
        return False  # a one-character word (大, 区) renders too easily by chance
    return _rendered(worded[0][1], keys) and _rendered(worded[-1][1], keys)


def _coverage(parts: list[tuple[str, list[set[str]]]], keys: set[str]) -> float:
    """Share of the term's characters rendered; wordless parts (个, 的) count once any part is."""
    total = sum(len(word) for word, _options in parts)
    rendered = sum(len(word) for word, options in parts if _rendered(options, keys))
    if rendered:
        rendered += sum(
            len(word) for word, options in parts if options and all(not o for o in options)
        )
    return rendered / total if total else 0.0
