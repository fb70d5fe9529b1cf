"""The outline of a document: numbered headings and items (analysis stage "outline").

Levels, as `OutlineItem.level` documents them:

    1  一、… / 第一章 …      2  （一）… / 第一条 …      3  1. …      4  （1）…

A marker counts only at the start of a body paragraph and only when its number continues
the numbering of its kind (the next number, or 1 for a new list), so a stray "3." does not
open an item.  Documents number （一） either afresh in each section or straight through
(the 2016 东北 opinions run （一）…（二十六） across six sections); both are accepted and
`number` keeps the marker as printed.

In policy documents and laws every such paragraph is an item, titled by its text up to
the first 。 (“（一）面临形势。党中央…” -> 面临形势).  Meeting reports and news number
things in prose (一是…, 1.…), so there only a short line that is nothing but a heading
counts.  An item's span runs from its marker to the next item of the same or a higher
level (or the end of the body).
"""

from __future__ import annotations

import re

from zhengce.model import Document, OutlineItem

STRUCTURED_KINDS = ("policy_document", "law")
MAX_HEADING_LINE = 30  # a stand-alone heading line in a report is short
_CN = "一二三四五六七八九十百零〇两"
MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 1, re.compile(rf"^第(?P<num>[{_CN}\d]+)章")),
    ("section", 1, re.compile(rf"^(?P<num>[{_CN}]+)、")),
    ("item", 2, re.compile(rf"^[（(](?P<num>[{_CN}]+)[）)]")),
    ("article", 2, re.compile(rf"^第(?P<num>[{_CN}\d]+)条")),
    ("point", 3, re.compile(r"^(?P<num>\d{1,2})[.．、](?!\d)")),
    ("subpoint", 4, re.compile(r"^[（(](?P<num>\d{1,2})[）)]")),
)
# What every marker above starts with: one test rules out most paragraphs at once.
_MARKER_START = re.compile(rf"[第{_CN}（(\d]")
_TITLE_END = re.compile(r"[。；;]")
_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def extract_outline(doc: Document) -> None:
    structured = doc.metadata.get("kind") in STRUCTURED_KINDS
    body = [p for p in doc.paragraphs if p.kind == "body"]
    found: list[OutlineItem] = []
    last_number: dict[str, int] = {}
    for para in body:
        heading = match_heading(para.text)
        if heading is None:
            continue
        kind, level, marker, number = heading
        if number not in (1, last_number.get(kind, 0) + 1):
            continue
        title = item_title(para.text[len(marker) :])
        if not structured and (len(para.text) > MAX_HEADING_LINE or _TITLE_END.search(para.text)):
            continue
        last_number[kind] = number
        found.append(OutlineItem(level, marker, title, para.start, para.end))
    body_end = body[-1].end if body else 0
    doc.outline = [_extend(item, found, body_end) for item in found]


def match_heading(text: str) -> tuple[str, int, str, int] | None:
    """(kind, level, marker as printed, its number) for a paragraph opening with a marker."""
    if not _MARKER_START.match(text):
        return None
    for kind, level, pattern in MARKERS:
        found = pattern.match(text)
        if found:
            number = numeral_value(found.group("num"))
            if number is not None:
                return kind, level, found.group(0), number
    return None


def item_title(rest: str) -> str:
    """An item's title: its text up to the first 。 (or ；), without leading spacing."""
    rest = rest.lstrip(" \u3000\t:：")
    end = _TITLE_END.search(rest)
    return rest[: end.start()] if end else rest.rstrip()


def _extend(item: OutlineItem, items: list[OutlineItem], body_end: int) -> OutlineItem:
    """Stretch an item from its marker to the next item of the same or a higher level."""
    later = (o.start for o in items if o.start > item.start and o.level <= item.level)
    item.end = next(later, body_end)
    return item


def numeral_value(text: str) -> int | None:
    """Value of a number as outlines print it: 7, 二十六, 一百零三, 十二; None if not a number."""
    text = text.strip("第章条、.．()（） ")
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current
