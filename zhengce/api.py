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

from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from types import TracebackType
from typing import Any, overload

from zhengce.model import Document
from zhengce.search import QueryError, SearchFilters
from zhengce.store.base import Store
from zhengce.store.reader import DOCUMENT_COLUMNS
from zhengce.store.schema import StoreError
from zhengce.store.sqlite import SQLiteStore

__all__ = ["KnowledgeBase", "QueryError", "StoreError", "Table", "open_knowledge_base"]


class Table(Sequence[dict[str, Any]]):
    """Rows (dicts with the same keys) that convert to a DataFrame."""

    def __init__(self, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
        self.rows = rows
        self.columns = columns if columns is not None else (list(rows[0]) if rows else [])

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Table: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | Table:
        if isinstance(index, slice):
            return Table(self.rows[index], self.columns)
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"Table({len(self.rows)} rows: {', '.join(self.columns)})"

    def to_dicts(self) -> list[dict[str, Any]]:
        return list(self.rows)

    def to_pandas(self) -> Any:
        try:
            import pandas
        except ImportError:
            raise ImportError(
                "to_pandas() needs pandas, which is not installed: pip install pandas"
            ) from None
        return pandas.DataFrame(self.rows, columns=self.columns)

    def to_polars(self) -> Any:
        try:
            import polars
        except ImportError:
            raise ImportError(
                "to_polars() needs polars, which is not installed: pip install polars"
            ) from None
        if not self.rows:
            return polars.DataFrame({name: [] for name in self.columns})
        return polars.DataFrame(self.rows, infer_schema_length=None)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame if pandas is installed, else a polars one."""
        for convert in (self.to_pandas, self.to_polars):
            try:
                return convert()
            except ImportError:
                continue
        raise ImportError(
            "a DataFrame needs pandas or polars, and neither is installed: "
            "pip install pandas (or polars)"
        )


class KnowledgeBase:
    """A zhengce database opened for reading."""

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = Path(path)
        self.store: Store = SQLiteStore.open(self.path, create=False)

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


def _columns(column_list: str, with_text: bool) -> list[str]:
    names = [name.strip() for name in column_list.split(",")]
    return [*names, "text"] if with_text else names


def open_knowledge_base(path: str | PathLike[str]) -> KnowledgeBase:
    return KnowledgeBase(path)
