"""Load benchmark of `zhengce serve`: concurrent clients over loopback for a bounded time.

    .venv/bin/python bench/serve.py [--db bench-web.db] [--clients 50] [--seconds 60]
                                    [--max-requests 200000] [--think 0.5] [--json]

The database holds the news and policy corpora (../shared/corpus/cctv-news/md and
../shared/corpus/policy); it is built with `zhengce ingest` when the file does not exist.  The
server runs in its own process on 127.0.0.1 (never another address) with `--public`.  Each
client loops until the time or the request budget is spent: it asks for one request of the
mix (search page, API search, document page, timeline page, tracker pages: the board, a
task, the tasks API; as a logged-in supervisor, with a plan drafted when there is none),
then waits a random think time of 0 to 2 x --think seconds, as a reader does between clicks
(--think 0: back to back).  Queries come from the database itself, as in
bench/search.py (pieces of paragraphs, words, policy terms, ANDs, phrases, ORs, exclusions,
traditional characters, filters); document ids and timeline terms are drawn at random too.

Goals (issue 14): 0 errors; p95 <= 200 ms for pages and <= 100 ms for API searches.
Latency is measured by the clients, from sending the request to the last byte of the answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from corpus import CORPUS, SHARED
from search import make_queries, percentile

from zhengce.api import KnowledgeBase

HOST = "127.0.0.1"  # loopback only
POLICY = SHARED / "corpus" / "policy"
GOALS_MS = {"page": 200.0, "api_search": 100.0}
# kind -> (weight in the mix, goal group)
MIX: dict[str, tuple[int, str]] = {
    "search_page": (30, "page"),
    "api_search": (25, "api_search"),
    "document_page": (25, "page"),
    "timeline_page": (10, "page"),
    "task_pages": (10, "page"),
}
BENCH_USER = ("bench-supervisor", "bench-password-1")


def build_db(path: Path) -> None:
    missing = [p for p in (CORPUS, POLICY) if not p.is_dir()]
    if missing:
        sys.exit(f"error: {missing[0]}: corpus not found (../shared beside?)")
    print(f"building {path} from {CORPUS} and {POLICY} ...", file=sys.stderr)
    command = [sys.executable, "-c", "from zhengce.cli import main; main()"]
    subprocess.run(
        [*command, "ingest", str(CORPUS), str(POLICY), "--db", str(path)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int, processes: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from zhengce.cli import main; main()"]
    options = ["--db", str(db), "--host", HOST, "--port", str(port), "--public"]
    return subprocess.Popen(
        [*command, "serve", *options, "--processes", str(processes)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            sys.exit(f"error: the server stopped: {err.strip()}")
        try:
            if httpx.get(base + "/api/v1/summary", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit("error: the server did not answer in time")


def task_urls(db: Path) -> list[str]:
    """The task board, each task's page and the tasks API, for the bench's supervisor; a plan
    is drafted from the first policy document with an outline when the database has none."""
    from zhengce.tracker.accounts import add_user, get_actor
    from zhengce.tracker.service import Tracker

    tracker = Tracker(db)
    try:
        user = get_actor(tracker.conn, BENCH_USER[0])
        if user is None:
            user = add_user(tracker.conn, *BENCH_USER, "supervisor", None)
        tasks = tracker.list_tasks(user)
        if not tasks:
            with KnowledgeBase(db) as kb:
                for row in [
                    r for r in kb.documents() if r["kind"] not in ("news", "programme_part")
                ]:
                    plan = tracker.plan_from_document(kb.document(row["id"]))
                    if len(plan["tasks"]) >= 5:
                        tracker.save_plan(user, plan)
                        break
            tasks = tracker.list_tasks(user)
        ids = [task["id"] for task in tasks]
    finally:
        tracker.close()
    return ["/tasks", "/api/v1/tasks"] + [f"/tasks/{i}" for i in ids]


def request_pool(db: Path, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    # The bench reads the SQLite file itself to pick its requests, as bench/search.py does.
    conn = sqlite3.connect(db)
    queries = make_queries(conn, 600, seed)
    conn.close()
    with KnowledgeBase(db) as kb:
        doc_ids = [row["id"] for row in kb.documents()]
        from zhengce.analysis.formulations import list_formulations

        terms = [row["term"] for row in list_formulations(kb.store, limit=400)]
    names = {"date_from": "from", "date_to": "to"}

    def search_params(query: str, filters: dict[str, Any]) -> str:
        parts = [f"q={quote(query)}"]
        parts += [f"{names.get(k, k)}={quote(str(v))}" for k, v in filters.items()]
        return "&".join(parts)

    searches = [search_params(q, f) for q, f in queries]
    return {
        "search_page": [f"/search?{s}" for s in searches],
        "api_search": [f"/api/v1/search?{s}" for s in searches],
        "document_page": [f"/documents/{d}" for d in rng.sample(doc_ids, min(3000, len(doc_ids)))],
        "timeline_page": [
            "/timeline?terms="
            + quote(",".join(rng.sample(terms, rng.randint(1, 3))))
            + rng.choice(["", "&by=year", "&per=1000", "&by=year&per=1000"])
            for _ in range(600)
        ],
        "task_pages": task_urls(db),
    }


async def client(
    http: httpx.AsyncClient,
    rng: random.Random,
    pool: dict[str, list[str]],
    kinds: list[str],
    weights: list[int],
    deadline: float,
    budget: list[int],
    think: float,
    results: list[tuple[str, float, int, str, float]],
) -> None:
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        kind = rng.choices(kinds, weights)[0]
        url = rng.choice(pool[kind])
        started = time.perf_counter()
        try:
            answer = await http.get(url)
            status, detail = answer.status_code, "" if answer.status_code == 200 else answer.text
            timing = answer.headers.get("server-timing", "")
            server_ms = float(timing.partition("dur=")[2] or "nan")
        except httpx.HTTPError as exc:
            status, detail, server_ms = 0, f"{type(exc).__name__}: {exc}", float("nan")
        elapsed = (time.perf_counter() - started) * 1000
        results.append((kind, elapsed, status, f"{url} {detail}", server_ms))
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))


async def log_in(http: httpx.AsyncClient) -> None:
    """The clients share one supervisor's session (the tracker's pages need an account)."""
    token = (await http.get("/api/v1/session")).json()["csrf"]
    answer = await http.post(
        "/login",
        data={"username": BENCH_USER[0], "password": BENCH_USER[1], "csrf": token},
    )
    if answer.status_code != 303 or (await http.get("/api/v1/tasks")).status_code != 200:
        sys.exit(f"error: the bench user could not log in ({answer.status_code})")


async def run_load(
    base: str,
    pool: dict[str, list[str]],
    clients: int,
    seconds: float,
    max_requests: int,
    think: float,
    seed: int,
) -> tuple[list[tuple[str, float, int, str, float]], float]:
    kinds = [k for k in MIX if pool.get(k)]
    weights = [MIX[k][0] for k in kinds]
    results: list[tuple[str, float, int, str, float]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await log_in(http)
        started = time.monotonic()
        deadline = started + seconds
        budget = [max_requests]
        await asyncio.gather(
            *(
                client(
                    http,
                    random.Random(seed + n),
                    pool,
                    kinds,
                    weights,
                    deadline,
                    budget,
                    think,
                    results,
                )
                for n in range(clients)
            )
        )
        return results, time.monotonic() - started


def summarize(results: list[tuple[str, float, int, str, float]], elapsed: float) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for kind in MIX:
        ms = [t for k, t, *_ in results if k == kind]
        inside = [t for k, _, _, _, t in results if k == kind and t == t]  # not NaN
        if not ms:
            continue
        group = MIX[kind][1]
        p95 = percentile(ms, 0.95)
        table[kind] = {
            "requests": len(ms),
            "errors": sum(1 for k, _, s, *_ in results if k == kind and s != 200),
            "p50_ms": round(percentile(ms, 0.5), 1),
            "p95_ms": round(p95, 1),
            "max_ms": round(max(ms), 1),
            # Time inside the server process (Server-Timing; its wait for a worker thread
            # included): the rest is the connection, the event loops and the client.
            "server_p50_ms": round(percentile(inside, 0.5), 1) if inside else None,
            "server_p95_ms": round(percentile(inside, 0.95), 1) if inside else None,
            "goal_p95_ms": GOALS_MS[group],
            "met": p95 <= GOALS_MS[group],
        }
    errors = [detail for _, _, s, detail, _ in results if s != 200]
    return {
        "requests": len(results),
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(results) / elapsed, 1) if elapsed else 0,
        "errors": len(errors),
        "first_errors": [e[:200] for e in errors[:5]],
        "kinds": table,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench-web.db"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--think", type=float, default=0.5, help="mean think time (s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2, help="server processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.db.exists():
        build_db(args.db)
    pool = request_pool(args.db, args.seed)
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(args.db, port, args.processes)
    try:
        wait_ready(base, server)
        with KnowledgeBase(args.db) as kb:
            documents = kb.summary()["documents"]
        results, elapsed = asyncio.run(
            run_load(
                base, pool, args.clients, args.seconds, args.max_requests, args.think, args.seed
            )
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    summary = summarize(results, elapsed)
    summary["load_average"] = [round(x, 1) for x in os.getloadavg()]
    summary.update(
        clients=args.clients,
        think_s=args.think,
        documents=documents,
        cpus=os.cpu_count(),
        processes=args.processes,
    )
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(
            f"{args.clients} clients, think {args.think} s mean, {summary['seconds']} s,"
            f" {args.processes} server processes,"
            f" {documents} documents, {os.cpu_count()} CPUs:"
            f" {summary['requests']} requests ({summary['requests_per_s']}/s),"
            f" {summary['errors']} errors; load average after: {summary['load_average']}"
        )
        print(
            f"{'kind':<15}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'max ms':>9}{'goal':>7}  met"
        )
        for kind, row in summary["kinds"].items():
            print(
                f"{kind:<15}{row['requests']:>9}{row['errors']:>8}{row['p50_ms']:>9}"
                f"{row['p95_ms']:>9}{row['max_ms']:>9}{row['goal_p95_ms']:>7.0f}  "
                + ("yes" if row["met"] else "NO ")
                + f"  {row['server_p50_ms']:>8}/{row['server_p95_ms']}"
            )
        for error in summary["first_errors"]:
            print("  error:", error)
    met = summary["errors"] == 0 and all(row["met"] for row in summary["kinds"].values())
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
