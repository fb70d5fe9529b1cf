"""Full-text search in SQLite: FTS5 over the paragraphs, bm25 ranking, filters as SQL.

`search(conn, "新质生产力", SearchFilters(date_from="2024"))` returns the best paragraph of
each matching document, ranked, with a snippet that marks what matched; `SQLiteStore.search`
calls it.  The query language is `zhengce.search.query`, the index tokens
`zhengce.search.tokens`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from zhengce.search import (
    SearchFilters,
    SearchHit,
    highlight_pattern,
    make_snippet,
)
from zhengce.search.query import CompiledQuery, QueryError, compile_query
from zhengce.store.filters import filter_sql
from zhengce.store.schema import PARAGRAPH_BITS

# bm25 weights of the (words, grams) columns: a whole-word match outranks a substring match.
COLUMN_WEIGHTS = (3.0, 1.0)
# Most matching paragraphs scored by bm25 per query (see _ranking_sql).
RANK_CANDIDATES = 5_000


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    return filter_sql(filters, mark="?", like="{column} LIKE {mark} ESCAPE '\\'")


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    per_document: bool = True,
    marks: tuple[str, str] = ("«", "»"),
    rank_candidates: int = RANK_CANDIDATES,
) -> list[SearchHit]:
    """Ranked hits for `query`: the best paragraph per document (or every paragraph)."""
    compiled = compile_query(query)
    clauses, params = _filter_sql(filters or SearchFilters())
    sql = _ranking_sql(per_document, clauses)
    try:
        ranked = conn.execute(sql, [compiled.fts, *params, rank_candidates, limit]).fetchall()
    except sqlite3.OperationalError as exc:  # pragma: no cover - compile_query guards this
        raise QueryError(f"cannot search for {query!r}: {exc}") from None
    return _hits(conn, ranked, compiled, marks)


def _ranking_sql(per_document: bool, clauses: list[str]) -> str:
    """SQL giving (paragraph id, bm25) of the best hits; parameters: MATCH, filters, cap, LIMIT.

    bm25 costs a few microseconds per matching paragraph, so a word found in nearly every
    story (会, 发展) would cost over 100 ms on the whole corpus.  The ranking therefore scores
    at most RANK_CANDIDATES matching paragraphs (after filters), the most recently stored
    first; below that many matches (nearly every query) the ranking is exact.  Hits are
    grouped by document through the paragraph id (see PARAGRAPH_BITS), not a join.
    """
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    joins = where = ""
    if clauses:
        joins = " JOIN paragraphs p ON p.id = f.rowid JOIN documents d ON d.id = p.doc_id"
        where = "".join(f" AND {clause}" for clause in clauses)
    # MATERIALIZED: bm25() only works in the query that holds the MATCH, so the planner must
    # not flatten it into the grouping query.
    matches = (
        "WITH h AS MATERIALIZED ("
        f"SELECT f.rowid AS pid, bm25(paragraph_index, {weights}) AS rank"
        f" FROM paragraph_index f{joins} WHERE paragraph_index MATCH ?{where}"
        " ORDER BY f.rowid DESC LIMIT ?) "
    )
    if per_document:
        # SQLite takes the bare column (pid) from the row that holds the MIN.
        return (
            f"{matches}SELECT pid, MIN(rank) AS best FROM h"
            f" GROUP BY pid >> {PARAGRAPH_BITS} ORDER BY best, pid LIMIT ?"
        )
    return f"{matches}SELECT pid, rank FROM h ORDER BY rank, pid LIMIT ?"


def _hits(
    conn: sqlite3.Connection,
    ranked: list[tuple[int, float]],
    compiled: CompiledQuery,
    marks: tuple[str, str],
) -> list[SearchHit]:
    if not ranked:
        return []
    ids = [pid for pid, _ in ranked]
    rows = conn.execute(
        "SELECT pt.id, pt.doc_id, pt.ord, pt.speaker, pt.text, d.title, d.date, d.source"
        " FROM paragraph_texts pt JOIN documents d ON d.id = pt.doc_id"
        f" WHERE pt.id IN ({','.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    pattern = highlight_pattern(compiled.highlight)
    hits: list[SearchHit] = []
    for pid, rank in ranked:
        _, doc_id, ord_, speaker, text, title, date, source = by_id[pid]
        hits.append(
            SearchHit(
                doc_id=doc_id,
                title=title,
                date=date,
                snippet=make_snippet(text, pattern, marks),
                speaker=speaker,
                score=round(-rank, 4),
                paragraph=ord_,
                source=source,
            )
        )
    return hits
