"""Open the store a `--db` value names: a PostgreSQL URL, or else a SQLite file."""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from zhengce.store.base import Store


def open_store(location: str | PathLike[str], *, create: bool = True) -> Store:
    """`postgresql://…` (the optional extra `postgres`) or a SQLite file; StoreError if the
    database cannot be opened."""
    from zhengce.store.postgres.schema import db_target

    url = db_target(location)
    if url is not None:
        from zhengce.store.postgres.store import PostgresStore

        return PostgresStore.open(url, create=create)
    from zhengce.store.sqlite import SQLiteStore

    return SQLiteStore.open(Path(location), create=create)
