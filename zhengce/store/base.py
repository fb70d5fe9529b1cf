"""The `Store` protocol: everything the rest of zhengce asks of a knowledge base.

`analysis/`, `bilingual/`, the API and the CLI call these methods and never write SQL; SQLite
(`zhengce.store.sqlite.SQLiteStore`) is the first implementation, PostgreSQL (issue 17) will be
the second.  Rows are plain dicts; a method's SQL dialect, index and pragmas stay inside its
implementation.

Room for tasks: a package with tables of its own (the tracker) keeps its queries in its own
store module with its own migrations (see PACKAGE_MIGRATIONS in `zhengce.store.schema`) and
takes the `Store` it runs on; methods every implementation must offer for it are added here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from zhengce.model import Document
from zhengce.search import SearchFilters, SearchHit
from zhengce.store.writer import FileResult, WriteCounts

Row = dict[str, Any]
Mention = tuple[str, str | None, str | None]  # (doc_id, document date, day published)


class Store(Protocol):
    location: str  # what the store was opened from (a path, a URL), for messages

    def close(self) -> None: ...

    # Writing: one file's documents in one transaction ------------------------------------
    def write_file(self, result: FileResult, *, force: bool = False) -> WriteCounts: ...

    # Documents -----------------------------------------------------------------------------
    def documents(
        self,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        with_text: bool = False,
    ) -> list[Row]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def paragraphs(
        self,
        doc_id: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[Row]: ...

    def participants(self, doc_id: str | None = None, *, name: str | None = None) -> list[Row]: ...

    def summary(self, *, top: int = 10) -> Row: ...

    def export_rows(self, table: str) -> tuple[list[str], Iterator[Row]]: ...

    # Search ---------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 20,
        per_document: bool = True,
        marks: tuple[str, str] = ("«", "»"),
    ) -> list[SearchHit]: ...

    def index_is_current(self) -> bool: ...

    def aligned_text(self, doc_id: str, paragraph: int) -> str | None: ...

    # People ---------------------------------------------------------------------------------
    def people(self, name: str | None = None, *, limit: int | None = None) -> list[Row]: ...

    def person(self, name: str) -> Row | None: ...

    # Formulations and timeline counts ------------------------------------------------------
    def formulations(
        self, *, discovered_only: bool = False, limit: int | None = None
    ) -> list[Row]: ...

    def formulation_counts(self, doc_ids: list[str]) -> dict[str, int]: ...

    def first_seen(self, terms: list[str]) -> dict[str, str | None]: ...

    def formulation_mentions(self, term: str) -> list[Mention]: ...

    def phrase_mentions(self, phrase: str) -> list[Mention]: ...

    # Compare profiles -----------------------------------------------------------------------
    def documents_with_prefix(
        self, prefix: str, limit: int = 2
    ) -> list[tuple[str, str | None]]: ...

    def group_ids(self, filters: dict[str, str]) -> list[str]: ...

    def profile(self, doc_ids: list[str]) -> Row: ...
