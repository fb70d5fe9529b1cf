"""Segment the normalized text into paragraphs and blocks (analysis stage "segment").

Every non-blank line becomes one `Paragraph` whose span is exact (`doc.text[start:end]`),
except that a metadata line with a headline glued to its end is cut in two.  Kinds:

- title / subtitle: the headline lines before the first body paragraph (a "…出席" line, a
  "——…" line or a bold sub-headline is a subtitle);
- metadata: publication lines (发布时间/来源/责任编辑, "新华网 2023-09-09 16:14"), page
  chrome, lines the chrome stage lifted (`doc.metadata["metadata_spans"]`);
- body: the text; the first body paragraph may open with a dateline (新华社哈尔滨9月9日电),
  which gets its own "dateline" block while the paragraph stays body;
- caption: photo captions ending in a credit (新华社记者 鞠鹏 摄);
- english: Latin-script lines after the Chinese text began (the translation);
- stray: Latin-script lines before any Chinese line (unrelated page debris);
- heading: a Markdown heading of the document's structure (## 第一章 总则), read by the outline.

A document whose line breaks were lost (one long line holding title, 文号 and body) is first
cut into the lines it had (`zhengce.segment.restore`); the cuts are recorded in metadata.

Blocks are runs of paragraphs of one kind, one block per caption (identical captions on
adjacent lines are one photo), and the dateline.
"""

from __future__ import annotations

import re

from zhengce.model import Block, Document, Paragraph
from zhengce.segment import patterns as pat
from zhengce.segment.coords import lifted_spans
from zhengce.segment.lines import SENTENCE_END, Line, is_mostly_latin, split_lines
from zhengce.segment.restore import is_run_together, rejoin_broken, restore_lines

MAX_HEADLINE = 80  # characters; a longer line is prose, whatever its punctuation
MAX_CAPTION = 300
MAX_METADATA_LINE = 160
HEADLINE_WINDOW = 12  # glued headlines are looked for among the first lines only
_FOLD = re.compile(r"[\s\W_]+")
MARKUP_FIRST = "<-*_"  # the first characters pat.MARKUP_ONLY can match


def segment_document(doc: Document) -> None:
    lines = rejoin_broken(doc.text, split_lines(doc.text))
    if any(is_run_together(line) for line in lines):
        lines = _restored(doc, lines)
    paragraphs = classify_lines(doc, lines)
    doc.paragraphs = paragraphs
    doc.blocks = build_blocks(doc.text, paragraphs)


def _restored(doc: Document, lines: list[Line]) -> list[Line]:
    """Run-together lines cut into the lines they had; the cuts are recorded in metadata."""
    result: list[Line] = []
    cuts: list[int] = []
    for line in lines:
        pieces = restore_lines(line) if is_run_together(line) else [line]
        cuts += [piece.start for piece in pieces[1:]]
        result += pieces
    doc.metadata["restored_breaks"] = {"count": len(cuts), "at": cuts}
    return result


def looks_like_headline(text: str) -> bool:
    return (
        len(text) <= MAX_HEADLINE
        and not SENTENCE_END.search(text)
        and not text.endswith(("：", ":", "；", ";", "，", ","))
        and not pat.DATELINE.match(text)
        and not pat.OUTLINE_START.match(text)
        and not is_caption(text)
    )


def is_caption(text: str) -> bool:
    # Cheap test first: a caption ends with its credit (…摄, …摄）, 新华社发).
    return (
        len(text) <= MAX_CAPTION
        and ("摄" in text[-3:] or "发" in text[-12:])
        and pat.CAPTION_CREDIT.search(text) is not None
    )


def is_metadata_line(text: str) -> bool:
    if pat.LABELLED.match(text):
        return True
    if "会" in text and len(text) <= MAX_METADATA_LINE and pat.ADOPTION.match(text):
        return True  # a law's adoption line (…会议通过)
    if len(text) > MAX_METADATA_LINE:
        return False  # prose; a metadata line that long starts with its label
    # A label ends with a colon: count labels only in the few lines that have one.
    has_colon = "：" in text or ":" in text
    labels = len(pat.LABELLED.findall(text)) if has_colon else 0
    if labels >= 2 or (labels and len(text) <= 40):
        return True
    # Both date shapes print the date with - or / (2023-09-09): a cheap test before the match.
    dashed = "-" in text or "/" in text
    if (
        len(text) <= 60
        and dashed
        and (pat.SOURCE_AND_DATE.match(text) or pat.DATE_FIRST.match(text))
    ):
        return True
    # Prose has a sentence end; that one-class scan goes before the chrome words.
    if len(text) <= 100 and not SENTENCE_END.search(text) and pat.CHROME.search(text):
        return True
    # Each shape has fixed characters (its first words, a bracket round the year): cheap
    # str tests rule most lines out before the patterns run.
    return bool(
        (text.startswith("[") and pat.source_link_line().match(text))
        or (text.startswith("更新时间") and pat.UPDATED.match(text))
        or (("〔" in text or "［" in text or "[" in text) and pat.DOC_NUMBER_LINE.match(text))
    )


def classify_lines(doc: Document, lines: list[Line]) -> list[Paragraph]:
    headlines = [
        _fold(li.text)
        for li in lines[:HEADLINE_WINDOW]
        if looks_like_headline(li.text) and not is_metadata_line(li.text)
    ]
    reader = _LineReader(doc.text, lifted_spans(doc), headlines)
    for line in lines:
        reader.read(line)
    return reader.paragraphs


