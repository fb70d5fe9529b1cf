"""Search latency over a database built by bench/ingest.py (or `zhengce ingest`).

    .venv/bin/python bench/search.py --db FILE [--queries 240] [--seed 7] [--json]

With `--pg URL` (the same files ingested there, e.g. by bench/scale.py --keep), the same
queries are timed on PostgreSQL right after, beside SQLite's.

Queries are drawn from the database itself (seeded, so every run asks the same): one- to
six-character pieces of random paragraphs, whole words, policy terms, two-word ANDs,
phrases, ORs, exclusions, the same pieces in traditional characters, and some with date,
kind or speaker filters.  Each is timed end to end through the Python API (parse, FTS5,
bm25, snippets), limit 20.  Goal: p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import opencc
import regex

from zhengce.api import KnowledgeBase
from zhengce.search.tokens import policy_terms, segment_words

HAN_RUN = regex.compile(r"\p{Han}{2,}")


def han_piece(rng: random.Random, text: str, length: int) -> str | None:
    runs = [run for run in HAN_RUN.findall(text) if len(run) >= length]
    if not runs:
        return None
    run = rng.choice(runs)
    start = rng.randrange(len(run) - length + 1)
    return str(run[start : start + length])


def make_queries(
    conn: sqlite3.Connection, count: int, seed: int
) -> list[tuple[str, dict[str, Any]]]:
    rng = random.Random(seed)
    texts = [
        row[0]
        for row in conn.execute(
            "SELECT text FROM paragraph_texts WHERE id IN"
            " (SELECT id FROM paragraphs ORDER BY id LIMIT 20000)"
        )
    ]
    dates = [row[0] for row in conn.execute("SELECT date FROM documents WHERE date NOT NULL")]
    speakers = [row[0] for row in conn.execute("SELECT DISTINCT speaker FROM paragraphs LIMIT 50")]
    kinds = [row[0] for row in conn.execute("SELECT DISTINCT kind FROM documents")]
    to_traditional = opencc.OpenCC("s2t")
    terms = list(policy_terms())

    def piece(low: int = 1, high: int = 6) -> str:
        while True:
            found = han_piece(rng, rng.choice(texts), rng.randint(low, high))
            if found:
                return found

    def word() -> str:
        words = [w for w in segment_words(rng.choice(texts)) if HAN_RUN.fullmatch(w)]
        return rng.choice(words) if words else piece(2, 3)

    makers: list[Callable[[], tuple[str, dict[str, Any]]]] = [
        lambda: (piece(), {}),
        lambda: (piece(2, 4), {}),
        lambda: (word(), {}),
        lambda: (rng.choice(terms), {}),
        lambda: (f"{word()} {word()}", {}),
        lambda: (f'"{piece(4, 8)}"', {}),
        lambda: (f"{word()} OR {word()}", {}),
        lambda: (f"{word()} -{word()}", {}),
        lambda: (str(to_traditional.convert(piece(2, 5))), {}),
        lambda: (word(), {"date_from": min(dates), "date_to": rng.choice(dates)} if dates else {}),
        lambda: (word(), {"kind": rng.choice(kinds)} if kinds and kinds[0] else {}),
        lambda: (word(), {"speaker": rng.choice(speakers)} if speakers and speakers[0] else {}),
    ]
    return [makers[n % len(makers)]() for n in range(count)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summarize(timings: list[tuple[float, str, dict[str, Any], int]]) -> dict[str, Any]:
    ms = [t * 1000 for t, *_ in timings]
    return {
        "queries": len(ms),
        "with_results": sum(1 for *_, n in timings if n),
        "p50_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 0.95),
        "max_ms": max(ms),
        "mean_ms": statistics.fmean(ms),
        "slowest": [
            {"ms": round(t * 1000, 1), "query": q, "filters": f, "hits": n}
            for t, q, f, n in sorted(timings, key=lambda item: item[0], reverse=True)[:5]
        ],
    }


def time_queries(
    run: Callable[[str, dict[str, Any]], int], queries: list[tuple[str, dict[str, Any]]]
) -> list[tuple[float, str, dict[str, Any], int]]:
    run("预热", {})  # load rjieba and OpenCC outside the timing
    timings: list[tuple[float, str, dict[str, Any], int]] = []
    for query, filters in queries:
        started = time.perf_counter()
        found = run(query, filters)
        timings.append((time.perf_counter() - started, query, filters, found))
    return timings


def postgres_timings(
    url: str, queries: list[tuple[str, dict[str, Any]]]
) -> list[tuple[float, str, dict[str, Any], int]]:
    """The same queries through the PostgreSQL store (same sample ingested there)."""
    from zhengce.search import SearchFilters
    from zhengce.store.postgres.schema import connect
    from zhengce.store.postgres.search import search

    conn = connect(url, create=False)
    try:
        return time_queries(
            lambda query, filters: len(search(conn, query, SearchFilters(**filters))), queries
        )
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pg", default=None, help="also time the same queries on this PostgreSQL database"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    # The bench reads the SQLite file itself to pick its queries; the timed part is the API.
    conn = sqlite3.connect(args.db)
    queries = make_queries(conn, args.queries, args.seed)
    documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    paragraphs = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    conn.close()
    with KnowledgeBase(args.db) as kb:
        timings = time_queries(lambda query, filters: len(kb.search(query, **filters)), queries)
    result = {"documents": documents, "paragraphs": paragraphs, **summarize(timings)}
    if args.pg:
        result["postgres"] = summarize(postgres_timings(args.pg, queries))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{result['queries']} queries over {documents} documents / {paragraphs} paragraphs")
    print(f"({result['with_results']} with results), limit 20, snippets included")
    for name, run in (("SQLite", result), ("PostgreSQL", result.get("postgres"))):
        if run is None:
            continue
        print(
            f"{name:<10}  p50 {run['p50_ms']:.1f} ms   p95 {run['p95_ms']:.1f} ms   "
            f"max {run['max_ms']:.1f} ms   mean {run['mean_ms']:.1f} ms   (goal p95 <= 50)"
        )
        for slow in run["slowest"]:
            print(
                f"  {slow['ms']:>7} ms  {slow['hits']:>3} hits  {slow['query']} {slow['filters']}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
