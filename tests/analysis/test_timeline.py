from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengce.analysis import AnalysisError
from zhengce.analysis.timeline import canonical_term, iso_day, timeline, zero_filled
from zhengce.cli import app
from zhengce.store.schema import connect
from zhengce.store.sqlite import SQLiteStore

runner = CliRunner()


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ({}, {}),
        ({"2023-04": 2}, {"2023-04": 2}),
        ({"2023-11": 1, "2024-02": 3}, {"2023-11": 1, "2023-12": 0, "2024-01": 0, "2024-02": 3}),
    ],
)
def test_zero_filled(months: dict[str, int], expected: dict[str, int]) -> None:
    assert zero_filled(months) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("新質生產力", "新质生产力"),
        ("“全国统一大市场”", "全国统一大市场"),
        ("乡村振兴", "乡村振兴"),  # its own term: 乡村振兴战略 is the longer one
        ("东北全面振兴", "东北全面振兴"),  # not folded into the 2003 strategy's name
        ("东北振兴", "振兴东北地区等老工业基地"),  # a true variant of that name
    ],
)
def test_canonical_term(term: str, expected: str) -> None:
    assert canonical_term(term) == expected


def test_lexicon_term_months_with_zeros(db: Path) -> None:
    conn = connect(db, create=False)
    line = timeline(SQLiteStore(conn), "新质生产力")
    conn.close()
    assert (line.first_seen, line.first_event) == ("2023-04-02", "2023-04-02")
    assert line.monthly == {"2023-04": 1, "2023-05": 0, "2023-06": 1}


def test_first_seen_is_the_report_day_after_the_event(db: Path) -> None:
    conn = connect(db, create=False)
    line = timeline(SQLiteStore(conn), "三水统筹")
    conn.close()
    assert (line.first_seen, line.first_event) == ("2023-06-22", "2023-06-20")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2023-09-08", "2023-09-08"),
        ("2023年9月8日", "2023-09-08"),
        ("2023-09", "2023-09"),
        ("20230908", "2023-09-08"),
        ("近日", None),
        (None, None),
    ],
)
def test_iso_day(text: str | None, day: str | None) -> None:
    assert iso_day(text) == day


def test_term_not_in_lexicon_found_by_text(db: Path) -> None:
    conn = connect(db, create=False)
    line = timeline(SQLiteStore(conn), "黑土地")
    assert (line.first_seen, line.monthly) == ("2023-01-10", {"2023-01": 1})
    absent = timeline(SQLiteStore(conn), "月球基地")
    assert (absent.first_seen, absent.monthly, absent.documents) == (None, {}, 0)
    conn.close()


def test_text_fallback_needs_the_exact_string(db: Path) -> None:
    # 传统 and 产业 both occur, but 产业传统 nowhere: the string must match exactly.
    conn = connect(db, create=False)
    assert timeline(SQLiteStore(conn), "产业传统").documents == 0
    conn.close()


@pytest.mark.parametrize("term", ["", "  ", "“”", "，。"])
def test_empty_terms_are_refused(db: Path, term: str) -> None:
    conn = connect(db, create=False)
    with pytest.raises(AnalysisError):
        timeline(SQLiteStore(conn), term)
    conn.close()


def test_cli_json_shape_traditional_query(db: Path) -> None:
    result = runner.invoke(app, ["timeline", "全國統一大市場", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"term", "first_seen", "first_event", "monthly"}
    assert data["term"] == "全国统一大市场" and data["first_seen"] == "2023-01-10"
    assert data["monthly"] == {"2023-01": 1, "2023-02": 0, "2023-03": 0, "2023-04": 1}


def test_cli_table_and_chart(db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "chart.png"
    result = runner.invoke(app, ["timeline", "新质生产力", "--db", str(db), "--png", str(chart)])
    assert result.exit_code == 0, result.output
    assert "2023-05" in result.stdout and "first seen 2023-04-02" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_cli_default_chart_name(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["timeline", "三水统筹", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "timeline-三水统筹.png").exists()


def test_cli_bad_term_exits_2_in_one_line(db: Path) -> None:
    result = runner.invoke(app, ["timeline", "“”", "--db", str(db)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.output.count("\n") == 1 and "error:" in result.output
