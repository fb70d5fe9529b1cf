"""A small bounded cache of answers that only change when the database file changes.

The web application never writes the knowledge base (only the tracker's tables, which are not
cached), so an answer computed once (a ranked result set with its facets, a term's timeline)
stays true until the database is written by an ingest.  The cache key therefore includes the
database file's generation: size and modification time of the file and of its write-ahead log.
Entries are dropped least recently used first beyond `size`.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def generation(path: Path) -> tuple[int, ...]:
    """Changes whenever the database or its write-ahead log is written."""
    parts: list[int] = []
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            info = os.stat(name)
        except FileNotFoundError:
            parts += [0, 0]
            continue
        parts += [info.st_mtime_ns, info.st_size]
    return tuple(parts)


class Cache:
    def __init__(self, path: Path, size: int = 512) -> None:
        self.path = path
        self.size = size
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.pending: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached answer for `key`, computed once (other threads asking wait for it)."""
        full = (generation(self.path), key)
        with self.lock:
            if full in self.entries:
                self.entries.move_to_end(full)
                self.hits += 1
                found: T = self.entries[full]
                return found
            self.misses += 1
            pending = self.pending.setdefault(full, threading.Lock())
        with pending:
            try:
                with self.lock:
                    if full in self.entries:  # computed by the thread we waited for
                        value: T = self.entries[full]
                        return value
                value = compute()
                with self.lock:
                    self.entries[full] = value
                    while len(self.entries) > self.size:
                        self.entries.popitem(last=False)
            finally:
                with self.lock:
                    self.pending.pop(full, None)
        return value
