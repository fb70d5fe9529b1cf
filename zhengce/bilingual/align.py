"""Align the English translation block of a document to its Chinese paragraphs.

Each English paragraph is given a span of one to three consecutive Chinese paragraphs (or
none), by dynamic programming over the English paragraphs in order: the spans never go back,
so several English paragraphs may share one Chinese paragraph (Xinhua English splits long
paragraphs) and one English paragraph may cover up to three Chinese ones (it merges short
ones).  A span scores by how much of the English paragraph its Chinese text explains (the
share of the paragraph's word weight whose keys the Chinese text can produce — lexicon and
glossary renderings, pinyin of names and places, numbers and dates, see `words.py`), less a
small price for its distance from the English paragraph's relative position and for merging.
An English paragraph the order leaves badly explained is then moved to the Chinese paragraph
that explains it best anywhere (translations sometimes move the attendance list to the end).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from zhengce.bilingual.words import chinese_keys, english_keys
from zhengce.model import AlignedPair, Document

MAX_MERGE = 3  # Chinese paragraphs one English paragraph may cover
MERGE_PRICE = 0.12  # per extra Chinese paragraph in a span
POSITION_PRICE = 0.25  # per unit of relative-position distance
NULL_SCORE = 0.08  # an English paragraph left unaligned
MOVE_GAIN = 0.25  # how much better an out-of-order paragraph must explain it
ANCHOR_WEIGHT = 2.0  # names and numbers count double: they rarely match by chance


@dataclass(slots=True)
class _Units:
    zh: list[int]  # paragraph indices
    en: list[int]
    zh_keys: list[set[str]] = field(default_factory=list)
    en_weights: list[dict[str, float]] = field(default_factory=list)


def chinese_units(doc: Document) -> list[int]:
    """The first title and the body paragraphs: what an English block translates."""
    titles = [i for i, p in enumerate(doc.paragraphs) if p.kind == "title"][:1]
    body = [i for i, p in enumerate(doc.paragraphs) if p.kind == "body"]
    return sorted(titles + body)


def english_units(doc: Document) -> list[int]:
    return [i for i, p in enumerate(doc.paragraphs) if p.kind == "english"]


def has_english(doc: Document) -> bool:
    return any(p.kind == "english" for p in doc.paragraphs)


def _prepare(doc: Document) -> _Units:
    units = _Units(chinese_units(doc), english_units(doc))
    names = {p.name for p in doc.participants + doc.not_participants}
    units.zh_keys = [chinese_keys(doc.paragraphs[i].text, names) for i in units.zh]
    keyed = [english_keys(doc.paragraphs[i].text) for i in units.en]
    documents_with = Counter(key for keys in keyed for key in set(keys))
    total = len(keyed)
    for keys in keyed:
        weights: dict[str, float] = {}
        for key in keys:
            idf = math.log(1 + total / documents_with[key])
            weights[key] = weights.get(key, 0.0) + idf * (ANCHOR_WEIGHT if ":" in key else 1.0)
        units.en_weights.append(weights)
    return units


def explained(zh_keys: set[str], weights: dict[str, float]) -> float:
    """Share of an English paragraph's word weight that the Chinese keys account for."""
    total = sum(weights.values())
    if not total:
        return 0.0
    return sum(w for key, w in weights.items() if key in zh_keys) / total


def align(doc: Document) -> list[AlignedPair]:
    """Aligned pairs in English order; empty when the document has no English block."""
    units = _prepare(doc)
    if not units.zh or not units.en:
        return []
    spans = [
        (a, b) for a in range(len(units.zh)) for b in range(a, min(a + MAX_MERGE, len(units.zh)))
    ]
    span_keys = [set().union(*units.zh_keys[a : b + 1]) for a, b in spans]
    scores = [
        [_span_score(spans[s], span_keys[s], j, units) for s in range(len(spans))]
        for j in range(len(units.en))
    ]
    chosen = _best_path(spans, scores)
    chosen = _move_stragglers(chosen, spans, span_keys, units)
    chosen = _fill_gaps(chosen, spans, span_keys, units)
    _pair_headlines(doc, units, spans, chosen)
    return _pairs(doc, units, spans, chosen, scores)


def _span_score(span: tuple[int, int], keys: set[str], j: int, units: _Units) -> float:
    a, b = span
    middle = (a + b + 1) / 2 / len(units.zh)
    where = (j + 0.5) / len(units.en)
    return (
        explained(keys, units.en_weights[j])
        - MERGE_PRICE * (b - a)
        - POSITION_PRICE * abs(middle - where)
    )


