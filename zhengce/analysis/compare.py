"""`zhengce compare A B ...`: documents or groups of documents side by side.

Each side is a document id (or a unique prefix of one) or a group:

    LABEL:key=value,key=value     keys: place, from, to, kind, title
    东北:place=黑龙江,from=2023-01-01,to=2023-12-31,kind=meeting_report

`place` matches the province, city or place containing it (a region preset such as 东北 or
长三角 stands for its provinces, data/regions.tsv; several place= keys or 黑龙江、吉林 match
any), `title` the title containing it,
`from`/`to` bound the document date (inclusive; YYYY, YYYY-MM or YYYY-MM-DD), `kind` is exact.

The comparison gives, per side:
- a theme profile: the share of body paragraphs, and of measures, whose primary theme is T;
- measures found only there: a measure matches another side's when their verb + object,
  stripped of punctuation, are equal, or the verbs are equal and the objects share at least
  half of their character bigrams (Jaccard >= MATCH_SIMILARITY);
- formulations shared by all sides, and those new in a later side: found there and in no side
  dated earlier (sides are ordered by their earliest document date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhengce.analysis import AnalysisError
from zhengce.analysis.formulations import first_seen_dates, terms_of_documents
from zhengce.search import normalize_date_bound
from zhengce.search.query import QueryError
from zhengce.store.base import Store

MATCH_SIMILARITY = 0.5
GROUP_KEYS = ("place", "from", "to", "kind", "title")
DOC_ID = re.compile(r"[0-9A-Za-z_-]{4,}")
NOT_WORD = re.compile(r"[^\w]|_")


@dataclass(slots=True)
class Measure:
    verb: str
    object: str
    text: str
    key: str = ""  # verb + object without punctuation or spaces
    grams: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.key = NOT_WORD.sub("", self.verb + self.object)
        obj = NOT_WORD.sub("", self.object)
        self.grams = frozenset(obj[i : i + 2] for i in range(max(1, len(obj) - 1)))


@dataclass(slots=True)
class Side:
    label: str
    doc_ids: list[str]
    first_date: str | None = None
    last_date: str | None = None
    paragraph_themes: dict[str, float] = field(default_factory=dict)  # theme -> share
    measure_themes: dict[str, float] = field(default_factory=dict)
    n_paragraphs: int = 0
    measures: list[Measure] = field(default_factory=list)
    terms: dict[str, int] = field(default_factory=dict)  # formulation -> mentions


@dataclass(slots=True)
class Comparison:
    sides: list[Side]
    only: dict[str, list[Measure]]  # side label -> its measures no other side has
    shared_terms: list[str]
    new_terms: dict[str, list[tuple[str, str | None]]]  # later side -> (term, first seen in db)


# Sides ---------------------------------------------------------------------------------------


def parse_group(spec: str) -> tuple[str, dict[str, str]]:
    """'LABEL:key=value,...' -> (label, filters); AnalysisError with the fix when malformed."""
    label, colon, rest = spec.partition(":")
    if not colon or not label.strip() or not rest.strip():
        raise AnalysisError(
            f"group {spec!r}: write LABEL:key=value,... (keys: place, from, to, kind, title)"
        )
    filters: dict[str, str] = {}
    for item in rest.split(","):
        key, equals, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not value:
            raise AnalysisError(f"group {label}: {item.strip()!r} is not key=value")
        if key not in GROUP_KEYS:
            raise AnalysisError(
                f"group {label}: unknown key {key!r}; choose from {', '.join(GROUP_KEYS)}"
            )
        if key in ("from", "to"):
            try:
                value = normalize_date_bound(value, key)
            except QueryError as exc:
                raise AnalysisError(f"group {label}: {exc}") from None
        if key == "place" and "place" in filters:
            value = filters["place"] + "、" + value  # several places: any of them (OR)
        filters[key] = value
    return label.strip(), filters


def is_group(spec: str) -> bool:
    return ":" in spec and "=" in spec


def resolve_side(store: Store, spec: str) -> Side:
    """A document id/prefix or a group spec -> the side with its document ids."""
    if is_group(spec):
        label, filters = parse_group(spec)
        ids = store.group_ids(filters)
        if not ids:
            raise AnalysisError(f"group {label}: no documents match {spec.partition(':')[2]}")
        return Side(label, ids)
    if not DOC_ID.fullmatch(spec):
        raise AnalysisError(
            f"{spec!r} is neither a document id (4 or more letters/digits) nor a group"
            " LABEL:key=value,..."
        )
    found = store.documents_with_prefix(spec, limit=2)
    if not found:
        raise AnalysisError(f"no document id starts with {spec!r}")
    if len(found) > 1:
        raise AnalysisError(f"{spec!r} starts several document ids: give more characters")
    doc_id, title = found[0]
    return Side(_short(title) if title else doc_id[:12], [doc_id])


def _short(title: str, size: int = 24) -> str:
    return title if len(title) <= size else title[: size - 1] + "…"


# Filling a side ----------------------------------------------------------------------------


def fill_side(store: Store, side: Side) -> None:
    found = store.profile(side.doc_ids)
    side.first_date, side.last_date = found["first_date"], found["last_date"]
    side.n_paragraphs = len(found["paragraph_themes"])
    side.paragraph_themes = _shares(found["paragraph_themes"])
    side.measures = [Measure(verb, obj, text) for verb, obj, text, _theme in found["measures"]]
    side.measure_themes = _shares([row[3] for row in found["measures"]])
    side.terms = terms_of_documents(store, side.doc_ids)


def _shares(themes: list[str | None]) -> dict[str, float]:
    """Theme -> share of all items (items without a theme count in the total)."""
    counts: dict[str, int] = {}
    for theme in themes:
        if theme:
            counts[theme] = counts.get(theme, 0) + 1
    total = len(themes)
    return {t: n / total for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


# Comparing -----------------------------------------------------------------------------------


def similar(a: Measure, b: Measure) -> bool:
    if a.key == b.key:
        return True
    if a.verb != b.verb or not a.grams or not b.grams:
        return False
    return len(a.grams & b.grams) / len(a.grams | b.grams) >= MATCH_SIMILARITY


def measures_only_in(side: Side, others: list[Side]) -> list[Measure]:
    """Measures of `side` that no measure of the other sides matches (one per verb + object)."""
    by_verb: dict[str, list[Measure]] = {}
    keys: set[str] = set()
    for other in others:
        for m in other.measures:
            by_verb.setdefault(m.verb, []).append(m)
            keys.add(m.key)
    seen: set[str] = set()
    only: list[Measure] = []
    for m in side.measures:
        if m.key in seen or m.key in keys:
            continue
        seen.add(m.key)
        if not any(similar(m, o) for o in by_verb.get(m.verb, [])):
            only.append(m)
    return only


def compare(store: Store, specs: list[str]) -> Comparison:
    if len(specs) < 2:
        raise AnalysisError("compare needs at least two documents or groups")
    sides = [resolve_side(store, spec) for spec in specs]
    labels = [s.label for s in sides]
    if len(set(labels)) < len(labels):
        for i, side in enumerate(sides):
            side.label = f"{i + 1}. {side.label}"
    for side in sides:
        fill_side(store, side)
    # Earliest first; a side without dates goes last.
    sides.sort(key=lambda s: (s.first_date is None, s.first_date or ""))
    only = {s.label: measures_only_in(s, [o for o in sides if o is not s]) for s in sides}
    shared = sorted(
        set.intersection(*(set(s.terms) for s in sides)),
        key=lambda t: (-sum(s.terms[t] for s in sides), t),
    )
    new_terms: dict[str, list[tuple[str, str | None]]] = {}
    for index, side in enumerate(sides[1:], start=1):
        earlier = set().union(*(set(s.terms) for s in sides[:index]))
        fresh = sorted(
            (t for t in side.terms if t not in earlier), key=lambda t: (-side.terms[t], t)
        )
        dates = first_seen_dates(store, fresh)
        new_terms[side.label] = [(t, dates.get(t)) for t in fresh]
    return Comparison(sides, only, shared, new_terms)
