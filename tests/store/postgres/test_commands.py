"""`zhengce ingest|search|people|summary|timeline|export|formulations|compare --db
postgresql://…` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zhengce.cli import app

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
runner = CliRunner()


def test_ingest_then_read_through_the_commands(pg_url: str) -> None:
    done = runner.invoke(app, ["ingest", str(SAMPLES), "--db", pg_url, "-q", "-j", "1"])
    assert done.exit_code == 0, done.output
    assert "11 documents stored" in done.output
    again = runner.invoke(app, ["ingest", str(SAMPLES), "--db", pg_url, "-q", "-j", "1"])
    assert again.exit_code == 0 and "11 unchanged (skipped)" in again.output

    found = runner.invoke(app, ["search", "发展", "--db", pg_url, "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert hits and all("发展" in hit["snippet"] for hit in hits)

    bad = runner.invoke(app, ["search", '"未闭合', "--db", pg_url])
    assert bad.exit_code == 2 and "unbalanced quote" in bad.output

    people = runner.invoke(app, ["people", "刘远航", "--db", pg_url, "--json"])
    assert people.exit_code == 0, people.output
    assert json.loads(people.stdout)["name"] == "刘远航"

    summary = runner.invoke(app, ["summary", "--db", pg_url, "--json"])
    assert json.loads(summary.stdout)["documents"] == 11

    line = runner.invoke(app, ["timeline", "数字经济", "--db", pg_url, "--json"])
    assert line.exit_code == 0, line.output
    assert json.loads(line.stdout)["term"] == "数字经济"


def test_the_other_commands_read_postgresql_too(pg_url: str, tmp_path: Path) -> None:
    done = runner.invoke(app, ["ingest", str(SAMPLES), "--db", pg_url, "-q", "-j", "1"])
    assert done.exit_code == 0, done.output
    exported = runner.invoke(
        app, ["export", "--db", pg_url, "--format", "jsonl", "--out", str(tmp_path / "out")]
    )
    assert exported.exit_code == 0, exported.output
    lines = (tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 11 and all(json.loads(line)["id"] for line in lines)
    listing = runner.invoke(app, ["formulations", "--db", pg_url, "--json"])
    assert listing.exit_code == 0, listing.output
    ids = [json.loads(line)["id"] for line in lines[:2]]
    compared = runner.invoke(app, ["compare", ids[0], ids[1], "--db", pg_url])
    assert compared.exit_code == 0, compared.output


def test_a_database_with_no_tables_is_one_line(pg_url: str) -> None:
    done = runner.invoke(app, ["search", "发展", "--db", pg_url])
    assert done.exit_code == 1 and "no zhengce tables" in done.output


def test_the_dask_runner_from_the_command_line(pg_url: str, tmp_path: Path) -> None:
    done = runner.invoke(
        app, ["ingest", str(SAMPLES), "--db", pg_url, "--runner", "dask", "--workers", "1", "-q"]
    )
    assert done.exit_code == 0, done.output
    assert "11 documents stored" in done.output
    wrong = runner.invoke(app, ["ingest", str(SAMPLES), "--db", pg_url, "--runner", "spark"])
    assert wrong.exit_code == 2 and "choose local or dask" in wrong.output
