"""All SQL lives under zhengce/store/ (or in a package's own `store.py`, with its migrations).

A second database (PostgreSQL) then means a second `Store` implementation, not edits to
analysis, bilingual, the API or the CLI.  The test reads every module and looks for SQL
statements and for the sqlite3 module.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "zhengce"

SQL = re.compile(
    r"\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
    r"CREATE\s+(TABLE|INDEX|VIEW|VIRTUAL)|ALTER\s+TABLE|DROP\s+TABLE|PRAGMA\s+\w+)"
)
SQLITE = re.compile(r"^\s*(import sqlite3|from sqlite3 import)", re.MULTILINE)


def _allowed(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] == "store" or relative.name == "store.py"


def offenders() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if _allowed(path):
            continue
        text = path.read_text("utf-8")
        for pattern in (SQL, SQLITE):
            match = pattern.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {match.group().strip()}")
    return found


def test_sql_only_under_store() -> None:
    assert offenders() == []


def test_the_pattern_finds_sql() -> None:
    for statement in (
        "SELECT id FROM documents",
        "SELECT * FROM t",
        "INSERT OR REPLACE INTO meta (key) VALUES (?)",
        "DELETE FROM documents WHERE id = ?",
        "UPDATE documents SET outline = ?",
        "CREATE TABLE t (a)",
        "PRAGMA user_version",
    ):
        assert SQL.search(statement), statement
    assert not SQL.search("select the measures of a document")  # prose is not SQL
