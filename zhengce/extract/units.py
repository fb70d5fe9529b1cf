"""Responsible units: the bodies a text charges with work, and the measures charged to each.

A body is charged where it is the subject of a directive (国家发展改革委要…, 中央财政要…,
各市(地)要扛起主体责任) or is named the responsible party (东北各省区党委和政府是…责任主体).
Whether a subject names a body is decided by how it ends (data/units.tsv: 领导小组, 部门,
党委和政府, 财政, …; 西部, 格局, 干部 end like units but are not).  The measures stage records
each measure's actors; this stage gathers them per body, in order of first mention.
"""

from __future__ import annotations

import re
from functools import cache

from zhengce.lexicon import load_table
from zhengce.model import Document, Duty, ResponsibleUnit

# Words that may open a subject without being part of the body's name.
LEADING = re.compile(r"^(?:同时|此外|另外|其中|对此|为此|但是|但|由|请|并|而|和|与|及)")
# Words of names that hold a character NOT_IN_NAME refuses (从事…的单位, 主要负责人, 使用者).
NAME_WORDS = re.compile(r"从事|主要|使用|负责人")
LEGAL_DE = re.compile(r"的(?=(?:单位和个人|单位|个人|主要负责人)$)")
# A subject phrase opening with a verb of helping or steering is an action, not a name
# (帮助地质勘查单位…, 支持民营企业…).
ACTION_START = re.compile(
    r"^(?:经|作为|帮助|指导|支持|鼓励|引导|组织|督促|要求|推动|促进|激励|扶持|协助)"
)
# A name is made of Han characters, brackets (市(地)) and joining words; no clause punctuation.
NAME = re.compile(r"[\u4e00-\u9fff（）()、]+")
NOT_IN_NAME = re.compile(
    r"[的了是要把将在从对着过向按使让给被]|没有|各位|会同|协同|负责|牵头|^[、和及与]|[、和及与]$"
)
RESPONSIBLE = re.compile(
    r"(?P<actor>[^，。；：、\n]{2,30}?)(?:是|作为|为)[^，。；\n]{0,40}?(?P<role>责任主体|第一责任人|牵头单位)"
)
# RESPONSIBLE tries up to 30 lengths at every position; a paragraph without one of its role
# words cannot match, and a plain substring test rules most paragraphs out at once.
ROLE_WORDS = ("责任主体", "第一责任人", "牵头单位")


@cache
def _endings() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {row["suffix"]: row["kind"] for row in load_table("units")}
    alternation = "|".join(re.escape(s) for s in sorted(kinds, key=len, reverse=True))
    return re.compile(f"(?:{alternation})$"), kinds


def unit_name(candidate: str) -> str | None:
    """The body named by a subject phrase, or None when it does not name one."""
    name = LEADING.sub("", candidate.strip())
    # 的 inside a name only in the fixed phrases of laws: 设区的市, 从事…的单位和个人, …的主要负责人
    plain = NAME_WORDS.sub("", LEGAL_DE.sub("", name.replace("设区的市", "设区市")))
    if not 2 <= len(name) <= 30 or not NAME.fullmatch(name) or NOT_IN_NAME.search(plain):
        return None
    if ACTION_START.match(name) or name in ("个人", "单位"):
        return None  # 任何组织和个人不得…: a rule for everyone, no body charged
    ending, kinds = _endings()
    # The longest ending decides: 西部 (a place) beats 部 (a ministry).
    best = None
    for length in range(min(len(name), 12), 0, -1):
        tail = name[-length:]
        if tail in kinds:
            best = kinds[tail]
            break
    if best != "unit" or not ending.search(name):
        return None
    if name.endswith("国家") and name != "国家":
        return None  # "the State" acts alone; …转让国家 ends a phrase, not a name
    return name


_LIST_JOIN = re.compile(r"以及|和|、|(?<!以)及(?!其)|与")  # 及其 (…and its …) joins no list


def split_units(name: str) -> list[str]:
    """A list of bodies as single bodies, where every part is a full name of its own
    (国家发展改革委、财政部 -> two; 国务院和四省区人民政府 -> two); a list whose parts share
    one ending (自然资源、农业农村等有关部门) stays one name."""
    if not _LIST_JOIN.search(name):
        return [name]
    parts = [part for part in _LIST_JOIN.split(name) if part]
    if len(parts) > 1 and all(unit_name(part) == part for part in parts):
        return parts
    return [name]


@cache
def _aliases() -> dict[str, str]:
    return {row["alias"]: row["canonical"] for row in load_table("unit_aliases")}


def canonical_name(name: str) -> str:
    """The standard name of a body (data/unit_aliases.tsv): 国家发改委 -> 国家发展和改革委员会."""
    return _aliases().get(name, "")


def find_units(doc: Document) -> None:
    """Analysis stage: fill doc.responsible_units from measures' actors and 责任主体 phrases."""
    units: dict[str, ResponsibleUnit] = {}
    for index, measure in enumerate(doc.measures):
        for actor in measure.actors:
            unit = units.get(actor)
            if unit is None:
                unit = units[actor] = _locate(doc, actor, measure.start, measure.end)
            if index not in unit.measures:
                unit.measures.append(index)
                unit.duties.append(Duty(measure.text, measure.start, measure.end))
    for para in doc.paragraphs:
        if para.kind != "body" or not any(w in para.text for w in ROLE_WORDS):
            continue
        for m in RESPONSIBLE.finditer(para.text):
            name = unit_name(_clause_tail(m.group("actor")))
            if name is None:
                continue
            unit = units.get(name)
            if unit is None:
                start = para.start + m.start("actor") + m.group("actor").rfind(name)
                unit = units[name] = ResponsibleUnit(name, start, start + len(name))
            unit.role = "main_responsibility"
            unit.evidence = m.group()
            start = para.start + m.start()
            unit.duties.append(Duty(m.group(), start, start + len(m.group())))
    for unit in units.values():
        unit.canonical = canonical_name(unit.name)
    doc.responsible_units = sorted(units.values(), key=lambda u: u.start)


def _clause_tail(text: str) -> str:
    """The subject is the last stretch of a match that began mid-sentence."""
    return re.split(r"[，。；：,\s]", text)[-1]


def _locate(doc: Document, name: str, start: int, end: int) -> ResponsibleUnit:
    """Where the body is named: in the measure, else the last mention before it."""
    at = doc.text.find(name, start, end)
    if at < 0:
        at = doc.text.rfind(name, 0, start)
    if at < 0:
        at = doc.text.find(name)
    evidence = doc.text[at : at + len(name) + 12] if at >= 0 else name
    return ResponsibleUnit(name, max(at, 0), max(at, 0) + len(name), evidence=evidence)
