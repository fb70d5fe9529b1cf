"""Raw text is rebuilt from normalized text + edits for every real input we have.

The property tests in test_model.py cover arbitrary Unicode; these cover every seed and
every corpus file (Markdown day files and HTML story pages), read through ingest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_HTML, CORPUS_MD, SEEDS
from zhengce.ingest import read_source
from zhengce.model import rebuild_raw
from zhengce.pipeline import normalize


def assert_lossless(path: Path) -> None:
    doc = normalize(read_source(str(path)))
    assert rebuild_raw(doc.text, doc.edits) == doc.raw_text, path.name


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_seed_is_lossless(shared: Path, path: Path) -> None:
    doc = normalize(read_source(str(path)))
    assert doc.edits, "a noisy seed should need edits"
    assert rebuild_raw(doc.text, doc.edits) == doc.raw_text


@pytest.mark.corpus
def test_every_corpus_file_is_lossless(shared: Path) -> None:
    paths = sorted(CORPUS_MD.glob("*.md")) + sorted(CORPUS_HTML.glob("*"))
    assert len(paths) > 1000
    for path in paths:
        assert_lossless(path)
