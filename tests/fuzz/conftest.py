from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ZHENGCE = [str(Path(sys.executable).with_name("zhengce"))]


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line, as a user runs it (exit code, stderr), with a time bound."""
    return subprocess.run(
        [*ZHENGCE, *args],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=timeout,
        env={**os.environ, "COLUMNS": "400", **(env or {})},
        cwd=cwd,
    )


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("error", "failed"))]


def digest(db: Path) -> str:
    """Integrity checked, then a digest of what the database holds (documents and text)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT id, raw_text, metadata FROM documents ORDER BY id").fetchall()
        paragraphs = conn.execute("SELECT count(*) FROM paragraphs").fetchone()
    finally:
        conn.close()
    return hashlib.sha256(repr((rows, paragraphs)).encode("utf-8", "surrogatepass")).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
