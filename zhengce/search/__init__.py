"""Full-text search: the query language, filters, hits and snippets (no SQL here).

`store.search("新质生产力", SearchFilters(date_from="2024"))` (zhengce.store.base.Store;
SQLite: zhengce.store.search, FTS5 with bm25 ranking) returns the best paragraph of each
matching document, ranked, with a snippet that marks what matched.  See
`zhengce.search.query` for the query language and `zhengce.search.tokens` for the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

import regex

from zhengce.search.query import QueryError

__all__ = ["QueryError", "SearchFilters", "SearchHit", "normalize_date_bound"]

SNIPPET_CHARS = 120
SNIPPET_LEAD = 40
DATE_BOUND = regex.compile(
    r"\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?\s*"
)
COMPACT_DATE = re.compile(r"\s*(\d{4})(\d{2})(\d{2})?\s*")


@dataclass(slots=True)
class SearchFilters:
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD (inclusive)
    date_to: str | None = None  # inclusive: 2024-05 means to the end of May 2024
    person: str | None = None  # a participant of the document
    place: str | None = None  # part of the province, city or place text; 东北 = its provinces;
    # several places separated by 、 or , match any of them
    kind: str | None = None  # document kind (meeting_report, policy_document, ...)
    speaker: str | None = None  # speaker of the matching paragraph


@dataclass(slots=True)
class SearchHit:
    doc_id: str
    title: str | None
    date: str | None
    snippet: str
    speaker: str | None
    score: float
    paragraph: int  # position of the paragraph in its document
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json_dict(self) -> dict[str, Any]:
        """The fields `zhengce search --json` prints."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "date": self.date,
            "snippet": self.snippet,
            "speaker": self.speaker,
            "score": self.score,
        }


def normalize_date_bound(text: str, label: str = "date") -> str:
    """2024, 2024-5, 2024/05/20, 20240520 or 2024年5月20日 -> 2024, 2024-05, 2024-05-20.

    Full-width digits and separators (２０２４－０５) are folded first: the stored dates are
    ASCII, and an unfolded bound would silently compare as no date at all."""
    text = unicodedata.normalize("NFKC", text)
    match = DATE_BOUND.fullmatch(text) or COMPACT_DATE.fullmatch(text)
    if match is None:
        raise QueryError(
            f"{label}: {text!r} is not a date; write it like 2024, 2024-05 or 2024-05-20"
        )
    year, month, day = match.groups()
    parts = [year]
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise QueryError(f"{label}: month {month} in {text!r} is not 1-12")
        parts.append(f"{int(month):02d}")
    if day is not None:
        if not 1 <= int(day) <= 31:
            raise QueryError(f"{label}: day {day} in {text!r} is not 1-31")
        parts.append(f"{int(day):02d}")
    return "-".join(parts)


def highlight_pattern(pieces: list[str]) -> re.Pattern[str] | None:
    if not pieces:
        return None
    return re.compile("|".join(re.escape(p) for p in pieces), re.IGNORECASE)


def make_snippet(
    text: str, pattern: re.Pattern[str] | None, marks: tuple[str, str] = ("«", "»")
) -> str:
    """About SNIPPET_CHARS characters around the first match, every match in it marked."""
    text = " ".join(text.split())
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_LEAD) if first else 0
    end = min(len(text), start + SNIPPET_CHARS)
    window = text[start:end]
    if pattern is not None:
        window = pattern.sub(lambda m: f"{marks[0]}{m.group()}{marks[1]}", window)
    return ("…" if start > 0 else "") + window + ("…" if end < len(text) else "")
