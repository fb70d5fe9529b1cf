"""The answer cache: computed once per key and database generation, bounded, and a write
to the database file makes every answer stale."""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

from zhengce.web.cache import Cache


def test_an_answer_is_computed_once(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(b"x")
    cache = Cache(db, size=2)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    threads = [threading.Thread(target=cache.get, args=("k", slow)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and cache.get("k", slow) == 42


def test_bounded_and_stale_after_a_write(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(b"x")
    cache = Cache(db, size=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda key=key: key)
    assert len(cache.entries) == 2
    assert cache.get("c", lambda: "new") == "c"
    db.write_bytes(b"xy")  # an ingest wrote the file
    assert cache.get("c", lambda: "new") == "new"


def test_a_failed_computation_leaves_nothing_behind(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    db.write_bytes(b"x")
    cache = Cache(db)

    def fail() -> int:
        raise ValueError("bad query")

    for _ in range(3):
        with contextlib.suppress(ValueError):
            cache.get("bad", fail)
    assert not cache.entries and not cache.pending
