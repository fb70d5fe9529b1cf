"""Reads for browsing the knowledge base (the web pages and JSON API): facets of a result set,
the participants of a result set, a document's stored facts, documents per month.

A result set is given as the paragraph ids of its matches (`zhengce.search.pages`); every
query here takes them as parameters, in chunks below SQLite's limit of bound values.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from zhengce.store.base import Store
from zhengce.store.reader import Row, rows
from zhengce.store.schema import PARAGRAPH_BITS, StoreError
from zhengce.store.sqlite import SQLiteStore


def connection(store: Store) -> sqlite3.Connection:
    """The SQLite connection under a store: the browsing reads here are SQLite's."""
    if not isinstance(store, SQLiteStore):
        raise StoreError(f"{store.location}: the web application reads SQLite stores only")
    return store.conn


CHUNK = 900  # bound values per statement (SQLite's default limit is far above)


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


@dataclass(slots=True)
class FacetRows:
    """What the facets of any result set are counted from, read in one go (see facet_rows)."""

    # document number (paragraph id >> PARAGRAPH_BITS) -> (doc_id, year, kind, province)
    documents: dict[int, tuple[str, str | None, str | None, str | None]]
    people: dict[str, list[str]]  # doc_id -> names of those present
    formulations: dict[str, list[str]]  # doc_id -> lexicon formulations (each once)
    speakers: dict[int, str]  # paragraph id -> speaker
    themes: dict[int, str]  # paragraph id -> primary theme


def facet_rows(store: Store) -> FacetRows:
    """Every document's facet values and every paragraph's speaker and theme.

    Read through indexes where they cover the columns (paragraph ids by document, speakers),
    so the large text rows are not read; a few MB for the whole corpus.
    """
    conn = connection(store)
    numbers: dict[str, int] = {
        doc_id: first >> PARAGRAPH_BITS
        for doc_id, first in conn.execute("SELECT doc_id, MIN(id) FROM paragraphs GROUP BY doc_id")
    }
    documents: dict[int, tuple[str, str | None, str | None, str | None]] = {}
    for doc_id, date, kind, province in conn.execute(
        "SELECT id, date, kind, province FROM documents"
    ):
        if doc_id in numbers:
            documents[numbers[doc_id]] = (doc_id, date[:4] if date else None, kind, province)
    people: dict[str, list[str]] = {}
    for doc_id, name in conn.execute(
        "SELECT DISTINCT doc_id, name FROM participants WHERE present = 1"
    ):
        people.setdefault(doc_id, []).append(name)
    formulations: dict[str, list[str]] = {}
    for doc_id, term in conn.execute(
        "SELECT DISTINCT doc_id, term FROM formulations WHERE known = 1"
    ):
        formulations.setdefault(doc_id, []).append(term)
    speakers = dict(
        conn.execute("SELECT id, speaker FROM paragraphs WHERE speaker IS NOT NULL").fetchall()
    )
    themes: dict[int, str] = {}
    for doc_id, paragraph, theme in conn.execute(
        "SELECT doc_id, paragraph, primary_theme FROM paragraph_themes"
        " WHERE primary_theme IS NOT NULL"
    ):
        if doc_id in numbers:
            themes[numbers[doc_id] << PARAGRAPH_BITS | paragraph] = theme
    return FacetRows(documents, people, formulations, speakers, themes)


def participants_of(store: Store, doc_ids: Sequence[str]) -> list[Row]:
    """Everyone present at these documents' events: name, events, positions, first/last date."""
    conn = connection(store)
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


def document_row(store: Store, doc_id: str) -> Row | None:
    """The document's columns (no texts)."""
    conn = connection(store)
    found = rows(
        conn,
        "SELECT id, source, title, kind, date, published, programme_date, province, city, place,"
        " source_name, url, n_chars FROM documents WHERE id = ?",
        (doc_id,),
    )
    return found[0] if found else None


def paragraph_themes(store: Store, doc_id: str) -> dict[int, str | None]:
    conn = connection(store)
    return {
        ord_: theme
        for ord_, theme in conn.execute(
            "SELECT paragraph, primary_theme FROM paragraph_themes WHERE doc_id = ?", (doc_id,)
        )
    }


def documents_per_day(store: Store) -> dict[str | None, int]:
    """Day a document came out (programme, publication or own date, as stored) -> documents."""
    conn = connection(store)
    return {
        day: n
        for day, n in conn.execute(
            "SELECT COALESCE(programme_date, published, date), COUNT(*) FROM documents GROUP BY 1"
        )
    }
