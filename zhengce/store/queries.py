"""The analysis queries in SQLite: formulations, timeline mentions, compare profiles.

`zhengce.analysis` asks for these through the `Store` protocol (`SQLiteStore` calls them);
they return plain rows and leave presentation (dates folded, shares, labels) to the caller.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from zhengce.search.places import place_terms
from zhengce.search.query import compile_query, fold_query
from zhengce.store.reader import Row, rows

LISTING = """
SELECT f.term,
       MAX(f.known) AS known,
       group_concat(DISTINCT f.how) AS how,
       MIN(COALESCE(d.programme_date, d.published, d.date)) AS first_seen,
       MIN(d.date) AS first_event,
       COUNT(DISTINCT f.doc_id) AS documents,
       COUNT(*) AS mentions
FROM formulations f JOIN documents d ON d.id = f.doc_id
{where}
GROUP BY f.term
ORDER BY documents DESC, mentions DESC, first_seen, f.term
{limit}
"""

# The day a document came out: programme date, else publication date, else its own date.
PUBLISHED = "COALESCE(d.programme_date, d.published, d.date)"
Mention = tuple[str, str | None, str | None]  # (doc_id, document date, day published)


def formulation_listing(
    conn: sqlite3.Connection, *, discovered_only: bool = False, limit: int | None = None
) -> list[Row]:
    """Rows {term, known, how, first_seen, first_event, documents, mentions}, most widespread
    first; `how` is the distinct ways joined by ","."""
    where = "WHERE f.known = 0" if discovered_only else ""
    sql = LISTING.format(where=where, limit="LIMIT ?" if limit is not None else "")
    return rows(conn, sql, [limit] if limit is not None else [])


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits the number of parameters of one statement.
    return [items[i : i + size] for i in range(0, len(items), size)]


def formulation_counts(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, int]:
    """Mention counts of every formulation in these documents."""
    counts: dict[str, int] = {}
    for chunk in _chunks(doc_ids):
        marks = ",".join("?" * len(chunk))
        for term, n in conn.execute(
            f"SELECT term, COUNT(*) FROM formulations WHERE doc_id IN ({marks}) GROUP BY term",
            chunk,
        ):
            counts[term] = counts.get(term, 0) + n
    return counts


def first_seen_dates(conn: sqlite3.Connection, terms: list[str]) -> dict[str, str | None]:
    """The earliest document date of each term in the whole database."""
    found: dict[str, str | None] = {}
    for chunk in _chunks(terms):
        marks = ",".join("?" * len(chunk))
        for term, date in conn.execute(
            "SELECT f.term, MIN(d.date) FROM formulations f JOIN documents d ON d.id = f.doc_id"
            f" WHERE f.term IN ({marks}) GROUP BY f.term",
            chunk,
        ):
            found[term] = date
    return found


def formulation_mentions(conn: sqlite3.Connection, term: str) -> list[Mention]:
    """Every document holding a mention of the formulation `term`."""
    return conn.execute(
        f"SELECT DISTINCT f.doc_id, d.date, {PUBLISHED} FROM formulations f"
        " JOIN documents d ON d.id = f.doc_id WHERE f.term = ?",
        (term,),
    ).fetchall()


def phrase_mentions(conn: sqlite3.Connection, phrase: str) -> list[Mention]:
    """Every document whose text holds `phrase` exactly (raises QueryError if it cannot be
    searched).  The index finds candidates fast; instr() keeps only the exact string (the index
    ignores punctuation and spacing)."""
    compiled = compile_query(f'"{phrase}"')
    return conn.execute(
        f"SELECT DISTINCT pt.doc_id, d.date, {PUBLISHED} FROM paragraph_index"
        " JOIN paragraph_texts pt ON pt.id = paragraph_index.rowid"
        " JOIN documents d ON d.id = pt.doc_id"
        " WHERE paragraph_index MATCH ? AND instr(pt.text, ?) > 0",
        (compiled.fts, phrase),
    ).fetchall()


def documents_with_prefix(
    conn: sqlite3.Connection, prefix: str, limit: int = 2
) -> list[tuple[str, str | None]]:
    """(id, title) of the documents whose id starts with `prefix`, in id order."""
    return conn.execute(
        "SELECT id, title FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit),
    ).fetchall()


def group_ids(conn: sqlite3.Connection, filters: dict[str, str]) -> list[str]:
    """Ids of the documents a group's filters (place, title, kind, from, to) select."""
    clauses: list[str] = []
    params: list[Any] = []
    if "place" in filters:
        terms = place_terms(filters["place"])
        one = "(instr(province, ?) > 0 OR instr(city, ?) > 0 OR instr(place, ?) > 0)"
        clauses.append("(" + " OR ".join([one] * len(terms)) + ")")
        for term in terms:
            params += [term] * 3
    if "title" in filters:
        clauses.append("instr(title, ?) > 0")
        params.append(fold_query(filters["title"]))
    if "kind" in filters:
        clauses.append("kind = ?")
        params.append(filters["kind"])
    if "from" in filters:
        clauses.append("date >= ?")
        params.append(filters["from"])
    if "to" in filters:
        # A bound 2023-05 takes every date of May: compare up to the bound's length.
        clauses.append("substr(date, 1, length(?)) <= ?")
        params += [filters["to"]] * 2
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [
        row[0] for row in conn.execute(f"SELECT id FROM documents{where} ORDER BY date, id", params)
    ]


def profile(conn: sqlite3.Connection, doc_ids: list[str]) -> Row:
    """What `compare` weighs of a set of documents: first and last date, the primary theme of
    each body paragraph, (verb, object, text, primary theme) of each measure."""
    marks = ",".join("?" * len(doc_ids))
    first, last = conn.execute(
        f"SELECT MIN(date), MAX(date) FROM documents WHERE id IN ({marks})", doc_ids
    ).fetchone()
    paragraphs = conn.execute(
        f"SELECT primary_theme FROM paragraph_themes WHERE doc_id IN ({marks})", doc_ids
    ).fetchall()
    measures = conn.execute(
        f"SELECT verb, object, text, primary_theme FROM measures WHERE doc_id IN ({marks})"
        " ORDER BY doc_id, ord",
        doc_ids,
    ).fetchall()
    return {
        "first_date": first,
        "last_date": last,
        "paragraph_themes": [row[0] for row in paragraphs],
        "measures": [tuple(row) for row in measures],
    }
