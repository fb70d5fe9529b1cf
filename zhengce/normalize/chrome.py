"""Normalization stage: page chrome out of the text, page metadata into doc.metadata.

Runs first, on the raw text.  Two jobs:

1. Remove web-page chrome by edits whose reason names the pattern
   (zhengce/data/chrome.tsv): breadcrumb lines (their trail is also lifted as
   metadata "breadcrumb"), page controls (【打印本页】, a line of 关闭窗口 | 返回顶部),
   font-size switches (【字体：大 中 小】), share bars (分享到：微信 微博), and the
   footer block that ends a page (主办单位 / 承办单位 / 访问统计 / 版权所有 / ICP备 /
   网站标识码 ...).  The footer block is removed only when it holds a line only
   page chrome ever says (a visitor counter, a copyright or ICP line, a website
   code), so a notice ending "主办单位：…" keeps it.

2. Lift metadata lines into doc.metadata without removing them (they are page
   content; the segmenter classifies them): published (ISO, as precise as the
   text: "2024-04-24T09:13:41", "2018-02-07"), source, author, editor, with the
   span of each value in this stage's input ("metadata_spans": {key: [start,
   end]}).  A metadata line is a line made only of fields: "label：value"
   (labels in data/metadata_labels.tsv), a date-time, a known outlet (data/
   news_sources.tsv), separated by spaces or "|".  "2018-02-07 来源:国务院办公厅"
   and "新华网 2023-09-09 16:14" qualify; a bare date does not.  Values are
   stored in simplified script (OpenCC t2s).  The first line giving a key wins;
   a key already in doc.metadata (set by ingest from the HTML page) is kept.

   A name field glued to the next line's text ("责任编辑:张芃芃习近平主持召开…", a
   lost line break) is cut where the remainder starts another line of the
   document (a repeated headline); failing that after 3 characters, the
   commonest length of a Chinese name, marked as a guess.  The lost line break
   is put back (an insertion edit), so the title stands on its own line.

Speed: one regex finds candidate lines (a literal "\\n" prefix or a literal
first character per branch, so `re` skips ordinary text fast); only those lines
are parsed in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zhengce.dates import DATETIME, iso_from_match
from zhengce.lexicon import LexiconError, load_table
from zhengce.model import Document, Edit
from zhengce.opencc_convert import convert

MAX_CHROME_LINE = 200  # longer lines are text, whatever they start with
MAX_NAME = 4  # longest Chinese personal name (compound surname + 2)
GUESSED_NAME = 3  # the commonest length of a Chinese personal name
HEADLINE_ECHO = 6  # characters of a glued tail that must start another line
MIN_GLUED = 12  # a name field this long without an echo is a name plus text
NAME_KEYS = ("author", "editor")
SPACES = " \t\u00a0\u3000"
SEPARATOR = re.compile(r"[\s|｜丨]*")
CLOSING = re.compile(r"[\s)）】\]]*")
OPENING = re.compile(r"[\s(（【\[]*")
DATE = DATETIME  # one date grammar for the whole project (zhengce/dates.py)


def _what(note: str) -> str:
    """The name a table note starts with ("font-size switch: 【字体…】" -> "font-size switch")."""
    return re.split(r"[:;(（]", note, maxsplit=1)[0].strip()


def _alternation(words: list[str]) -> str:
    """Longest first, so 责任编辑 wins over 编辑."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Rules:
    breadcrumbs: list[re.Pattern[str]]
    whole_lines: list[tuple[re.Pattern[str], str]]  # (pattern a whole line matches, what)
    control_line: re.Pattern[str]  # a line of page controls only
    bracketed_control: re.Pattern[str]
    control: re.Pattern[str]
    inline: re.Pattern[str]  # all inline rows, row i as group "i<i>"
    inline_what: dict[str, str]  # group name -> what the row removes
    footer: re.Pattern[str]  # any footer row at a line start, row i as group "i<i>"
    footer_marks: re.Pattern[str]  # any footer mark anywhere in a line, likewise
    strong: set[str]  # group names of strong rows
    label: re.Pattern[str]
    label_keys: dict[str, str]
    label_ranks: dict[str, int]
    value: re.Pattern[str]
    source: re.Pattern[str]
    source_names: dict[str, str]  # any spelling -> simplified name
    line_start: re.Pattern[str]  # a line some line rule may match (at a line start)
    marks_scan: re.Pattern[str]  # any footer mark, likewise
    footer_scan: re.Pattern[str]  # any footer row, likewise
    hint: re.Pattern[str]  # one scan: "\n" before a line worth a look, or any inline row


