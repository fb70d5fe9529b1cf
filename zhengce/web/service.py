"""What the pages and the JSON API show, as plain data: one function per page.

Both the HTML pages and `/api/v1/` call these, so the API mirrors the pages.  Everything is read
through the Python API (`KnowledgeBase`), the search module and the store's readers; nothing
here builds SQL.  Bad input raises `BadRequest` (400) or `NotFound` (404) with a message that
says what to change.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from zhengce.analysis import AnalysisError
from zhengce.analysis.compare import compare as run_compare
from zhengce.analysis.formulations import list_formulations
from zhengce.analysis.timeline import iso_day, timeline, zero_filled
from zhengce.api import KnowledgeBase
from zhengce.model import Document
from zhengce.search import SearchFilters, normalize_date_bound
from zhengce.search.query import QueryError
from zhengce.search.regions import region_presets
from zhengce.show import reading
from zhengce.store import browse
from zhengce.store.result_pages import search_page
from zhengce.web import facets
from zhengce.web.cache import Cache

PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_TERMS = 8
MAX_SIDES = 6
MARKS = ("\ue000", "\ue001")  # private-use characters around a match in page snippets
API_MARKS = ("«", "»")  # as `zhengce search` prints them


class BadRequest(ValueError):
    """Input that cannot be answered (400)."""


class NotFound(LookupError):
    """Nothing at that address (404)."""


@dataclass(slots=True)
class SearchQuery:
    q: str = ""
    year: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    place: str | None = None
    region: str | None = None
    person: str | None = None
    speaker: str | None = None
    theme: str | None = None
    formulation: str | None = None
    page: int = 1
    per_page: int = PER_PAGE

    def filters(self) -> dict[str, str]:
        """The filters set (name -> value), for links that add or remove one."""
        names = ("year", "kind", "place", "region", "person", "speaker", "theme", "formulation")
        return {name: value for name in names if (value := getattr(self, name))}

    def text(self) -> str:
        """The query searched: the formulation facet adds its term as a phrase."""
        parts = [self.q.strip()] if self.q.strip() else []
        if self.formulation:
            parts.append('"' + self.formulation.replace('"', "") + '"')
        return " ".join(parts)


@dataclass(slots=True)
class SearchResult:
    query: SearchQuery
    total: int
    capped: bool
    results: list[dict[str, Any]]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    doc_ids: list[str] = field(default_factory=list)  # of every match (filled with the facets)
    paragraph_ids: list[int] = field(default_factory=list)  # the best paragraph of every match

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    def to_json(self) -> dict[str, Any]:
        return {
            "query": asdict(self.query),
            "total": self.total,
            "capped": self.capped,
            "page": self.query.page,
            "pages": self.pages,
            "results": self.results,
            "facets": {k: [{"value": v, "count": n} for v, n in f] for k, f in self.facets.items()},
        }


def search(
    kb: KnowledgeBase,
    query: SearchQuery,
    *,
    with_facets: bool = True,
    marks: tuple[str, str] = MARKS,
    cache: Cache | None = None,
) -> SearchResult:
    """One page of results (and facets); answers come from `cache` when it has them."""
    if cache is None:
        return _search(kb, query, with_facets=with_facets, marks=marks, cache=None)
    key = ("search", tuple(sorted(asdict(query).items())), with_facets, marks)
    return cache.get(
        key, lambda: _search(kb, query, with_facets=with_facets, marks=marks, cache=cache)
    )


def facet_rows(kb: KnowledgeBase, cache: Cache | None) -> browse.FacetRows:
    """The rows facets are counted from: read once per database generation when cached."""
    if cache is None:
        return browse.facet_rows(kb.store)
    return cache.get("facet rows", partial(browse.facet_rows, kb.store))


def _search(
    kb: KnowledgeBase,
    query: SearchQuery,
    *,
    with_facets: bool,
    marks: tuple[str, str],
    cache: Cache | None,
) -> SearchResult:
    text = query.text()
    if not text:
        return SearchResult(query, 0, False, [])
    if query.page < 1 or not 1 <= query.per_page <= MAX_PER_PAGE:
        raise BadRequest(f"page starts at 1 and per_page is 1 to {MAX_PER_PAGE}")
    date_from, date_to = query.date_from, query.date_to
    if query.year:
        date_from = date_to = query.year
    try:
        for bound, name in ((date_from, "from"), (date_to, "to")):
            if bound:
                normalize_date_bound(bound, name)
        kb.check_index()
        page = search_page(
            kb.store,
            text,
            SearchFilters(date_from, date_to, query.person, query.place, query.kind, query.speaker),
            provinces=provinces_of(query.region),
            theme=query.theme,
            offset=(query.page - 1) * query.per_page,
            limit=query.per_page,
            marks=marks,
        )
    except QueryError as exc:
        raise BadRequest(str(exc)) from None
    result = SearchResult(query, page.total, page.capped, [hit.to_dict() for hit in page.hits])
    result.paragraph_ids = page.paragraph_ids
    if with_facets:
        rows = facet_rows(kb, cache)
        result.doc_ids, result.facets = facets.count(rows, page.paragraph_ids, region_presets())
    return result


def provinces_of(region: str | None) -> tuple[str, ...]:
    if not region:
        return ()
    provinces = region_presets().get(region)
    if provinces is None:
        raise BadRequest(f"unknown region {region!r}; choose from {'、'.join(region_presets())}")
    return provinces


def all_results(
    kb: KnowledgeBase, query: SearchQuery, cache: Cache | None = None
) -> list[dict[str, Any]]:
    """Every ranked document of a query (up to the results cap), for downloads."""
    whole = SearchQuery(**{**asdict(query), "page": 1, "per_page": MAX_PER_PAGE})
    first = search(kb, whole, with_facets=False, marks=API_MARKS, cache=cache)
    rows = list(first.results)
    for number in range(2, first.pages + 1):
        whole.page = number
        rows.extend(search(kb, whole, with_facets=False, marks=API_MARKS, cache=cache).results)
    return rows


RESULT_COLUMNS = ["doc_id", "date", "title", "speaker", "score", "snippet", "source"]


def results_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, RESULT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in RESULT_COLUMNS})
    return out.getvalue()


def results_xlsx(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "results"
    sheet.append(RESULT_COLUMNS)
    for row in rows:
        sheet.append([_cell(row.get(k)) for k in RESULT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A spreadsheet cell that no spreadsheet program runs as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def participants_of(
    kb: KnowledgeBase, result: SearchResult, cache: Cache | None = None
) -> list[dict[str, Any]]:
    """Everyone present at the events of every matching document."""
    doc_ids = result.doc_ids or facets.doc_ids(facet_rows(kb, cache), result.paragraph_ids)
    return browse.participants_of(kb.store, doc_ids)


# A document ---------------------------------------------------------------------------------


def load(kb: KnowledgeBase, doc_id: str) -> Document:
    try:
        return kb.document(doc_id)
    except KeyError:
        raise NotFound(f"no document {doc_id!r}") from None


def document_json(kb: KnowledgeBase, doc_id: str, doc: Document | None = None) -> dict[str, Any]:
    """The document as `zhengce show --json` gives it, with the facts stored beside it."""
    doc = doc or load(kb, doc_id)
    data = reading(doc)
    data["doc_id"] = doc_id
    data["edits"] = [
        {
            "stage": e.stage,
            "before": e.before,
            "after": e.after,
            "reason": e.reason,
            "confidence": e.confidence,
            "guess": e.is_guess,
            "step": e.step,
            "span": [e.start, e.end],
        }
        for e in doc.edits
    ]
    return data


@dataclass(slots=True)
class Segment:
    text: str
    facts: list[str]  # fact ids covering it (m3, f1, p0, t2, u1)
    anchor: str | None = None  # an outline item starts here


@dataclass(slots=True)
class ParagraphView:
    ord: int
    kind: str
    speaker: str | None
    theme: str | None
    segments: list[Segment]


def document_view(kb: KnowledgeBase, doc_id: str) -> dict[str, Any]:
    """The document page: metadata, paragraphs cut at fact spans, facts by id, edits."""
    doc = load(kb, doc_id)
    data = document_json(kb, doc_id, doc)
    facts: dict[str, dict[str, Any]] = {}
    spans: list[tuple[int, int, str]] = []
    for prefix, kind, items in (
        ("m", "measure", data["measures"]),
        ("t", "target", data["targets"]),
        ("u", "unit", data["responsible_units"]),
        ("p", "person", data["participants"] + data["not_participants"]),
        ("f", "formulation", data["formulations"]),
    ):
        for n, item in enumerate(items):
            start, end = item["span"]
            if not 0 <= start < end <= len(doc.text):
                continue
            fact_id = f"{prefix}{n}"
            facts[fact_id] = {"kind": kind, **item}
            spans.append((start, end, fact_id))
    anchors = {item.start: f"o{n}" for n, item in enumerate(doc.outline)}
    themes = browse.paragraph_themes(kb.store, doc_id)
    paragraphs = [
        ParagraphView(
            n,
            para.kind,
            para.speaker,
            themes.get(n),
            _segments(doc.text, para.start, para.end, spans, anchors),
        )
        for n, para in enumerate(doc.paragraphs)
    ]
    return {
        "data": data,
        "doc": doc,
        "facts": facts,
        "paragraphs": paragraphs,
        "outline": [(f"o{n}", item) for n, item in enumerate(doc.outline)],
        "row": browse.document_row(kb.store, doc_id) or {},
    }


def _segments(
    text: str,
    start: int,
    end: int,
    spans: list[tuple[int, int, str]],
    anchors: dict[int, str],
) -> list[Segment]:
    """The paragraph text cut wherever a fact starts or ends, each piece with its facts."""
    inside = [(s, e, f) for s, e, f in spans if s < end and e > start]
    cuts = {start, end}
    for s, e, _ in inside:
        cuts.update((max(s, start), min(e, end)))
    cuts.update(a for a in anchors if start <= a < end)
    points = sorted(cuts)
    segments: list[Segment] = []
    for a, b in itertools.pairwise(points):
        covering = [f for s, e, f in inside if s <= a and e >= b]
        segments.append(Segment(text[a:b], covering, anchors.get(a)))
    return segments


# People, formulations, timeline, compare ----------------------------------------------------


def people(kb: KnowledgeBase, name: str | None, *, limit: int = 200) -> list[dict[str, Any]]:
    return [row for row in kb.people(name, limit=limit) if row["events"] or name]


def person(kb: KnowledgeBase, name: str) -> dict[str, Any]:
    found = kb.person(name)
    if found is None:
        raise NotFound(f"nobody named {name!r} in the knowledge base")
    return found


def formulations(
    kb: KnowledgeBase, *, discovered: bool = False, limit: int = 300
) -> list[dict[str, Any]]:
    return list_formulations(kb.store, discovered_only=discovered, limit=limit)


def split_terms(terms: str) -> list[str]:
    found = [t.strip() for t in terms.replace("，", ",").replace("、", ",").split(",")]
    return [t for t in found if t]


def timelines(
    kb: KnowledgeBase, terms: list[str], *, by: str, per: str, cache: Cache | None = None
) -> dict[str, Any]:
    """Several terms on one time axis: documents per month or year, raw or per 1,000 documents."""
    if by not in ("month", "year"):
        raise BadRequest(f"by={by!r}: choose month or year")
    if per not in ("raw", "1000"):
        raise BadRequest(f"per={per!r}: choose raw or 1000")
    if len(terms) > MAX_TERMS:
        raise BadRequest(f"at most {MAX_TERMS} terms at once")
    lines = []
    for term in terms:
        try:
            if cache is None:
                lines.append(timeline(kb.store, term))
            else:
                lines.append(cache.get(("timeline", term), partial(timeline, kb.store, term)))
        except AnalysisError as exc:
            raise BadRequest(str(exc)) from None
    if cache is None:
        totals = documents_per_month(kb)
    else:
        totals = cache.get("documents per month", lambda: documents_per_month(kb))
    months: set[str] = set()
    for line in lines:
        months.update(m for m, n in line.monthly.items() if n)
    axis = list(zero_filled(dict.fromkeys(months, 1))) if months else []
    if by == "year":
        axis = sorted({m[:4] for m in axis})
    series = []
    for line in lines:
        counts = _bucket(line.monthly, by)
        denominators = _bucket(totals, by)
        values: list[float] = []
        for key in axis:
            n = counts.get(key, 0)
            if per == "1000":
                total = denominators.get(key, 0)
                values.append(round(1000 * n / total, 2) if total else 0.0)
            else:
                values.append(n)
        series.append(
            {
                "term": line.term,
                "documents": line.documents,
                "first_seen": line.first_seen,
                "first_event": line.first_event,
                "undated": line.undated,
                "values": values,
            }
        )
    return {"by": by, "per": per, "axis": axis, "series": series}


def documents_per_month(kb: KnowledgeBase) -> dict[str, int]:
    """YYYY-MM -> documents that came out that month (the denominators of per 1,000)."""
    totals: dict[str, int] = {}
    for day, n in browse.documents_per_day(kb.store).items():
        iso = iso_day(day)
        if iso and len(iso) >= 7:
            totals[iso[:7]] = totals.get(iso[:7], 0) + n
    return totals


def _bucket(monthly: dict[str, int], by: str) -> dict[str, int]:
    if by == "month":
        return monthly
    years: dict[str, int] = {}
    for month, n in monthly.items():
        years[month[:4]] = years.get(month[:4], 0) + n
    return years


def compare(kb: KnowledgeBase, sides: list[str]) -> dict[str, Any]:
    if len(sides) > MAX_SIDES:
        raise BadRequest(f"at most {MAX_SIDES} sides at once")
    try:
        result = run_compare(kb.store, sides)
    except AnalysisError as exc:
        raise BadRequest(str(exc)) from None
    themes = sorted({t for s in result.sides for t in (*s.paragraph_themes, *s.measure_themes)})
    return {
        "themes": themes,
        "sides": [
            {
                "label": s.label,
                "documents": len(s.doc_ids),
                "doc_ids": s.doc_ids[:50],
                "first_date": s.first_date,
                "last_date": s.last_date,
                "paragraphs": s.n_paragraphs,
                "measures": len(s.measures),
                "paragraph_themes": {t: round(v, 4) for t, v in s.paragraph_themes.items()},
                "measure_themes": {t: round(v, 4) for t, v in s.measure_themes.items()},
                "only_count": len(result.only.get(s.label, [])),
                "only": [
                    {"verb": m.verb, "object": m.object, "text": m.text}
                    for m in result.only.get(s.label, [])[:100]
                ],
                "new_terms": [
                    {"term": t, "first_seen": d} for t, d in result.new_terms.get(s.label, [])
                ],
            }
            for s in result.sides
        ],
        "shared_terms": result.shared_terms,
    }


def compare_presets() -> list[tuple[str, str]]:
    """(label, one side per line) examples the compare page offers."""
    return [
        ("黑龙江 · 重庆", "黑龙江:place=黑龙江\n重庆:place=重庆"),
        ("2023 · 2024", "2023:from=2023,to=2023\n2024:from=2024,to=2024"),
    ]


def home(kb: KnowledgeBase, cache: Cache | None = None) -> dict[str, Any]:
    """What the knowledge base holds (counted once per database generation when cached)."""
    if cache is None:
        return kb.summary()
    summary: dict[str, Any] = cache.get("summary", kb.summary)
    return summary
