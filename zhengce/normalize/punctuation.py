"""Normalization stage: ASCII , ; : ? ! ( ) in Chinese text -> full width.

Mainland typesetting puts full-width marks in Chinese sentences, also after a
number or a Latin abbreviation ("增长5%，", "GDP，").  Latin text keeps ASCII.

- , ; : ? ! are widened when the character before them is Chinese (Han or
  full-width punctuation), unless English follows after a space ("政策, meaning
  …"), or when a Han character follows them directly and a space does not
  precede them ("增长5%,同比" -> "增长5%，同比").  So 3.5, 1,000, 10:30,
  http://, "CHONGQING, April 23" stay ASCII.  Spaces after a widened mark go
  with it: a full-width mark carries its own spacing.
- "?" and "!" right before a Latin letter, a digit, "|" or a bracket are left
  alone: that is the shape of GBK mojibake (推動?xùn)|北), not of a sentence.
- A bracket pair is widened as a pair when its content has a Han character or
  the character outside either bracket is Chinese: (记者 曹忠义) -> （记者 曹忠义）,
  市(地) -> 市（地）, (一) -> （一）, and also 合作(PPP)模式 -> 合作（PPP）模式, because
  mainland texts bracket abbreviations in full width too.  "(Xinhua)" and
  "the Communist Party of China (CPC) Central" stay ASCII.  A pair already half
  full width is completed: （记者 曹忠义) -> （记者 曹忠义）.  Only innermost
  pairs on one line are considered; a lone bracket is left as it is.
- Spans the mojibake stage flagged (doc.metadata["flags"]) are not touched.

Speed: one regex scan whose branches all start with a literal mark, so `re`
skips ordinary text fast; Python looks only at marks touching Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from zhengce.model import Document, Edit

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Full-width and CJK punctuation (not the curly quotes, which English uses too).
CJK_PUNCTUATION = (
    "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
CHINESE = HAN + CJK_PUNCTUATION
WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# The character after "?"/"!" that marks mojibake rather than a sentence end.
MOJIBAKE_NEXT = re.compile(r"[A-Za-z0-9|()\[\]]")
MAX_BRACKETED = 100  # characters inside a bracket pair

_inside = f"[^()（）\\n]{{0,{MAX_BRACKETED}}}+"
_mark_branches = [
    # The mark after Chinese, or right before Han: the Python side decides the rest.
    # Every branch starts with a literal, so `re` skips to candidate marks fast.
    f"{re.escape(mark)}(?:(?<=[{CHINESE} \t]{re.escape(mark)})|(?=[{HAN}]))"
    for mark in ",;:?!"
]
_bracket_branches = [
    # Opening bracket; the lookahead captures the content and the closing bracket.
    f"\\((?=(?P<inside>{_inside})(?P<close>[)）]))",
    f"（(?=(?P<winside>{_inside})(?P<wclose>\\)))",
]
_PATTERN = re.compile("|".join(_bracket_branches + _mark_branches))
# An ASCII pair whose content holds only already widened brackets.
_OUTER = re.compile(
    f"\\((?=(?P<inside>[^()\\n]{{0,{MAX_BRACKETED}}}[（）][^()\\n]{{0,{MAX_BRACKETED}}})"
    "(?P<close>\\)))"
)
_CHINESE = re.compile(f"[{CHINESE}]")
_HAN = re.compile(f"[{HAN}]")
_ENGLISH_AFTER = re.compile(r"[ \t]+[A-Za-z]")
_SPACES_AFTER = re.compile(r"[ \t]+(?=[^\s])")


def widen_ascii_punctuation(doc: Document, steps: Mapping[str, int] | None = None) -> list[Edit]:
    """Edits widening ASCII punctuation that stands in Chinese text (see the module doc).

    `steps` gives the step each stage runs as in a full run (the registry passes it), for a
    flagging stage that made no edit to say when it ran.
    """
    text = doc.text
    edits: list[Edit] = []
    brackets: list[Edit] = []
    for match in _PATTERN.finditer(text):
        if text[match.start()] in "(（":
            brackets.extend(_bracket_edits(text, match))
        else:
            edit = _mark_edit(text, match.start())
            if edit is not None:
                edits.append(edit)
    if brackets:
        brackets.extend(_outer_bracket_edits(text, brackets))
    edits.extend(brackets)
    protected = _flagged_spans(doc, steps or {})
    if protected:
        edits = [e for e in edits if not any(s < e.end and e.start < t for s, t in protected)]
    return sorted(edits, key=lambda e: e.start)


def _outer_bracket_edits(text: str, inner: list[Edit]) -> list[Edit]:
    """Pairs around pairs already widened: (见(一)) -> （见（一））, up to three levels out.

    A pair lies on one line, so only the lines holding a widened bracket and an ASCII "("
    are read again (a whole document copied per level cost more than the stage).
    """
    found: list[Edit] = []
    by_line: dict[int, list[Edit]] = {}
    for edit in inner:
        by_line.setdefault(text.rfind("\n", 0, edit.start) + 1, []).append(edit)
    for line_start, line_edits in by_line.items():
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if "(" in text[line_start:line_end]:
            found.extend(_outer_pairs_of_line(text, line_start, line_end, line_edits))
    return found


def _outer_pairs_of_line(text: str, start: int, end: int, inner: list[Edit]) -> list[Edit]:
    found: list[Edit] = []
    chars = list(text[start:end])
    new = inner
    for _level in range(3):
        for edit in new:
            chars[edit.start - start] = edit.after
        seen = "".join(chars)
        new = [
            Edit(
                start + e.start,
                start + e.end,
                text[start + e.start : start + e.end],
                e.after,
                "",
                e.reason,
            )
            for m in _OUTER.finditer(seen)
            for e in _bracket_edits(seen, m)
        ]
        if not new:
            break
        found.extend(new)
    return found


def _is_chinese(char: str) -> bool:
    return bool(char) and _CHINESE.match(char) is not None


def _mark_edit(text: str, at: int) -> Edit | None:
    mark = text[at]
    before = text[at - 1] if at else ""
    after = text[at + 1 : at + 2]
    if mark in "?!" and MOJIBAKE_NEXT.match(after):
        return None
    if before in " \t":
        # "发展 ,要": look past the stray space.
        k = at - 1
        while k > 0 and text[k] in " \t":
            k -= 1
        before = text[k]
        if not (_is_chinese(before) and _HAN.match(after)):
            return None
    if _is_chinese(before):
        if _ENGLISH_AFTER.match(text, at + 1):
            return None
        reason = f"ASCII {mark} after Chinese -> full width"
    elif _HAN.match(after):
        reason = f"ASCII {mark} before Chinese -> full width"
    else:
        return None
    spaces = _SPACES_AFTER.match(text, at + 1)
    end = spaces.end() if spaces else at + 1
    return Edit(at, end, text[at:end], WIDE[mark], "", reason)


def _bracket_edits(text: str, match: re.Match[str]) -> list[Edit]:
    wide_open = text[match.start()] == "（"
    inside = match.group("winside" if wide_open else "inside")
    opening = match.start()
    closing = match.end("wclose" if wide_open else "close") - 1
    before = text[opening - 1] if opening else ""
    after = text[closing + 1 : closing + 2]
    if wide_open:
        reason = "ASCII ) closing a full-width （ -> full width"
    elif _HAN.search(inside):
        reason = "ASCII brackets around Chinese -> full width"
    elif _is_chinese(before) or _is_chinese(after):
        reason = "ASCII brackets in Chinese text -> full width"
    else:
        return []
    return [
        Edit(at, at + 1, text[at], WIDE[text[at]], "", reason)
        for at in (opening, closing)
        if text[at] in WIDE
    ]


def _flagged_spans(doc: Document, steps: Mapping[str, int]) -> list[tuple[int, int]]:
    """Flagged spans (doc.metadata["flags"]), carried into this stage's coordinates."""
    flags: list[dict[str, Any]] = doc.metadata.get("flags") or []
    spans: list[tuple[int, int]] = []
    for flag in flags:
        start, end = int(flag.get("start", 0)), int(flag.get("end", 0))
        start, end = _carry(doc, _step_of(doc, str(flag.get("stage", "")), steps), start, end)
        spans.append((start, end))
    return spans


def _carry(doc: Document, first: int, start: int, end: int) -> tuple[int, int]:
    """Move a span given in the input of step `first` through its edits and all later ones."""
    for step in sorted({e.step for e in doc.edits if e.step >= first}):
        start, end = _shift(doc, step, start), _shift(doc, step, end)
    return start, end


def _step_of(doc: Document, stage: str, steps: Mapping[str, int]) -> int:
    """The step `stage` ran as: from its edits, else its place in the registry (`steps`)."""
    for edit in doc.edits:
        if edit.stage == stage:
            return edit.step
    return steps.get(stage, doc.steps_run)


def _shift(doc: Document, step: int, position: int) -> int:
    moved = position
    for edit in doc.edits:
        if edit.step == step and edit.end <= position:
            moved += len(edit.after) - len(edit.before)
    return moved
