"""`SQLiteStore`: the `Store` protocol over one SQLite file (FTS5 search, WAL, migrations).

Every method hands over to the module that holds its SQL (`reader`, `writer`, `search`,
`queries`, and `zhengce.bilingual.store` for the bilingual tables).  `.conn` is the SQLite
connection, for code that is itself part of the SQLite implementation (the loader, a
package's own store module).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from zhengce.bilingual.store import aligned_text
from zhengce.model import Document
from zhengce.search import SearchFilters, SearchHit
from zhengce.search.tokens import tokenizer_version
from zhengce.store import queries, reader
from zhengce.store import search as fts
from zhengce.store.base import Mention, Row, Store
from zhengce.store.schema import connect
from zhengce.store.writer import FileResult, WriteCounts, store_file, stored_tokenizer


class SQLiteStore:
    def __init__(self, conn: sqlite3.Connection, location: str | Path = "") -> None:
        self.conn = conn
        self.location = str(location)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> SQLiteStore:
        """Open (and bring up to date) the database at `path`; StoreError if it cannot be."""
        return cls(connect(path, create=create), path)

    def close(self) -> None:
        self.conn.close()

    def write_file(self, result: FileResult, *, force: bool = False) -> WriteCounts:
        return store_file(self.conn, result, force=force)

    def documents(
        self,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        with_text: bool = False,
    ) -> list[Row]:
        return reader.documents(
            self.conn,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            with_text=with_text,
        )

    def document(self, doc_id: str) -> Document | None:
        return reader.load_document(self.conn, doc_id)

    def paragraphs(
        self,
        doc_id: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        return reader.paragraphs(self.conn, doc_id, speaker=speaker, kind=kind, limit=limit)

    def participants(self, doc_id: str | None = None, *, name: str | None = None) -> list[Row]:
        return reader.participants(self.conn, doc_id, name=name)

    def summary(self, *, top: int = 10) -> Row:
        path = Path(self.location) if self.location else None
        return reader.summary(self.conn, path if path and path.exists() else None, top=top)

    def export_rows(self, table: str) -> tuple[list[str], Iterator[Row]]:
        return reader.export_rows(self.conn, table)

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 20,
        per_document: bool = True,
        marks: tuple[str, str] = ("«", "»"),
    ) -> list[SearchHit]:
        return fts.search(
            self.conn, query, filters, limit=limit, per_document=per_document, marks=marks
        )

    def index_is_current(self) -> bool:
        stored = stored_tokenizer(self.conn)
        return stored is None or stored == tokenizer_version()

    def aligned_text(self, doc_id: str, paragraph: int) -> str | None:
        return aligned_text(self.conn, doc_id, paragraph)

    def people(self, name: str | None = None, *, limit: int | None = None) -> list[Row]:
        return reader.people(self.conn, name, limit=limit)

    def person(self, name: str) -> Row | None:
        return reader.person(self.conn, name)

    def formulations(self, *, discovered_only: bool = False, limit: int | None = None) -> list[Row]:
        return queries.formulation_listing(self.conn, discovered_only=discovered_only, limit=limit)

    def formulation_counts(self, doc_ids: list[str]) -> dict[str, int]:
        return queries.formulation_counts(self.conn, doc_ids)

    def first_seen(self, terms: list[str]) -> dict[str, str | None]:
        return queries.first_seen_dates(self.conn, terms)

    def formulation_mentions(self, term: str) -> list[Mention]:
        return queries.formulation_mentions(self.conn, term)

    def phrase_mentions(self, phrase: str) -> list[Mention]:
        return queries.phrase_mentions(self.conn, phrase)

    def documents_with_prefix(self, prefix: str, limit: int = 2) -> list[tuple[str, str | None]]:
        return queries.documents_with_prefix(self.conn, prefix, limit)

    def group_ids(self, filters: dict[str, str]) -> list[str]:
        return queries.group_ids(self.conn, filters)

    def profile(self, doc_ids: list[str]) -> Row:
        return queries.profile(self.conn, doc_ids)


# mypy checks here that SQLiteStore has every method of the protocol, with the same types.
_CONFORMS: type[Store] = SQLiteStore
