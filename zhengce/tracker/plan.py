"""Draft a 分工方案 (task list) from a read `Document`.

One task per actionable item: an outline leaf (（五）加快转变政府职能), or, when a leaf holds
several paragraphs, one per paragraph (a measure group: the work report's
"推动产业链供应链优化升级。…" under 三、（一）).  A leaf with no measure at all still gets one
task, so every outline item is covered.  The 主要预期目标 sentence gives one indicator task
per goal ("城镇新增就业1200万人以上" -> metric 城镇新增就业, 以上, 1200, 万人).

Each task is a plain dict:

    number, outline_path, title, text, span [start, end], kind (item | group | indicator),
    source {doc_id, start, end, quote}     quote == doc.text[start:end], a whole sentence
    lead_units, supporting_units           [{name, as_written}]
    units_from                             text | suggested | none
    guess, unit_evidence                   suggested units are guesses, with the words that
                                           matched data/tracker_lead_suggestions.tsv
    deadline {kind: date | within_year | ongoing | none, date, text}
    indicator {metric, comparator, value, unit, year} or None

Units come from the text first: brackets "（国家发展改革委牵头，财政部、商务部等参与）" and
"（…按职责分工负责：the first named leads, 列第一位的为牵头单位）", "牵头单位：…" lines, the
bodies the pipeline found charged in the task's span, and aliases the text defines
("（以下称三省人民政府）").  Only where the text names none is a lead suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from zhengce.extract.outline import match_heading
from zhengce.extract.targets import document_year
from zhengce.extract.units import unit_name
from zhengce.lexicon import load_table, parse_table
from zhengce.model import Document, OutlineItem

# A sentence ends at 。！？ or a line break; ； only separates clauses inside it.
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
CLAUSE = re.compile(r"[^，；。！？!?\n：:]+")

LEAD_BRACKET = re.compile(
    r"[（(](?P<lead>[^（）()]{2,80}?)牵头[，,、；;]?(?P<rest>[^（）()]*)[）)]"
)
DUTY_BRACKET = re.compile(r"[（(](?P<units>[^（）()]{2,120}?)(?:按职责分工负责|分工负责|负责)[）)]")
KEY_VALUE = re.compile(
    r"(?P<key>牵头单位|责任单位|主责单位|配合单位|参与单位|协办单位|责任部门|牵头部门)\s*[:：]\s*"
    r"(?P<value>[^\n。]+)"
)
LEAD_KEYS = ("牵头单位", "主责单位", "牵头部门")
SUPPORT_KEYS = ("配合单位", "参与单位", "协办单位")
ALIAS = re.compile(
    r"(?P<full>[\u4e00-\u9fff、]{2,40})[（(](?:以下简称|以下称|下称|简称)[“\"]?"
    r"(?P<short>[\u4e00-\u9fff]{2,20})[”\"]?[）)]"
)
UNIT_SPLIT = re.compile(r"[、，,；;]|以及")
JOINED = re.compile(r"[和及与]")
TRAILING = re.compile(r"(?:等(?:有关|相关)?(?:部门|单位)?|等)$")
SUPPORT_VERB = re.compile(r"(?:参与|配合|按职责分工负责|分工负责|负责)$")

DEADLINE_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月)?(?:底|末)?前"
    r"|(?:到|至)(?P<year2>(?:19|20)\d{2})年(?:底|末)?"
)
WITHIN_YEAR = re.compile(r"年内|今年|本年度|年底前")
# Reporting cycles the text sets itself: 每月28日前报送 / 每季度 / 每半年 is not kept (rare).
MONTHLY = re.compile(r"每月(?P<day>\d{1,2})日前")
QUARTERLY = re.compile(r"每季度|按季度")
ONGOING = re.compile(r"长期坚持|持续推进|长期推进|常抓不懈|久久为功|持续开展|长期")

# A top-level part that reviews past work (一、2023年工作回顾, 五年工作总结) holds results, not
# tasks; the same reading as zhengce/extract/targets.py gives its targets.
REVIEW = re.compile(r"回顾|总结")
GOALS = re.compile(r"主要预期目标|主要目标|预期目标")
NUMBER_GOAL = re.compile(
    r"^(?P<metric>.+?)(?P<verb>增长|下降|降低|提高|涨幅|达到|控制在|保持在|为)?"
    r"(?P<value>\d+(?:\.\d+)?)(?P<unit>%|％|个百分点|[万亿千百]*(?:亿元|元|吨|斤|亩|人|户|千瓦))?"
    r"(?P<cmp>以上|左右|以内|以下|上下)?$"
)


@dataclass(frozen=True)
class _Leaf:
    number: str
    path: str
    title: str
    start: int
    end: int
    kind: str = "item"  # item | lead_in (a parent item's text before its first child)


def plan_from_document(doc: Document) -> dict[str, Any]:
    """The drafted plan: {title, doc_id, source, year, tasks: [...]}."""
    year = _year(doc)
    aliases = _aliases(doc.text)
    tasks: list[dict[str, Any]] = []
    for leaf in _leaves(doc):
        tasks.extend(_leaf_tasks(doc, leaf, aliases, year))
    tasks.extend(_indicator_tasks(doc, year))
    tasks.sort(key=lambda t: (t["span"][0], t["kind"] == "indicator"))
    for index, task in enumerate(tasks, 1):
        task["seq"] = index
    title = str(doc.metadata.get("title") or doc.source)
    return {"title": title, "doc_id": doc.id, "source": doc.source, "year": year, "tasks": tasks}


def plan_from_stored(kb: Any, doc_id: str) -> dict[str, Any]:
    """The plan of a document stored in a knowledge base (`zhengce.api.KnowledgeBase`).

    The store keeps the normalized text, paragraphs and outline but not every fact, so the
    analysis stages run again over the stored text (they read nothing else): the plan is the
    one `plan_from_file` gives for the same file.  Raises KeyError for an unknown id.
    """
    from zhengce.pipeline import analyze

    doc = kb.document(doc_id)
    analyze(doc)
    return plan_from_document(doc)


def plan_from_file(path: str) -> dict[str, Any]:
    from zhengce.pipeline import process_source

    docs = process_source(path)
    return plan_from_document(docs[0])


# Items -----------------------------------------------------------------------------------------


def _year(doc: Document) -> int | None:
    year = document_year(doc)
    if year is None:
        # A work report's subtitle dates it (——2024年3月5日在…): the first year of the head.
        found = re.search(r"((?:19|20)\d{2})年", doc.text[:300])
        year = int(found.group(1)) if found else None
    return year


def _leaves(doc: Document) -> list[_Leaf]:
    """Outline leaves, with sub-items the outline left out (long (一) lines of a report)."""
    items = sorted(doc.outline, key=lambda o: o.start)
    leaves: list[_Leaf] = []
    paths: dict[int, str] = {}
    stack: list[OutlineItem] = []
    for item in items:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        stack.append(item)
        paths[id(item)] = item.path or "".join(o.number for o in stack)
    review = [(o.start, o.end) for o in items if o.level == 1 and REVIEW.search(o.title)]
    for item in items:
        if any(start <= item.start < end for start, end in review):
            continue  # 一、2023年工作回顾: results reported, not work to assign
        inner = [o for o in items if o is not item and item.start <= o.start < item.end]
        children = [o for o in inner if o.level > item.level]
        if children:
            # What a parent says before its first child (三、…: "我们要深入贯彻落实…") is
            # work too when it carries measures.
            first = min(o.start for o in children)
            leaves.append(
                _Leaf(item.number, paths[id(item)], item.title, item.start, first, "lead_in")
            )
            continue
        subs = _sub_items(doc, item)
        if subs:
            # The item's own lead-in before its first numbered sub-item is a task too.
            leaves.append(
                _Leaf(item.number, paths[id(item)], item.title, item.start, subs[0][2], "lead_in")
            )
            for number, title, start, end in subs:
                leaves.append(_Leaf(number, paths[id(item)] + number, title, start, end))
        else:
            leaves.append(_Leaf(item.number, paths[id(item)], item.title, item.start, item.end))
    if not items:
        body = [p for p in doc.paragraphs if p.kind == "body"]
        if body:
            leaves.append(_Leaf("", "", "", body[0].start, body[-1].end))
    return leaves


def _sub_items(doc: Document, item: OutlineItem) -> list[tuple[str, str, int, int]]:
    """Numbered paragraphs inside a leaf that the outline did not list, as (number, title, span)."""
    found: list[tuple[str, str, int, int]] = []
    for para in doc.paragraphs:
        if para.kind != "body" or not item.start < para.start < item.end:
            continue
        heading = match_heading(para.text)
        if heading is None or heading[1] <= item.level:
            continue
        marker = heading[2]
        title = re.split(r"[。；]", para.text[len(marker) :], maxsplit=1)[0]
        found.append((marker, title, para.start, item.end))
    for index in range(len(found) - 1):
        number, title, start, _ = found[index]
        found[index] = (number, title, start, found[index + 1][2])
    return found


def _leaf_tasks(
    doc: Document, leaf: _Leaf, aliases: dict[str, str], year: int | None
) -> list[dict[str, Any]]:
    paragraphs = [
        p for p in doc.paragraphs if p.kind == "body" and leaf.start <= p.start < leaf.end
    ]
    if not paragraphs:
        if leaf.kind == "lead_in":
            return []
        return [_task(doc, leaf, leaf.start, leaf.end, "item", leaf.number, aliases, year)]
    with_measures = [p for p in paragraphs if any(p.start <= m.start < p.end for m in doc.measures)]
    if leaf.kind == "lead_in":
        # only what carries measures; the heading line alone is no task
        headings = {o.start for o in doc.outline}
        groups = [p for p in with_measures if p.start not in headings]
    else:
        groups = [paragraphs[0], *[p for p in with_measures if p is not paragraphs[0]]]
    tasks = []
    for index, para in enumerate(groups):
        number = leaf.number if index == 0 else f"{leaf.number}{index + 1}"
        kind = ("item" if index == 0 else "group") if leaf.kind == "item" else "lead_in"
        tasks.append(_task(doc, leaf, para.start, para.end, kind, number, aliases, year))
    return tasks


def _task(
    doc: Document,
    leaf: _Leaf,
    start: int,
    end: int,
    kind: str,
    number: str,
    aliases: dict[str, str],
    year: int | None,
) -> dict[str, Any]:
    text = doc.text[start:end].strip()
    q_start, q_end = _quote_span(doc, start, end, heading=kind == "item" and bool(leaf.number))
    title = leaf.title if kind == "item" else _first_sentence(text)
    task: dict[str, Any] = {
        "number": number,
        "outline_path": leaf.path,
        "title": title,
        "text": text,
        "span": [start, end],
        "kind": kind,
        "source": {
            "doc_id": doc.id,
            "start": q_start,
            "end": q_end,
            "quote": doc.text[q_start:q_end],
        },
    }
    task.update(assign_units(doc, text, start, end, aliases))
    task["deadline"] = find_deadline(doc, text, start, end, year)
    task["indicator"] = _span_indicator(doc, start, end, year)
    task.update(reporting_cycle(text))
    return task


def reporting_cycle(text: str) -> dict[str, Any]:
    """{cycle, cycle_day} when the text sets how often to report (每月28日前), else {}."""
    monthly = MONTHLY.search(text)
    if monthly and 1 <= int(monthly.group("day")) <= 31:
        return {"cycle": "monthly", "cycle_day": int(monthly.group("day"))}
    if QUARTERLY.search(text):
        return {"cycle": "quarterly", "cycle_day": 28}
    return {}


def _first_sentence(text: str) -> str:
    found = SENTENCE.search(text)
    return found.group().rstrip("。！？!?") if found else text


def _quote_span(doc: Document, start: int, end: int, *, heading: bool) -> tuple[int, int]:
    """The first sentence of the span that carries a measure (after a heading sentence)."""
    sentences = [
        (start + m.start(), start + m.end()) for m in SENTENCE.finditer(doc.text[start:end])
    ]
    sentences = [(s, e) for s, e in sentences if doc.text[s:e].strip()]
    if not sentences:
        return start, end
    candidates = sentences[1:] if heading and len(sentences) > 1 else sentences
    for s, e in candidates:
        if any(s <= m.start < e for m in doc.measures):
            return _trim(doc.text, s, e)
    return _trim(doc.text, *candidates[0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Units -----------------------------------------------------------------------------------------


def _aliases(text: str) -> dict[str, str]:
    """Short names the text defines for bodies: short -> full."""
    found: dict[str, str] = {}
    for m in ALIAS.finditer(text):
        full = re.split(r"[，。；：]", m.group("full"))[-1]
        found[m.group("short")] = full
    return found


@cache
def _canonical_names() -> dict[str, str]:
    """alias -> canonical from data/unit_aliases.tsv when the reading branch ships it."""
    try:
        text = resources.files("zhengce.data").joinpath("unit_aliases.tsv").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    rows = parse_table(text, "unit_aliases.tsv")
    return {row["alias"]: row["canonical"] for row in rows if row.get("alias")}


def aliases_of(name: str) -> list[str]:
    """Every way data/unit_aliases.tsv writes the body `name` (canonical first)."""
    found = [alias for alias, full in _canonical_names().items() if full == name and alias != name]
    return [name, *sorted(found, key=len)]


def canonical(name: str, aliases: dict[str, str] | None = None) -> str:
    if aliases and name in aliases:
        name = aliases[name]
    return _canonical_names().get(name, name)


def split_units(text: str, aliases: dict[str, str] | None = None) -> list[dict[str, str]]:
    """ "财政部、商务部等" -> [{name, as_written}, ...]; pieces that name no body are dropped."""
    units: list[dict[str, str]] = []
    for part in UNIT_SPLIT.split(text):
        part = TRAILING.sub("", SUPPORT_VERB.sub("", TRAILING.sub("", part.strip(" 　"))))
        # 工业和信息化部 is one body; 财政部和商务部 are two: split on 和 only when the whole
        # does not name a body and every piece does.
        pieces = [part]
        if not _is_unit(part, aliases):
            split = [p for p in JOINED.split(part) if p]
            if len(split) > 1 and all(_is_unit(p, aliases) for p in split):
                pieces = split
        for piece in pieces:
            if piece and _is_unit(piece, aliases):
                name = canonical(piece, aliases)
                if all(u["name"] != name for u in units):
                    units.append({"name": name, "as_written": piece})
    return units


def _is_unit(piece: str, aliases: dict[str, str] | None) -> bool:
    known = aliases is not None and piece in aliases
    return known or unit_name(piece) is not None or piece in _canonical_names()


def assign_units(
    doc: Document | None, text: str, start: int, end: int, aliases: dict[str, str]
) -> dict[str, Any]:
    """Lead and supporting units of a task's text: marked in the text, else suggested."""
    leads: list[dict[str, str]] = []
    supports: list[dict[str, str]] = []
    evidence: list[str] = []

    def add(target: list[dict[str, str]], units: list[dict[str, str]]) -> None:
        for unit in units:
            if all(u["name"] != unit["name"] for u in leads + supports):
                target.append(unit)

    for m in LEAD_BRACKET.finditer(text):
        add(leads, split_units(m.group("lead"), aliases))
        add(supports, split_units(m.group("rest"), aliases))
        evidence.append(m.group())
    for m in DUTY_BRACKET.finditer(text):
        units = split_units(m.group("units"), aliases)
        if units:
            # 列第一位的为牵头单位: the first body named leads, the others support.
            add(leads if not leads else supports, units[:1])
            add(supports, units[1:])
            evidence.append(m.group())
    for m in KEY_VALUE.finditer(text):
        units = split_units(m.group("value"), aliases)
        key = m.group("key")
        if key in SUPPORT_KEYS:
            add(supports, units)
        elif key in LEAD_KEYS:
            add(leads, units)
        else:  # 责任单位: the first named leads
            add(leads if not leads else supports, units[:1])
            add(supports, units[1:])
        evidence.append(m.group())
    if doc is not None and not leads:
        charged = _charged_in_span(doc, start, end, aliases)
        lead_first = sorted(charged, key=lambda c: (not c[2], c[1]))
        for unit, _at, _leads_work, words in lead_first:
            add(leads if not leads else supports, [unit])
            evidence.append(words)
    if leads or supports:
        if not leads:
            leads, supports = supports[:1], supports[1:]
        return {
            "lead_units": leads,
            "supporting_units": supports,
            "units_from": "text",
            "guess": False,
            "unit_evidence": evidence,
        }
    return suggest_units(text)


