"""Normalization stage: tidy whitespace (the last stage).

Every run of whitespace is rewritten by where it stands:

- at the start of the document: removed; at the end: one final newline (if any);
- holding line breaks: one newline, or one blank line if it held two or more
  (`\\r\\n` and `\\r` count as one break; indentation, trailing spaces and
  space-only lines inside the run go with it);
- inside a line: removed beside full-width punctuation (，。（） carry their own
  spacing; but "# 《标题》" and "1. 《规划》" keep their marker's space), removed
  if it is only zero-width characters, else one plain space.
  A single space between words stays: between Latin words it is needed, and in
  Chinese it is meaningful (the space after a dateline, "新华社北京9月9日电 中共
  中央…", or between names in a list).  A no-break or ideographic space
  (U+00A0, U+3000) becomes that one plain space.

Clean text is scanned with one regex whose every branch starts with a literal
character, so `re` skips ordinary characters fast; only a run that needs a
change costs Python work.
"""

from __future__ import annotations

import re
import string

from zhengce.model import Document, Edit

# Horizontal spaces other than the plain space, and invisible zero-width ones.
OTHER_SPACES = "\t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
ZERO_WIDTH = "\u200b\u2060\ufeff"
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
WHITESPACE = " " + OTHER_SPACES + ZERO_WIDTH + LINE_BREAKS
# Full-width punctuation: a space beside it is never needed.  Curly quotes are
# left out on purpose: English uses them too, with spaces outside them.
FULL_WIDTH_PUNCTUATION = (
    "、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〝〞〟"
    "！＂＃％＆＇（）＊，．／：；？＠［＼］｛｝～｟｠｡｢｣､･"
)

ASCII_PUNCTUATION = frozenset(string.punctuation)

_WS = re.escape(WHITESPACE)
_RUN = re.compile(f"[{_WS}]+")
_BREAK = re.compile(r"\r\n|[" + re.escape(LINE_BREAKS) + "]")


def _candidate_pattern() -> re.Pattern[str]:
    """Where a change may be needed; every branch starts with a literal (fast `re` skip)."""
    branches = [re.escape(c) for c in OTHER_SPACES + ZERO_WIDTH + "\r\x0b\x0c\x85\u2028\u2029"]
    branches += [
        f" [{_WS}]",  # two spaces, or spaces before a line break
        f" [{re.escape(FULL_WIDTH_PUNCTUATION)}]",  # a space before a full-width mark
        f" (?<=[{re.escape(FULL_WIDTH_PUNCTUATION)}] )",  # ... or after one
        f"\n[ {re.escape(OTHER_SPACES + ZERO_WIDTH)}]",  # indentation, space-only line
        f"\n\n[{_WS}]",  # three or more line breaks
        r"\n\n\Z",
    ]
    return re.compile("|".join(branches))


_CANDIDATE = _candidate_pattern()


def _beside_full_width(mark: str, other: str) -> bool:
    """`mark` is full-width punctuation and `other` is not ASCII punctuation.

    A full-width mark carries its own spacing ("讯 （记者 曹忠义） 23日" -> "讯（记者
    曹忠义）23日"), but Markdown and list markers keep theirs: "# 《标题》", "1. 《规划》".
    """
    return mark in FULL_WIDTH_PUNCTUATION and other not in ASCII_PUNCTUATION


def _replacement(run: str, before: str, after: str) -> tuple[str, str]:
    """(new text, reason) for whitespace `run` between `before` and `after` ('' = text edge)."""
    breaks = len(_BREAK.findall(run))
    if not before:
        return "", "whitespace at the start of the document"
    if not after:
        return ("\n" if breaks else ""), "whitespace at the end of the document"
    if breaks:
        if breaks >= 2:
            return "\n\n", "line breaks: at most one blank line, no indentation or trailing spaces"
        return "\n", "line break: no indentation, trailing spaces or \\r"
    if _beside_full_width(before, after) or _beside_full_width(after, before):
        return "", "space beside full-width punctuation"
    if not run.strip(ZERO_WIDTH):
        return "", "zero-width character"
    return " ", "spaces inside a line: one plain space"


def _run_start(text: str, hit: int) -> int:
    """Start of the whitespace run holding position `hit`."""
    start = hit
    while start > 0 and text[start - 1] in WHITESPACE:
        start -= 1
    return start


def _next_hit(text: str, pos: int) -> int:
    """Position of the next candidate at or after `pos`, or -1."""
    if pos == 0 and text[:1] in WHITESPACE and text:
        return 0
    found = _CANDIDATE.search(text, pos)
    return -1 if found is None else found.start()


def tidy_whitespace(doc: Document) -> list[Edit]:
    """Edits that tidy every whitespace run of `doc.text` needing it (see the module doc)."""
    text = doc.text
    edits: list[Edit] = []
    hit = _next_hit(text, 0)
    while hit >= 0:
        start = _run_start(text, hit)
        run = _RUN.match(text, start)
        assert run is not None  # every candidate starts inside a whitespace run
        end = run.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        new, reason = _replacement(run.group(), before, after)
        if new != run.group():
            edits.append(Edit(start, end, run.group(), new, "", reason))
        hit = _next_hit(text, end)
    return edits
