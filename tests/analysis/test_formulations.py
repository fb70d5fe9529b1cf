from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zhengce.analysis.formulations import list_formulations
from zhengce.cli import app
from zhengce.store.schema import connect
from zhengce.store.sqlite import SQLiteStore

runner = CliRunner()


def test_listing_counts_first_seen_and_origin(db: Path) -> None:
    conn = connect(db, create=False)
    found = {row["term"]: row for row in list_formulations(SQLiteStore(conn))}
    conn.close()
    market = found["全国统一大市场"]
    assert (market["first_seen"], market["documents"], market["mentions"]) == ("2023-01-10", 2, 2)
    assert market["known"] is True and market["how"] == "lexicon"
    quoted = found["三水统筹"]  # a quoted term the lexicon does not know
    assert (quoted["known"], quoted["how"], quoted["documents"], quoted["mentions"]) == (
        False,
        "quoted",
        1,
        2,
    )
    assert (quoted["first_seen"], quoted["first_event"]) == ("2023-06-22", "2023-06-20")


def test_discovered_only_and_limit(db: Path) -> None:
    conn = connect(db, create=False)
    assert [r["term"] for r in list_formulations(SQLiteStore(conn), discovered_only=True)] == [
        "三水统筹"
    ]
    assert len(list_formulations(SQLiteStore(conn), limit=1)) == 1
    conn.close()


def test_cli_json_shape(db: Path) -> None:
    result = runner.invoke(app, ["formulations", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    keys = {"term", "known", "how", "first_seen", "first_event", "documents", "mentions"}
    assert set(rows[0]) == keys


def test_cli_table_marks_lexicon_and_discovered(db: Path) -> None:
    result = runner.invoke(app, ["formulations", "--db", str(db)])
    assert result.exit_code == 0
    text = result.stdout  # a narrow terminal may wrap "discovered (quoted)"
    assert "lexicon" in text and "discovered" in text and "(quoted)" in text


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["formulations", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "no such database" in result.output