def _charged_in_span(
    doc: Document, start: int, end: int, aliases: dict[str, str]
) -> list[tuple[dict[str, str], int, bool, str]]:
    """Bodies the pipeline found charged, named at a clause start inside [start, end)."""
    found: list[tuple[dict[str, str], int, bool, str]] = []
    names = {u.name for u in doc.responsible_units if _is_unit(u.name, aliases)} | set(aliases)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), doc.text[start:end]):
            at = start + m.start()
            before = doc.text[at - 1] if at > 0 else "\n"
            if before not in "。；！？\n，：）)" and not _after_heading(doc.text, at):
                continue
            if any(f[1] <= at < f[1] + len(f[0]["as_written"]) for f in found):
                continue  # inside a longer name already found
            clause_end = min([i for i in (doc.text.find(c, at) for c in "。；") if i >= 0] + [end])
            clause = doc.text[at:clause_end]
            head = re.split(r"[，,]", clause, maxsplit=1)[0]
            if not _charges(head[len(name) :]):
                continue  # named, not charged (党中央、国务院对…高度重视)
            unit = {"name": canonical(name, aliases), "as_written": name}
            found.append((unit, at, "牵头" in clause, doc.text[at : min(at + 24, clause_end)]))
    return found


@cache
def _charge_words() -> tuple[str, ...]:
    modals = [r["word"] for r in load_table("strength") if r.get("auxiliary") == "yes"]
    return (*modals, *(r["word"] for r in load_table("tracker_charge_words")))


