"""Line breaks a document lost, found again (part of the segment stage).

Official documents copied from some sites arrive as one line: title, 文号, addressee, body,
headings, signature, date and 附件 run together ("…的批复国函〔2013〕19号安全监管总局:你局…").
`restore_lines` cuts such a line into the lines it had.  Nothing in the text changes: each
piece is a `Line` whose span points into the original line, so the raw text, the edit log
and every fact's span stay exact; `doc.metadata["restored_breaks"]` records how many cuts
were made and where.

A line is read this way only when it is long and carries a document number near its start
(or opens with 中华人民共和国国务院令): prose lines of news never look like that.

Cuts, each one a rule true of official documents in general:
- the title ends where the 文号 begins, and the 文号 is a line of its own;
- a short run ending in ：right after the 文号 is the addressee (主送机关);
- "…如下：" / "…以下意见：" ends a paragraph (the text that follows is the content);
- a heading marker 一、 / （一） / 第一条 / 1. starts a line after a sentence end, a colon, a
  heading, or the title, when its number continues its own sequence (so 三、七分成 is not a
  heading: it follows no sentence end, and 三 would not continue the numbering);
- a heading 一、 glued to its first sentence ("一、主要职能在国务院领导下，…") ends where a
  paragraph opener begins (data/paragraph_openers.tsv, or a short name the text itself
  introduced with 以下简称);
- the signature (issuer and date after a sentence end) is a line, and so is the date;
- 附件 / （此件公开发布） start lines, and an attachment's title (announced as 附件：X) is a
  line of its own where the attachment begins.
"""

from __future__ import annotations

import re
from functools import cache

from zhengce.lexicon import load_table
from zhengce.segment import patterns as pat
from zhengce.segment.lines import Line

MIN_RUN_TOGETHER = 200  # characters; a shorter line is left as it is
NUMBER_REACH = 250  # the 文号 is looked for in the first characters of the line
MAX_ADDRESSEE = 90
MAX_SIGNATURE = 30  # issuer names before the closing date
MAX_GLUED_HEADING = 40
_CN = "一二三四五六七八九十"
_DECREE = re.compile(r"^中华人民共和国国务院令")
_DIGIT = "[〇○零一二三四五六七八九]"
_MONTH_DAY = "(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = (
    rf"(?:(?:19|20)\d\d年\d{{1,2}}月\d{{1,2}}日|{_DIGIT}{{4}}年{_MONTH_DAY}月{_MONTH_DAY}日"
    rf"|{_DIGIT}{{4}}[年天]{_MONTH_DAY}月{_MONTH_DAY}日)"
)
# A signature: the issuer (names and spacing, no punctuation) and a date right after a
# sentence end, not followed by words that make the date part of a sentence (起施行, 以前).
_SIGNATURE = re.compile(
    rf"(?<=[。！；）)”])(?P<issuer>[\u4e00-\u9fff\s\u3000]{{2,{MAX_SIGNATURE}}}?)(?P<date>{_DATE})"
    r"(?![起前后以至到的，、。及和止])"
)
_LEAD_IN = re.compile(r"(?:如下|以下意见|以下通知|以下决定|意见如下|通知如下)[：:]")
_ANNEX = re.compile(r"(?<=[。；\u4e00-\u9fff）)])(?=附件[\d一二三四五六七八九十]*[：:])")
_ANNOUNCED_ANNEX = re.compile(
    r"附件[\d一二三四五六七八九十]*[：:](?P<title>[^。：:（(]{4,60}?)(?=附件|国|$)"
)
_NOTE = re.compile(r"[（(]此件(?:公开发布|有删减|不公开)[）)]|[（(]本文有删减[）)]")
_HEADING = re.compile(
    rf"(?P<marker>(?P<cn>[{_CN}]{{1,3}})、|[（(](?P<sub>[{_CN}]{{1,3}})[）)]"
    rf"|第(?P<art>[{_CN}百零]{{1,6}})条|(?P<point>\d{{1,2}})[.．](?!\d))"
)
_AFTER_BREAK = "。：:；;！？）)”"
_ABBREVIATION = re.compile(r"以下简称[“\"]?(?P<name>[\u4e00-\u9fff]{2,8}?)[”\"]?[）)]")
MAX_NUMBER_CODE = 8  # 国办发, 安监总管一, 发改能源: the code before the bracket is short
_TITLE_WORDS = (
    "的(?:若干|指导|实施|紧急)?"
    "(?:批复|复函|函|通知|通报|意见|决定|规划|方案|报告|决议|纲要|办法|规定|细则|公告|通告|请示)"
)
# The title's closing words, perhaps spaced out (请 示 的 通 知) as some pages print them.
_TITLE_END = re.compile(
    "".join(ch + r"[ \u3000]*" if ch not in "()?:|" else ch for ch in _TITLE_WORDS)
    + r"(?:[（(][^）)]{1,12}[）)])?"
)
_DECREE_NUMBER = re.compile(r"中华人民共和国国务院令\s*第[\s\u3000]*\d+[\s\u3000]*号")
_SENTENCE_END = re.compile(r"[。；;！？]")
_CLAUSE_END = re.compile(r"[，。；：、,;:]")


