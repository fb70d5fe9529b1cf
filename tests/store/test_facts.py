"""Fact tables follow the model: one column per fact field; package migrations run once."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest

from zhengce.model import OutlineItem
from zhengce.pipeline import process_text
from zhengce.store.facts import FACT_TABLES, stored_columns
from zhengce.store.reader import load_document
from zhengce.store.schema import (
    StoreError,
    connect,
    migrate_package,
    package_version,
)
from zhengce.store.writer import FileResult, document_record, store_file


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def test_every_fact_field_has_a_column(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    for table in FACT_TABLES:
        missing = set(stored_columns(table)) - _columns(conn, table.table)
        assert not missing, f"{table.table} lacks {sorted(missing)}: add a migration"
        for nested in table.nested:
            fields = set(nested.item.__dataclass_fields__)
            assert not fields - _columns(conn, nested.table)


def test_package_migrations_run_once_and_are_recorded(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    assert package_version(conn, "bilingual") >= 1
    steps = ("CREATE TABLE demo_items (id INTEGER PRIMARY KEY);",)
    assert migrate_package(conn, "demo", steps) == 1
    assert migrate_package(conn, "demo", steps) == 1  # nothing runs twice
    assert package_version(conn, "demo") == 1
    with pytest.raises(StoreError, match="newer"):
        migrate_package(conn, "demo", ())


def test_a_failing_package_migration_changes_nothing(tmp_path: Path) -> None:
    conn = connect(tmp_path / "kb.db")
    with pytest.raises(StoreError, match="demo migration 1 failed"):
        migrate_package(conn, "demo", ("CREATE TABLE t (a); INSERT INTO nowhere VALUES (1);",))
    assert package_version(conn, "demo") == 0
    assert "t" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_an_outline_stored_before_its_table_is_still_read(tmp_path: Path) -> None:
    doc = process_text("一、总体要求\n加快发展。\n二、主要任务\n推进改革。\n", "policy.txt")
    conn = connect(tmp_path / "kb.db")
    store_file(conn, FileResult("f", "h", 1, [document_record(doc)]), force=False)
    old = [OutlineItem(1, "一", "总体要求", 0, 6)]
    conn.execute("DELETE FROM outline_items")
    conn.execute("UPDATE documents SET outline = ?", (json.dumps([asdict(item) for item in old]),))
    loaded = load_document(conn, doc.id)
    assert loaded is not None and loaded.outline == old
