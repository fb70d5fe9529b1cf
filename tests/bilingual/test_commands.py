from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import seed_path
from zhengce.cli import app
from zhengce.lexicon import parse_table


def _seed() -> str:
    return str(seed_path("001"))


def test_align_json(shared: Path) -> None:
    result = CliRunner().invoke(app, ["align", _seed(), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and set(rows[0]) == {"zh", "en", "confidence"}


def test_align_table(shared: Path) -> None:
    result = CliRunner().invoke(app, ["align", _seed()])
    assert result.exit_code == 0, result.output
    assert "English" in result.stdout


def test_align_exports_tmx_and_csv(shared: Path, tmp_path: Path) -> None:
    tmx, table = tmp_path / "out.tmx", tmp_path / "out.csv"
    assert (
        CliRunner().invoke(app, ["align", _seed(), "-f", "tmx", "--out", str(tmx)]).exit_code == 0
    )
    assert ET.parse(tmx).getroot().get("version") == "1.4"
    assert (
        CliRunner().invoke(app, ["align", _seed(), "-f", "csv", "--out", str(table)]).exit_code == 0
    )
    assert table.read_text("utf-8").startswith("zh,en,confidence")


def test_align_bad_format(shared: Path) -> None:
    result = CliRunner().invoke(app, ["align", _seed(), "-f", "docx"])
    assert result.exit_code == 2


def _review(tmp_path: Path, *args: str) -> str:
    glossary, rejects = tmp_path / "glossary.tsv", tmp_path / "rejects.tsv"
    options = ["--glossary", str(glossary), "--rejects", str(rejects)]
    result = CliRunner().invoke(app, ["glossary", "review", _seed(), *options, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_review_accept_and_reject_are_remembered(shared: Path, tmp_path: Path) -> None:
    listed = _review(tmp_path, "--list")
    assert "西电东送" in listed and "自贸试验区" in listed
    _review(tmp_path, "--accept", "西电东送", "--reject", "自贸试验区")
    rows = parse_table((tmp_path / "glossary.tsv").read_text("utf-8"), "glossary.tsv")
    assert rows[0]["term_zh"] == "西电东送"
    assert rows[0]["term_en"] == "west-to-east power transmission"
    assert rows[0]["note"].startswith("reviewed: discovered in 001_")
    assert parse_table((tmp_path / "rejects.tsv").read_text("utf-8"), "rejects")[0]["term_zh"] == (
        "自贸试验区"
    )
    again = _review(tmp_path, "--list")
    assert "西电东送" not in again and "自贸试验区" not in again


def test_review_unknown_term_fails(shared: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "glossary",
            "review",
            _seed(),
            "--glossary",
            str(tmp_path / "g.tsv"),
            "--accept",
            "无此词",
        ],
    )
    assert result.exit_code == 2


def test_glossary_list_json(shared: Path) -> None:
    result = CliRunner().invoke(app, ["glossary", "list", _seed(), "--json"])
    assert result.exit_code == 0, result.output
    assert any(
        p["term_zh"] == "一带一路" and p["how"] == "table" for p in json.loads(result.stdout)
    )


def test_interactive_review_asks_each_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from zhengce.bilingual import commands
    from zhengce.model import TermPair

    waiting = [
        TermPair("甲词", "first term", "lexicon", 1.0, "a.txt", 1, 2),
        TermPair("乙词", "second term", "lexicon", 1.0, "a.txt", 1, 2),
        TermPair("丙词", "third term", "lexicon", 1.0, "a.txt", 1, 2),
    ]
    answers = iter(["a", "r", "q"])
    monkeypatch.setattr("typer.prompt", lambda *args, **kwargs: next(answers))
    glossary, rejects = tmp_path / "g.tsv", tmp_path / "r.tsv"
    commands._interactive(waiting, glossary, rejects, Console(file=io.StringIO()))
    assert [r["term_zh"] for r in parse_table(glossary.read_text("utf-8"), "g")] == ["甲词"]
    assert [r["term_zh"] for r in parse_table(rejects.read_text("utf-8"), "r")] == ["乙词"]
