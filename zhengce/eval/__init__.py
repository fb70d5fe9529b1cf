"""`zhengce eval`: accuracy against ../shared/gold (placeholder until built)."""

from __future__ import annotations

from pathlib import Path


def run_eval(gold: Path) -> int:
    return 0