def _first_chars(pattern: str) -> str:
    """The characters a table pattern can start with.

    Patterns of chrome.tsv that are scanned for (breadcrumb, line, inline rows)
    must start with a literal character, a [class] of literal characters, or a
    group (?:…|…) / (?P<name>…) of alternatives that each do; the scan looks for
    those characters first.
    """
    group = re.match(r"\((?:\?:|\?P<\w+>)", pattern)
    if group:
        return "".join(_first_chars(alt) for alt in _top_alternatives(pattern[group.end() :]))
    if pattern.startswith("["):
        body = pattern[1 : pattern.index("]", 2)]
        if "-" in body.replace("\\-", ""):
            raise LexiconError(f"chrome.tsv: a leading class must list characters: {pattern}")
        return body.replace("\\", "")
    if pattern.startswith("\\"):
        if pattern[1].isalnum():
            raise LexiconError(f"chrome.tsv: pattern must start with a literal: {pattern}")
        return pattern[1]
    if pattern[0] in ".^$*+?{|)":
        raise LexiconError(f"chrome.tsv: pattern must start with a literal: {pattern}")
    return pattern[0]


def _top_alternatives(rest: str) -> list[str]:
    """The alternatives of the group whose body starts `rest` (up to its closing bracket)."""
    alternatives, depth, start, escaped = [], 0, 0, False
    for i, char in enumerate(rest):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            if depth == 0:
                alternatives.append(rest[start:i])
                return alternatives
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(rest[start:i])
            start = i + 1
    raise LexiconError(f"chrome.tsv: unbalanced group: {rest}")


def _literal_led(rows: list[dict[str, str]]) -> re.Pattern[str]:
    """One regex of all rows whose every alternative starts with a literal character.

    `re` then jumps between the possible first characters in C; a leading
    [class] is spread into one alternative per character.
    """
    alternatives: list[str] = []
    for row in rows:
        for alternative in _top_alternatives(row["pattern"] + ")"):
            if alternative.startswith("["):
                rest = alternative[alternative.index("]", 2) + 1 :]
                alternatives += [re.escape(c) + rest for c in _first_chars(alternative)]
            else:
                _first_chars(alternative)  # raises unless it starts with a literal
                alternatives.append(alternative)
    return re.compile("|".join(alternatives))


def _groups(rows: list[dict[str, str]], name: str) -> re.Pattern[str]:
    """One regex for many rows (one scan), row i as group name+i."""
    return re.compile("|".join(f"(?P<{name}{i}>{r['pattern']})" for i, r in enumerate(rows)))


@cache
def _rules() -> _Rules:
    rows = load_table("chrome")
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    controls = _alternation([r["pattern"] for r in by_kind["control"]])
    labels = load_table("metadata_labels")
    label_alt = _alternation([r["label"] for r in labels])
    sources = load_table("news_sources")
    source_names = {r["name"]: r["name"] for r in sources}
    source_names.update({r["traditional"]: r["name"] for r in sources})
    # A line may open with one of these: they are worth a look.
    crumbs = [r["pattern"].replace("(?P<crumbs>", "(?:") for r in by_kind["breadcrumb"]]
    whole = [r["pattern"] for r in by_kind["line"]]
    year = r"\d{4}\s*[-/.年]"
    words = [r["label"] for r in labels] + [r["pattern"] for r in by_kind["control"]]
    words += list(source_names)
    starts = "|".join([_alternation(words), year, *crumbs, *whole])
    firsts = {w[0] for w in words} | set("0123456789")
    firsts |= {c for pattern in crumbs + whole for c in _first_chars(pattern)}
    line_hint = f"\\n[{SPACES}]*[(（【\\[]?[{re.escape(''.join(sorted(firsts)))}]"
    return _Rules(
        breadcrumbs=[re.compile(r["pattern"]) for r in by_kind["breadcrumb"]],
        whole_lines=[(re.compile(r["pattern"]), _what(r["note"])) for r in by_kind["line"]],
        control_line=re.compile(f"[\\s|｜丨]*(?:[【\\[]?(?:{controls})[】\\]]?[\\s|｜丨:：]*)+"),
        bracketed_control=re.compile(f"[【\\[]\\s*(?:{controls})\\s*[】\\]]"),
        control=re.compile(f"[【\\[]?(?:{controls})[】\\]]?"),
        inline=_groups(by_kind["inline"], "inline"),
        inline_what={f"inline{i}": _what(r["note"]) for i, r in enumerate(by_kind["inline"])},
        footer=_groups(by_kind["footer"], "footer"),
        footer_marks=_groups(by_kind["footer_mark"], "mark"),
        strong={
            f"{name}{i}"
            for kind, name in (("footer", "footer"), ("footer_mark", "mark"))
            for i, r in enumerate(by_kind[kind])
            if r["strength"] == "strong"
        },
        label=re.compile(f"(?P<label>{label_alt})\\s*[:：]\\s*"),
        label_keys={r["label"]: r["key"] for r in labels},
        label_ranks={r["label"]: int(r["rank"]) for r in labels},
        value=re.compile(
            f"(?:(?!(?:{label_alt})\\s*[:：])(?:[^\\s|｜丨【】\\[\\]（）()]|（[^）\\s]*）|\\([^)\\s]*\\)))*"
        ),
        source=re.compile(f"(?:{_alternation(list(source_names))})(?=[\\s|｜丨]|$)"),
        source_names=source_names,
        line_start=re.compile(f"[{SPACES}]*[(（【\\[]?(?:{starts})"),
        marks_scan=_literal_led(by_kind["footer_mark"]),
        footer_scan=_literal_led(by_kind["footer"]),
        hint=re.compile(f"{line_hint}|{_literal_led(by_kind['inline']).pattern}"),
    )


