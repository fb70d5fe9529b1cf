"""Python API: `zhengce.open("zhengce.db")` and everything the CLI can read, as tables.

    import zhengce
    kb = zhengce.open("zhengce.db")
    kb.search("新质生产力", date_from="2024").to_pandas()
    kb.person("习近平")["positions"]
    kb.document(doc_id).text

Every query returns a `Table`: a list of dict rows that converts to a pandas or polars
DataFrame when one of them is installed (neither is required by zhengce itself).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import Any

from zhengce.model import Document
from zhengce.search import QueryError, SearchFilters
from zhengce.store.base import Store
from zhengce.store.reader import DOCUMENT_COLUMNS
from zhengce.store.schema import StoreError
from zhengce.table import Table

__all__ = ["KnowledgeBase", "QueryError", "StoreError", "Table", "open_knowledge_base"]


class KnowledgeBase:
    """A zhengce database opened for reading."""

    def __init__(self, path: str | PathLike[str]) -> None:
        from zhengce.store.stores import open_store

        self.path = Path(path)
        self.store: Store = open_store(path, create=False)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def documents(
        self,
        *,
        kind: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        with_text: bool = False,
    ) -> Table:
        found = self.store.documents(
            kind=kind,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            with_text=with_text,
        )
        return Table(found, _columns(DOCUMENT_COLUMNS, with_text))

    def document(self, doc_id: str) -> Document:
        doc = self.store.document(doc_id)
        if doc is None:
            raise KeyError(f"no document {doc_id!r} in {self.path}")
        return doc

    def paragraphs(
        self,
        doc_id: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> Table:
        return Table(self.store.paragraphs(doc_id, speaker=speaker, kind=kind, limit=limit))

    def participants(self, doc_id: str | None = None, *, name: str | None = None) -> Table:
        return Table(self.store.participants(doc_id, name=name))

    def people(self, name: str | None = None, *, limit: int | None = None) -> Table:
        """People with their number of events; `name` matches part of the name."""
        return Table(self.store.people(name, limit=limit))

    def person(self, name: str) -> dict[str, Any] | None:
        """Positions over time and events attended, or None if nobody has that name."""
        return self.store.person(name)

    def search(
        self,
        query: str,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        person: str | None = None,
        place: str | None = None,
        kind: str | None = None,
        speaker: str | None = None,
        limit: int = 20,
        per_document: bool = True,
    ) -> Table:
        """Ranked hits (best first): doc_id, title, date, snippet, speaker, score, ..."""
        self.check_index()
        filters = SearchFilters(date_from, date_to, person, place, kind, speaker)
        hits = self.store.search(query, filters, limit=limit, per_document=per_document)
        columns = ["doc_id", "title", "date", "snippet", "speaker", "score", "paragraph", "source"]
        return Table([hit.to_dict() for hit in hits], columns)

    def check_index(self) -> None:
        if not self.store.index_is_current():
            raise StoreError(
                f"{self.path}: the search index was built with another tokenizer; "
                f"rebuild it with `zhengce ingest --reindex --db {self.path}`"
            )

    def summary(self) -> dict[str, Any]:
        return self.store.summary()

    def tasks(self, actor: Any, **filters: Any) -> Table:
        """Tracked tasks `actor` may see (filters: plan, unit, state, light): zhengce.tracker."""
        from zhengce.tracker.service import Tracker

        tracker = Tracker(self.path)  # the tracker's own connection and migrations
        try:
            return tracker.list_tasks(actor, **filters)
        finally:
            tracker.close()


def _columns(column_list: str, with_text: bool) -> list[str]:
    names = [name.strip() for name in column_list.split(",")]
    return [*names, "text"] if with_text else names


def open_knowledge_base(path: str | PathLike[str]) -> KnowledgeBase:
    return KnowledgeBase(path)
