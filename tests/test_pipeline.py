from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD, SEEDS
from zhengce.model import Document, rebuild_raw
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


# Degenerate inputs, each tens of thousands of characters of one thing: a stage that rescans
# from every position, or recurses once per list item, fails these (the list of 12,000 names
# once ended in RecursionError).  Each must be read, losslessly, in bounded time.
ADVERSARIAL = {
    "long-list-of-names": "王明、" * 12_000 + "出席",
    "brackets": "[" * 30_000 + "](",
    "pinyin-like": "報(bào" * 8_000,
    "mojibake-like": "?xùn)|" * 8_000,
    "one-surname": "王" * 40_000,
    "posts": "国务院总理" * 8_000,
    "meetings": "同" * 20_000 + "会谈" + "会见" * 10_000,
    "breadcrumbs": "首页 > " * 10_000,
    "outline-markers": "一、" * 20_000,
    "emoji-joiners": "😀\u200d" * 20_000,
}


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_degenerate_input_is_read_in_bounded_time(text: str, markdown: bool) -> None:
    doc = Document.from_raw(text, metadata={"format": "markdown"} if markdown else {})
    started = time.process_time()
    analyze(normalize(doc))
    assert time.process_time() - started < 10.0  # a few tenths of a second when linear
    assert rebuild_raw(doc.text, doc.edits) == text
