from __future__ import annotations

from typing import Any

import pytest

from tests.store.sample_docs import make_documents
from zhengce.store.postgres import reader
from zhengce.store.postgres import writer as pg_writer
from zhengce.store.postgres.schema import connect
from zhengce.store.postgres.search import search
from zhengce.store.runners import PostgresSink
from zhengce.store.writer import FileResult, document_record


def results(name: str = "f") -> list[FileResult]:
    found = []
    for n, doc in enumerate(make_documents()):
        result = FileResult(f"{name}{n}", f"{name}-hash-{n}", len(doc.raw_text))
        result.records = [document_record(doc)]
        found.append(result)
    return found


def count(conn: Any, table: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_batch_stores_every_file_and_again_skips_them(pg_url: str) -> None:
    conn = connect(pg_url)
    first = pg_writer.store_batch(conn, results(), force=False)
    assert [c.stored for c in first] == [1] * len(first)
    digest = reader.content_digest(conn)
    again = pg_writer.store_batch(conn, results(), force=False)
    assert sum(c.stored for c in again) == 0 and sum(c.skipped for c in again) == len(first)
    assert reader.content_digest(conn) == digest
    assert count(conn, "sources") == len(first)
    # --force replaces the documents with the same rows (ids of paragraphs aside).
    forced = pg_writer.store_batch(conn, results(), force=True)
    assert sum(c.replaced for c in forced) == len(first)
    assert reader.content_digest(conn) == digest
    assert count(conn, "documents") == len(first)


def test_paragraphs_are_indexed_with_words_and_grams(pg_url: str) -> None:
    conn = connect(pg_url)
    pg_writer.store_batch(conn, results(), force=False)
    # 生产力 is inside the word 新质生产力: found through the grams; the word ranks first.
    hits = search(conn, "生产力")
    assert hits and all("生产力" in hit.snippet.replace("«", "").replace("»", "") for hit in hits)
    assert search(conn, "新质生产力")[0].title == "东北座谈会强调加快形成新质生产力"
    assert search(conn, "不存在的词语组合") == []


def test_a_failed_batch_leaves_nothing_behind(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(pg_url)

    def broken(conn: Any, queued: Any) -> None:
        conn.execute("INSERT INTO meta (key, value) VALUES ('half', 'written')")
        raise RuntimeError("killed mid-batch")

    monkeypatch.setattr(pg_writer, "_insert", broken)
    with pytest.raises(RuntimeError):
        pg_writer.store_batch(conn, results(), force=False)
    assert count(conn, "documents") == count(conn, "sources") == 0
    assert count(conn, "meta") == 0


def test_a_file_postgresql_cannot_hold_fails_alone(pg_url: str) -> None:
    sink = PostgresSink(pg_url)
    files = results()
    bad = files[0].records[0]
    bad["document"] = (*bad["document"][:15], "有\x00空字符", *bad["document"][16:])
    counts = sink.write(files, force=False)
    assert files[0].error is not None and "NUL" in files[0].error
    assert counts[0].stored == 0 and sum(c.stored for c in counts[1:]) == len(files) - 1
    sink.close()


def test_documents_a_new_reading_no_longer_gives_are_removed(pg_url: str) -> None:
    conn = connect(pg_url)
    both = results()[:2]
    merged = FileResult("day.md", "day-hash", 10, records=[r.records[0] for r in both])
    pg_writer.store_batch(conn, [merged], force=False)
    people_before = count(conn, "people")
    merged.records = merged.records[:1]
    counts = pg_writer.store_batch(conn, [merged], force=True)
    assert counts[0].replaced == 2 and counts[0].stored == 1
    assert count(conn, "documents") == 1
    # Nobody is left who is named only in the removed document.
    named = {row[0] for row in conn.execute("SELECT DISTINCT name FROM participants")}
    assert {row[0] for row in conn.execute("SELECT name FROM people")} == named
    assert count(conn, "people") <= people_before