def _charges(clause: str) -> bool:
    """Whether a clause after a body's name charges it: a modal verb or a charge word, as a
    word of its own (要 in 重要, 应 in 适应 do not count)."""
    from zhengce.search.tokens import segment_words

    words = _charge_words()
    if any(len(w) > 1 and w in clause for w in words):
        return True
    singles = {w for w in words if len(w) == 1}
    return any(token in singles for token in segment_words(clause))


def _after_heading(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    return at == line_start


@cache
def _suggestion_rows() -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    rows = load_table("tracker_lead_suggestions")
    return tuple(
        (row["field"], tuple(row["keywords"].split("|")), row["lead"], row["note"]) for row in rows
    )


def suggest_units(text: str) -> dict[str, Any]:
    """A lead suggested from the policy field the text's words belong to (a guess)."""
    scored: list[tuple[int, int, str, list[str], str]] = []
    for order, (field, keywords, lead, _note) in enumerate(_suggestion_rows()):
        hits = [k for k in keywords if k in text]
        if hits:
            weight = sum(text.count(k) for k in hits)
            scored.append((weight, -order, lead, hits, field))
    if not scored:
        return {
            "lead_units": [],
            "supporting_units": [],
            "units_from": "none",
            "guess": False,
            "unit_evidence": [],
        }
    scored.sort(reverse=True)
    best = scored[0]
    supports = [
        {"name": canonical(s[2]), "as_written": s[2]}
        for s in scored[1:3]
        if s[2] != best[2] and s[0] >= 2
    ]
    return {
        "lead_units": [{"name": canonical(best[2]), "as_written": best[2]}],
        "supporting_units": supports[:1],
        "units_from": "suggested",
        "guess": True,
        "unit_evidence": [f"{best[4]}: {'、'.join(best[3])}"],
    }


# Deadlines and indicators ----------------------------------------------------------------------


def find_deadline(
    doc: Document | None, text: str, start: int, end: int, year: int | None
) -> dict[str, Any]:
    m = DEADLINE_DATE.search(text)
    if m:
        y = int(m.group("year") or m.group("year2"))
        month = int(m.group("month")) if m.group("month") else 12
        return {"kind": "date", "date": _month_end(y, month), "text": m.group()}
    m = WITHIN_YEAR.search(text)
    if m and year is not None:
        return {"kind": "within_year", "date": f"{year}-12-31", "text": m.group()}
    m = ONGOING.search(text)
    if m:
        return {"kind": "ongoing", "date": None, "text": m.group()}
    if doc is not None:
        for target in doc.targets:
            if start <= target.start < end and target.year:
                return {"kind": "date", "date": f"{target.year}-12-31", "text": target.text[:40]}
    return {"kind": "none", "date": None, "text": ""}


def _month_end(year: int, month: int) -> str:
    import calendar

    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def parse_indicator(clause: str, year: int | None) -> dict[str, Any] | None:
    """ "城镇新增就业1200万人以上" -> {metric, comparator, value, unit, year}; None if no number."""
    clause = clause.strip()
    m = NUMBER_GOAL.match(clause)
    if m is None:
        return None
    metric = m.group("metric").rstrip("为是")
    if m.group("verb") and m.group("verb") not in ("为", "达到", "控制在", "保持在"):
        metric += m.group("verb")
    unit = m.group("unit") or None
    value = float(m.group("value"))
    return {
        "metric": metric,
        "comparator": m.group("cmp") or "达到",
        "value": value,
        "unit": "%" if unit == "％" else unit,
        "year": year,
    }


def _span_indicator(doc: Document, start: int, end: int, year: int | None) -> dict[str, Any] | None:
    for target in doc.targets:
        if start <= target.start < end and target.metric and target.value is not None:
            return {
                "metric": target.metric,
                "comparator": target.comparator,
                "value": target.value,
                "unit": target.unit,
                "year": target.year or year,
            }
    return None


def _indicator_tasks(doc: Document, year: int | None) -> list[dict[str, Any]]:
    """One task per goal of a "主要预期目标是：…；…" sentence."""
    tasks: list[dict[str, Any]] = []
    for sentence in SENTENCE.finditer(doc.text):
        goals = GOALS.search(sentence.group())
        colon = sentence.group().find("：")
        if goals is None or colon < goals.end() or colon > goals.end() + 3:
            continue
        s_start, s_end = _trim(doc.text, sentence.start(), sentence.end())
        body_at = sentence.start() + colon + 1
        for clause in re.finditer(r"[^；;，,。]+", doc.text[body_at:s_end]):
            c_start, c_end = _trim(doc.text, body_at + clause.start(), body_at + clause.end())
            text = doc.text[c_start:c_end]
            if len(text) < 4:
                continue
            # the pipeline's target for the clause when it has one, else our own reading
            indicator = (
                _span_indicator(doc, c_start, c_end, year)
                or parse_indicator(text, year)
                or {
                    "metric": text,
                    "comparator": None,
                    "value": None,
                    "unit": None,
                    "year": year,
                }
            )
            task: dict[str, Any] = {
                "number": f"目标{len(tasks) + 1}",
                "outline_path": _path_at(doc, c_start),
                "title": text,
                "text": text,
                "span": [c_start, c_end],
                "kind": "indicator",
                "source": {
                    "doc_id": doc.id,
                    "start": s_start,
                    "end": s_end,
                    "quote": doc.text[s_start:s_end],
                },
                "indicator": indicator,
            }
            task.update(suggest_units(text))
            task["deadline"] = find_deadline(None, sentence.group(), c_start, c_end, year)
            tasks.append(task)
    return tasks


def _path_at(doc: Document, at: int) -> str:
    holding = [o for o in doc.outline if o.start <= at < o.end]
    holding.sort(key=lambda o: o.level)
    return "".join(o.number for o in holding)
