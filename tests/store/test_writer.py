from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.store.sample_docs import build_database, make_documents, store_documents
from zhengce.model import Document, Edit, rebuild_raw
from zhengce.store.reader import content_digest, load_document, table_digests
from zhengce.store.search import search
from zhengce.store.writer import (
    FileResult,
    delete_document,
    document_date,
    document_record,
    store_file,
)


def test_documents_read_back_as_stored(tmp_path: Path) -> None:
    conn = build_database(tmp_path / "kb.db")
    for doc in make_documents():
        stored = load_document(conn, doc.id)
        assert stored is not None
        assert (stored.raw_text, stored.text, stored.metadata) == (
            doc.raw_text,
            doc.text,
            doc.metadata,
        )
        assert stored.paragraphs == doc.paragraphs
        assert stored.participants == doc.participants


def test_same_documents_again_are_skipped(tmp_path: Path) -> None:
    conn = build_database(tmp_path / "kb.db")
    before = table_digests(conn)
    result = FileResult("again", "other-hash", 1, [document_record(make_documents()[0])])
    counts = store_file(conn, result, force=False)
    assert (counts.stored, counts.skipped) == (0, 1)
    after = table_digests(conn)
    assert {k: v for k, v in after.items() if k != "sources"} == {
        k: v for k, v in before.items() if k != "sources"
    }


def test_force_replaces_and_gives_the_same_content(tmp_path: Path) -> None:
    conn = build_database(tmp_path / "kb.db")
    before = content_digest(conn)
    store_documents(conn, make_documents(), force=True)
    assert content_digest(conn) == before


def test_force_drops_documents_the_file_no_longer_gives(tmp_path: Path) -> None:
    conn = build_database(tmp_path / "kb.db")
    replacement = make_documents()[1]
    result = FileResult("f0", "f-hash-0", 1, [document_record(replacement)])
    store_file(conn, result, force=True)
    assert load_document(conn, make_documents()[0].id) is None
    assert load_document(conn, replacement.id) is not None


def test_delete_removes_index_rows_and_orphan_people(tmp_path: Path) -> None:
    conn = build_database(tmp_path / "kb.db")
    first = make_documents()[0]
    assert search(conn, "新质生产力")
    conn.execute("BEGIN")
    delete_document(conn, first.id)
    conn.execute("COMMIT")
    assert search(conn, "新质生产力") == []
    names = {row[0] for row in conn.execute("SELECT name FROM people")}
    assert "李华" not in names  # only in the deleted document
    assert "王明" in names  # still in another one
    terms = dict(conn.execute("SELECT term, doc FROM paragraph_index_terms"))
    assert "新质生产力" not in terms


def test_paragraphs_from_lines_when_segmentation_gave_none(tmp_path: Path) -> None:
    doc = Document.from_raw("第一行文字\n\n第二行，生产力\n")
    record = document_record(doc)
    assert [row[1:4] for row in record["paragraphs"]] == [("body", 0, 5), ("body", 7, 14)]
    assert all(row[6] == 1 for row in record["paragraphs"])  # marked inferred


DATES: list[tuple[dict[str, Any], str | None]] = [
    ({"event_date": {"year": 2024, "month": 5, "day": 20}}, "2024-05-20"),
    ({"event_date": {"year": 2024, "month": None, "day": None}}, "2024"),
    (
        {"event_date": {"year": None, "month": None, "day": 12}, "published": "2024-05-13 08:00"},
        "2024-05-12",
    ),
    ({"event_date": None, "programme_date": "20220101"}, "2022-01-01"),
    ({"published": "2023年7月1日"}, "2023-07-01"),
    ({"signed": "2024-06-24", "published": "2024-07-01 10:00"}, "2024-06-24"),
    ({"event_date": {"year": None, "month": None, "day": 12}}, None),
    ({}, None),
]


@pytest.mark.parametrize(("metadata", "expected"), DATES)
def test_document_date(metadata: dict[str, Any], expected: str | None) -> None:
    assert document_date(metadata) == expected


def test_normalized_text_and_edits_kept_when_text_differs(tmp_path: Path) -> None:
    doc = Document.from_raw("推动高质量发展,建设全国统一大市场\n", source="edited.txt")
    doc.apply_edits("punctuation", [Edit(7, 8, ",", "，", "", "ASCII comma between Chinese")])
    conn = build_database(tmp_path / "kb.db")
    store_documents(conn, [doc], name="edited")
    stored = load_document(conn, doc.id)
    assert stored is not None
    assert (stored.raw_text, stored.text, stored.edits) == (doc.raw_text, doc.text, doc.edits)
    assert rebuild_raw(stored.text, stored.edits) == doc.raw_text
    assert search(conn, "发展，建设")[0].doc_id == doc.id