def _best_path(spans: list[tuple[int, int]], scores: list[list[float]]) -> list[int | None]:
    """Span index per English paragraph (None = unaligned), spans never going back."""
    count = len(spans)
    minus = -math.inf
    # best[s]: best total so far with s the last span used (count = nothing used yet)
    best = [minus] * count + [0.0]
    back: list[list[tuple[int, bool]]] = []
    for row in scores:
        # best total over last spans ending before each Chinese paragraph
        last_zh = max(b for _a, b in spans) + 1
        upto = [(minus, count)] * (last_zh + 1)
        upto[0] = (best[count], count)
        for s, (_a, b) in enumerate(spans):
            if best[s] > upto[b + 1][0]:
                upto[b + 1] = (best[s], s)
        for e in range(1, last_zh + 1):
            if upto[e - 1][0] > upto[e][0]:
                upto[e] = upto[e - 1]
        new = [minus] * count + [best[count] + NULL_SCORE]
        pointers: list[tuple[int, bool]] = [(s, False) for s in range(count)] + [(count, False)]
        for s, (a, _b) in enumerate(spans):
            stay = best[s] + max(row[s], NULL_SCORE)
            fresh_total, fresh_from = upto[a]
            fresh = fresh_total + row[s]
            if stay >= fresh:
                new[s], pointers[s] = stay, (s, row[s] >= NULL_SCORE)
            else:
                new[s], pointers[s] = fresh, (fresh_from, True)
        best = new
        back.append(pointers)
    state = max(range(count + 1), key=lambda s: best[s])
    chosen: list[int | None] = []
    for pointers in reversed(back):
        previous, used = pointers[state]
        chosen.append(state if used and state < count else None)
        state = previous
    chosen.reverse()
    return chosen


def _move_stragglers(
    chosen: list[int | None],
    spans: list[tuple[int, int]],
    span_keys: list[set[str]],
    units: _Units,
) -> list[int | None]:
    singles = {a: s for s, (a, b) in enumerate(spans) if a == b}
    moved = list(chosen)
    for j, s in enumerate(chosen):
        weights = units.en_weights[j]
        here = explained(span_keys[s], weights) if s is not None else 0.0
        best_zh = max(singles, key=lambda a: explained(units.zh_keys[a], weights))
        there = explained(units.zh_keys[best_zh], weights)
        if there >= here + MOVE_GAIN:
            moved[j] = singles[best_zh]
    return moved


def _fill_gaps(
    chosen: list[int | None],
    spans: list[tuple[int, int]],
    span_keys: list[set[str]],
    units: _Units,
) -> list[int | None]:
    """An unaligned paragraph between aligned ones continues one of them (the better explainer).

    Its own words may be too general to explain ("Efforts should be made to ..."), but a
    translation does not leave a paragraph out in the middle of a passage.
    """
    filled = list(chosen)
    for j, s in enumerate(chosen):
        if s is not None:
            continue
        before = next((filled[k] for k in range(j - 1, -1, -1) if filled[k] is not None), None)
        after = next((c for c in chosen[j + 1 :] if c is not None), None)
        if before is None or after is None:
            continue
        weights = units.en_weights[j]
        better_after = explained(span_keys[after], weights) > explained(span_keys[before], weights)
        filled[j] = after if better_after else before
    return filled


def _pair_headlines(
    doc: Document, units: _Units, spans: list[tuple[int, int]], chosen: list[int | None]
) -> None:
    """The English headline (first paragraph, short, no closing stop) renders the Chinese title."""
    first = doc.paragraphs[units.en[0]].text.strip()
    title = units.zh[0]
    if doc.paragraphs[title].kind != "title" or len(first) > 150 or first[-1:] in ".\"'":
        return
    chosen[0] = spans.index((0, 0))


def _pairs(
    doc: Document,
    units: _Units,
    spans: list[tuple[int, int]],
    chosen: list[int | None],
    scores: list[list[float]],
) -> list[AlignedPair]:
    pairs: list[AlignedPair] = []
    previous_end = -1
    for j, s in enumerate(chosen):
        if s is None:
            continue
        a, b = spans[s]
        zh = units.zh[a : b + 1]
        confidence = _confidence(scores[j], s, spans)
        in_order = a > previous_end or (bool(pairs) and pairs[-1].zh == zh)
        if pairs and pairs[-1].zh == zh and pairs[-1].en[-1] == units.en[j - 1]:
            last = pairs[-1]
            last.en.append(units.en[j])
            last.en_text += "\n" + doc.paragraphs[units.en[j]].text
            last.confidence = min(last.confidence, confidence)
            continue
        pairs.append(
            AlignedPair(
                zh,
                [units.en[j]],
                "\n".join(doc.paragraphs[i].text for i in zh),
                doc.paragraphs[units.en[j]].text,
                confidence if in_order else confidence * 0.8,
                in_order,
            )
        )
        previous_end = max(previous_end, b)
    return pairs


def _confidence(row: list[float], s: int, spans: list[tuple[int, int]]) -> float:
    """How well the span explains the paragraph, discounted when another span is nearly as good."""
    a, b = spans[s]
    rivals = [row[t] for t, (c, d) in enumerate(spans) if d < a or c > b]
    margin = row[s] - max(rivals, default=0.0)
    value = max(0.0, row[s]) * (0.6 + 0.4 * min(1.0, max(0.0, margin) / 0.2))
    return round(min(1.0, max(0.0, value + 0.2)), 3)
