"""One catalogue of output formats; each output offers some and refuses others in one line."""

from __future__ import annotations

import pytest

from zhengce.analysis.render import COMPARISON
from zhengce.bilingual.export import ALIGNED
from zhengce.formats import CATALOGUE, REGISTERED, FormatError, Outputs, lookup
from zhengce.store.export import TABLE_OUTPUTS


def test_the_catalogue_holds_the_formats_the_issue_names() -> None:
    assert set(CATALOGUE) == {"jsonl", "csv", "parquet", "xlsx", "markdown", "html", "tmx"}


def test_each_output_offers_its_formats() -> None:
    assert TABLE_OUTPUTS.names() == ("jsonl", "csv", "parquet")
    assert COMPARISON.names() == ("markdown", "html")
    assert ALIGNED.names() == ("tmx", "csv")
    assert {"a table", "a comparison", "aligned pairs"} <= set(REGISTERED)


def test_aliases_and_case() -> None:
    assert lookup("MD") == CATALOGUE["markdown"]
    assert COMPARISON.get("md")[0].name == "markdown"


def test_a_format_not_offered_is_refused_naming_the_offered_ones() -> None:
    with pytest.raises(FormatError, match=r"unknown format 'xlsx'.*tmx, csv"):
        ALIGNED.get("xlsx")


def test_a_writer_for_an_unknown_format_cannot_be_registered() -> None:
    with pytest.raises(ValueError, match="CATALOGUE"):
        Outputs("a thing", {"docx": print})
