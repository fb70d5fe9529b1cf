from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhengce.store.schema import MIGRATIONS, StoreError, connect, migrate, schema_version

TABLES = {"meta", "sources", "documents", "edits", "blocks", "paragraphs", "people", "participants"}


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_empty_database_gets_every_migration(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    assert schema_version(conn) == len(MIGRATIONS)
    assert TABLES | {"paragraph_index", "person_events", "person_positions"} <= table_names(conn)
    conn.close()


def test_search_index_merges_in_larger_groups(tmp_path: Path) -> None:
    # Migration 4: FTS5 keeps its settings in the index's own config table.
    conn = connect(tmp_path / "kb.db")
    config = dict(conn.execute("SELECT k, v FROM paragraph_index_config").fetchall())
    assert config.get("automerge") == 16 and config.get("crisismerge") == 64
    conn.close()


def test_reopening_keeps_version_and_data(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    conn.execute("INSERT INTO meta (key, value) VALUES ('probe', 'kept')")
    conn.close()
    again = connect(tmp_path / "kb.db")
    assert schema_version(again) == len(MIGRATIONS)
    assert again.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone() == ("kept",)


def test_migrations_run_in_order_from_any_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "step.db", isolation_level=None)
    first = ["CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1);"]
    assert migrate(conn, first) == 1
    second = [*first, "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x';"]
    assert migrate(conn, second) == 2
    assert conn.execute("SELECT a, b FROM t").fetchall() == [(1, "x")]
    assert migrate(conn, second) == 2  # nothing left to run


def test_failed_migration_leaves_version_and_tables_unchanged(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "bad.db", isolation_level=None)
    with pytest.raises(StoreError, match="migration 1 failed"):
        migrate(conn, ["CREATE TABLE ok (a INTEGER); CREATE TABLE broken (;"])
    assert schema_version(conn) == 0
    assert "ok" not in table_names(conn)


def test_newer_database_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        connect(tmp_path / "kb.db")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a zhengce database"):
        connect(junk)


def test_missing_database_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="zhengce ingest"):
        connect(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()
