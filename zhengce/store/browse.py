"""Reads for browsing the knowledge base (the web pages and JSON API): facets of a result set,
the participants of a result set, a document's stored facts, documents per month.

A result set is given as the paragraph ids of its matches (`zhengce.search.pages`); every
query here takes them as parameters, in chunks below SQLite's limit of bound values.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from zhengce.store.reader import Row, rows

CHUNK = 900  # bound values per statement (SQLite's default limit is far above)
FACET_SIZE = 12  # values shown per facet (the most frequent)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _count(
    conn: sqlite3.Connection, sql: str, ids: Sequence[Any], extra: tuple[Any, ...] = ()
) -> dict[str, int]:
    """Sum `value, n` rows of `sql` (with {marks} for the ids) over chunks of ids."""
    counts: dict[str, int] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for value, n in conn.execute(sql.format(marks=marks), [*chunk, *extra]):
            if value is None or value == "":
                continue
            counts[str(value)] = counts.get(str(value), 0) + n
    return counts


def _top(counts: dict[str, int], size: int | None = FACET_SIZE) -> list[tuple[str, int]]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ordered if size is None else ordered[:size]


def doc_ids_of_paragraphs(conn: sqlite3.Connection, paragraph_ids: Sequence[int]) -> list[str]:
    """The documents of these paragraphs, in the order of the paragraphs given."""
    found: dict[int, str] = {}
    for chunk in _chunks(paragraph_ids):
        marks = ",".join("?" * len(chunk))
        for pid, doc_id in conn.execute(
            f"SELECT id, doc_id FROM paragraphs WHERE id IN ({marks})", list(chunk)
        ):
            found[pid] = doc_id
    return [found[pid] for pid in paragraph_ids if pid in found]


def facets(
    conn: sqlite3.Connection,
    paragraph_ids: Sequence[int],
    region_presets: dict[str, tuple[str, ...]],
) -> dict[str, list[tuple[str, int]]]:
    """Counts of documents (speaker, theme: of matching paragraphs) per value of each facet."""
    doc_ids = doc_ids_of_paragraphs(conn, paragraph_ids)
    years = _count(
        conn,
        "SELECT substr(date, 1, 4), COUNT(*) FROM documents WHERE id IN ({marks}) GROUP BY 1",
        doc_ids,
    )
    provinces = _count(
        conn,
        "SELECT province, COUNT(*) FROM documents WHERE id IN ({marks}) GROUP BY 1",
        doc_ids,
    )
    regions: dict[str, int] = {}
    for region, members in region_presets.items():
        n = sum(n for province, n in provinces.items() if any(m in province for m in members))
        if n:
            regions[region] = n
    return {
        "year": sorted(_top(years, None), key=lambda kv: kv[0], reverse=True),
        "kind": _top(
            _count(
                conn,
                "SELECT kind, COUNT(*) FROM documents WHERE id IN ({marks}) GROUP BY 1",
                doc_ids,
            )
        ),
        "place": _top(provinces),
        "region": _top(regions, None),
        "person": _top(
            _count(
                conn,
                "SELECT name, COUNT(DISTINCT doc_id) FROM participants"
                " WHERE present = 1 AND doc_id IN ({marks}) GROUP BY 1",
                doc_ids,
            )
        ),
        "speaker": _top(
            _count(
                conn,
                "SELECT speaker, COUNT(*) FROM paragraphs WHERE id IN ({marks}) GROUP BY 1",
                list(paragraph_ids),
            )
        ),
        "theme": _top(
            _count(
                conn,
                "SELECT t.primary_theme, COUNT(*) FROM paragraphs p JOIN paragraph_themes t"
                " ON t.doc_id = p.doc_id AND t.paragraph = p.ord"
                " WHERE p.id IN ({marks}) GROUP BY 1",
                list(paragraph_ids),
            )
        ),
        "formulation": _top(
            _count(
                conn,
                "SELECT term, COUNT(DISTINCT doc_id) FROM formulations"
                " WHERE known = 1 AND doc_id IN ({marks}) GROUP BY 1",
                doc_ids,
            )
        ),
    }


def participants_of(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[Row]:
    """Everyone present at these documents' events: name, events, positions, first/last date."""
    people: dict[str, Row] = {}
    for chunk in _chunks(doc_ids):
        marks = ",".join("?" * len(chunk))
        for name, doc_id, date, positions, role in conn.execute(
            "SELECT pa.name, pa.doc_id, d.date, pa.positions, pa.role FROM participants pa"
            f" JOIN documents d ON d.id = pa.doc_id WHERE pa.present = 1 AND pa.doc_id IN ({marks})"
            " ORDER BY d.date, pa.doc_id, pa.ord",
            list(chunk),
        ):
            row = people.setdefault(
                name,
                {
                    "name": name,
                    "events": 0,
                    "positions": [],
                    "roles": [],
                    "first": date,
                    "last": date,
                    "doc_ids": [],
                },
            )
            if doc_id not in row["doc_ids"]:
                row["doc_ids"].append(doc_id)
                row["events"] += 1
            for position in json.loads(positions):
                if position not in row["positions"]:
                    row["positions"].append(position)
            if role not in row["roles"]:
                row["roles"].append(role)
            if date and (row["first"] is None or date < row["first"]):
                row["first"] = date
            if date and (row["last"] is None or date > row["last"]):
                row["last"] = date
    return sorted(people.values(), key=lambda r: (-r["events"], r["name"]))


def document_row(conn: sqlite3.Connection, doc_id: str) -> Row | None:
    """The document's columns (no texts)."""
    found = rows(
        conn,
        "SELECT id, source, title, kind, date, published, programme_date, province, city, place,"
        " source_name, url, n_chars FROM documents WHERE id = ?",
        (doc_id,),
    )
    return found[0] if found else None


def stored_measures(conn: sqlite3.Connection, doc_id: str) -> list[Row]:
    found = rows(
        conn,
        'SELECT ord, paragraph, start, "end", text, verb, object, strength, primary_theme, themes'
        " FROM measures WHERE doc_id = ? ORDER BY ord",
        (doc_id,),
    )
    for row in found:
        row["themes"] = json.loads(row["themes"])
    return found


def stored_formulations(conn: sqlite3.Connection, doc_id: str) -> list[Row]:
    found = rows(
        conn,
        'SELECT ord, term, paragraph, start, "end", known, how FROM formulations'
        " WHERE doc_id = ? ORDER BY ord",
        (doc_id,),
    )
    for row in found:
        row["known"] = bool(row["known"])
    return found


def paragraph_themes(conn: sqlite3.Connection, doc_id: str) -> dict[int, str | None]:
    return {
        ord_: theme
        for ord_, theme in conn.execute(
            "SELECT paragraph, primary_theme FROM paragraph_themes WHERE doc_id = ?", (doc_id,)
        )
    }


def documents_per_day(conn: sqlite3.Connection) -> dict[str | None, int]:
    """Day a document came out (programme, publication or own date, as stored) -> documents."""
    return {
        day: n
        for day, n in conn.execute(
            "SELECT COALESCE(programme_date, published, date), COUNT(*) FROM documents GROUP BY 1"
        )
    }


def count_documents(conn: sqlite3.Connection) -> int:
    n: int = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return n


def kinds(conn: sqlite3.Connection) -> list[str]:
    return [k for (k,) in conn.execute("SELECT DISTINCT kind FROM documents ORDER BY kind") if k]
