"""The outline of a document: numbered headings and items (analysis stage "outline").

Two families of markers, each item with a `kind`:

    laws        part 第一编 > chapter 第一章 > section 第一节 > article 第一条
    documents   item 一、 > subitem （一） > point 1. > subpoint （1）

A document's levels are fixed (1 = 一、, 2 = （一）, 3 = 1., 4 = （1）); a law's levels are the
depth among the law markers it uses (a law without chapters has its articles at level 1, a
law with chapters has them at 1 and its articles at 2).  Markdown headings of the
structure (## 第一章 总则, paragraph kind "heading") are read like body lines.  In a law the
（一）/1. lines inside an article are the article's enumerated clauses, not headings.

A marker counts only at the start of a paragraph and only when its number continues the
numbering of its kind (the next number, or 1 for a new list), so a stray "3." does not
open an item.  Documents number （一） either afresh in each section or straight through
(the 2016 东北 opinions run （一）…（二十六） across six sections); both are accepted and
`number` keeps the marker as printed.

In policy documents and laws every such paragraph is an item, titled by its text up to
the first 。 (“（一）面临形势。党中央…” -> 面临形势).  Meeting reports and news number
things in prose (一是…, 1.…), so there only a short line that is nothing but a heading
counts.  An item's span runs from its marker to the next item of the same or a higher
level (or the end of the body); `path` names the item and the items that hold it,
outermost first ("三、（四）", "第三章 第十二条").  `outline_path_at(doc, offset)` gives the path
of the innermost item holding a position, for the facts found there.
"""

from __future__ import annotations

import re

from zhengce.model import Document, OutlineItem

STRUCTURED_KINDS = ("policy_document", "law")
MAX_HEADING_LINE = 30  # a stand-alone heading line in a report is short
_CN = "一二三四五六七八九十百零〇两"
MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("part", 1, re.compile(rf"^第(?P<num>[{_CN}\d]+)编")),
    ("chapter", 1, re.compile(rf"^第(?P<num>[{_CN}\d]+)章")),
    ("section", 1, re.compile(rf"^第(?P<num>[{_CN}\d]+)节")),
    ("item", 1, re.compile(rf"^(?P<num>[{_CN}]+)、")),
    ("subitem", 2, re.compile(rf"^[（(](?P<num>[{_CN}]+)[）)]")),
    ("article", 2, re.compile(rf"^第(?P<num>[{_CN}\d]+)条")),
    ("point", 3, re.compile(r"^(?P<num>\d{1,2})[.．、](?!\d)")),
    ("subpoint", 4, re.compile(r"^[（(](?P<num>\d{1,2})[）)]")),
)
LAW_KINDS = ("part", "chapter", "section", "article")  # outermost first
# What every marker above starts with: one test rules out most paragraphs at once.
_MARKER_START = re.compile(rf"[第{_CN}（(\d]")
_TITLE_END = re.compile(r"[。；;]")
_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def extract_outline(doc: Document) -> None:
    structured = doc.metadata.get("kind") in STRUCTURED_KINDS
    body = [p for p in doc.paragraphs if p.kind in ("body", "heading")]
    found: list[tuple[str, OutlineItem]] = []
    last_number: dict[str, int] = {}
    for para in body:
        heading = match_heading(para.text)
        if heading is None:
            continue
        kind, level, marker, number = heading
        if kind not in LAW_KINDS and last_number.get("article"):
            continue  # (一) inside an article: one of its enumerated clauses
        if number not in (1, last_number.get(kind, 0) + 1):
            continue
        title = item_title(para.text[len(marker) :])
        if (
            not structured
            and para.kind != "heading"
            and (len(para.text) > MAX_HEADING_LINE or _TITLE_END.search(para.text))
        ):
            continue
        last_number[kind] = number
        if kind == "item":  # a new part of the document: its sub-numbering may restart
            last_number.pop("point", None)
            last_number.pop("subpoint", None)
        found.append((kind, OutlineItem(level, marker, title, para.start, para.end, kind)))
    _law_levels(found)
    items = [item for _kind, item in found]
    body_end = body[-1].end if body else 0
    doc.outline = [_extend(item, items, body_end) for item in items]
    _paths(doc.outline)
    doc.metadata["articles"] = sum(1 for item in doc.outline if item.kind == "article")


def _law_levels(found: list[tuple[str, OutlineItem]]) -> None:
    """A law's levels are the depth among the law markers it uses."""
    used = [kind for kind in LAW_KINDS if any(k == kind for k, _item in found)]
    depth = {kind: index + 1 for index, kind in enumerate(used)}
    for kind, item in found:
        if kind in depth:
            item.level = depth[kind]


def _paths(items: list[OutlineItem]) -> None:
    """Each item's path: the numbers of the items holding it, then its own."""
    stack: list[OutlineItem] = []
    for item in items:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        stack.append(item)
        law = item.kind in LAW_KINDS
        item.path = (" " if law else "").join(o.number for o in stack)


def outline_path_at(doc: Document, offset: int) -> str:
    """The path of the innermost outline item whose span holds `offset` ("" if none)."""
    best: OutlineItem | None = None
    for item in doc.outline:
        if item.start <= offset < item.end and (best is None or item.level >= best.level):
            best = item
    return best.path if best else ""


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
    text = text.strip("第编章节条、.．()（） ")
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
