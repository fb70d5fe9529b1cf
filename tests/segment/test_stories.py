from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD
from zhengce.ingest import read_source
from zhengce.model import Document
from zhengce.pipeline import analyze, normalize
from zhengce.segment.stories import PART_KIND, rebuild_file, split_file, split_stories

# An invented day file in the transcripts' layout (summary, two stories, a placeholder
# story the site could not fetch, footer).
DAY = "\n".join(
    [
        "# 《新闻联播》（20230105）",
        "",
        "## 新闻摘要",
        "",
        "本期节目主要内容：",
        "",
        "1.某地举行活动；",
        "",
        "[查看原文](https://example.org/summary.shtml)",
        "",
        "## 详细新闻",
        "",
        "### 某地举行活动",
        "",
        "<!--repaste.body.begin-->",
        "",
        "**央视网消息**（新闻联播）：4日，某地举行活动。",
        "",
        "<!--repaste.body.end-->",
        "",
        "[查看原文](https://example.org/a.shtml)",
        "",
        "### 国际快讯",
        "",
        "**某国举行选举**",
        "",
        "某国今天举行选举。",
        "",
        "[查看原文](https://example.org/b.shtml)",
        "",
        "### TITLE NOTFOUND",
        "",
        "CONTENT NOTFOUND",
        "",
        "[查看原文](https://example.org/c.shtml)",
        "",
        "---",
        "",
        "更新时间：2023-09-04T14:18:08.371Z",
    ]
)


def test_one_document_per_story() -> None:
    stories = split_stories(DAY, "day.md")
    assert stories is not None
    assert [s.metadata["title"] for s in stories] == ["某地举行活动", "国际快讯", None]
    assert [s.metadata["url"] for s in stories] == [
        "https://example.org/a.shtml",
        "https://example.org/b.shtml",
        "https://example.org/c.shtml",
    ]
    assert [s.source for s in stories] == ["day.md#1", "day.md#2", "day.md#3"]
    assert stories[2].metadata.get("placeholder") is True
    for story in stories:
        meta = story.metadata
        assert (meta["programme_date"], meta["published"], meta["kind"]) == (
            "2023-01-05",
            "2023-01-05",
            "news",
        )
        offset = meta["file_offset"]
        assert DAY[offset : offset + len(story.raw_text)] == story.raw_text
        assert story.raw_text.startswith("### ")
        assert story.raw_text.endswith(")")  # the story's link; the footer is not in it


def test_summary_and_footer_are_not_stories() -> None:
    stories = split_stories(DAY, "day.md") or []
    assert not any("本期节目主要内容" in s.raw_text for s in stories)
    assert not any("更新时间" in s.raw_text for s in stories)


@pytest.mark.parametrize(
    "text", ["习近平主持召开座谈会\n正文。", "# 标题\n\n### 小标题\n", "", "## 新闻摘要\n"]
)
def test_other_files_are_not_multi_story(text: str) -> None:
    assert split_stories(text, "x") is None


def test_story_reads_as_one_news_document() -> None:
    story = (split_stories(DAY, "day.md") or [])[0]
    analyze(normalize(story))
    assert story.metadata["title"] == "某地举行活动"
    assert story.metadata["event_date"] == {"year": 2023, "month": 1, "day": 4}
    assert [p.kind for p in story.paragraphs] == ["title", "body", "metadata"]


STORY_HEADING = re.compile(r"^### ", re.MULTILINE)


@pytest.mark.corpus
def test_every_day_file_splits_into_its_stories(shared: object) -> None:
    files = sorted(CORPUS_MD.glob("*.md"))
    assert files
    total = 0
    for path in files:
        text = path.read_text("utf-8")
        stories = split_stories(text, path.name)
        assert stories is not None, path.name
        assert len(stories) == len(STORY_HEADING.findall(text)), path.name
        total += len(stories)
    assert total > 20_000


@pytest.mark.corpus
def test_every_story_reads_without_error(shared: object) -> None:
    """Normalize and analyze all ~24,000 stories (about 30 s on one core)."""
    started = time.perf_counter()
    count = 0
    for path in sorted(CORPUS_MD.glob("*.md")):
        for story in split_stories(path.read_text("utf-8"), path.name) or []:
            analyze(normalize(story))
            assert all(story.text[p.start : p.end] == p.text for p in story.paragraphs)
            count += 1
    assert count > 20_000
    assert time.perf_counter() - started < 600


# Nothing lost per file: the parts between stories are documents too ------------------------


def test_split_file_keeps_every_character() -> None:
    pieces = split_file(DAY, "day.md") or []
    assert rebuild_file(pieces) == DAY
    assert rebuild_file(list(reversed(pieces))) == DAY  # order comes from file_offset
    parts = [p for p in pieces if p.metadata["kind"] == PART_KIND]
    assert [p.metadata["part"] for p in parts] == ["summary", "footer"]
    assert "本期节目主要内容" in parts[0].raw_text and "## 详细新闻" in parts[0].raw_text
    assert parts[1].raw_text.startswith("---") and "更新时间" in parts[1].raw_text
    stories = [p for p in pieces if p.metadata["kind"] != PART_KIND]
    assert [s.raw_text for s in stories] == [s.raw_text for s in split_stories(DAY, "day.md") or []]


@pytest.mark.parametrize(
    "text",
    [
        "# 《新闻联播》（20230105）\n\n## 新闻摘要\n\n无。\n",  # no story at all
        "# 《新闻联播》（20230105）\n### 一\n正文\n\n\n",  # no footer, blank end
        "# 《新闻联播》（20230105）\n### 一\n---\n",  # footer right after a story
    ],
)
def test_split_file_keeps_odd_day_files(text: str) -> None:
    assert rebuild_file(split_file(text, "x") or []) == text


def _stored_days(db: Path) -> dict[str, str]:
    """Each file's text rebuilt from the documents stored for it."""
    conn = sqlite3.connect(db)
    by_file: dict[str, list[Document]] = {}
    for file_hash, raw, metadata in conn.execute(
        "SELECT file_hash, raw_text, metadata FROM documents"
    ):
        doc = Document.from_raw(raw, metadata=json.loads(metadata))
        by_file.setdefault(file_hash, []).append(doc)
    paths = dict(conn.execute("SELECT file_hash, path FROM sources"))
    conn.close()
    return {paths[h]: rebuild_file(docs) for h, docs in by_file.items()}


@pytest.mark.corpus
def test_every_day_file_is_rebuilt_exactly_from_its_pieces(shared: object) -> None:
    """Read as ingest reads them: for every day file, stories + parts = the file."""
    from zhengce.pipeline import read_documents

    files = sorted(CORPUS_MD.glob("*.md"))
    assert len(files) > 1000
    for path in files:
        pieces = read_documents(str(path))
        assert rebuild_file(pieces) == read_source(str(path)).raw_text, path.name


@pytest.mark.corpus
def test_stored_day_files_are_rebuilt_exactly(shared: object, tmp_path: Path) -> None:
    """Through the store: a sample of days ingested, each rebuilt from its stored rows alone."""
    from zhengce.store.loader import ingest

    files = sorted(CORPUS_MD.glob("*.md"))[::170]
    db = tmp_path / "kb.db"
    stats = ingest([str(p) for p in files], db, jobs=2)
    assert stats.failed == 0, stats.failures
    rebuilt = _stored_days(db)
    assert len(rebuilt) == len(files)
    for path in files:
        assert rebuilt[str(path)] == read_source(str(path)).raw_text, path.name
