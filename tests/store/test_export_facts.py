"""export -t measures|targets|units|outline in every format, from an ingested policy text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengce.cli import app
from zhengce.pipeline import process_text

runner = CliRunner()
POLICY = (
    "国务院关于推动某地发展的若干意见\n国发〔2030〕12号\n各省、自治区、直辖市人民政府：\n"
    "一、总体要求\n（一）发展目标。到2035年，城镇新增就业达到100万人以上。\n"
    "二、重点任务\n（二）加强协调。国家发展改革委要会同有关部门加强统筹协调，推进某事。\n"
    "国务院\n二〇三〇年六月二十四日\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = tmp_path / "policy.txt"
    source.write_text(POLICY, encoding="utf-8")
    path = tmp_path / "kb.db"
    result = runner.invoke(app, ["ingest", str(source), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def _jsonl(db: Path, table: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["export", "--db", str(db), "-t", table, "-o", "-"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_facts_of_a_policy_document_are_exported() -> None:
    doc = process_text(POLICY)
    assert doc.measures and doc.targets and doc.responsible_units and doc.outline


def test_export_each_fact_table_as_jsonl(db: Path) -> None:
    doc = process_text(POLICY)
    measures = _jsonl(db, "measures")
    assert [m["text"] for m in measures] == [m.text for m in doc.measures]
    assert all(isinstance(m["actors"], list) for m in measures)
    assert any(m["actors"] == ["国家发展改革委"] for m in measures)
    assert {m["outline_path"] for m in measures} >= {"二、（二）"}
    targets = _jsonl(db, "targets")
    assert [(t["year"], t["comparator"], t["value"], t["unit"]) for t in targets] == [
        (t.year, t.comparator, t.value, t.unit) for t in doc.targets
    ]
    units = _jsonl(db, "units")
    assert {u["name"] for u in units} == {u.name for u in doc.responsible_units}
    assert any(u["duty"] and "加强统筹协调" in str(u["duty"]) for u in units)
    outline = _jsonl(db, "outline")
    assert [(o["level"], o["number"], o["path"]) for o in outline] == [
        (o.level, o.number, o.path) for o in doc.outline
    ]


def test_export_fact_tables_as_csv_and_parquet(db: Path, tmp_path: Path) -> None:
    for table in ("measures", "targets", "units", "outline"):
        out = tmp_path / f"{table}.csv"
        result = runner.invoke(
            app, ["export", "--db", str(db), "-f", "csv", "-t", table, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert list(csv.DictReader(out.open(encoding="utf-8")))
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return
    out = tmp_path / "pq"
    args = ["export", "--db", str(db), "-f", "parquet", "-o", str(out)]
    for table in ("measures", "targets", "units", "outline"):
        args += ["-t", table]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert pq.read_table(out / "targets.parquet").num_rows == len(_jsonl(db, "targets"))
    assert pq.read_table(out / "measures.parquet").num_rows == len(_jsonl(db, "measures"))
