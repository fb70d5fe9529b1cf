"""The batch runners: local pool or Dask, into SQLite or PostgreSQL, give the content the
plain `zhengce ingest` gives — also when a Dask worker is killed in the middle of the run."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS_MD
from zhengce.store.loader import ingest
from zhengce.store.postgres import reader as pg_reader
from zhengce.store.postgres.schema import connect as pg_connect
from zhengce.store.reader import content_digest
from zhengce.store.runners import BatchStats, ingest_batches
from zhengce.store.schema import connect

pytest.importorskip("distributed", reason="the dask extra is not installed")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def day_files(count: int) -> list[str]:
    if not CORPUS_MD.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    return [str(p) for p in sorted(CORPUS_MD.glob("*.md"))[:count]]


def digest(path: Path) -> str:
    conn = connect(path, create=False)
    try:
        return content_digest(conn)
    finally:
        conn.close()


def test_dask_into_sqlite_stores_what_the_plain_ingest_stores(tmp_path: Path) -> None:
    files = [str(SAMPLES), *day_files(6)]
    ingest(files, tmp_path / "plain.db", jobs=1)
    stats = ingest_batches(files, tmp_path / "dask.db", runner="dask", jobs=2)
    assert stats.failed == 0 and stats.documents_stored > 50
    assert digest(tmp_path / "dask.db") == digest(tmp_path / "plain.db")
    again = ingest_batches(files, tmp_path / "dask.db", runner="dask", jobs=1)
    assert again.files_skipped == again.files_total and again.documents_stored == 0


def test_a_worker_killed_mid_run_changes_nothing(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    files = day_files(40)
    ingest(files, tmp_path / "plain.db", jobs=1)
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    killed: list[int] = []
    try:
        with Client(cluster) as client:
            pids = sorted(client.run(os.getpid).values())

        def kill_once(stats: BatchStats) -> None:
            # A few files are stored and the others are in flight: kill one worker.
            if not killed and stats.files_done >= 3:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])

        stats = ingest_batches(
            files,
            tmp_path / "killed.db",
            runner="dask",
            scheduler=cluster.scheduler_address,
            progress=kill_once,
        )
    finally:
        cluster.close()
    assert killed, "the run ended before a worker could be killed"
    assert stats.files_done == len(files) and stats.failed == 0
    assert stats.files_done - stats.files_skipped == len(files)
    assert digest(tmp_path / "killed.db") == digest(tmp_path / "plain.db")


def test_dask_into_postgresql_and_local_into_postgresql_agree(pg_server: str) -> None:
    from tests.store.conftest import fresh_database

    files = [str(SAMPLES), *day_files(5)]
    digests: list[str] = []
    for runner, jobs in (("local", 1), ("dask", 2)):
        with fresh_database(pg_server) as url:
            stats = ingest_batches(files, url, runner=runner, jobs=jobs, batch_files=4)
            assert stats.failed == 0 and stats.db_bytes > 0
            again = ingest_batches(files, url, runner=runner, jobs=jobs)
            assert again.documents_stored == 0 and again.files_skipped == again.files_total
            conn: Any = pg_connect(url)
            digests.append(pg_reader.content_digest(conn))
            conn.close()
    assert digests[0] == digests[1]
