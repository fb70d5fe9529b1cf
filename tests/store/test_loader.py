from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD
from zhengce.store.loader import ingest
from zhengce.store.reader import content_digest
from zhengce.store.schema import connect

pytestmark = pytest.mark.usefixtures("shared")


def corpus_days(count: int, skip: int = 0) -> list[str]:
    return [str(p) for p in sorted(CORPUS_MD.glob("*.md"))[skip : skip + count]]


def digest(db: Path) -> str:
    conn = connect(db)
    try:
        return content_digest(conn)
    finally:
        conn.close()


def test_ingest_then_rerun_skips_everything(tmp_path: Path) -> None:
    days = corpus_days(3)
    first = ingest(days, tmp_path / "kb.db", jobs=1)
    assert first.failed == 0 and first.documents_stored >= 3
    again = ingest(days, tmp_path / "kb.db", jobs=1)
    assert again.files_skipped == 3 and again.documents_stored == 0


def test_force_reprocesses_to_the_same_content(tmp_path: Path) -> None:
    days = corpus_days(2)
    ingest(days, tmp_path / "kb.db", jobs=1)
    before = digest(tmp_path / "kb.db")
    forced = ingest(days, tmp_path / "kb.db", jobs=1, force=True)
    assert forced.files_skipped == 0 and forced.documents_stored > 0
    assert digest(tmp_path / "kb.db") == before


def test_files_read_by_another_pipeline_are_read_again(tmp_path: Path) -> None:
    days = corpus_days(2, skip=50)
    ingest(days, tmp_path / "kb.db", jobs=1)
    before = digest(tmp_path / "kb.db")
    conn = connect(tmp_path / "kb.db")
    conn.execute("UPDATE sources SET pipeline = 'an older zhengce'")
    conn.close()
    again = ingest(days, tmp_path / "kb.db", jobs=2)
    assert again.files_refreshed == 2 and again.files_skipped == 0
    assert again.documents_stored > 0 and again.documents_skipped == 0
    assert digest(tmp_path / "kb.db") == before
    third = ingest(days, tmp_path / "kb.db", jobs=1)
    assert third.files_skipped == 2 and third.files_refreshed == 0


def test_replacing_documents_does_not_grow_the_database(tmp_path: Path) -> None:
    days, db = corpus_days(4, skip=200), tmp_path / "kb.db"
    ingest(days, db, jobs=1)
    before = database_bytes(db)
    for _ in range(3):
        again = ingest(days, db, jobs=1, force=True)
        assert again.documents_replaced > 0 and again.compacted
    assert database_bytes(db) <= before * 1.1  # tombstones merged away, pages returned


def database_bytes(db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db.stat().st_size


def test_pool_and_single_process_store_the_same(tmp_path: Path) -> None:
    days = corpus_days(4, skip=100)
    ingest(days, tmp_path / "one.db", jobs=1)
    ingest(days, tmp_path / "two.db", jobs=2)
    assert digest(tmp_path / "one.db") == digest(tmp_path / "two.db")


def test_failed_files_are_listed_and_the_rest_stored(tmp_path: Path) -> None:
    seen: list[str] = []
    stats = ingest(
        [str(tmp_path / "missing.txt"), *corpus_days(1)],
        tmp_path / "kb.db",
        jobs=1,
        on_failure=lambda name, message: seen.append(name),
    )
    assert seen == [str(tmp_path / "missing.txt")]
    assert stats.failed == 1 and stats.documents_stored > 0


def run_ingest(days: list[str], db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from zhengce.cli import app; app()"]
    return subprocess.Popen(
        [*command, "ingest", *days, "--db", str(db), "--jobs", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so the workers can be killed with the parent
    )


def stored_files(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.corpus
def test_sigkill_part_way_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    days = corpus_days(96, skip=400)  # enough that a batch commit cannot hold them all
    killed_db = tmp_path / "killed.db"
    process = run_ingest(days, killed_db)
    deadline = time.monotonic() + 300
    while stored_files(killed_db) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "ingest finished before it could be killed part-way"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored_files(killed_db) < len(days)

    resumed = run_ingest(days, killed_db)
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read() if resumed.stderr else ""
    clean_db = tmp_path / "clean.db"
    clean = run_ingest(days, clean_db)
    assert clean.wait(timeout=600) == 0
    assert digest(killed_db) == digest(clean_db)


def test_a_batch_commits_at_its_file_bound_and_keeps_whole_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.store.sample_docs import make_documents
    from zhengce.store import loader
    from zhengce.store.schema import connect
    from zhengce.store.writer import FileResult, document_record

    monkeypatch.setattr(loader, "BATCH_FILES", 2)
    monkeypatch.setattr(loader, "BATCH_SECONDS", 3600.0)
    db = tmp_path / "kb.db"
    conn = connect(db)
    batch = loader.CommitBatch(conn)
    docs = make_documents()

    def result(n: int) -> FileResult:
        return FileResult(f"f{n}", f"hash-{n}", 10, [document_record(docs[n % len(docs)])])

    batch.store(result(0), force=False)
    assert conn.in_transaction and stored_files(db) == 0  # not yet visible to others
    batch.store(result(1), force=False)
    assert not conn.in_transaction and stored_files(db) == 2  # the bound: committed
    broken = result(2)
    broken.records = [{**broken.records[0], "paragraphs": None}]  # fails while writing
    with pytest.raises(TypeError):
        batch.store(broken, force=False)
    assert conn.in_transaction  # the batch goes on without the broken file
    batch.commit()
    assert stored_files(db) == 2
    ids = {row[0] for row in conn.execute("SELECT id FROM documents")}
    assert ids == {docs[0].id, docs[1].id}  # nothing of the broken file's document
    conn.close()
