from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.store.sample_docs import SAMPLES, build_database
from zhengce.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    build_database(tmp_path / "kb.db").close()
    return tmp_path / "kb.db"


def write_texts(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("推动东北全面振兴，加快形成新质生产力。\n", encoding="utf-8")
    (folder / "b.txt").write_text("坚持共抓大保护，推动长江经济带高质量发展。\n", encoding="utf-8")


def test_ingest_folder_then_rerun_skips(tmp_path: Path) -> None:
    write_texts(tmp_path / "texts")
    db = str(tmp_path / "kb.db")
    first = runner.invoke(app, ["ingest", str(tmp_path / "texts"), "--db", db, "-j", "1"])
    assert first.exit_code == 0, first.output
    assert "2 documents stored" in first.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "texts"), "--db", db, "-j", "1"])
    assert again.exit_code == 0 and "2 unchanged (skipped)" in again.output
    found = runner.invoke(app, ["search", "新質生產力", "--db", db, "--json"])
    assert len(json.loads(found.stdout)) == 1


def test_ingest_lists_failed_files_and_exits_1(tmp_path: Path) -> None:
    write_texts(tmp_path / "texts")
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(
        app, ["ingest", missing, str(tmp_path / "texts"), "--db", str(tmp_path / "kb.db")]
    )
    assert result.exit_code == 1
    assert "failed" in result.output and "missing.txt" in result.output
    assert "2 documents stored" in result.output


def test_people_json(db: Path) -> None:
    result = runner.invoke(app, ["people", "王明", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    person = json.loads(result.stdout)
    assert [p["position"] for p in person["positions"]] == ["国务院副总理", "国务院总理"]
    assert len(person["events"]) == 2


def test_people_unknown_suggests_partial_matches(db: Path) -> None:
    result = runner.invoke(app, ["people", "王", "--db", str(db)])
    assert result.exit_code == 1 and "王明" in result.output
    assert runner.invoke(app, ["people", "无名", "--db", str(db)]).exit_code == 1


def test_export_jsonl_and_csv(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in (out / "documents.jsonl").open(encoding="utf-8")]
    assert {d["title"] for d in documents} == {s["title"] for s in SAMPLES}
    result = runner.invoke(
        app,
        ["export", "--db", str(db), "-f", "csv", "-t", "participants", "-o", str(out / "p.csv")],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "p.csv").open(encoding="utf-8")))
    assert json.loads(rows[0]["positions"]) and {r["name"] for r in rows} == {
        "王明",
        "李华",
        "赵刚",
    }


def test_export_to_stdout(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "-t", "paragraphs", "-o", "-"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == sum(len(s["paragraphs"]) for s in SAMPLES)


def test_export_parquet(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["export", "--db", str(db), "-f", "parquet", "-o", str(tmp_path / "pq")]
    try:
        import pyarrow.parquet as pq
    except ImportError:
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and "pip install pyarrow" in result.output
        return
    assert runner.invoke(app, args).exit_code == 0
    rows = pq.read_table(tmp_path / "pq" / "participants.parquet").num_rows
    assert rows == sum(len(s["participants"]) for s in SAMPLES)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "pip install pyarrow" in result.output


def test_summary(db: Path) -> None:
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output and "meeting_report" in result.output
    assert "王明" in result.output and "2022-04-10 to 2024-03-15" in result.output
    data = json.loads(runner.invoke(app, ["summary", "--db", str(db), "--json"]).stdout)
    assert data["documents"] == 3 and data["people"] == 3
