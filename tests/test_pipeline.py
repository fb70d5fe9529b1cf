from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD, SEEDS
from zhengce.pipeline import analyze, analyze_all, normalize, read_documents

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _files() -> list[Path]:
    days = sorted(CORPUS_MD.glob("*.md"))[:: max(1, len(list(CORPUS_MD.glob("*.md"))) // 3)]
    return [*days, *sorted(SEEDS.glob("*.txt"))[:2], *sorted(SAMPLES.glob("*.txt"))[:3]]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_analyze_all_gives_what_analyze_gives_one_by_one(path: Path) -> None:
    """Stage by stage over a file's stories (analyze_all) or document by document: one result."""
    one_by_one = [analyze(normalize(doc)) for doc in read_documents(str(path))]
    together = analyze_all([normalize(doc) for doc in read_documents(str(path))])
    assert [d.to_json(sort_keys=True) for d in together] == [
        d.to_json(sort_keys=True) for d in one_by_one
    ]