@dataclass
class _Lifted:
    """Facts found so far: {key: (value, start, end, guess)}.

    The first value of a key wins, unless a later one has a better (lower) rank:
    责任编辑 over 编辑.
    """

    facts: dict[str, tuple[Any, int, int, bool]] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)

    def add(
        self, key: str, value: Any, start: int, end: int, guess: bool = False, rank: int = 1
    ) -> None:
        if value and (key not in self.facts or rank < self.ranks[key]):
            self.facts[key] = (value, start, end, guess)
            self.ranks[key] = rank


def lift_page_chrome(doc: Document) -> list[Edit]:
    """Chrome edits for `doc.text`; metadata lines lifted into `doc.metadata` (module doc)."""
    text = doc.text
    rules = _rules()
    lifted = _Lifted()
    footer_start, edits = _footer_edits(text, rules)
    for start, end in _candidate_lines(text, rules, footer_start):
        edits.extend(_line_edits(text, start, end, rules, lifted))
    _store(doc, lifted)
    return sorted(edits, key=lambda e: (e.start, e.end))


# Lines ----------------------------------------------------------------------------------


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the line holding `at`; end excludes "\\r\\n"."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _candidate_lines(text: str, rules: _Rules, stop: int) -> list[tuple[int, int]]:
    """Lines (before `stop`, the footer) that open like chrome or metadata or hold inline chrome."""
    # One scan for hints (literal-led, so fast); the line rules only where a hint is.
    hits = [0] if rules.line_start.match(text) else []
    for hint in rules.hint.finditer(text, 0, stop):
        at = hint.start()
        if text[at] != "\n":
            hits.append(at)  # an inline row matched
        elif rules.line_start.match(text, at + 1):
            hits.append(at + 1)
    lines: dict[int, tuple[int, int]] = {}
    for at in hits:
        bounds = _line_bounds(text, at)
        if bounds[0] < stop:
            lines.setdefault(bounds[0], bounds)
    return [lines[start] for start in sorted(lines)]


def _drop_line(text: str, start: int, end: int, reason: str) -> Edit:
    """Remove a whole line with its line break."""
    stop = end
    if text.startswith("\r\n", stop):
        stop += 2
    elif text.startswith("\n", stop):
        stop += 1
    return Edit(start, stop, text[start:stop], "", "", reason)


def _line_edits(text: str, start: int, end: int, rules: _Rules, lifted: _Lifted) -> list[Edit]:
    line = text[start:end]
    if not line.strip() or (len(line) > MAX_CHROME_LINE and not _could_be_metadata(line, rules)):
        return []
    for pattern in rules.breadcrumbs:
        crumb = pattern.match(line.lstrip(SPACES))
        if crumb and _is_trail(crumb.group("crumbs")):
            offset = start + len(line) - len(line.lstrip(SPACES)) + crumb.start("crumbs")
            trail = " > ".join(_crumbs(crumb.group("crumbs")))
            lifted.add("breadcrumb", trail, offset, offset + len(crumb.group("crumbs").rstrip()))
            return [_drop_line(text, start, end, "page chrome: breadcrumb trail")]
    if rules.control_line.fullmatch(line) and not rules.label.search(line):
        return [_drop_line(text, start, end, "page chrome: page controls line")]
    for pattern, what in rules.whole_lines:
        if pattern.fullmatch(line.strip()):
            return [_drop_line(text, start, end, f"page chrome: {what}")]
    spans = _inline_spans(line, rules)
    chrome = {start + a: start + b for a, b, _ in spans}
    edits = _metadata_line(text, start, end, rules, lifted, chrome)
    taken = [(e.start - start, e.end - start) for e in edits if e.before]
    spans = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in taken)]
    if spans and _covers(line, spans):
        return [_drop_line(text, start, end, spans[0][2])]
    edits += [Edit(start + a, start + b, line[a:b], "", "", why) for a, b, why in spans]
    return edits


