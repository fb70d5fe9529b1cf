"""Targets: dated and quantified goals (到2020年…, 争取再用10年左右时间…, 力争…达到30%).

A target is the stretch of a sentence from its start (or from the previous goal cue in the
same sentence) to its end, around a goal cue:
- a date: 到2035年, 到本世纪中叶 (2050), 到"十四五"末 (the plan's last year);
- a span of time: 再用10年左右时间, 3年内, 今年底前 — the year is resolved from an earlier
  dated goal of the same paragraph when the text builds on it (在此基础上, 再用…), else from
  the document's own date, else left null;
- a quantified aim: 力争/争取/确保/目标 with a number and unit (30%, 1000亿元, 500万亩).
Sentences of completed action (已…, …了) report results, not goals, and are skipped.

Quantified goals are read clause by clause, as fields (`metric`, `comparator`, `value`,
`unit`): a sentence is cut at ，；： (and at 、 between two quantified parts), and a clause is a
target when it holds a quantity and the sentence sets a goal — a date cue, a goal word, a
comparator of a goal (以上, 左右, 不低于, 不超过, 控制在…), a planning verb (拟, 安排, 提高…),
or "今年" in a plan (a work report's tasks).  A list opened by 目标是： (a work report's 主要预期
目标) gives one target per clause, quantified or not.  Comparisons with last year (比上年增加…)
and the review part of a report (…工作回顾) are results, not goals.  A plan period without a
year ("十二五"期间) gives the period's last year, marked `year_inferred`.
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
    dates = meta.get("dates")
    if isinstance(dates, dict):
        for key in ("delivered", "signed", "adopted"):
            value = dates.get(key)
            if isinstance(value, str) and value[:4].isdigit():
                return int(value[:4])
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


def paragraph_targets(para: Paragraph, home: int | None, plan: bool = False) -> list[Target]:
    found: list[Target] = []
    period = "期间" in para.text or "时期" in para.text  # PLAN_PERIOD needs one of them
    if (
        not CUE_HINT.search(para.text)
        and not (plan and QUANTITY_HINT.search(para.text))
        and not (period and PLAN_PERIOD.search(para.text))
    ):
        return found
    anchor: int | None = None
    in_list = False  # inside a 目标是：…；…；… list, which runs to the sentence's 。
    for sent in SENTENCE.finditer(para.text):
        sentence = sent.group()
        if not (plan or in_list or CUE_HINT.search(sentence) or period):
            continue  # outside plans a sentence without a goal cue sets no goal
        listed = in_list or GOAL_LIST.search(sentence) is not None
        in_list = listed and not sentence.endswith(("。", "！", "？", "!", "?"))
        if DONE.search(sentence) or PAST.search(sentence):
            continue
        offset = para.start + sent.start()
        fields = clause_targets(sentence, offset, home, plan, listed)
        if fields:
            found += fields
            continue
        if not CUE_HINT.search(sentence):
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
    from zhengce.extract.outline import outline_path_at

    home = document_year(doc)
    paragraphs = [p for p in doc.paragraphs if p.kind == "body"]
    if not doc.paragraphs:
        paragraphs = [Paragraph(doc.text, 0, len(doc.text))]
    review = _review_spans(doc)
    plan = doc.metadata.get("doc_type") in PLAN_TYPES
    found = []
    for para in paragraphs:
        if any(a <= para.start < b for a, b in review):
            continue
        found += paragraph_targets(para, home, plan)
    for target in found:
        target.outline_path = outline_path_at(doc, target.start)
    doc.targets = found


PLAN_TYPES = ("政府工作报告", "规划", "方案", "意见", "指导意见", "决定", "通知")
_REVIEW = re.compile(r"回顾|总结")


def _review_spans(doc: Document) -> list[tuple[int, int]]:
    """The parts of a document that review past work (一、2023年工作回顾)."""
    return [(o.start, o.end) for o in doc.outline if o.level == 1 and _REVIEW.search(o.title)]


# Quantified goals as fields ------------------------------------------------------------------

QUANTITY_HINT = re.compile(r"\d|百分之")
PAST = re.compile(r"(?<![比较])去年|(?<![比较])上年|过去一年|过去五年|过去的一年")
GOAL_LIST = re.compile(r"(?:预期目标|主要目标|发展目标|目标任务|目标)(?:是|为)[：:]")
CLAUSE = re.compile(r"[^，,；;：:。]+")
COMPARISON = re.compile(r"^(?:比上年|比去年|较上年|同比|比\d{4}年)")
AFTER = re.compile(r"^(?P<cmp>以上|左右|以内|以下|上下)")
BEFORE = re.compile(
    r"(?P<cmp>不低于|不高于|不超过|不少于|不多于|控制在|超过|达到|提高|降低|增长|下降|减少|增加)$"
)
PLANNING = re.compile(r"拟|安排|新增|建设|建成|发行|力争|争取|确保|目标|达到|提高|控制在|完成|实现")
VALUE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>%|％|个百分点|[万亿千百]*(?:元|美元|吨|亩|公里|千米|千瓦时/千克|千瓦时"
    r"|千瓦|立方米|平方米|平方公里|人次|人|户|个|家|项|座|套|辆|台|斤|公斤|所|张|条|倍)|[万亿千百]+)"
)
RANGE_END = re.compile(r"(?:19|20)\d\d\s*[—–\-~至到]\s*(?P<year>(?:19|20)\d\d)年")
PLAN_PERIOD = re.compile(r"[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?(?:期间|时期)")
THIS_YEAR = re.compile(r"今年|本年度|年内")
_METRIC_LEAD = re.compile(r"^(?:今年|同时|其中|并|要|拟安排|拟|安排|力争|确保|争取|总)+")
_METRIC_TAIL = re.compile(
    r"(?:拟按|拟安排|达到|为|保持在|控制在|不低于|不高于|不超过|不少于|超过)$"
)


def _pieces(sentence: str) -> list[tuple[int, str]]:
    """Clauses of a sentence (offset, text); 、 cuts a clause between two quantified parts."""
    result = []
    for clause in CLAUSE.finditer(sentence):
        parts = clause.group().split("、")
        if len(parts) > 1 and sum(1 for part in parts if VALUE.search(part)) == len(parts):
            offset = clause.start()
            for part in parts:
                result.append((offset, part))
                offset += len(part) + 1
        else:
            result.append((clause.start(), clause.group()))
    return result


def clause_targets(
    sentence: str, offset: int, home: int | None, plan: bool, in_list: bool = False
) -> list[Target]:
    """The quantified goals of one sentence, one target per clause, as fields.

    Once a clause of the sentence is a goal, the quantified clauses after it are too (a
    list of figures: 赤字率拟按3%安排，赤字规模4.06万亿元).  A clause opening with 预计 is a
    forecast, and one opening with 比上年 a comparison: neither is a goal.
    """
    goal_list = GOAL_LIST.search(sentence)
    if not in_list and not QUANTITY_HINT.search(sentence):
        return []
    cue = bool(
        DATED.search(sentence) or GOAL.search(sentence) or goal_list or PLAN_PERIOD.search(sentence)
    )
    if not (cue or plan or in_list):
        return []  # outside plans (news, reports of meetings) a goal needs its cue
    this_year = plan and bool(THIS_YEAR.search(sentence))
    found: list[Target] = []
    for start, clause in _pieces(sentence):
        text = clause.strip()
        if not text or COMPARISON.match(text) or text.startswith("预计"):
            continue
        lead = len(clause) - len(clause.lstrip())
        value = VALUE.search(text)
        listed = in_list and (goal_list is None or start >= goal_list.end())
        if value is None and not listed:
            continue
        if value is not None and not listed and not found:
            before, after = text[: value.start()], text[value.end() :]
            goal = cue or this_year or AFTER.match(after) or BEFORE.search(before)
            if not goal and not PLANNING.search(before):
                continue
        year, note, inferred = _sentence_year(sentence[: start + len(clause)], home, plan)
        found.append(_target(text, value, offset + start + lead, year, note, inferred))
    return found


def _sentence_year(sentence: str, home: int | None, plan: bool) -> tuple[int | None, str, bool]:
    """The year of a clause: the last date cue up to its end, else the sentence's period."""
    cues = list(DATED.finditer(sentence))
    dated = cues[-1] if cues else None
    if dated and dated.group("year"):
        return int(dated.group("year")), "year stated", False
    if dated and dated.group("plan"):
        return PLAN_END[dated.group("plan")], f"end of the {dated.group('plan')} plan", True
    ranged = RANGE_END.search(sentence)
    if ranged:
        return int(ranged.group("year")), "end of the period stated", False
    period = PLAN_PERIOD.search(sentence)
    if period:
        name = period.group("plan")
        return PLAN_END[name], f"{name}期间 read as its last year", True
    if home is not None and (THIS_YEAR.search(sentence) or plan):
        return home, "this year, from the document's date", False
    return None, "quantified goal without a date", False


def _target(
    text: str,
    value: re.Match[str] | None,
    start: int,
    year: int | None,
    note: str,
    inferred: bool,
) -> Target:
    metric, comparator, number, unit = text, None, None, None
    if value is not None:
        before, after = text[: value.start()], text[value.end() :]
        after_cmp = AFTER.match(after)
        before_cmp = BEFORE.search(before)
        comparator = after_cmp.group("cmp") if after_cmp else None
        if comparator is None and before_cmp:
            comparator = before_cmp.group("cmp")
        metric = _METRIC_TAIL.sub("", _METRIC_LEAD.sub("", before)).strip() or text
        number = float(value.group("number"))
        unit = value.group("unit")
    return Target(
        text,
        start,
        start + len(text),
        year,
        value.group() if value else None,
        note,
        metric=metric,
        comparator=comparator,
        value=number,
        unit=unit,
        year_inferred=inferred,
    )
