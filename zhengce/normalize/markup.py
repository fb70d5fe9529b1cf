"""Normalization stage: markup — Markdown syntax of a Markdown copy of a page, read as text.

Policy texts and news stories saved as Markdown (the corpus's 新闻联播 transcripts, pages
converted by web clippers) carry syntax that is not part of the text: strong emphasis
(**央视网消息**), links ([查看原文](https://…)), backslash escapes (\\*, \\.) and HTML
character references (&#xA0;, &#xA;).  Left in, they reach search snippets and split words
for the segmenter.  Only documents read from a Markdown file are touched
(`metadata["format"] == "markdown"`); a plain-text policy that writes ** or [1](2) keeps it.

- `**text**` and `__text__` on one line: the two markers go, the text stays.
- `[text](url)`: the text stays, the address is lifted into `metadata["links"]`; a link
  back to the page the text was copied from (its text in `data/source_links.tsv`, 查看原文)
  also gives `metadata["url"]`, and when it stands alone on its line it is page chrome:
  removed whole (the whitespace stage then closes the gap).
- `\\X` for ASCII punctuation X: the escaped character.
- `&#…;` numeric character references, also when escaped (\\&#xA;, as converters write a
  page's literal entity): the character (&#xA0; → no-break space, which the whitespace
  stage then tidies).

Each change is one edit with its reason; headings (### 标题) stay, the segmenter reads them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document, Edit

# Every branch starts with a literal character, so clean text is skipped fast.
MARKUP = re.compile(
    # Emphasis holds a character other than a marker at both ends: a form blank (________)
    # or a rule (******) is not emphasis.
    r"(?P<strong>(?P<mark>\*\*|__)(?=[^\s*_])(?P<inner>[^\n]*?[^\s*_])(?P=mark))"
    r"|(?P<link>\[(?P<label>[^\[\]\n]*)\]\((?P<url>[^()\[\]\s]{1,2048})(?:\s+\"[^\"\n]*\")?\))"
    # Before escapes: converters write a page's literal "&#xA;" as "\&#xA;", meaning the
    # character all the same (CommonMark would show the escaped form as written).
    r"|(?P<reference>\\?&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});)"
    r"|(?P<escape>\\(?P<escaped>[!-/:-@\[-`{-~]))"
)

# The first characters of MARKUP's branches.  `re` cannot skip ahead over text that cannot
# start a match for an alternation of groups (it tries the whole pattern at every position,
# ~9 M chars/s); a class of single characters it scans at C speed, so MARKUP is tried only
# where this finds a candidate.
MARKUP_START = re.compile(r"[*_\[\\&]")

STRONG_REASON = "Markdown strong emphasis marker"
LINK_REASON = "Markdown link: its text kept, its address lifted into metadata (links)"
SOURCE_LINK_REASON = "link back to the page the text was copied from (page chrome; url lifted)"
ESCAPE_REASON = "Markdown backslash escape"
REFERENCE_REASON = "HTML character reference in Markdown"


@cache
def source_link_texts() -> frozenset[str]:
    # The same table gives segmentation its link lines (segment.patterns.source_link_line).
    return frozenset(row["text"] for row in load_table("source_links"))


def strip_markdown_markup(doc: Document) -> list[Edit]:
    if doc.metadata.get("format") != "markdown":
        return []
    links: list[dict[str, str]] = []
    edits = _markup_edits(doc.text, 0, len(doc.text), links)
    _lift_links(doc, links)
    return edits


def _markup_edits(text: str, start: int, end: int, links: list[dict[str, str]]) -> list[Edit]:
    """Edits for the markup in text[start:end]; the links found are added to `links`."""
    edits: list[Edit] = []
    for match in _markup_matches(text, start, end):
        if match.group("strong") is not None:
            # One edit per marker; what lies between is read again, so **\&#xA;** and a
            # link inside emphasis are converted too.
            mark, (inner_start, inner_end) = match.group("mark"), match.span("inner")
            edits.append(Edit(match.start(), inner_start, mark, "", "", STRONG_REASON))
            edits += _markup_edits(text, inner_start, inner_end, links)
            edits.append(Edit(inner_end, match.end(), mark, "", "", STRONG_REASON))
        elif match.group("link") is not None:
            edits.append(_link_edit(match, alone=_alone_on_line(text, match)))
            links.append({"text": match.group("label"), "url": match.group("url")})
        elif match.group("escape") is not None:
            edits.append(_edit(match, match.group("escaped"), ESCAPE_REASON))
        else:
            edits.extend(_reference_edit(match))
    return edits


def _markup_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """`MARKUP.finditer(text, start, end)`, tried only where MARKUP_START finds a candidate."""
    candidate = MARKUP_START.search(text, start, end)
    while candidate is not None:
        match = MARKUP.match(text, candidate.start(), end)
        if match is None:
            candidate = MARKUP_START.search(text, candidate.start() + 1, end)
            continue
        yield match
        candidate = MARKUP_START.search(text, match.end(), end)


def _edit(match: re.Match[str], after: str, reason: str) -> Edit:
    return Edit(match.start(), match.end(), match.group(), after, "", reason)


def _link_edit(match: re.Match[str], *, alone: bool = False) -> Edit:
    if alone and match.group("label").strip() in source_link_texts():
        return _edit(match, "", SOURCE_LINK_REASON)
    return _edit(match, match.group("label"), LINK_REASON)


def _alone_on_line(text: str, match: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    line = text[start : end if end >= 0 else len(text)]
    return line.strip() == match.group()


def _reference_edit(match: re.Match[str]) -> list[Edit]:
    character = html.unescape(match.group().lstrip("\\"))
    # html.unescape gives U+FFFD (or the reference itself) for what names no character; a
    # control character other than a line break or tab is no text either: leave those.
    if (
        len(character) != 1
        or character == "\ufffd"
        or not (character.isprintable() or character in "\n\t\u00a0\u3000")
    ):
        return []
    return [_edit(match, character, REFERENCE_REASON)]


def _lift_links(doc: Document, links: list[dict[str, str]]) -> None:
    if not links:
        return
    doc.metadata["links"] = links
    if doc.metadata.get("url"):
        return
    for link in links:
        if link["text"].strip() in source_link_texts():
            doc.metadata["url"] = link["url"]
            return
