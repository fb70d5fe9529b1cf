"""The user data directory is laid over the package's tables, and glossary review writes there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from zhengce import version
from zhengce.bilingual.review import accept, user_glossary
from zhengce.lexicon import LexiconError, load_table
from zhengce.model import TermPair


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ZHENGCE_DATA_DIR", str(tmp_path))
    load_table.cache_clear()
    version.pipeline_fingerprint.cache_clear()
    yield tmp_path
    monkeypatch.undo()
    load_table.cache_clear()
    version.pipeline_fingerprint.cache_clear()


def test_user_rows_come_after_the_package_rows(data_dir: Path) -> None:
    package = load_table("glossary")
    load_table.cache_clear()
    header = "\t".join(package[0]) + "\n"
    row = {key: "" for key in package[0]} | {
        "term_zh": "测试术语",
        "term_en": "test term",
        "note": "a user's row",
    }
    (data_dir / "glossary.tsv").write_text(header + "\t".join(row.values()) + "\n", "utf-8")
    rows = load_table("glossary")
    assert rows[: len(package)] == package
    assert rows[-1]["term_zh"] == "测试术语"


def test_user_rows_change_the_pipeline_fingerprint(data_dir: Path) -> None:
    before = version.pipeline_fingerprint()
    version.pipeline_fingerprint.cache_clear()
    (data_dir / "positions.tsv").write_text("position\tnote\n某职务\tmine\n", "utf-8")
    assert version.pipeline_fingerprint() != before


def test_user_table_with_other_columns_is_one_clear_error(data_dir: Path) -> None:
    (data_dir / "glossary.tsv").write_text("term\tnote\n术语\tmine\n", "utf-8")
    with pytest.raises(LexiconError, match=r"glossary\.tsv:1: columns"):
        load_table("glossary")


def test_glossary_review_writes_into_the_data_directory(data_dir: Path) -> None:
    target = user_glossary()
    assert target == data_dir / "glossary.tsv"
    accept(TermPair("冰雪经济", "ice and snow economy", "quote", 0.6, "doc.txt", 1, 2), target)
    assert "冰雪经济" in {row["term_zh"] for row in load_table("glossary")}
