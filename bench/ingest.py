"""Speed of `zhengce ingest` (the whole pipeline into SQLite) beside bare rjieba, same run.

    .venv/bin/python bench/ingest.py [--limit-days N] [--jobs J] [--db FILE] [--json]

Over ../shared/corpus/cctv-news/md (all 1,685 days, or the first N): (a) bare rjieba
segmentation of the same text on one core (the baseline), (b) a fresh ingest with J worker
processes, (c) the same ingest again, which must skip everything.  Machines here are shared,
so throughput per core is characters / CPU seconds of all processes (parent and workers),
not wall time; wall time is printed too.  Also database size and peak memory (max RSS of the
parent and of the largest worker).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import rjieba
from corpus import CORPUS

from zhengce.store.loader import ingest


def cpu_split() -> tuple[float, float]:
    """CPU seconds so far of this process (the SQLite writer) and of its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def rjieba_baseline(files: list[Path]) -> dict[str, float]:
    texts = [path.read_text("utf-8") for path in files]
    jieba = rjieba.Jieba()
    jieba.cut("预热")  # load the dictionary outside the timing
    chars = sum(map(len, texts))
    started = time.process_time()
    for text in texts:
        jieba.cut(text)
    seconds = time.process_time() - started
    return {"chars": chars, "cpu_s": seconds, "chars_per_s": chars / seconds}


def timed_ingest(files: list[Path], db: Path, jobs: int) -> dict[str, Any]:
    (parent_before, workers_before), wall_before = cpu_split(), time.perf_counter()
    stats = ingest([str(p) for p in files], db, jobs=jobs)
    parent_after, workers_after = cpu_split()
    wall = time.perf_counter() - wall_before
    parent, workers = parent_after - parent_before, workers_after - workers_before
    cpu = parent + workers
    return {
        "files": stats.files_total,
        "files_skipped": stats.files_skipped,
        "failed": stats.failed,
        "documents": stats.documents_stored,
        "paragraphs": stats.paragraphs,
        "chars": stats.chars,
        "wall_s": wall,
        "cpu_s": cpu,
        "parent_cpu_s": parent,  # with jobs > 1: storing only (SQLite inserts, FTS5 index)
        "workers_cpu_s": workers,  # read, normalize, analyze, index tokens
        "chars_per_cpu_s": stats.chars / cpu if cpu else 0.0,
        "chars_per_wall_s": stats.chars / wall if wall else 0.0,
    }


def database_bytes(db: Path) -> int:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit-days", type=int, default=None, help="only the first N days")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    files = sorted(CORPUS.glob("*.md"))[: args.limit_days]
    if not files:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "bench.db"
        for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            leftover.unlink(missing_ok=True)  # a fresh database every run
        baseline = rjieba_baseline(files)
        first = timed_ingest(files, db, args.jobs)
        again = timed_ingest(files, db, args.jobs)
        size = database_bytes(db)
    peak_parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    result = {
        "days": len(files),
        "jobs": args.jobs,
        "rjieba": baseline,
        "ingest": first,
        "reingest": again,
        "reingest_ratio": again["wall_s"] / first["wall_s"],
        "pipeline_vs_rjieba": first["chars_per_cpu_s"] / baseline["chars_per_s"],
        "db_bytes": size,
        "db_bytes_per_char": size / max(first["chars"], 1),
        "peak_rss_parent": peak_parent,
        "peak_rss_worker": peak_worker,
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        report(result)
    return 0 if first["failed"] == 0 and again["documents"] == 0 else 1


def report(r: dict[str, Any]) -> None:
    first, again, base = r["ingest"], r["reingest"], r["rjieba"]
    mb = 1e6
    print(f"corpus: {r['days']} days, {first['chars'] / mb:.1f} M chars, {first['documents']}")
    print(f"        documents, {first['paragraphs']} paragraphs, {first['failed']} failed files")
    print(f"{'':28}{'chars/s per core':>18}{'wall s':>9}{'cpu s':>9}")
    print(f"{'rjieba cut (baseline)':28}{base['chars_per_s'] / mb:>16.2f} M{'':>9}")
    print(
        f"{'ingest, whole pipeline':28}{first['chars_per_cpu_s'] / mb:>16.2f} M"
        f"{first['wall_s']:>9.1f}{first['cpu_s']:>9.1f}"
    )
    print(f"pipeline / rjieba: {r['pipeline_vs_rjieba']:.2f}x per core")
    if r["jobs"] > 1:
        print(
            f"cpu split: writer (SQLite + FTS5) {first['parent_cpu_s']:.1f} s, "
            f"workers (pipeline + tokens) {first['workers_cpu_s']:.1f} s"
        )
    print(f"wall throughput with {r['jobs']} jobs: {first['chars_per_wall_s'] / mb:.2f} M chars/s")
    print(
        f"re-ingest: {again['wall_s']:.2f} s, {again['files_skipped']} files skipped "
        f"= {r['reingest_ratio']:.1%} of the first run (goal < 10%)"
    )
    print(f"database: {r['db_bytes'] / mb:.1f} MB ({r['db_bytes_per_char']:.1f} bytes per char)")
    print(
        f"peak memory: parent {r['peak_rss_parent'] / mb:.0f} MB, "
        f"largest worker {r['peak_rss_worker'] / mb:.0f} MB"
    )


if __name__ == "__main__":
    sys.exit(main())
