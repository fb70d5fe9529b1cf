"""`PostgresStore`: the `Store` protocol (zhengce/store/base.py) over a PostgreSQL database.

Search, people, summary and the writer are PostgreSQL's own (postgres/search.py, reader.py,
writer.py).  The plain reads whose SQL is the same in both dialects — a document back as a
`Document` with every fact, paragraphs, participants, exports, formulation counts, compare
profiles — run the SQLite store's own functions over `QmarkConnection`, which hands their
`?` parameters to psycopg as `%s`: one copy of that SQL, so both stores read alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from zhengce.model import Document
from zhengce.search import SearchFilters, SearchHit
from zhengce.search.query import fold_query
from zhengce.store import queries
from zhengce.store import reader as sqlite_reader
from zhengce.store.base import Mention, Row, Store
from zhengce.store.postgres import reader
from zhengce.store.postgres.schema import connect, redacted
from zhengce.store.postgres.search import compile_sql, search
from zhengce.store.postgres.writer import store_batch, stored_tokenizer, unstorable
from zhengce.store.schema import StoreError
from zhengce.store.writer import FileResult, WriteCounts


class QmarkConnection:
    """A psycopg connection that takes SQLite's `?` parameters (for SQL valid in both)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if params:
            sql = sql.replace("%", "%%").replace("?", "%s")
        return self.conn.execute(sql, list(params) if params else None)


class PostgresStore:
    def __init__(self, conn: Any, location: str) -> None:
        self.conn = conn
        self.location = location
        self.qmark: Any = QmarkConnection(conn)

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> PostgresStore:
        return cls(connect(url, create=create), redacted(url))

    def close(self) -> None:
        self.conn.close()

    def write_file(self, result: FileResult, *, force: bool = False) -> WriteCounts:
        reason = unstorable(result)
        if reason is not None:
            raise StoreError(f"{result.name}: {reason}")
        return store_batch(self.conn, [result], force=force)[0]

    def documents(
        self,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        with_text: bool = False,
    ) -> list[Row]:
        return sqlite_reader.documents(
            self.qmark,
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            with_text=with_text,
        )

    def document(self, doc_id: str) -> Document | None:
        return sqlite_reader.load_document(self.qmark, doc_id)

    def paragraphs(
        self,
        doc_id: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[Row]:
        return sqlite_reader.paragraphs(self.qmark, doc_id, speaker=speaker, kind=kind, limit=limit)

    def participants(self, doc_id: str | None = None, *, name: str | None = None) -> list[Row]:
        return sqlite_reader.participants(self.qmark, doc_id, name=name)

    def summary(self, *, top: int = 10) -> Row:
        return reader.summary(self.conn, self.location, top=top)

    def export_rows(self, table: str) -> tuple[list[str], Iterator[Row]]:
        return sqlite_reader.export_rows(self.qmark, table)

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 20,
        per_document: bool = True,
        marks: tuple[str, str] = ("«", "»"),
    ) -> list[SearchHit]:
        return search(
            self.conn, query, filters, limit=limit, per_document=per_document, marks=marks
        )

    def index_is_current(self) -> bool:
        from zhengce.search.tokens import tokenizer_version

        stored = stored_tokenizer(self.conn)
        return stored is None or stored == tokenizer_version()

    def aligned_text(self, doc_id: str, paragraph: int) -> str | None:
        from zhengce.bilingual.store import aligned_text

        return aligned_text(self.qmark, doc_id, paragraph)

    def people(self, name: str | None = None, *, limit: int | None = None) -> list[Row]:
        return reader.people(self.conn, name, limit=limit)

    def person(self, name: str) -> Row | None:
        return reader.person(self.conn, name)

    def formulations(self, *, discovered_only: bool = False, limit: int | None = None) -> list[Row]:
        # SQLite's group_concat(DISTINCT ...) is string_agg here; the rest is the same query.
        sql = queries.LISTING.replace(
            "group_concat(DISTINCT f.how)", "string_agg(DISTINCT f.how, ',')"
        ).replace("first_seen, f.term", 'first_seen, f.term COLLATE "C"')
        where = "WHERE f.known = 0" if discovered_only else ""
        sql = sql.format(where=where, limit="LIMIT %s" if limit is not None else "")
        return reader.rows(self.conn, sql, [limit] if limit is not None else [])

    def formulation_counts(self, doc_ids: list[str]) -> dict[str, int]:
        return queries.formulation_counts(self.qmark, doc_ids)

    def first_seen(self, terms: list[str]) -> dict[str, str | None]:
        return queries.first_seen_dates(self.qmark, terms)

    def formulation_mentions(self, term: str) -> list[Mention]:
        return [tuple(row) for row in queries.formulation_mentions(self.qmark, term)]  # type: ignore[misc]

    def phrase_mentions(self, phrase: str) -> list[Mention]:
        # Raises QueryError when the phrase cannot be searched, as SQLite's does.
        return reader.phrase_mentions(self.conn, phrase, compile_sql(f'"{phrase}"'))

    def documents_with_prefix(self, prefix: str, limit: int = 2) -> list[tuple[str, str | None]]:
        found = self.conn.execute(
            'SELECT id, title FROM documents WHERE starts_with(id, %s) ORDER BY id COLLATE "C"'
            " LIMIT %s",
            (prefix, limit),
        ).fetchall()
        return [(str(doc_id), title) for doc_id, title in found]

    def group_ids(self, filters: dict[str, str]) -> list[str]:
        clauses: list[str] = []
        params: list[Any] = []
        if "place" in filters:
            place = fold_query(filters["place"])
            clauses.append(
                "(strpos(province, %s) > 0 OR strpos(city, %s) > 0 OR strpos(place, %s) > 0)"
            )
            params += [place] * 3
        if "title" in filters:
            clauses.append("strpos(title, %s) > 0")
            params.append(fold_query(filters["title"]))
        if "kind" in filters:
            clauses.append("kind = %s")
            params.append(filters["kind"])
        if "from" in filters:
            clauses.append("date >= %s")
            params.append(filters["from"])
        if "to" in filters:
            clauses.append("substr(date, 1, length(%s)) <= %s")
            params += [filters["to"]] * 2
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        sql = f'SELECT id FROM documents{where} ORDER BY date, id COLLATE "C"'
        return [str(row[0]) for row in self.conn.execute(sql, params)]

    def profile(self, doc_ids: list[str]) -> Row:
        return queries.profile(self.qmark, doc_ids)


# mypy checks here that PostgresStore has every method of the protocol, with the same types.
_CONFORMS: type[Store] = PostgresStore
