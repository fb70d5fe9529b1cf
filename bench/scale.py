"""PostgreSQL beside SQLite, and Dask with 1 and with 2 workers, back to back in one run.

    .venv/bin/python bench/scale.py --pg postgresql://USER@HOST/DB [--limit-days N]
                                    [--jobs J] [--skip-ingest] [--skip-dask] [--json]

(a) ingest: the news corpus (../shared/corpus/cctv-news/md, all days or the first N) and the
policy corpus into a fresh SQLite file and into the (emptied) PostgreSQL database, the same
files with the same J local workers: wall time, CPU seconds of this process and its workers,
CPU seconds of the PostgreSQL server (when it runs on this machine), database size.
(b) dask: the same news files through `--runner dask` with a LocalCluster of 1 and of 2
workers, into fresh SQLite files: wall time, the speed-up, and files / documents / characters
per second per worker.  Machines here are shared: run it on a quiet machine for figures to
quote, and read the ratios, which are measured back to back.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import CORPUS, SHARED, corpus_missing

from zhengce.store.runners import BatchStats, ingest_batches


def cpu_split() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def server_cpu(url: str) -> float | None:
    """CPU seconds of the PostgreSQL server so far: the postmaster, its finished children
    (a closed connection's backend) and its running ones; None if it is not on this machine."""
    import psycopg

    with psycopg.connect(url) as conn:
        data = conn.execute("SHOW data_directory").fetchone()
    pid_file = Path(str(data[0] if data else "")) / "postmaster.pid"
    try:
        postmaster = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    tick = 100.0  # USER_HZ on Linux
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(stat.parent.name), int(fields[1])
        if pid == postmaster:
            total += sum(int(v) for v in fields[11:15]) / tick  # utime stime cutime cstime
        elif parent == postmaster:
            total += sum(int(v) for v in fields[11:13]) / tick
    return total


def empty_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def timed(files: list[str], db: str, **options: Any) -> dict[str, Any]:
    pg = db.startswith("postgresql://")
    server_before = server_cpu(db) if pg else None
    (own_before, workers_before), started = cpu_split(), time.perf_counter()
    stats: BatchStats = ingest_batches(files, db, **options)
    wall = time.perf_counter() - started
    own_after, workers_after = cpu_split()
    server_after = server_cpu(db) if pg else None
    server = (
        server_after - server_before
        if server_after is not None and server_before is not None
        else None
    )
    assert stats.failed == 0, stats.failures[:3]
    return {
        "files": stats.files_total,
        "documents": stats.documents_stored,
        "chars": stats.chars,
        "wall_s": wall,
        "client_cpu_s": own_after - own_before,  # the one writer (and, with dask, its cluster)
        "workers_cpu_s": workers_after - workers_before,  # local worker processes
        "server_cpu_s": server,  # PostgreSQL's own processes
        "db_bytes": stats.db_bytes,
        "startup_s": stats.startup_seconds,  # dask: starting the LocalCluster
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", required=True, help="an empty PostgreSQL database: it is wiped")
    parser.add_argument("--limit-days", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="keep the SQLite file here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if corpus_missing():
        return 1
    news = [str(p) for p in sorted(CORPUS.glob("*.md"))[: args.limit_days]]
    policy = [str(SHARED / "corpus" / "policy")]
    result: dict[str, Any] = {"news_files": len(news)}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_ingest:
            sqlite_db = args.keep or Path(tmp) / "kb.db"
            sqlite_db.unlink(missing_ok=True)
            empty_postgres(args.pg)
            result["sqlite"] = timed([*news, *policy], str(sqlite_db), jobs=args.jobs)
            result["postgres"] = timed([*news, *policy], args.pg, jobs=args.jobs)
        if not args.skip_dask:
            for workers in (1, 2):
                run = timed(news, str(Path(tmp) / f"dask{workers}.db"), runner="dask", jobs=workers)
                work = run["wall_s"] - run["startup_s"]
                run["work_s"] = work
                run["files_per_s_per_worker"] = run["files"] / work / workers
                run["docs_per_s_per_worker"] = run["documents"] / work / workers
                run["chars_per_s_per_worker"] = run["chars"] / work / workers
                # One worker is one core: characters per CPU second of the workers.
                cpu = run["workers_cpu_s"] or float("nan")
                run["chars_per_worker_cpu_s"] = run["chars"] / cpu
                result[f"dask_{workers}"] = run
            result["dask_speedup"] = result["dask_1"]["work_s"] / result["dask_2"]["work_s"]
            result["dask_speedup_with_startup"] = (
                result["dask_1"]["wall_s"] / result["dask_2"]["wall_s"]
            )
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        report(result)
    return 0


def report(r: dict[str, Any]) -> None:
    def line(name: str, run: dict[str, Any]) -> str:
        server = run["server_cpu_s"]
        return (
            f"{name:<10} {run['files']:>6} files {run['documents']:>7} docs"
            f"  wall {run['wall_s']:7.1f} s  CPU client {run['client_cpu_s']:6.1f} s"
            f" + workers {run['workers_cpu_s']:6.1f} s"
            + (f" + server {server:6.1f} s" if server is not None else "")
            + f"  size {run['db_bytes'] / 1e6:7.1f} MB"
        )

    for key in ("sqlite", "postgres", "dask_1", "dask_2"):
        if key in r:
            print(line(key, r[key]))
    if "dask_speedup" in r:
        print(
            f"dask 2 workers vs 1: {r['dask_speedup']:.2f}x once the cluster is up"
            f" ({r['dask_speedup_with_startup']:.2f}x with its start-up; goal >= 1.8)"
        )
        for key in ("dask_1", "dask_2"):
            run = r[key]
            print(
                f"  {key}: start-up {run['startup_s']:.1f} s, work {run['work_s']:.1f} s;"
                f" per worker {run['files_per_s_per_worker']:.2f} files/s,"
                f" {run['docs_per_s_per_worker']:.1f} docs/s,"
                f" {run['chars_per_s_per_worker'] / 1e3:.0f} k chars/s;"
                f" {run['chars_per_worker_cpu_s'] / 1e3:.0f} k chars per worker CPU s"
            )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
