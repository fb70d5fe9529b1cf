"""`zhengce timeline TERM`: how many documents mention a term, month by month.

A document mentions the term when the formulations stage found it there (a lexicon variant
counts for its main term) or when its text contains the exact string (found through the search
index, so a term the lexicon does not know works too).  The term is folded like a search query
first: full-width forms and traditional characters become simplified (新質生產力 → 新质生产力).
Months with no document between the first and the last are listed with 0.  Documents whose
date has no month cannot be placed and are counted apart (`undated`).

Each document is placed on the day it came out (programme or publication day, else its own
date): `first_seen` is the first day a source carrying the term appeared, which is what a reader
of the corpus can check with a plain text search.  `first_event` is the earliest event date; it
can be earlier when a report came out after the meeting it reports: 新闻联播 of 2023-09-09
reports a 2023-09-07 meeting that used 新质生产力, while the term was first broadcast on
2023-09-08.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengce.analysis import AnalysisError
from zhengce.extract.formulations import known_terms
from zhengce.search.query import OPEN_QUOTES, QueryError, fold_query
from zhengce.store.base import Store

# 2023-09-08, 2023年9月8日 (separated) or 20230908 (compact); never a digit run cut short.
FULL_DATE = re.compile(
    r"((?:19|20)\d{2})(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|(\d{2})(\d{2}))(?!\d)"
)
ISO_PART = re.compile(r"\d{4}(?:-\d{2})?")  # a year or a month stays as it is
QUOTE_CHARS = "".join(OPEN_QUOTES) + "".join(OPEN_QUOTES.values())


@dataclass(slots=True)
class Timeline:
    term: str  # after folding (simplified, the lexicon's main term)
    first_seen: str | None  # the first day a source carrying the term came out (YYYY-MM-DD)
    monthly: dict[str, int] = field(default_factory=dict)  # YYYY-MM -> documents
    documents: int = 0
    undated: int = 0  # documents without a month in their date
    first_event: str | None = None  # the earliest event date among those documents

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "first_seen": self.first_seen,
            "first_event": self.first_event,
            "monthly": self.monthly,
        }


def canonical_term(term: str) -> str:
    """The folded term; a lexicon variant becomes its main term."""
    folded = fold_query(term).strip()
    for quote in QUOTE_CHARS:
        folded = folded.replace(quote, "")
    folded = folded.strip()
    if not folded:
        raise AnalysisError(f"empty term {term!r}: give the words to follow")
    return known_terms().term_of.get(folded, folded)


def timeline(store: Store, term: str) -> Timeline:
    """Documents mentioning `term` per month, zero months filled in."""
    wanted = canonical_term(term)
    found = _mention_dates(store, wanted)
    dates = {doc_id: published or date for doc_id, (date, published) in found.items()}
    result = Timeline(wanted, None, documents=len(dates))
    events = [date for date, _published in found.values() if date is not None]
    result.first_event = min(events) if events else None
    months: dict[str, int] = {}
    for date in dates.values():
        if date is None or len(date) < 7:
            result.undated += 1
            continue
        months[date[:7]] = months.get(date[:7], 0) + 1
    known = [d for d in dates.values() if d is not None]
    result.first_seen = min(known) if known else None
    result.monthly = zero_filled(months)
    return result


Dates = tuple[str | None, str | None]  # (document date, day published)


def _mention_dates(store: Store, term: str) -> dict[str, Dates]:
    """doc_id -> (date, day published) of every document that mentions the term: as a
    formulation, or anywhere in its text."""
    found: dict[str, Dates] = {
        doc_id: (date, iso_day(published))
        for doc_id, date, published in store.formulation_mentions(term)
    }
    try:
        in_text = store.phrase_mentions(term)
    except QueryError as exc:
        if found:
            return found
        raise AnalysisError(str(exc)) from None
    for doc_id, date, published in in_text:
        found.setdefault(doc_id, (date, iso_day(published)))
    return found


def iso_day(text: str | None) -> str | None:
    """YYYY-MM-DD from a stored date (2023-09-08, 2023年9月8日, 20230908); None if not a day."""
    match = FULL_DATE.search(text) if text else None
    if match is None:
        return text if text and ISO_PART.fullmatch(text) else None
    year, month, day, compact_month, compact_day = match.groups()
    return f"{year}-{int(month or compact_month):02d}-{int(day or compact_day):02d}"


def zero_filled(months: dict[str, int]) -> dict[str, int]:
    """Every month from the first to the last key, in order, 0 where absent."""
    if not months:
        return {}
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:7])
    filled: dict[str, int] = {}
    while True:
        key = f"{year:04d}-{month:02d}"
        filled[key] = months.get(key, 0)
        if key >= last:
            return filled
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def write_chart(line: Timeline, path: Path) -> None:
    """A bar chart of the monthly counts as PNG (matplotlib, Agg backend: no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    months = list(line.monthly)
    figure, axes = plt.subplots(figsize=(max(6.0, len(months) * 0.25), 3.5), dpi=100)
    try:
        axes.bar(range(len(months)), list(line.monthly.values()), color="#b22222")
        step = max(1, len(months) // 24)  # at most about 24 month labels
        axes.set_xticks(range(0, len(months), step), months[::step], rotation=90, fontsize=7)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of documents
        axes.set_ylabel("documents")
        font = _cjk_font()
        # Without a Chinese font the term would print as boxes (and warn): leave it out.
        axes.set_title(_chart_title(line, with_term=font is not None), fontproperties=font)
        figure.tight_layout()
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)


def _chart_title(line: Timeline, *, with_term: bool) -> str:
    first = f", first seen {line.first_seen}" if line.first_seen else ""
    term = line.term if with_term else "term"
    return f"{term}: {line.documents} documents{first}"


def _cjk_font() -> Any:
    """A font with Chinese glyphs if the system has one (else the title shows boxes)."""
    from matplotlib import font_manager

    for font in font_manager.fontManager.ttflist:
        if any(key in font.name for key in ("Noto Sans CJK", "WenQuanYi", "SimHei", "Source Han")):
            return font_manager.FontProperties(fname=font.fname)
    return None
