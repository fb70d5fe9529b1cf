"""Where the benchmarks find the shared corpus: read at run time, never copied."""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "cctv-news" / "md"


def corpus_missing() -> bool:
    """True, after one error line, if the corpus is not beside the checkout."""
    if CORPUS.is_dir():
        return False
    print(f"error: {CORPUS}: corpus not found (../shared beside?)", file=sys.stderr)
    return True
