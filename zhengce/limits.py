"""Bounds on the resources one input may take, with defaults, each overridable by environment.

Hostile or careless input (a FIFO, /dev/zero, a zip bomb, a query repeating one word a
thousand times) must fail alone, with one line, instead of hanging or exhausting the machine.
Every bound is read when it is used, so a test or a user can change it per run:

    ZHENGCE_MAX_BYTES=10000000 zhengce ingest corpus --db kb.db
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    env: str
    default: int
    what: str  # what is bounded, for messages and README

    def get(self) -> int:
        """The bound now: the environment variable if it is a positive integer, else the default."""
        value = os.environ.get(self.env, "").strip()
        if value.isdecimal() and value.isascii() and int(value) > 0:
            return int(value)
        return self.default


MAX_BYTES = Limit("ZHENGCE_MAX_BYTES", 50 * 2**20, "bytes read per file")
MAX_UNZIPPED_BYTES = Limit(
    "ZHENGCE_MAX_UNZIPPED_BYTES", 200 * 2**20, "decompressed bytes of a .docx (zip)"
)
MAX_ZIP_RATIO = Limit("ZHENGCE_MAX_ZIP_RATIO", 200, "decompressed / compressed size of a .docx")
MAX_CHARS = Limit("ZHENGCE_MAX_CHARS", 20_000_000, "characters per document")
MAX_HTML_DEPTH = Limit("ZHENGCE_MAX_HTML_DEPTH", 200, "nesting of HTML elements read as a tree")
FILE_SECONDS = Limit("ZHENGCE_FILE_SECONDS", 300, "seconds of pipeline per file in ingest")
MAX_QUERY_CHARS = Limit("ZHENGCE_MAX_QUERY_CHARS", 1000, "characters of a search query")
MAX_QUERY_TERMS = Limit("ZHENGCE_MAX_QUERY_TERMS", 64, "words and phrases of a search query")
MAX_QUERY_DEPTH = Limit("ZHENGCE_MAX_QUERY_DEPTH", 32, "nesting of parentheses in a query")
MAX_RESULTS = Limit("ZHENGCE_MAX_RESULTS", 100_000, "results of one search or listing")

ALL = (
    MAX_BYTES,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_RATIO,
    MAX_CHARS,
    MAX_HTML_DEPTH,
    FILE_SECONDS,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    MAX_QUERY_DEPTH,
    MAX_RESULTS,
)


def worker_count(requested: int | None) -> int:
    """Worker processes: as requested, but never more than the cores this process may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(requested or cores, cores))
