"""`zhengce serve`: a database that cannot be used is one line and exit 1, before listening."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from zhengce.cli import app


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output and "Traceback" not in result.output


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite at all " * 100, encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_serve_says_it_reads_sqlite_only() -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "postgresql://zhengce@localhost/zhengce"])
    assert result.exit_code == 1 and "SQLite" in result.output