class _LineReader:
    """Classifies lines in order; what a line is depends on what came before it."""

    def __init__(self, text: str, lifted: list[tuple[int, int]], headlines: list[str]) -> None:
        self.text = text
        self.lifted = lifted
        self.headlines = headlines
        self.paragraphs: list[Paragraph] = []
        self.in_headline = True  # still among the lines above the first body paragraph
        self.seen_chinese = False
        self.seen_title = False

    def add(self, start: int, end: int, kind: str) -> None:
        self.paragraphs.append(Paragraph(self.text[start:end], start, end, kind))
        self.seen_title = self.seen_title or kind == "title"

    def read(self, line: Line) -> None:
        if line.text[0] in MARKUP_FIRST and pat.MARKUP_ONLY.match(line.text):
            return
        cut = _metadata_end(line, self.lifted, self.headlines)
        if cut is not None:
            self.add(line.start, cut, "metadata")
            rest = _strip_span(self.text, cut, line.end)
            if rest is not None:
                self.add(*rest, "title" if self.in_headline else "body")
            return
        start, end = _inner_span(line)
        content = line.text if start == line.start and end == line.end else self.text[start:end]
        if is_mostly_latin(content):
            self.add(start, end, "english" if self.seen_chinese else "stray")
            return
        self.seen_chinese = True
        if (
            start > line.start
            and (self.seen_title or not self.in_headline)
            and pat.STRUCTURE_HEADING.match(content)
        ):
            self.in_headline = False
            self.add(start, end, "heading")  # a Markdown heading of the outline (## 第一章 总则)
            return
        if self.in_headline and (start > line.start or looks_like_headline(content)):
            self.add(start, end, self.headline_kind(content))
        elif start > line.start:
            self.add(start, end, "subtitle")  # a bold sub-headline or heading inside the text
        else:
            self.in_headline = False
            self.add(start, end, _body_kind(content))

    def headline_kind(self, content: str) -> str:
        """A headline line after the title that names who attended is a subtitle."""
        return "subtitle" if self.seen_title and pat.SUBTITLE.match(content) else "title"


def _inner_span(line: Line) -> tuple[int, int]:
    """The span of a line without markdown heading hashes or bold markers around it."""
    if line.text[0] not in "#*":
        return line.start, line.end  # plain text: the two patterns below start with # or *
    heading = pat.HEADING.match(line.text)
    if heading:
        return line.start + heading.end(), line.end
    bold = pat.BOLD_ONLY.match(line.text)
    if bold:
        return line.start + bold.start("text"), line.start + bold.end("text")
    return line.start, line.end


def _body_kind(text: str) -> str:
    return "caption" if is_caption(text) else "body"


def _metadata_end(line: Line, lifted: list[tuple[int, int]], headlines: list[str]) -> int | None:
    """End of the metadata part of `line`, or None when the line is not metadata.

    A line is metadata when it has a metadata shape or the chrome stage lifted a good
    part of it.  Pages flattened into text glue the headline onto the metadata line
    ("责任编辑：张芃芃习近平主持召开…"); the metadata then ends where the headline begins:
    after the editor's name, or after the last lifted span.
    """
    if not lifted:  # most texts: nothing lifted, so only the line's shape can make it metadata
        if not is_metadata_line(line.text):
            return None
        covering = []
    else:
        covering = [(s, e) for s, e in lifted if s < line.end and e > line.start]
        covered = sum(min(e, line.end) - max(s, line.start) for s, e in covering)
        if covered * 3 < len(line.text) and not is_metadata_line(line.text):
            return None
    editor = pat.EDITOR.search(line.text)
    if editor:
        glued = glued_headline_offset(editor.group("name"), headlines)
        if glued is not None:
            return line.start + editor.start("name") + glued
    if covering:
        end = max(e for _s, e in covering)
        rest = _fold(line.text[end - line.start :])
        if end < line.end and len(rest) >= 4 and any(rest[:12] in h for h in headlines):
            return end
    return line.end


def glued_headline_offset(name: str, headlines: list[str]) -> int | None:
    """Where a headline starts inside `name` (an editor name with a title run into it)."""
    if len(name) <= 4:
        return None
    for length in (2, 3, 4):
        rest = _fold(name[length:])
        if len(rest) >= 4 and any(rest[:12] in line for line in headlines):
            return length
    return None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    offset = start + piece.index(stripped)
    return offset, offset + len(stripped)


def _fold(text: str) -> str:
    return _FOLD.sub("", text)


def build_blocks(text: str, paragraphs: list[Paragraph]) -> list[Block]:
    blocks: list[Block] = []
    for para in paragraphs:
        last = blocks[-1] if blocks else None
        same_run = last is not None and last.kind == para.kind
        if same_run and para.kind == "caption":
            same_run = last is not None and last.text == para.text  # the same photo twice
        if same_run and last is not None:
            last.end = para.end  # its text is cut once the run is complete, below
        else:
            blocks.append(Block(para.kind, para.start, para.end, para.text))
    for block in blocks:
        block.text = text[block.start : block.end]
    dateline = find_dateline(paragraphs)
    if dateline is not None:
        blocks.append(dateline)
        blocks.sort(key=lambda block: (block.start, block.kind != "body"))
    return blocks


def find_dateline(paragraphs: list[Paragraph]) -> Block | None:
    """The dateline opening the first body paragraph, with agency, city, month and day."""
    first = next((p for p in paragraphs if p.kind == "body"), None)
    if first is None:
        return None
    match = pat.DATELINE.match(first.text)
    if match is None:
        return None
    end = match.end("credit") if match.group("credit") else match.end("head")
    text = first.text[:end].rstrip()
    attrs = {
        "agency": match.group("agency"),
        "city": match.group("city"),
        "month": int(match.group("month")) if match.group("month") else None,
        "day": int(match.group("day")) if match.group("day") else None,
    }
    return Block("dateline", first.start, first.start + len(text), text, attrs)