def _could_be_metadata(line: str, rules: _Rules) -> bool:
    """A long line may still open with metadata (a title glued after it)."""
    return rules.label.match(line.lstrip(SPACES + "(（【[")) is not None


def _is_trail(crumbs: str) -> bool:
    return bool(crumbs.strip()) and not re.search(r"[。！？；]", crumbs) and len(crumbs) < 120


def _crumbs(trail: str) -> list[str]:
    return [c for c in re.split(r"\s*(?:>>|>|＞|›|»|→|/)\s*", trail.strip()) if c]


def _inline_spans(line: str, rules: _Rules) -> list[tuple[int, int, str]]:
    """Chrome pieces inside a line: font switches, share bars, bracketed controls."""
    spans: list[tuple[int, int, str]] = []
    for m in rules.inline.finditer(line):
        spans.append((m.start(), m.end(), f"page chrome: {rules.inline_what[m.lastgroup or '']}"))
    spans += [
        (m.start(), m.end(), "page chrome: page control")
        for m in rules.bracketed_control.finditer(line)
    ]
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if span[1] > span[0] and (not kept or span[0] >= kept[-1][1]):
            kept.append(span)
    return kept


def _covers(line: str, spans: list[tuple[int, int, str]]) -> bool:
    """The spans leave nothing on the line but spaces and separators."""
    rest, cursor = [], 0
    for a, b, _ in spans:
        rest.append(line[cursor:a])
        cursor = b
    rest.append(line[cursor:])
    return not re.sub(r"[\s|｜丨:：]", "", "".join(rest))


# Footer ---------------------------------------------------------------------------------


def _footer_line(line: str, rules: _Rules) -> tuple[bool, str] | None:
    """(strong, what matched) if `line` is a footer line."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_CHROME_LINE:
        return None
    found: tuple[bool, str] | None = None
    match = rules.footer.match(stripped)
    if match:
        found = (match.lastgroup in rules.strong, match.group())
    if found is None or not found[0]:
        for hint in rules.marks_scan.finditer(stripped):
            mark = rules.footer_marks.match(stripped, hint.start())
            if mark is None:
                continue
            if found is None or mark.lastgroup in rules.strong:
                found = (mark.lastgroup in rules.strong, mark.group())
    return found


def _footer_edits(text: str, rules: _Rules) -> tuple[int, list[Edit]]:
    """The footer block ending the page: (where it starts, edits removing it)."""
    last_end = len(text.rstrip())
    last_start = text.rfind("\n", 0, last_end) + 1
    last_start += len(text[last_start:last_end]) - len(text[last_start:last_end].lstrip())
    if not (
        rules.footer_scan.match(text, last_start)
        or rules.marks_scan.search(text, last_start, last_end)
    ):
        return len(text), []  # the usual case: the last line is no footer line
    lines: list[tuple[int, int, bool, str]] = []
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        stop = end - 1 if text[end - 1] == "\r" else end
        line = text[start:stop]
        if line.strip():
            found = _footer_line(line, rules)
            if found is None:
                break
            lines.append((start, stop, found[0], found[1]))
        end = start - 1
    if not any(strong for _, _, strong, _ in lines):
        return len(text), []
    edits = [_drop_line(text, a, b, f"page chrome: footer ({what})") for a, b, _, what in lines]
    return min(a for a, _, _, _ in lines), sorted(edits, key=lambda e: e.start)


# Metadata lines ------------------------------------------------------------------------


@dataclass
class _Field:
    key: str
    start: int  # of the value, in the text
    end: int
    labelled: bool
    rank: int = 1

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _metadata_line(
    text: str, start: int, end: int, rules: _Rules, lifted: _Lifted, chrome: dict[int, int]
) -> list[Edit]:
    """Lift a metadata line's fields; the edits are its trailing controls and a lost line break.

    `chrome` maps the start of each inline chrome span on the line to its end: skipped.
    """
    fields, controls, pos = _fields(text, start, end, rules, chrome)
    if not _is_metadata(fields) or CLOSING.fullmatch(text, pos, end) is None:
        return []  # not a line made of fields
    edits = [Edit(a, b, text[a:b], "", "", "page chrome: page control") for a, b in controls]
    for item in fields:
        value = text[item.start : item.end]
        if item.key == "published":
            lifted.add("published", _iso(value), *item.span, rank=item.rank)
        elif item.key in NAME_KEYS and item.end == end and len(value) > MAX_NAME:
            edits += _glued_name(text, item, lifted)
        else:
            simplified = rules.source_names.get(value) or _simplified(value)
            lifted.add(item.key, simplified, *item.span, rank=item.rank)
    return edits


def _glued_name(text: str, item: _Field, lifted: _Lifted) -> list[Edit]:
    """A name running into the next line's text: lift the name, restore the line break."""
    value = text[item.start : item.end]
    cut, guess = _name_cut(text, value)
    if cut is None:  # a short title-like value ("新华社记者"): keep it whole
        lifted.add(item.key, _simplified(value), *item.span, rank=item.rank)
        return []
    name = _simplified(value[:cut])
    lifted.add(item.key, name, item.start, item.start + cut, guess, item.rank)
    reason = "metadata line runs into the next line's text: line break restored"
    at = item.start + cut
    return [Edit(at, at, "", "\n", "", reason, 0.5 if guess else 0.9)]


