"""Targets: dated and quantified goals (到2020年…, 争取再用10年左右时间…, 力争…达到30%).

A target is the stretch of a sentence from its start (or from the previous goal cue in the
same sentence) to its end, around a goal cue:
- a date: 到2035年, 到本世纪中叶 (2050), 到"十四五"末 (the plan's last year);
- a span of time: 再用10年左右时间, 3年内, 今年底前 — the year is resolved from an earlier
  dated goal of the same paragraph when the text builds on it (在此基础上, 再用…), else from
  the document's own date, else left null;
- a quantified aim: 力争/争取/确保/目标 with a number and unit (30%, 1000亿元, 500万亩).
Sentences of completed action (已…, …了) report results, not goals, and are skipped.
"""

from __future__ import annotations

import re

from zhengce.model import Document, Paragraph, Target

NUMERAL = "一二三四五六七八九十两"
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
COUNT = rf"\d+|[{NUMERAL}]{{1,3}}"
PLAN_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}

DATED = re.compile(
    r"(?:到|至)(?P<year>(?:19|20)\d{2})年(?:底|末|前后|前|左右)?"
    r"|(?:到|至)本世纪中叶"
    r"|(?:到|至)[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:期末|末)"
)
RELATIVE = re.compile(
    rf"(?P<again>再)?用(?P<n>{COUNT})年(?P<about>左右)?(?:的)?时间"
    rf"|(?P<within>{COUNT})年内"
    r"|(?P<this_year>今年(?:年)?底前|年内|本年度内)"
    r"|(?P<next_year>明年(?:底前)?)"
)
GOAL = re.compile(r"力争|争取|确保|目标是|目标为|预期目标|主要目标|奋斗目标")
QUANTITY = re.compile(
    r"(?:百分之[一二三四五六七八九十百点]+"
    r"|\d+(?:\.\d+)?(?:%|％|个百分点|[万亿千百]*(?:元|美元|吨|亩|公里|千米|千瓦|千瓦时|立方米"
    r"|平方米|平方公里|人次|人|户|个|家|项|座|套|辆|台|斤|公斤|所|张|条|倍)"
    r"|[万亿千百]+))"
)
SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# What every cue above must contain (到2035, 到本世纪, 到“十四五, 用10年, 年内, 今年, 明年,
# 本年度内, a GOAL word): a paragraph without any of these has no target, and one scan of
# this short pattern is far cheaper than the cue patterns tried at every position.  Every
# branch starts with a plain character (到…|至…, not [到至]…): then `re` skips ahead to the
# next character that starts a branch instead of trying the pattern at every position.
_AFTER_TO = r"(?:[“\"]?十|19|20|本)"
CUE_HINT = re.compile(
    rf"到{_AFTER_TO}|至{_AFTER_TO}|用[\d{NUMERAL}]|年内|今年|明年|年度内|力争|争取|确保|目标"
)
BUILDS_ON = re.compile(r"在此基础上|此后|再用|再经过")
# 了 / 已 mark a result already reached; 为了 / 了解 are not that particle.  The lookbehind
# comes after 了 so that every branch starts with a plain character (see CUE_HINT).
DONE = re.compile(r"已经|了(?<![为除]了)(?![解])|已(?![有知])|截至")


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            CN_DIGITS.get(ones, 0) if ones else 0
        )
    return CN_DIGITS.get(text)


def document_year(doc: Document) -> int | None:
    """The year a document speaks from: its event date, else its publication time."""
    meta = doc.metadata
    event = meta.get("event_date")
    if isinstance(event, dict) and isinstance(event.get("year"), int):
        year: int = event["year"]
        return year
    for key in ("published", "date"):
        value = meta.get(key)
        if isinstance(value, str):
            m = re.search(r"(?:19|20)\d{2}", value)
            if m:
                return int(m.group())
    return None


def _cues(sentence: str) -> list[re.Match[str]]:
    cues = list(DATED.finditer(sentence)) + list(RELATIVE.finditer(sentence))
    if not cues:
        goal = GOAL.search(sentence)
        if goal and QUANTITY.search(sentence, goal.end()):
            cues = [goal]
    return sorted(cues, key=lambda m: m.start())


def _resolve(cue: re.Match[str], anchor: int | None, home: int | None) -> tuple[int | None, str]:
    """The year a cue names, with a note saying how it was read."""
    groups = cue.groupdict()
    if cue.re is DATED:
        if groups.get("year"):
            return int(groups["year"]), "year stated"
        if groups.get("plan"):
            plan = groups["plan"]
            return PLAN_END[plan], f"end of the {plan} plan period"
        return 2050, "本世纪中叶 read as 2050, the date of the second centenary goal"
    if cue.re is RELATIVE:
        if groups.get("this_year"):
            return (
                home,
                "this year, from the document's date" if home else "this year; date unknown",
            )
        if groups.get("next_year"):
            year = home + 1 if home else None
            return (
                year,
                "next year, from the document's date" if home else "next year; date unknown",
            )
        n = _count(groups.get("n") or groups.get("within") or "")
        about = " (about)" if groups.get("about") else ""
        base, whence = (
            (anchor, "the goal before it")
            if anchor and groups.get("again")
            else (
                home,
                "the document's date",
            )
        )
        if n is None or base is None:
            return None, f"{cue.group()}: no date to count from"
        return base + n, f"{n} years after {base}, {whence}{about}"
    return None, "quantified goal without a date"


def paragraph_targets(para: Paragraph, home: int | None) -> list[Target]:
    found: list[Target] = []
    if not CUE_HINT.search(para.text):
        return found
    anchor: int | None = None
    for sent in SENTENCE.finditer(para.text):
        sentence = sent.group()
        if not CUE_HINT.search(sentence) or DONE.search(sentence):
            continue
        cues = _cues(sentence)
        for i, cue in enumerate(cues):
            begin = 0 if i == 0 else cue.start()
            end = cues[i + 1].start() if i + 1 < len(cues) else len(sentence.rstrip("。；;！!？?"))
            text = sentence[begin:end].rstrip("，,、 ")
            year, note = _resolve(cue, anchor if BUILDS_ON.search(sentence) else None, home)
            quantity = QUANTITY.search(text)
            start = para.start + sent.start() + begin
            found.append(
                Target(
                    text,
                    start,
                    start + len(text),
                    year,
                    quantity.group() if quantity else None,
                    note,
                )
            )
            if year is not None:
                anchor = year
    return found


def find_targets(doc: Document) -> None:
    """Analysis stage: fill doc.targets from body paragraphs (the whole text if none yet)."""
    home = document_year(doc)
    paragraphs = [p for p in doc.paragraphs if p.kind == "body"]
    if not doc.paragraphs:
        paragraphs = [Paragraph(doc.text, 0, len(doc.text))]
    doc.targets = [t for p in paragraphs for t in paragraph_targets(p, home)]
