"""Split a multi-story file (a 新闻联播 day transcript) into one Document per story.

A day file reads:

    # 《新闻联播》（20220101）
    ## 新闻摘要            <- the programme's summary: not a story
    …
    ## 详细新闻
    ### <story title>
    <!--repaste.body.begin-->   (only in some years)
    **央视网消息**（新闻联播）：…
    <!--repaste.body.end-->
    [查看原文](<story address>)
    ### <next story title>
    …
    ---
    更新时间：…              <- footer after the last story

Each story's raw text is its exact slice of the file, from its `### ` line to the end of
its last non-blank line before the next story (or the footer), so nothing is lost and
`metadata["file_offset"]` points back into the file.
"""

from __future__ import annotations

import re

from zhengce.model import Document
from zhengce.segment.patterns import source_link_line

DAY_HEADING = re.compile(r"\A\ufeff?#\s*《新闻联播》\s*[（(](?P<date>\d{8})[）)]")
STORY_HEADING = re.compile(r"^### ?(?P<title>[^\n]*)", re.MULTILINE)
FOOTER_RULE = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)  # "---" or "----" before 更新时间
# Stories the transcript site could not fetch are kept (they are stories of the day) but
# carry these placeholders instead of a title and text.
PLACEHOLDER_TITLE = re.compile(r"^TITLE[ _]?NOT[ _]?FOUND$")
PLACEHOLDER_TEXT = re.compile(r"^CONTENT[ _]?NOT[ _]?FOUND$", re.MULTILINE)


def split_stories(raw_text: str, source: str) -> list[Document] | None:
    """One Document per `### ` story, or None when `raw_text` is not a day transcript."""
    heading = DAY_HEADING.match(raw_text)
    if heading is None:
        return None
    day = heading.group("date")
    programme_date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    starts = [m.start() for m in STORY_HEADING.finditer(raw_text)]
    ends = [*starts[1:], _end_of_last_story(raw_text, starts[-1])] if starts else []
    return [
        _story(raw_text, start, end, f"{source}#{number}", programme_date)
        for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
    ]


def _end_of_last_story(raw_text: str, start: int) -> int:
    rules = list(FOOTER_RULE.finditer(raw_text, start))
    return rules[-1].start() if rules else len(raw_text)


def _story(raw_text: str, start: int, end: int, source: str, programme_date: str) -> Document:
    piece = raw_text[start:end].rstrip()
    heading = STORY_HEADING.match(piece)
    title = heading.group("title").strip() if heading else ""
    links = list(source_link_line().finditer(piece))
    metadata = {
        "kind": "news",
        "programme": "新闻联播",
        "programme_date": programme_date,
        "published": programme_date,
        "title": title if title and not PLACEHOLDER_TITLE.match(title) else None,
        "url": links[-1].group("url") if links else None,
        "file_offset": start,
    }
    if PLACEHOLDER_TEXT.search(piece):
        metadata["placeholder"] = True
    return Document.from_raw(piece, source=source, metadata=metadata)