def _fields(
    text: str, start: int, end: int, rules: _Rules, chrome: dict[int, int]
) -> tuple[list[_Field], list[tuple[int, int]], int]:
    """Fields from the line start: (fields, control spans, where parsing stopped)."""
    fields: list[_Field] = []
    controls: list[tuple[int, int]] = []
    pos = OPENING.match(text, start, end).end()  # type: ignore[union-attr]
    while pos < end:
        label = rules.label.match(text, pos, end)
        if pos in chrome:
            pos = chrome[pos]
        elif label:
            key = rules.label_keys[label.group("label")]
            pattern = DATE if key == "published" else rules.value
            value = pattern.match(text, label.end(), end)
            if value is None:
                break
            rank = rules.label_ranks[label.group("label")]
            fields.append(_Field(key, value.start(), value.end(), True, rank))
            pos = value.end()
        elif (date := DATE.match(text, pos, end)) is not None:
            fields.append(_Field("published", date.start(), date.end(), False))
            pos = date.end()
        elif (source := rules.source.match(text, pos, end)) is not None:
            fields.append(_Field("source", source.start(), source.end(), False))
            pos = source.end()
        elif fields and (control := rules.control.match(text, pos, end)) is not None:
            controls.append(control.span())
            pos = control.end()
        else:
            break
        pos = SEPARATOR.match(text, pos, end).end()  # type: ignore[union-attr]
    return fields, controls, pos


def _is_metadata(fields: list[_Field]) -> bool:
    """Some field has a label, or a date stands with a known outlet."""
    filled = [f for f in fields if f.end > f.start]
    if any(f.labelled for f in filled):
        return True
    keys = {f.key for f in filled}
    return {"published", "source"} <= keys


def _iso(value: str) -> str:
    match = DATE.match(value)
    return value if match is None else iso_from_match(match)


def _name_cut(text: str, value: str) -> tuple[int | None, bool]:
    """Where a name glued to following text ends: (length or None, is a guess).

    The glued text usually repeats the start of another line (the headline);
    else a long run is cut after the commonest name length, as a guess.
    """
    starts = {line.strip(SPACES)[:HEADLINE_ECHO] for line in text.splitlines()}
    for size in range(2, MAX_NAME + 1):
        echo = value[size : size + HEADLINE_ECHO]
        if len(echo) == HEADLINE_ECHO and echo in starts:
            return size, False
    if len(value) >= MIN_GLUED:
        return GUESSED_NAME, True
    return None, False


def _simplified(value: str) -> str:
    return convert("t2s", value) if value else value


def _store(doc: Document, lifted: _Lifted) -> None:
    """Lifted facts into doc.metadata; a value ingest already set is kept."""
    if not lifted.facts:
        return
    spans: dict[str, list[int]] = doc.metadata.setdefault("metadata_spans", {})
    for key, (value, start, end, guess) in lifted.facts.items():
        existing = doc.metadata.get(key)
        if existing is None:
            doc.metadata[key] = value
        elif str(existing).replace(" ", "T") != str(value):
            continue
        spans[key] = [start, end]
        if guess:
            doc.metadata.setdefault("metadata_guesses", []).append(key)
    if not spans:
        del doc.metadata["metadata_spans"]
