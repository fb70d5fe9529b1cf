"""On real 新闻联播 days: a timeline's first day is the first corpus day containing the term.

The first day is found here by a plain text scan of the corpus files (never written down), then
a database is built from a subset of days: the month of that day and the month before in full,
plus a sample of earlier days.  `timeline(...).first_seen` (the earliest programme day of a
document with the term) must name that day.  `first_event` goes by event dates, so it may be
earlier, never later: the 2023-09-09 programme reports a meeting of 2023-09-07 that used
新质生产力, and the first programme carrying it is 2023-09-08 — the event came first.

The policy corpus is read as well: every policy file whose text holds the term (a plain text
scan again) is ingested, dated by the day its text prints for its delivery or adoption
(——2024年3月5日在…会议上 / 2022年6月24日 …会议通过, read here by a regular expression of the test's
own); the first day over both corpora is the earlier of the two.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD, SHARED
from zhengce.analysis.timeline import timeline
from zhengce.store.loader import ingest
from zhengce.store.schema import connect
from zhengce.store.sqlite import SQLiteStore

TERMS = ("新质生产力", "全国统一大市场")
EARLIER_SAMPLE_STEP = 60  # every 60th day before the two months, so earlier days are there too
DAY_FILE = re.compile(r"(\d{4})(\d{2})(\d{2})\.md")

pytestmark = pytest.mark.corpus


def day_files() -> list[Path]:
    if not CORPUS_MD.is_dir():
        pytest.skip(f"corpus not found at {CORPUS_MD}")
    return sorted(p for p in CORPUS_MD.glob("*.md") if DAY_FILE.fullmatch(p.name))


def day_of(path: Path) -> date:
    match = DAY_FILE.fullmatch(path.name)
    assert match is not None
    return date(*(int(g) for g in match.groups()))


def first_day_with(term: str, files: list[Path]) -> Path:
    for path in files:
        if term in path.read_text(encoding="utf-8"):
            return path
    pytest.fail(f"{term} is in no corpus day")


POLICY = SHARED / "corpus" / "policy"
PRINTED_DAY = re.compile(
    r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:在.{2,40}?会议上| *\S{4,60}?会议通过)"
)


def policy_files_with(term: str) -> dict[Path, date | None]:
    """Policy files holding the term, each with the day printed in its first lines (or None)."""
    found: dict[Path, date | None] = {}
    for path in sorted(POLICY.glob("*/*")):
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8")
        if term in text:
            day = PRINTED_DAY.search(text[:400])
            found[path] = date(int(day["y"]), int(day["m"]), int(day["d"])) if day else None
    return found


def subset(first: Path, files: list[Path]) -> list[Path]:
    start = (day_of(first).replace(day=1) - timedelta(days=1)).replace(day=1)
    stop = (day_of(first).replace(day=28) + timedelta(days=4)).replace(day=1)
    chosen = [p for p in files if start <= day_of(p) < stop]
    before = [p for p in files if day_of(p) < start]
    return before[::EARLIER_SAMPLE_STEP] + chosen


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    files = day_files()
    firsts = {term: first_day_with(term, files) for term in TERMS}
    chosen = sorted({p for first in firsts.values() for p in subset(first, files)})
    policy = sorted({p for term in TERMS for p in policy_files_with(term)})
    db = tmp_path_factory.mktemp("corpus") / "kb.db"
    stats = ingest([str(p) for p in chosen + policy], db, jobs=2)
    assert stats.failed == 0, stats.failures
    return db, firsts


@pytest.mark.parametrize("term", TERMS)
def test_first_seen_is_first_corpus_day(corpus_db: tuple[Path, dict[str, Path]], term: str) -> None:
    db, firsts = corpus_db
    conn = connect(db, create=False)
    line = timeline(SQLiteStore(conn), term)
    conn.close()
    dated = [day for day in policy_files_with(term).values() if day is not None]
    expected = min([day_of(firsts[term]), *dated]).isoformat()
    print(
        f"{term}: first day over news and policy {expected}, timeline first_seen {line.first_seen},"
        f" first_event {line.first_event}"
    )
    assert line.first_seen == expected
    assert line.first_event is not None and line.first_event <= expected
    assert (day_of(firsts[term]) - date.fromisoformat(line.first_event)).days <= 7
    assert next(iter(line.monthly)) == line.first_seen[:7]
    assert all(n >= 0 for n in line.monthly.values())
