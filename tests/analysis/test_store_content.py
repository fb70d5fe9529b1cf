"""The content tables of schema migration 2, as ingest fills them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from zhengce.store.schema import MIGRATIONS, connect, migrate, schema_version
from zhengce.store.writer import delete_document


def test_mentions_point_into_their_paragraph(db: Path) -> None:
    conn = connect(db, create=False)
    found = conn.execute(
        'SELECT f.term, f.known, substr(pt.text, 1 + f.start - p.start, f."end" - f.start)'
        " FROM formulations f JOIN paragraphs p ON p.doc_id = f.doc_id AND p.ord = f.paragraph"
        " JOIN paragraph_texts pt ON pt.id = p.id WHERE f.how = 'quoted'"
    ).fetchall()
    conn.close()
    assert found == [("三水统筹", 0, "三水统筹"), ("三水统筹", 0, "三水统筹")]


def test_measures_and_paragraph_themes_stored(db: Path) -> None:
    conn = connect(db, create=False)
    verbs = {row[0] for row in conn.execute("SELECT verb FROM measures")}
    themes = [json.loads(row[0]) for row in conn.execute("SELECT themes FROM paragraph_themes")]
    conn.close()
    assert {"严禁", "培育", "推进"} <= verbs
    assert all(isinstance(t, list) for t in themes) and ["ecology"] in themes


def test_deleting_a_document_deletes_its_content(tmp_path: Path) -> None:
    from tests.analysis.sample_db import build

    conn = build(tmp_path / "kb.db")
    doc_id = conn.execute("SELECT doc_id FROM formulations LIMIT 1").fetchone()[0]
    conn.execute("BEGIN IMMEDIATE")
    delete_document(conn, doc_id)
    conn.execute("COMMIT")
    for table in ("formulations", "measures", "paragraph_themes"):
        left = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?", (doc_id,))
        assert left.fetchone()[0] == 0
    conn.close()


def test_version_1_database_gains_the_tables(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    assert schema_version(conn) == 1
    conn.close()
    conn = connect(tmp_path / "old.db")
    assert schema_version(conn) == len(MIGRATIONS) >= 2
    assert conn.execute("SELECT COUNT(*) FROM formulations").fetchone()[0] == 0
    conn.close()
