from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.bilingual.samples import bilingual_document
from tests.conftest import seed_path
from zhengce.bilingual.stage import align_translation
from zhengce.bilingual.store import bilingual_rows, english_query
from zhengce.cli import app
from zhengce.model import Document


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Belt and Road", '("Belt and Road" OR 一带一路)'),
        ('"Belt and Road Initiative" 2023', '("Belt and Road Initiative" OR 一带一路) 2023'),
        ("harbin OR 重庆", '("harbin" OR 哈尔滨) OR 重庆'),
        ("Harbinger", "Harbinger"),  # whole words only
        ("新质生产力", "新质生产力"),
    ],
)
def test_english_query(query: str, expected: str) -> None:
    assert english_query(query) == expected


def test_rows_only_for_bilingual_documents() -> None:
    doc = bilingual_document()
    assert bilingual_rows(doc)["aligned_pairs"] == []  # the store only writes what stages found
    align_translation(doc)
    rows = bilingual_rows(doc)
    assert rows["aligned_pairs"] and rows["glossary_candidates"]
    chinese = Document.from_raw("只有中文。")
    align_translation(chinese)
    assert bilingual_rows(chinese) == {
        "aligned_pairs": [],
        "glossary_candidates": [],
    }


def test_ingest_stores_pairs_and_search_shows_the_aligned_side(
    shared: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kb.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(seed_path("001")), "--db", str(db), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM aligned_pairs").fetchone()[0] > 10
        terms = dict(conn.execute("SELECT term_zh, term_en FROM glossary_candidates"))
    assert terms["西电东送"] == "west-to-east power transmission"
    result = runner.invoke(app, ["search", "Belt and Road", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits and all("一带一路" in hit["snippet"] + hit.get("aligned", "") for hit in hits)
    assert any("aligned" in hit for hit in hits)
