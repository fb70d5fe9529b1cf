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
its last non-blank line before the next story (or the footer), and
`metadata["file_offset"]` points back into the file.

`split_file` also keeps what lies between stories, so that nothing of the file is lost: the
part before the first story (the day heading, the 新闻摘要 summary, `## 详细新闻`) and the
footer after the last are documents of their own (kind `programme_part`), and the blank
lines after each piece are its `metadata["file_tail"]`.  The pieces in file order, each
followed by its tail, are the file again (`rebuild_file`).
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
PART_KIND = "programme_part"  # what lies between stories: the summary, the footer


def split_stories(raw_text: str, source: str) -> list[Document] | None:
    """One Document per `### ` story, or None when `raw_text` is not a day transcript."""
    heading = DAY_HEADING.match(raw_text)
    if heading is None:
        return None
    programme_date = _programme_date(raw_text)
    starts = [m.start() for m in STORY_HEADING.finditer(raw_text)]
    ends = [*starts[1:], _end_of_last_story(raw_text, starts[-1])] if starts else []
    return [
        _story(raw_text, start, end, f"{source}#{number}", programme_date)
        for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
    ]


def split_file(raw_text: str, source: str) -> list[Document] | None:
    """Every character of a day transcript in documents: its stories and the parts between
    them (summary before, footer after), in file order; None when it is not one."""
    stories = split_stories(raw_text, source)
    if stories is None:
        return None
    day = stories[0].metadata["programme_date"] if stories else _programme_date(raw_text)
    starts = [story.metadata["file_offset"] for story in stories]
    first = starts[0] if starts else len(raw_text)
    last = _end_of_last_story(raw_text, starts[-1]) if starts else len(raw_text)
    pieces: list[Document] = []
    for doc, end in _tiles(raw_text, stories, first, last, source, day):
        piece_end = doc.metadata["file_offset"] + len(doc.raw_text)
        if doc.raw_text:
            doc.metadata["file_tail"] = raw_text[piece_end:end]
            pieces.append(doc)
        elif pieces:  # only blank lines: they follow the piece before
            pieces[-1].metadata["file_tail"] += raw_text[piece_end:end]
    return pieces


def _tiles(
    raw_text: str, stories: list[Document], first: int, last: int, source: str, day: str
) -> list[tuple[Document, int]]:
    """(document, end of its tile in the file) for the summary, each story, the footer."""
    tiles = [(_part(raw_text, 0, first, f"{source}#summary", "summary", day), first)]
    ends = [story.metadata["file_offset"] for story in stories[1:]] + [last]
    tiles.extend(zip(stories, ends[: len(stories)], strict=True))
    if last < len(raw_text):
        tiles.append(
            (_part(raw_text, last, len(raw_text), f"{source}#footer", "footer", day), len(raw_text))
        )
    return tiles


def _part(raw_text: str, start: int, end: int, source: str, part: str, day: str) -> Document:
    metadata = {
        "kind": PART_KIND,
        "part": part,  # summary | footer
        "programme": "新闻联播",
        "programme_date": day,
        "published": day,
        "title": None,
        "file_offset": start,
    }
    return Document.from_raw(raw_text[start:end].rstrip(), source=source, metadata=metadata)


def rebuild_file(pieces: list[Document]) -> str:
    """The file `split_file` read, from its pieces (in any order)."""
    ordered = sorted(pieces, key=lambda doc: int(doc.metadata["file_offset"]))
    return "".join(doc.raw_text + str(doc.metadata.get("file_tail", "")) for doc in ordered)


def _programme_date(raw_text: str) -> str:
    heading = DAY_HEADING.match(raw_text)
    day = heading.group("date") if heading else "00000000"
    return f"{day[:4]}-{day[4:6]}-{day[6:]}"


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
