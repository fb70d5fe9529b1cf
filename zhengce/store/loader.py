"""`zhengce ingest`: files -> pipeline on every core -> one SQLite file.

Workers (a process pool) read, split, normalize, analyze and tokenize one file each and return
plain records; only this process writes SQLite.  Files are committed in batches
(`CommitBatch`: at most BATCH_FILES files, BATCH_BYTES bytes of input or BATCH_SECONDS
seconds a transaction), each file inside its own savepoint, because a commit per file spent a
fifth of all CPU flushing FTS5 segments.  At most `2 x jobs` files are in flight, so memory
stays bounded whatever the corpus size.  A file whose bytes were stored before is skipped
without being read by a worker (unless `force`); a killed run leaves only whole files behind
(a file's sources row commits with its documents) and the next run picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from zhengce.ingest import IngestError, expand_paths, read_file_bytes
from zhengce.limits import FILE_SECONDS, worker_count
from zhengce.store.schema import connect
from zhengce.store.writer import (
    FileResult,
    WriteCounts,
    compact,
    document_record,
    ensure_index_current,
    read_by_another_pipeline,
    rollback,
    stored_pipeline,
    write_file,
)

STDIN = "-"


@dataclass(slots=True)
class IngestStats:
    files_total: int = 0
    files_done: int = 0  # stored, skipped or failed
    files_skipped: int = 0
    files_refreshed: int = 0  # stored before by another pipeline, read again
    documents_stored: int = 0
    documents_skipped: int = 0
    documents_replaced: int = 0
    paragraphs: int = 0
    chars: int = 0  # characters of the documents stored
    failures: list[tuple[str, str]] = field(default_factory=list)
    reindexed: bool = False
    compacted: bool = False  # space of replaced documents reclaimed at the end
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)


# Bounds on one write transaction of `ingest` (see the module doc).
BATCH_FILES = 50
BATCH_BYTES = 16_000_000
BATCH_SECONDS = 1.0


@dataclass(slots=True)
class CommitBatch:
    """Files written in one transaction, committed when a bound is reached (or `commit`)."""

    conn: sqlite3.Connection
    files: int = 0
    size: int = 0
    opened: float = 0.0

    def store(self, result: FileResult, *, force: bool) -> WriteCounts:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.opened = time.monotonic()
        counts = write_file(self.conn, result, force=force)
        self.files += 1
        self.size += result.size
        if (
            self.files >= BATCH_FILES
            or self.size >= BATCH_BYTES
            or time.monotonic() - self.opened >= BATCH_SECONDS
        ):
            self.commit()
        return counts

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.files = self.size = 0


Progress = Callable[[IngestStats], None]
FailureReport = Callable[[str, str], None]


class FileTimeout(Exception):
    """The pipeline spent longer on one file than FILE_SECONDS allows."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise FileTimeout in this (main) thread after `seconds`; elsewhere, no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(name: str, file_hash: str, size: int) -> FileResult:
    """Worker: the whole pipeline for one file; never raises (errors travel in the result)."""
    from zhengce.pipeline import process_source

    seconds = FILE_SECONDS.get()
    try:
        with time_limit(seconds):
            records = [document_record(doc) for doc in process_source(name)]
    except FileTimeout:
        return FileResult(
            name, file_hash, size, error=f"took over {seconds} s, stopped ({FILE_SECONDS.env})"
        )
    except IngestError as exc:
        return FileResult(name, file_hash, size, error=exc.message)
    except Exception as exc:  # a bug in a stage must not stop the other files
        return FileResult(name, file_hash, size, error=f"{type(exc).__name__}: {exc}")
    return FileResult(name, file_hash, size, records=records)


def _warm_worker(parent: int | None = None) -> None:
    """Die with the parent, then load the segmenter's dictionary once per worker."""
    if parent is not None:
        die_with_parent(parent)
    from zhengce.search.tokens import segmenter

    segmenter()


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies, however the parent died (even
    by SIGKILL, which no handler sees); a worker must not outlive an interrupted ingest."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux: workers may linger
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def file_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(slots=True)
class _Task:
    name: str
    file_hash: str
    size: int

    def run(self) -> FileResult:
        return process_file(self.name, self.file_hash, self.size)


