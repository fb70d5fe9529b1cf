"""`zhengce formulations`: each formulation with its first-seen date, documents and mentions.

First seen is the earliest day a document mentioning the term came out (programme or
publication day, else the document's own date), as in the timeline; first event is the earliest
event date of those documents (a meeting reported two days later has its own day there).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from zhengce.analysis.timeline import iso_day
from zhengce.store.reader import rows

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


def list_formulations(
    conn: sqlite3.Connection, *, discovered_only: bool = False, limit: int | None = None
) -> list[dict[str, Any]]:
    """Rows {term, known, how, first_seen, first_event, documents, mentions}, most
    widespread first.

    `known` is True for lexicon terms (data/formulations.tsv), False for discovered candidates;
    `how` says how the term was found (lexicon, quoted, number_slogan; several joined by ",").
    """
    where = "WHERE f.known = 0" if discovered_only else ""
    sql = LISTING.format(where=where, limit="LIMIT ?" if limit is not None else "")
    found = rows(conn, sql, [limit] if limit is not None else [])
    for row in found:
        row["known"] = bool(row["known"])
        row["how"] = ",".join(sorted(set(row["how"].split(","))))
        row["first_seen"] = iso_day(row["first_seen"])
    return found


def terms_of_documents(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, int]:
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


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits the number of parameters of one statement.
    return [items[i : i + size] for i in range(0, len(items), size)]
