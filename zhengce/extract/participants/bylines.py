"""Staff bylines: reporters, photographers and editors named in the page, not at the event."""

from __future__ import annotations

import re

from zhengce.extract.participants.lexicon import _HAN_RUN, HAN, Lexicon, lexicon
from zhengce.model import Document, Participant

# --------------------------------------------------------------------------- staff bylines

_NAME_RUN = f"[{HAN}]{{2,}}"
# Each pattern with a word every match of it contains: a text without that word is not
# scanned (most stories have no byline, and `in` is much faster than a regex scan).
_STAFF_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # (记者 曹忠义) / （记者：张三 李四）
    (
        re.compile(f"[（(]\\s*(?:本报)?记者[\\s：:]*((?:{_NAME_RUN}[\\s、，,]*)+)[）)]"),
        "reporter",
        "记者",
    ),
    # 新华社记者 鞠鹏 摄 (a photo credit) — before the plain byline below
    (re.compile(f"记者[\\s：:]+((?:{_NAME_RUN}[\\s、，,]+)+)摄"), "photographer", "记者"),
    (re.compile(f"摄影[\\s：:]+((?:{_NAME_RUN}[\\s、，,]*)+)"), "photographer", "摄影"),
    (re.compile(f"(?:责任编辑|编辑)[\\s：:]+({_NAME_RUN})"), "editor", "编辑"),
    (
        re.compile(f"(?:本报|新华社|人民日报|央视|总台)记者[\\s：:]+({_NAME_RUN})"),
        "reporter",
        "记者",
    ),
)
_STAFF_WORDS = frozenset({"报道", "摄", "摄影", "通讯员", "记者"})


def find_staff(doc: Document, lex: Lexicon | None = None) -> list[Participant]:
    """Reporters, photographers and editors named in the page: not at the event."""
    lex = lex or lexicon()
    staff: list[Participant] = []
    seen: set[tuple[str, str]] = set()
    taken: list[tuple[int, int]] = []

    def add(name: str, role: str, start: int, end: int, evidence: str) -> None:
        if (name, role) not in seen and not any(s <= start < e for s, e in taken):
            seen.add((name, role))
            staff.append(Participant(name, [], role, start, end, evidence))

    for item in doc.metadata.get("staff") or []:
        name, role = str(item.get("name", "")), str(item.get("role", ""))
        if name and role:
            add(name, role, int(item.get("start", 0)), int(item.get("end", 0)), "metadata")
    for pattern, role, word in _STAFF_PATTERNS:
        if word not in doc.text:
            continue
        for match in pattern.finditer(doc.text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            for run in _HAN_RUN.finditer(doc.text, match.start(1), match.end(1)):
                name = _byline_name(run.group())
                if name and name not in _STAFF_WORDS:
                    add(name, role, run.start(), run.start() + len(name), match.group().strip())
            taken.append(match.span())
    return staff


def _byline_name(run: str) -> str:
    """A byline name; a run longer than four characters is a name glued to the next text."""
    return run if len(run) <= 4 else run[:3]
