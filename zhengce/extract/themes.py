"""Themes: each body paragraph and each measure gets theme ids (DESIGN.md taxonomy).

Lexicon-driven and explainable: data/themes.tsv gives each theme words of its general
vocabulary with a weight; a text scores the sum of the weights of the words it contains
(longest word wins, so 政治生态 counts for party_building and not ecology's 生态).  In a
paragraph the lead sentence counts double, because official prose states its topic first
(习近平强调，要以科技创新推动产业创新，…).  The primary theme scores highest; the other
themes score at least half as much.  `theme_evidence` keeps the words that scored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document
from zhengce.word_patterns import scanner

LEAD_SENTENCE = re.compile(r"[^。；！？\n]*[。；！？]?")
LEAD_WEIGHT = 2.0  # the topic sentence of a paragraph counts double
KEEP_SHARE = 0.5  # secondary themes score at least this share of the primary's
MIN_SCORE = 1.0  # below this a text has no theme of its own
STRONG_WORD = 1.0  # a theme needs a word this heavy (城市 or 环境 alone is not enough)
DOCUMENT_SHARE = 0.6  # a paragraph without words takes the document's theme only this clear


@dataclass(slots=True)
class ThemeScore:
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    first_seen: dict[str, int] = field(default_factory=dict)
    strong: set[str] = field(default_factory=set)

    def add(self, other: ThemeScore) -> None:
        for theme, value in other.scores.items():
            self.scores[theme] = self.scores.get(theme, 0.0) + value
            words = self.evidence.setdefault(theme, [])
            words.extend(w for w in other.evidence[theme] if w not in words)
            self.first_seen.setdefault(theme, other.first_seen[theme])
        self.strong |= other.strong

    def ranked(self) -> list[str]:
        """Themes scoring at least KEEP_SHARE of the best, best first (earlier word breaks ties)."""
        candidates = [t for t in self.scores if t in self.strong]
        if len(candidates) == 1:  # the common case: nothing to sort or compare
            return candidates if self.scores[candidates[0]] >= MIN_SCORE else []
        order = sorted(candidates, key=lambda t: (-self.scores[t], self.first_seen[t]))
        if not order or self.scores[order[0]] < MIN_SCORE:
            return []
        top = self.scores[order[0]]
        return [t for t in order if self.scores[t] >= top * KEEP_SHARE]


@cache
def lexicon() -> tuple[re.Pattern[str], dict[str, list[tuple[str, float]]]]:
    words: dict[str, list[tuple[str, float]]] = {}
    for row in load_table("themes"):
        words.setdefault(row["keyword"], []).append((row["theme"], float(row["weight"])))
    return re.compile(scanner(list(words))), words


def find_words(text: str) -> list[tuple[int, str]]:
    """(offset, word) of every theme word in the text, longest word first at each place."""
    pattern, _words = lexicon()
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def score(text: str, lead_end: int = 0) -> ThemeScore:
    """Theme scores of a text; words before `lead_end` count LEAD_WEIGHT times."""
    return score_words(find_words(text), lead_end)


@cache
def scoring() -> dict[str, tuple[tuple[str, float, bool], ...]]:
    """(theme, weight, strong) of each word, without blocking rows (weight <= 0)."""
    # A blocking word (中华民族伟大复兴 hides 民族) is matched by the pattern, never scored.
    return {
        word: tuple((theme, weight, weight >= STRONG_WORD) for theme, weight in rows if weight > 0)
        for word, rows in lexicon()[1].items()
    }


def score_words(found: list[tuple[int, str]], lead_end: int = 0) -> ThemeScore:
    rows_of = scoring()
    result = ThemeScore()
    scores, evidence_of, first_seen = result.scores, result.evidence, result.first_seen
    strong_themes = result.strong
    for start, word in found:
        factor = LEAD_WEIGHT if start < lead_end else 1.0
        for theme, weight, strong in rows_of[word]:
            # The three tables gain a theme together: one lookup says whether it is new.
            if theme in scores:
                scores[theme] += weight * factor
                evidence = evidence_of[theme]
                if word not in evidence:
                    evidence.append(word)
            else:
                scores[theme] = weight * factor
                evidence_of[theme] = [word]
                first_seen[theme] = start
            if strong:
                strong_themes.add(theme)
    return result


def paragraph_score(text: str, found: list[tuple[int, str]] | None = None) -> ThemeScore:
    lead = LEAD_SENTENCE.match(text)
    return score_words(find_words(text) if found is None else found, lead.end() if lead else 0)


def _clear_context(whole: ThemeScore) -> ThemeScore:
    """The document's scores if one theme holds DOCUMENT_SHARE of them, else nothing."""
    ranked = whole.ranked()
    total = sum(whole.scores.values())
    if not ranked or whole.scores[ranked[0]] < DOCUMENT_SHARE * total:
        return ThemeScore()
    top = ranked[0]
    return ThemeScore({top: whole.scores[top]}, {top: whole.evidence[top]}, {top: 0}, {top})


def assign_themes(doc: Document) -> None:
    """Analysis stage: themes, primary theme and evidence on body paragraphs and measures."""
    whole = ThemeScore()
    scored: dict[int, ThemeScore] = {}
    words_of: dict[int, list[tuple[int, str]]] = {}
    for index, para in enumerate(doc.paragraphs):
        if para.kind != "body":
            continue
        words = words_of[index] = find_words(para.text)
        if not words:  # a third of news paragraphs: nothing to score or to add
            scored[index] = ThemeScore()
            continue
        result = paragraph_score(para.text, words)
        scored[index] = result
        whole.add(result)
    context = _clear_context(whole)
    context_ranked = context.ranked()
    for index, result in scored.items():
        # A paragraph without theme words takes the document's theme when the document has
        # one clear theme (its context); otherwise it has none.
        own = result.ranked()
        source = result if own else context
        para = doc.paragraphs[index]
        para.themes = own or list(context_ranked)
        para.primary_theme = para.themes[0] if para.themes else None
        para.theme_evidence = {t: source.evidence[t] for t in para.themes}
    for measure in doc.measures:
        result = _measure_score(doc, measure.paragraph, measure.start, measure.end, words_of)
        ranked = result.ranked()
        if ranked:
            measure.themes = ranked
            measure.theme_evidence = {t: result.evidence[t] for t in measure.themes}
        elif 0 <= measure.paragraph < len(doc.paragraphs):
            # No theme word in the clause: it belongs to its paragraph's topic.
            para = doc.paragraphs[measure.paragraph]
            measure.themes = list(para.themes)
            measure.theme_evidence = dict(para.theme_evidence)
        measure.primary_theme = measure.themes[0] if measure.themes else None


def _measure_score(
    doc: Document, index: int, start: int, end: int, words_of: dict[int, list[tuple[int, str]]]
) -> ThemeScore:
    """Scores of a measure from the words already found in its paragraph (no second scan)."""
    if index not in words_of:
        return score(doc.text[start:end])
    base = doc.paragraphs[index].start
    low, high = start - base, end - base
    inside = [(at - low, w) for at, w in words_of[index] if low <= at and at + len(w) <= high]
    return score_words(inside)