@cache
def _openers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in load_table("paragraph_openers"))


@cache
def _known_signature() -> re.Pattern[str]:
    """A known issuing body (its characters perhaps spaced out: 国 务 院) and a date."""
    names = sorted((row["name"] for row in load_table("issuing_bodies")), key=len, reverse=True)
    spaced = "|".join(r"[\s\u3000]*".join(map(re.escape, name)) for name in names)
    return re.compile(
        rf"(?:{spaced})(?:[\s\u3000]*(?:{spaced}))*[\s\u3000]*(?P<date>{_DATE})"
        r"(?![起前后以至到的，、。及和止])"
    )


def is_run_together(line: Line) -> bool:
    """Whether a line looks like a whole official document that lost its line breaks."""
    if len(line.text) < MIN_RUN_TOGETHER:
        return False
    head = line.text[:NUMBER_REACH]
    if _DECREE.match(head):
        return True
    if not ("〔" in head or "[" in head or "［" in head):
        return False
    number = pat.DOC_NUMBER.search(head)
    # The number follows the title straight away: no sentence has ended before it.
    return (
        number is not None
        and "。" not in head[: number.start()]
        and "，" not in head[: number.start()]
    )


def restore_lines(line: Line) -> list[Line]:
    """The lines a run-together document had (the line itself when none are found)."""
    text = line.text
    cuts: set[int] = set()
    number = pat.DOC_NUMBER.search(text, 0, NUMBER_REACH)
    if number is not None:
        cuts.update((_number_start(text, number), number.end()))
        colon = re.compile(r"[：:]").search(text, number.end(), number.end() + MAX_ADDRESSEE)
        if colon is not None and "。" not in text[number.end() : colon.start()]:
            cuts.add(colon.end())
    decree = _DECREE_NUMBER.match(text)
    if decree is not None:
        cuts.add(decree.end())
    for found in _LEAD_IN.finditer(text):
        cuts.add(found.end())
    for found in _NOTE.finditer(text):
        cuts.update((found.start(), found.end()))
    for found in _SIGNATURE.finditer(text):
        cuts.update((found.start("issuer"), found.start("date"), found.end("date")))
    for found in _known_signature().finditer(text):
        cuts.update((found.start(), found.start("date"), found.end("date")))
    announced = [m.group("title") for m in _ANNOUNCED_ANNEX.finditer(text)]
    for found in _ANNEX.finditer(text):
        cuts.add(found.start())
    for title in announced:
        _cut_annex_title(text, title, cuts)
    _cut_headings(text, cuts, _abbreviations(text))
    starts = sorted(c for c in cuts if 0 < c < len(text))
    pieces: list[Line] = []
    previous = 0
    for cut in [*starts, len(text)]:
        piece = text[previous:cut]
        content = piece.strip(" \u3000\t")
        if content:
            offset = previous + piece.index(content)
            pieces.append(Line(line.start + offset, line.start + offset + len(content), content))
        previous = cut
    return pieces


