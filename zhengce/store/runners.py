"""`zhengce ingest` for any store and any runner: SQLite or PostgreSQL, a local process pool
or a Dask cluster.

    ingest_batches(paths, "kb.db", runner="dask", workers=2)
    ingest_batches(paths, "postgresql://team@db/zhengce", runner="dask",
                   scheduler="tcp://10.0.0.5:8786")

Workers run the same pipeline as the local ingest (`zhengce.store.loader.process_file`, i.e.
`zhengce.pipeline.process_source` then `document_record`) and hand back plain records; this
process is the one writer.  SQLite gets one transaction per file (`store_file`); PostgreSQL
gets batches of files, one transaction each, rows sent by COPY (`postgres.writer.store_batch`).
A file counts as done only when its batch is committed, so a killed run leaves whole files
and the next run skips exactly those.

Dask: a `LocalCluster` (one single-threaded worker process per core, or `workers`) when no
scheduler is given.  Files are submitted a few per worker at a time, so memory stays bounded.
A worker lost mid-run: the scheduler hands its tasks to another worker (a task whose workers
keep dying is given up after distributed's `allowed-failures`, and its file is reported as
failed); a file's result is written once, when its future completes, so nothing is written
twice or lost.  Workers read the files by path: on several machines, the paths must name the
same files everywhere (a shared folder).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from zhengce.ingest import IngestError, expand_paths, read_file_bytes
from zhengce.store.loader import (
    STDIN,
    FailureReport,
    IngestStats,
    _process_stdin,
    _run_pool,
    _Task,
    _warm_worker,
    file_hash,
    process_file,
)
from zhengce.store.postgres.schema import is_postgres_url
from zhengce.store.writer import FileResult, WriteCounts, read_by_another_pipeline

Runner = Literal["local", "dask"]
# Files per PostgreSQL transaction: large enough that COPY and commits cost little per file,
# small enough that a killed run loses little work.
PG_BATCH_FILES = 32
log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchStats(IngestStats):
    db_bytes: int = 0  # size of the database at the end
    startup_seconds: float = 0.0  # starting (or reaching) the Dask cluster, before any file


BatchProgress = Callable[[BatchStats], None]


class Sink(Protocol):
    """Where results go: the one writer of a run."""

    batch_files: int

    def prepare(self) -> bool: ...  # bring the search index up to date; True if rebuilt
    def known(self) -> dict[str, str]: ...  # file hash -> pipeline fingerprint ("" unknown)
    def write(self, results: list[FileResult], force: bool) -> list[WriteCounts]: ...
    def finish(self, replaced: int) -> bool: ...  # True if replaced space was reclaimed
    def size(self) -> int: ...
    def close(self) -> None: ...


class SqliteSink:
    batch_files = 1

    def __init__(self, path: str | Path) -> None:
        from zhengce.store.schema import connect

        self.path = Path(path)
        self.conn = connect(self.path)

    def prepare(self) -> bool:
        from zhengce.store.writer import ensure_index_current

        return ensure_index_current(self.conn)

    def known(self) -> dict[str, str]:
        rows = self.conn.execute("SELECT file_hash, COALESCE(pipeline, '') FROM sources")
        return {str(h): str(p) for h, p in rows}

    def write(self, results: list[FileResult], force: bool) -> list[WriteCounts]:
        from zhengce.store.writer import store_file

        return [store_file(self.conn, result, force=force) for result in results]

    def finish(self, replaced: int) -> bool:
        from zhengce.store.writer import compact

        return compact(self.conn) if replaced else False

    def size(self) -> int:
        # Written pages wait in the WAL file until a checkpoint: count them where they belong.
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return self.path.stat().st_size if self.path.exists() else 0

    def close(self) -> None:
        self.conn.close()


class PostgresSink:
    batch_files = PG_BATCH_FILES

    def __init__(self, url: str) -> None:
        from zhengce.store.postgres.schema import connect

        self.conn = connect(url)

    def prepare(self) -> bool:
        from zhengce.store.postgres.writer import ensure_index_current

        return ensure_index_current(self.conn)

    def known(self) -> dict[str, str]:
        rows = self.conn.execute("SELECT file_hash, COALESCE(pipeline, '') FROM sources")
        return {str(h): str(p) for h, p in rows}

    def write(self, results: list[FileResult], force: bool) -> list[WriteCounts]:
        from zhengce.store.postgres.writer import store_batch, unstorable

        # A file PostgreSQL cannot hold fails alone, with its reason; the batch goes on.
        for result in results:
            reason = unstorable(result)
            if reason is not None:
                result.records, result.error = [], reason
        good = [result for result in results if result.error is None]
        counts = iter(store_batch(self.conn, good, force=force) if good else [])
        return [next(counts) if result.error is None else WriteCounts() for result in results]

    def finish(self, replaced: int) -> bool:
        if replaced:
            self.conn.execute("VACUUM (ANALYZE) paragraphs")
            return True
        self.conn.execute("ANALYZE")
        return False

    def size(self) -> int:
        return int(self.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])

    def close(self) -> None:
        self.conn.close()


def open_sink(db: str | Path) -> Sink:
    if is_postgres_url(str(db)):
        return PostgresSink(str(db))
    return SqliteSink(db)


def ingest_batches(
    paths: list[str],
    db: str | Path,
    *,
    runner: Runner = "local",
    force: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: BatchProgress | None = None,
    on_failure: FailureReport | None = None,
    batch_files: int | None = None,
) -> BatchStats:
    """Run the pipeline over `paths` with `runner` and store the documents in `db`."""
    sink = open_sink(db)
    try:
        stats = BatchStats()
        stats.reindexed = sink.prepare()
        names = list(expand_paths(paths))
        stats.files_total = len(names)
        pending: list[FileResult] = []
        size = batch_files or sink.batch_files

        def flush() -> None:
            results = pending[:]
            pending.clear()
            for result, counts in zip(results, sink.write(results, force), strict=True):
                if result.error is not None:
                    stats.failures.append((result.name, result.error))
                    if on_failure:
                        on_failure(result.name, result.error)
                stats.documents_stored += counts.stored
                stats.documents_skipped += counts.skipped
                stats.documents_replaced += counts.replaced
                stats.paragraphs += counts.paragraphs
                stats.chars += counts.chars
                stats.files_done += 1
            if progress:
                progress(stats)

        def finish(result: FileResult) -> None:
            pending.append(result)
            if len(pending) >= size:
                flush()

        tasks = _tasks(sink.known(), names, force, stats, progress, finish)
        if runner == "dask":
            stats.startup_seconds = run_dask(tasks, finish, workers=jobs, scheduler=scheduler)
        elif (jobs or os.cpu_count() or 1) == 1:
            for task in tasks:
                finish(task.run())
        else:
            _run_pool(tasks, max(1, jobs or os.cpu_count() or 1), finish)
        flush()
        stats.compacted = sink.finish(stats.documents_replaced)
        stats.db_bytes = sink.size()
        stats.seconds = time.perf_counter() - stats.started
        return stats
    finally:
        sink.close()


def _tasks(
    known: dict[str, str],
    names: list[str],
    force: bool,
    stats: BatchStats,
    progress: BatchProgress | None,
    finish: Callable[[FileResult], None],
) -> Iterator[_Task]:
    """Files that need the pipeline; files already stored are counted as skipped here."""
    seen: set[str] = set()
    for name in names:
        if name == STDIN:
            finish(_process_stdin())
            continue
        try:
            data = read_file_bytes(name)  # bounded, regular files only: never hangs
        except IngestError as exc:
            finish(FileResult(name, "", 0, error=exc.message))
            continue
        digest = file_hash(data)
        stored = known.get(digest)
        stale = read_by_another_pipeline(stored)
        if digest in seen or (stored is not None and not stale and not force):
            stats.files_skipped += 1
            stats.files_done += 1
            if progress:
                progress(stats)
            continue
        seen.add(digest)
        stats.files_refreshed += int(stale)
        yield _Task(name, digest, len(data))


def run_dask(
    tasks: Iterator[_Task],
    finish: Callable[[FileResult], None],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    in_flight_per_worker: int = 2,
) -> float:
    """Map `process_file` over the tasks on a Dask cluster; `finish` gets each result once.

    Returns the seconds it took to start (or reach) the cluster and warm its workers."""
    started = time.perf_counter()
    import importlib

    try:
        # Any: distributed has no type hints for these.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        from zhengce.store.schema import StoreError

        raise StoreError(
            "--runner dask needs the optional extra: pip install 'zhengce[dask]'"
        ) from None
    Client, LocalCluster, wait = distributed.Client, distributed.LocalCluster, distributed.wait

    cluster: Any = None
    if scheduler:
        client = Client(scheduler, timeout=30)
        if workers:
            client.wait_for_workers(workers, timeout=120)
    else:
        cluster = LocalCluster(
            n_workers=max(1, workers or os.cpu_count() or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.run(_warm_worker)
        ready = time.perf_counter() - started
        pending = iter(tasks)
        in_flight: dict[Any, _Task] = {}
        while True:
            capacity = in_flight_per_worker * max(1, len(client.scheduler_info()["workers"]))
            while len(in_flight) < capacity:
                task = next(pending, None)
                if task is None:
                    break
                future = client.submit(
                    process_file,
                    task.name,
                    task.file_hash,
                    task.size,
                    key=f"zhengce-file-{task.file_hash}",
                    pure=False,
                )
                in_flight[future] = task
            if not in_flight:
                break
            done = wait(list(in_flight), return_when="FIRST_COMPLETED").done
            for future in done:
                task = in_flight.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # KilledWorker: its workers kept dying
                    result = FileResult(
                        task.name, task.file_hash, task.size, error=f"{type(exc).__name__}: {exc}"
                    )
                future.release()
                finish(result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return ready