def ingest(
    paths: list[str],
    db_path: str | Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    on_failure: FailureReport | None = None,
) -> IngestStats:
    """Run the pipeline over `paths` and store the documents in `db_path`."""
    jobs = worker_count(jobs)  # never more workers than cores: each holds ~200 MB
    conn = connect(db_path)
    batch = CommitBatch(conn)
    try:
        stats = IngestStats()
        stats.reindexed = ensure_index_current(conn)
        names = list(expand_paths(paths))
        stats.files_total = len(names)

        # Files with the same bytes as one in flight wait for its result: a copy of a file
        # that failed fails too (not "unchanged"), a copy of a stored one is skipped.
        copies: dict[str, list[str]] = {}

        def fail(name: str, error: str) -> None:
            stats.failures.append((name, error))
            if on_failure:
                on_failure(name, error)

        def finish(result: FileResult) -> None:
            if result.error is not None:
                fail(result.name, result.error)
            else:
                counts = batch.store(result, force=force)
                stats.documents_stored += counts.stored
                stats.documents_skipped += counts.skipped
                stats.documents_replaced += counts.replaced
                stats.paragraphs += counts.paragraphs
                stats.chars += counts.chars
            _done(stats, progress)
            for copy in copies.pop(result.file_hash, []) if result.file_hash else []:
                if result.error is not None:
                    fail(copy, f"{result.error} (same bytes as {result.name})")
                else:
                    stats.files_skipped += 1
                _done(stats, progress)

        tasks = _tasks(conn, names, force, stats, progress, finish, copies)
        if jobs == 1:
            for task in tasks:
                finish(task.run())
        else:
            _run_pool(tasks, jobs, finish)
        batch.commit()
        if stats.documents_replaced:
            stats.compacted = compact(conn)
        stats.seconds = time.perf_counter() - stats.started
        return stats
    finally:
        # Whole files only are in the open batch (a failed one was rolled back to its
        # savepoint): keep them, also when an error or Ctrl-C ends the run.
        _commit_and_close(conn, failing=sys.exc_info()[0] is not None)


def _commit_and_close(conn: sqlite3.Connection, *, failing: bool) -> None:
    """Commit the open batch and close; when the run is already failing, a failed commit
    (disk full, read-only) must not hide the error that stopped it."""
    try:
        if conn.in_transaction:
            conn.execute("COMMIT")
    except sqlite3.Error:
        rollback(conn)  # the files of this batch are undone; the database stays whole
        if not failing:
            raise
    finally:
        conn.close()


def _done(stats: IngestStats, progress: Progress | None) -> None:
    stats.files_done += 1
    if progress:
        progress(stats)


def _tasks(
    conn: sqlite3.Connection,
    names: list[str],
    force: bool,
    stats: IngestStats,
    progress: Progress | None,
    finish: Callable[[FileResult], None],
    copies: dict[str, list[str]],
) -> Iterator[_Task]:
    """Files that need the pipeline; files already stored are counted as skipped here, and
    copies of a file in flight are put in `copies` to share its outcome."""
    for name in names:
        if name == STDIN:
            # Standard input cannot be handed to a worker: read it here, skip by document id.
            finish(_process_stdin())
            continue
        try:
            data = read_file_bytes(name)  # bounded, regular files only: never hangs
        except IngestError as exc:
            finish(FileResult(name, "", 0, error=exc.message))
            continue
        digest, size = file_hash(data), len(data)
        del data
        if digest in copies:
            copies[digest].append(name)
            continue
        known = stored_pipeline(conn, digest)
        stale = read_by_another_pipeline(known)
        if known is not None and not stale and not force:
            stats.files_skipped += 1
            _done(stats, progress)
            continue
        copies[digest] = []
        stats.files_refreshed += int(stale)
        yield _Task(name, digest, size)


def _process_stdin() -> FileResult:
    from zhengce.pipeline import process_source

    try:
        docs = process_source(STDIN)
    except IngestError as exc:
        return FileResult(STDIN, "", 0, error=exc.message)
    raw = "".join(doc.raw_text for doc in docs).encode("utf-8", "surrogatepass")
    return FileResult(STDIN, file_hash(raw), len(raw), [document_record(d) for d in docs])


def _run_pool(tasks: Iterator[_Task], jobs: int, finish: Callable[[FileResult], None]) -> None:
    # spawn, not fork: the parent holds an open SQLite connection and maybe a progress thread.
    context = multiprocessing.get_context("spawn")
    pending = iter(tasks)
    in_flight: dict[Future[FileResult], _Task] = {}

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_warm_worker, initargs=(os.getpid(),)
        )

    pool = new_pool()
    try:
        while True:
            while len(in_flight) < 2 * jobs:
                task = next(pending, None)
                if task is None:
                    break
                in_flight[pool.submit(_Task.run, task)] = task
            if not in_flight:
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                task = in_flight.pop(future, None)
                if task is None:  # resubmitted to a new pool after a worker died
                    continue
                try:
                    result = future.result()
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): fail its files, start a new pool.
                    result = FileResult(task.name, task.file_hash, task.size, error="worker died")
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    for other, other_task in list(in_flight.items()):
                        in_flight.pop(other)
                        in_flight[pool.submit(_Task.run, other_task)] = other_task
                finish(result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
