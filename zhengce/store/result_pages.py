"""Search results as pages (SQLite): the whole ranked set of documents (to count, facet and
export it) and one page of hits with snippets.

`zhengce.store.search.search` gives the best `limit` hits; a results page also needs how many
documents match in all and which ones (for facets and "participants of these results").  The
ranking is the same (`_ranking_sql`), run once up to `cap` documents; only the page shown gets
snippets.  Two filters the web pages add to `SearchFilters`: provinces (a region preset's, see
`zhengce.search.regions`) and the theme of the matching paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhengce.search import SearchFilters, SearchHit
from zhengce.search.query import QueryError, compile_query
from zhengce.store.base import Store
from zhengce.store.browse import connection
from zhengce.store.search import RANK_CANDIDATES, _filter_sql, _hits, _ranking_sql

__all__ = ["RESULT_CAP", "ResultPage", "search_page"]

RESULT_CAP = 2_000  # documents ranked per query: a results page counts and facets up to this many


@dataclass(slots=True)
class ResultPage:
    total: int  # matching documents (at most RESULT_CAP; `capped` says when there are more)
    capped: bool
    hits: list[SearchHit]  # the page asked for, best first
    paragraph_ids: list[int] = field(default_factory=list)  # best paragraph of every match


def search_page(
    store: Store,
    query: str,
    filters: SearchFilters | None = None,
    *,
    provinces: tuple[str, ...] = (),
    theme: str | None = None,
    offset: int = 0,
    limit: int = 20,
    cap: int = RESULT_CAP,
    marks: tuple[str, str] = ("«", "»"),
) -> ResultPage:
    """One page of ranked document hits, with the total and every match's paragraph id."""
    conn = connection(store)
    if offset < 0 or limit < 1:
        raise QueryError("a results page starts at 0 or later and holds at least one hit")
    compiled = compile_query(query)
    clauses, params = _filter_sql(filters or SearchFilters())
    if provinces:
        clauses.append("(" + " OR ".join("instr(d.province, ?) > 0" for _ in provinces) + ")")
        params.extend(provinces)
    if theme:
        clauses.append(
            "EXISTS (SELECT 1 FROM paragraph_themes t"
            " WHERE t.doc_id = p.doc_id AND t.paragraph = p.ord AND t.primary_theme = ?)"
        )
        params.append(theme)
    sql = _ranking_sql(True, clauses)
    ranked = conn.execute(sql, [compiled.fts, *params, RANK_CANDIDATES, cap + 1]).fetchall()
    capped = len(ranked) > cap
    ranked = ranked[:cap]
    page = [(pid, rank) for pid, rank in ranked[offset : offset + limit]]
    return ResultPage(
        total=len(ranked),
        capped=capped,
        hits=_hits(conn, page, compiled, marks),
        paragraph_ids=[pid for pid, _ in ranked],
    )