def _number_start(text: str, number: re.Match[str]) -> int:
    """Where the 文号 starts: after the title's closing 文种 word (…的批复|国函〔2013〕19号),
    else the issuer's short code just before the bracket (国发, 国办发: at most a few
    characters)."""
    bracket = min(i for i in (text.find(c, number.start()) for c in "〔［[") if i >= 0)
    title_end = None
    for found in _TITLE_END.finditer(text, 0, bracket):
        title_end = found.end()
    if title_end is not None and bracket - title_end <= MAX_NUMBER_CODE:
        return title_end
    return max(number.start(), bracket - MAX_NUMBER_CODE)


def _abbreviations(text: str) -> list[str]:
    return list(dict.fromkeys(m.group("name") for m in _ABBREVIATION.finditer(text)))


def _cut_annex_title(text: str, title: str, cuts: set[int]) -> None:
    """Where the attachment begins ("附件" + its announced title), its title is a line."""
    for found in re.finditer("附件" + re.escape(title), text):
        if text[found.end() : found.end() + 1] not in "：:":
            cuts.update((found.start(), found.start() + 2, found.end()))


def _cut_headings(text: str, cuts: set[int], abbreviations: list[str]) -> None:
    last: dict[str, int] = {}
    for found in _HEADING.finditer(text):
        start = found.start()
        before = text[start - 1] if start else ""
        if start and before not in _AFTER_BREAK and start not in cuts:
            continue
        kind, value = _marker_value(found)
        if value is None or value not in (1, last.get(kind, 0) + 1):
            continue
        if kind == "point" and before not in "。：:；;":
            continue
        last[kind] = value  # （一） may restart in each part or run straight through: both pass
        if kind == "cn":
            last.pop("point", None)
        cuts.add(start)
        if kind == "cn":
            end = _glued_heading_end(text, found.end(), abbreviations)
            if end is not None:
                cuts.add(end)


def _marker_value(found: re.Match[str]) -> tuple[str, int | None]:
    from zhengce.extract.outline import numeral_value

    for kind in ("cn", "sub", "art", "point"):
        if found.group(kind):
            return kind, numeral_value(found.group(kind))
    return "", None


def _glued_heading_end(text: str, start: int, abbreviations: list[str]) -> int | None:
    """Where a heading "一、主要职能" ends when its paragraph follows without a break."""
    clause_end = _CLAUSE_END.search(text, start)
    stop = clause_end.start() if clause_end else len(text)
    if stop - start > MAX_GLUED_HEADING * 2:
        stop = start + MAX_GLUED_HEADING * 2
    sentence_end = _SENTENCE_END.search(text, start)
    reach = min(sentence_end.start() if sentence_end else len(text), start + MAX_GLUED_HEADING * 2)
    sub = _HEADING.search(text, start, reach)
    if sub is not None and sub.group("sub") and sub.start() - start >= 2:
        return sub.start()  # "二、总体要求（一）指导思想。" — the sub-item is the cut
    for position in range(start + 2, min(stop, start + MAX_GLUED_HEADING)):
        rest = text[position:stop]
        if any(rest.startswith(name) for name in abbreviations) or any(
            opener.match(text, position) for opener in _openers()
        ):
            return position
    return None  # no opener: a sentence-title item ("一、实行亏损补贴。…"), one paragraph


# Pages that linked a word (wiki copies) break the line around the link: "…所作的" /
# "政府工作报告" / "。会议充分肯定…".  A line that opens with closing punctuation continues the
# line before it, and so does a short unpunctuated line between the two.
_CONTINUES = "。，、；：）》”！？,;:)"
MAX_LINK_LINE = 30
_PUNCTUATED = re.compile(r"[。，、；：！？,;:!?]")


def rejoin_broken(text: str, lines: list[Line]) -> list[Line]:
    """Lines broken around a link joined again (their span covers the break)."""
    if not any(line.text[0] in _CONTINUES for line in lines[1:]):
        return lines
    result: list[Line] = []
    for line in lines:
        if result and line.text[0] in _CONTINUES:
            first = result.pop()
            if (
                result
                and len(first.text) <= MAX_LINK_LINE
                and not _PUNCTUATED.search(first.text)
                and result[-1].text[-1] not in "。！？：:"
            ):
                first = result.pop()
            result.append(Line(first.start, line.end, text[first.start : line.end]))
        else:
            result.append(line)
    return result
