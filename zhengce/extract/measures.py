"""Measures: split directive body paragraphs into actionable clauses (加快…, 要…, 支持…, 严禁…).

A paragraph is cut into sentences at 。；！？ and each sentence into clauses at ，：.  A clause
opens a measure when it leads with a verb of action (after an optional modal and adverbs:
要进一步加大…), or with a charged body and a modal (国家发展改革委要…).  Clauses that follow
without a verb of their own (在…上下功夫, 为…提供支撑) finish the measure before them.  A
sentence of completed action (取得了…, …以来) or a topic before a judgment (推动振兴，关键在…)
yields no measure.  The word lists live in data/measure_words.tsv and data/strength.tsv.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from zhengce.extract.units import split_units, unit_name
from zhengce.lexicon import load_table
from zhengce.model import Document, Measure, Paragraph
from zhengce.word_patterns import alternation, guarded

SENTENCE = re.compile(r"[^。；;！!？?\n]+")
CLAUSE = re.compile(r"[^，,：:]+")
# Item numbers that open an outline paragraph: （二十四）, 三、, 1. , 第五条
ITEM_NUMBER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百]+、|\d+[.．、]"
    r"|第[一二三四五六七八九十百\d]+[条章节部分]\s*)"
)
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns built from the word tables, once per process."""

    verb_lead: re.Pattern[str]
    modal_word: re.Pattern[str]
    directive_after: re.Pattern[str]
    coverb_lead: re.Pattern[str]
    any_verb: re.Pattern[str]
    lead_in: re.Pattern[str]
    report_cut: re.Pattern[str]
    narrative: re.Pattern[str]
    judgment: re.Pattern[str]
    result: re.Pattern[str]
    strength_word: re.Pattern[str]
    verb_at: re.Pattern[str]
    verb_after_cut: re.Pattern[str]
    opens_at: re.Pattern[str]
    strength: dict[str, tuple[str, int]] = field(default_factory=dict)
    auxiliaries: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()
    nounish: frozenset[str] = frozenset()
    not_modal: frozenset[str] = frozenset()


@cache
def grammar() -> Grammar:
    by_kind: dict[str, list[str]] = {}
    for row in load_table("measure_words"):
        by_kind.setdefault(row["kind"], []).append(row["word"])
    strength = {r["word"]: (r["level"], int(r["rank"])) for r in load_table("strength")}
    modals = alternation(list(strength))
    # Strength words that are verbs themselves (支持民营经济, 严禁…, 探索…) can lead a clause.
    verb_levels = {"prohibit", "encourage", "explore"}
    verb_words = by_kind["verb"] + [w for w, (level, _) in strength.items() if level in verb_levels]
    verbs = alternation(verb_words)
    reports = alternation(by_kind["report"])
    # The same words guarded, for the parts of patterns tried at one place (see guarded).
    at_modal, at_adverb = guarded(list(strength)), guarded(by_kind["adverb"])
    at_verb, at_coverb = guarded(verb_words), guarded(by_kind["coverb"])
    # A single-character narrative word (了, 已) is narrative only as a particle: not in 为了/了解.
    # Every branch starts with its literal (the lookbehind comes after it), so `re` can skip
    # ahead to the characters that start a branch instead of trying each position.
    narrative = "|".join(
        re.escape(w) if len(w) > 1 else rf"{re.escape(w)}(?<![为除]{re.escape(w)})(?![解如经])"
        for w in sorted(by_kind["narrative"], key=len, reverse=True)
    )
    # A year named without 到/至 (2003年作出…) dates a past event: the clause is narrative.
    narrative += "".join(
        rf"|{century}(?<![到至]{century})\d{{2}}年(?!前|底前|以前|左右)" for century in ("19", "20")
    )
    return Grammar(
        verb_lead=re.compile(
            rf"(?P<modal>{at_modal})?(?P<adverbs>(?:{at_adverb})*?)(?P<verb>{at_verb})"
        ),
        modal_word=re.compile(modals),
        directive_after=re.compile(rf"(?:{at_adverb})*(?:{at_verb}|{at_coverb})"),
        coverb_lead=re.compile(rf"(?:{at_adverb})*(?:{at_coverb})"),
        any_verb=re.compile(verbs),
        lead_in=re.compile(
            rf"^[^，。；：:,]{{0,16}}?(?:(?:在[^，。；]{{0,12}}?)?(?:讲话|发言|致辞|会上|会议上)中?)?"
            rf"(?:最后|还|同时|进一步|再次|首先|特别|也|并|则)?(?:{reports})[，：:,]"
        ),
        # What every lead-in ends with: a sentence without it has none, and this scan skips
        # to the reporting words, where lead_in tries up to 16 characters at its start.
        report_cut=re.compile(rf"(?:{reports})[，：:,]"),
        narrative=re.compile(narrative),
        judgment=re.compile(guarded(by_kind["judgment"])),
        result=re.compile(guarded(by_kind["result"])),
        strength_word=re.compile(modals),
        verb_at=re.compile(at_verb),
        # A clause opens a measure only with a modal in it (_charged) or with [modal] adverbs
        # verb at its start (verb_lead; a modal is caught by modal_word).  Clauses start
        # after ，：、 (and spaces) or where the content starts: modal_word and these two
        # patterns find whether a sentence can hold a measure at all, so most sentences
        # are ruled out with a few scans instead of being cut into clauses.
        verb_after_cut=re.compile(rf"[，,：:、]\s*(?:{at_adverb})*(?:{at_verb})"),
        opens_at=re.compile(rf"\s*(?:{at_adverb})*(?:{at_verb})"),
        strength=strength,
        auxiliaries=frozenset(r["word"] for r in load_table("strength") if r["auxiliary"] == "yes"),
        adverbs=frozenset(by_kind["adverb"]),
        nounish=frozenset(by_kind["nounish"]),
        not_modal=frozenset(by_kind["not_modal"]),
    )


# --- regions -----------------------------------------------------------------------------


@cache
def _region_table() -> tuple[re.Pattern[str], dict[str, str | None]]:
    """Place names (places.tsv, if present) and policy regions; None marks a non-region."""
    names: dict[str, str | None] = {}
    try:
        for row in load_table("places"):
            if row.get("level") in {"province", "municipality", "autonomous_region", "sar"}:
                names[row["name"]] = row["name"]
                if row.get("full_name"):
                    names[row["full_name"]] = row["name"]
    except (FileNotFoundError, KeyError):  # places.tsv belongs to the metadata work
        pass
    for row in load_table("policy_regions"):
        names[row["name"]] = row["canonical"] if row["kind"] == "region" else None
    return re.compile(alternation(list(names))), names


def regions_in(text: str) -> list[str]:
    pattern, names = _region_table()
    # findall gives the matched names without a match object each (the pattern has no groups).
    return [canonical for name in pattern.findall(text) if (canonical := names[name]) is not None]


REGION_KINDS = frozenset({"body", "title", "subtitle"})  # paragraphs that name the region


def document_region(doc: Document) -> str | None:
    """The region a document is about: metadata if set, else the region its text names most."""
    given = doc.metadata.get("region")
    if isinstance(given, str) and given:
        return given
    # One scan of the paragraphs joined by line breaks finds what a scan of each finds: no
    # name holds a line break, so none runs from one paragraph into the next.
    counts = Counter(
        regions_in("\n".join(p.text for p in doc.paragraphs if p.kind in REGION_KINDS))
    )
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    return name if count >= 2 else None


# --- clauses -----------------------------------------------------------------------------


@dataclass(slots=True)
class Clause:
    start: int  # in paragraph coordinates
    end: int
    text: str


@dataclass
class Draft:
    clauses: list[Clause]
    verb: str
    object: str
    modal: str
    actors: list[str]


def body_paragraphs(doc: Document) -> Iterator[tuple[int, Paragraph]]:
    for index, para in enumerate(doc.paragraphs):
        if para.kind == "body":
            yield index, para


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    for m in SENTENCE.finditer(text):
        start, end = m.span()
        if HAN.search(text, start, end):  # within the span: no copy of the sentence
            yield start, end


def content_start(sentence: str) -> int:
    """Offset after an item number and a reporting lead-in (习近平强调，/ 会议要求，)."""
    offset = 0
    number = ITEM_NUMBER.match(sentence)
    if number:
        offset = number.end()
    g = grammar()
    if not g.report_cut.search(sentence, offset):
        return offset
    lead = g.lead_in.match(sentence, offset)
    return lead.end() if lead else offset


def split_clauses(text: str, start: int, end: int, offset: int = 0) -> list[Clause]:
    """Clauses of text[start:end], positioned `offset` after their place in `text`."""
    clauses = []
    for m in CLAUSE.finditer(text, start, end):
        raw = m.group()
        left = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            s = m.start() + left + offset
            clauses.append(Clause(s, s + len(body), body))
    return clauses


def _split_enumeration(clause: Clause) -> list[Clause]:
    """促进东北振兴、服务国家大局 -> two clauses, when each side of 、 leads with a verb."""
    if "、" not in clause.text or clause.text.endswith(("相结合", "并重", "并举", "两手抓")):
        return [clause]
    g = grammar()
    pieces: list[Clause] = []
    cut = 0
    text = clause.text
    mark = text.find("、")
    while mark >= 0:
        after = mark + 1
        nxt = text.find("、", after)
        piece_len = (nxt if nxt > 0 else len(text)) - after  # up to the next 、
        leads = g.verb_lead.match(text, after)  # no anchors in it: as matching text[after:]
        if leads and text[leads.end() : leads.end() + 1] in {"和", "与", "及"}:
            leads = None  # 接纳、配置和调控能力: verbs as nouns sharing one head
        if leads and not (leads.group("modal") or leads.group("adverbs")):
            # 服务意识 names a thing; 服务全国发展大局 is an action with a long object.
            short = piece_len < NOUNISH_OBJECT
            leads = None if leads.group("verb") in g.nounish and short else leads
        if "的" in text[after : after + piece_len]:
            mark = nxt
            continue  # 支持、帮助、推动振兴发展的专门措施: verbs modifying a noun
        piece = text[cut:mark]
        if leads and piece_len >= 4 and _has_object(piece) and g.verb_lead.match(piece):
            pieces.append(Clause(clause.start + cut, clause.start + mark, piece))
            cut = after
        mark = nxt
    if not pieces:
        return [clause]
    pieces.append(Clause(clause.start + cut, clause.end, text[cut:]))
    return pieces


def _has_object(piece: str) -> bool:
    """Whether a piece of an enumeration has two characters besides its verbs."""
    # any_verb, not verb_at: sub scans, and a guarded pattern would try every position.
    return len(grammar().any_verb.sub("", piece).replace("、", "")) >= 2


NOUNISH_OBJECT = 6  # a bare 服务/发展 + object this long in an enumeration is an action
SUBJECT_LIMIT = 30  # a subject longer than this is a sentence, not a name
SHORT_SUBJECT = 8  # a short subject before a modal (我们要…, 民族地区要…) still makes a directive
ROLE_WORD = re.compile("责任主体|第一责任人|牵头单位")  # what ACTOR_IS_RESPONSIBLE needs
ACTOR_IS_RESPONSIBLE = re.compile(
    r"^(?P<actor>[^，。；]{2,30}?)是[^，。；]{0,40}?(?:责任主体|第一责任人|牵头单位)"
)


def _opening(
    clause: str, in_series: bool, may_have_modal: bool = True, policy: bool = False
) -> tuple[str, str, str, list[str]] | None:
    """(verb, object, modal, actors) when the clause opens a measure, else None.

    A bare verb that often names a thing (发展潜力巨大) opens a measure only `in_series`,
    after another measure of the same sentence (…，建设能源基地).  `may_have_modal` False
    says the caller knows the clause holds no modal word, so it cannot be charged.
    """
    g = grammar()
    lead = g.verb_lead.match(clause)
    bare = lead is not None and not (lead.group("modal") or lead.group("adverbs"))
    if lead and not (bare and lead.group("verb") in g.nounish and not in_series):
        verb, end = _main_verb(clause, lead.group("verb"), lead.end())
        return verb, clause[end:], _strongest(clause[:end]), []
    charged = _charged(clause) if may_have_modal else None
    if charged is None:
        return _subject_verb(clause) if policy else None
    modal_at, modal, name = charged
    rest = clause[modal_at + len(modal) :]
    verb_m = g.any_verb.search(rest)
    if verb_m:
        verb, end = _main_verb(rest, verb_m.group(), verb_m.end())
    elif name:  # a charged body with a verb the lexicon lacks (…要高举…): take the next word
        verb, end = rest[:2], min(2, len(rest))
    else:
        verb, end = "", 0
    words = modal + rest[:end]
    return verb, rest[end:], _strongest(words), [name] if name else []


MAX_SUBJECT_NAME = 30
NOT_A_PREDICATE = re.compile(r"[是都为的《与和及、（(]|行政区域|所属|有权|依法享有")
# A purpose sentence of a law or document: 为了…，制定本法 / 为…，现提出以下意见 / …，特制定本办法.
PURPOSE = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零\d]+条\s*)?为[^。；]*[，,]\s*"
    r"(?:(?:特|现)?(?:制定|制订)本(?:法|条例|规定|办法|细则|决定|方案|意见)"
    r"|现(?:提出|就)[^。；]*(?:意见|通知|如下)[：:]?)\s*$"
)
# A diagnosis: "…存在…等突出问题，…面临严峻形势" names problems, it charges nobody (no modal
# before the verb of existence: 要解决存在的问题 is a measure).
DIAGNOSIS = re.compile(r"[^要应须必请]*?(?:存在|面临)[^。；]*?(?:问题|形势|挑战|困难|风险)\s*$")
CHARGE_VERB = re.compile(r"(?P<verb>会同|负责|牵头|组织|协助|配合|承担|督促|指导|提出|报)")
ANSWERS_FOR = re.compile(r"对[^，。；]{1,40}?(?P<verb>负责|负总责)")
BASIS = re.compile(r"(?:依照|按照|根据|依据)(?:职责|各自职责|职责分工)")
BY_BODY = re.compile(r"由(?=[^，。；]{2,30}?(?:牵头|负责|提出|报|组织|承担|会同|制定))")
# A clause opening with a preposition or a quantifier has no body as its subject.
NOT_A_SUBJECT = re.compile(
    r"^(?:按照|依照|依据|根据|除|对|为|由|在|经|任何|凡|通过|依法|同时|最大限度|及时|分别|坚定|当好|激励)"
)


def _subject_verb(clause: str) -> tuple[str, str, str, list[str]] | None:
    """A body and a verb with no modal between them (国家建立健全…, 联席会议原则上每年召开…):
    a measure of laws and documents, charged to the longest body name the clause opens with."""
    g = grammar()
    by = BY_BODY.match(clause)  # 由联席会议牵头单位报国务院决定: the body after 由 acts
    if by is not None:
        clause = clause[by.end() :]
    elif NOT_A_SUBJECT.match(clause):
        return None
    for length in range(min(len(clause) - 2, MAX_SUBJECT_NAME), 1, -1):
        name = unit_name(clause[:length])
        if name is None:
            continue
        if (
            g.modal_word.search(name)
            or g.any_verb.search(name)
            or CHARGE_VERB.match(name)
            or "其" in name
        ):
            return None  # 各地区可根据国家…, 分别推出支持国有企业…: not a subject
        rest = clause[length:]
        duty = CHARGE_VERB.match(rest) or ANSWERS_FOR.match(rest)
        if duty is not None:  # 会同/负责/牵头/组织…, 对…负责: the body leads or carries the work
            return duty.group("verb"), rest[duty.end() :], "", [name]
        if BASIS.match(rest) and not g.any_verb.search(rest):
            return "", rest, "", [name]  # 某部门依照职责分工，制定…: the body of the clauses after
        if NOT_A_PREDICATE.match(rest):
            return None  # 你局《…》收悉, …都是…, 本省行政区域内…: no action of the body
        verb_m = g.any_verb.search(rest, 0, 8)
        if verb_m is None:
            return None
        verb, end = _main_verb(rest, verb_m.group(), verb_m.end())
        return verb, rest[end:], _strongest(rest[:end]), [name]
    return None


def _charged(clause: str) -> tuple[int, str, str | None] | None:
    """(modal offset, modal, body) for a clause "subject + modal + …", else None.

    The subject must name a body (国家发展改革委要…), or be a short subject, a region or an
    action (民族地区要…, 推动区域协调发展必须…) followed by a verb; a modal character inside
    a word (重要, 适应, 可持续) is not a modal.
    """
    g = grammar()
    for m in g.modal_word.finditer(clause, 0, SUBJECT_LIMIT + 4):
        if m.start() > SUBJECT_LIMIT:
            break
        if _inside_word(clause, m.start(), m.end()):
            continue
        actor = clause[: m.start()]
        name = unit_name(actor) if actor else None
        if name is not None:
            return m.start(), m.group(), name
        if not g.directive_after.match(clause, m.end()):
            continue
        if not actor or len(actor) <= SHORT_SUBJECT or _is_topic(actor):
            return m.start(), m.group(), None
    return None


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a word of `not_modal` (2-3 characters) covers the character at `start`."""
    not_modal = grammar().not_modal
    for size in (2, 3):
        for left in range(max(0, start - size + 1), start + 1):
            if text[left : left + size] in not_modal:
                return True
    return False


def _main_verb(clause: str, verb: str, end: int) -> tuple[str, int]:
    """Step over verbs used as adverbs (加快构建 -> 构建) and take a complement (落实好)."""
    g = grammar()
    # A strength verb before another verb is a modal (严禁新增…, 研究出台…, 鼓励发展…).
    while verb in g.adverbs or verb in g.strength:
        following = g.verb_at.match(clause, end)
        if not following:
            break
        verb, end = following.group(), following.end()
    while clause.startswith("、", end):  # 支持、鼓励、引导民营经济…: one chain of verbs
        chained = g.verb_at.match(clause, end + 1)
        if not chained:
            break
        verb, end = verb + "、" + chained.group(), chained.end()
    if clause.startswith("好", end):
        verb, end = verb + "好", end + 1
    return verb, end


def _is_topic(actor: str) -> bool:
    """A non-body subject that may still precede a directive modal: a region or an action."""
    return bool(regions_in(actor)) or bool(grammar().verb_lead.match(actor))


def _strongest(words: str) -> str:
    g = grammar()
    found: list[str] = g.strength_word.findall(words)  # no groups in it: whole matches
    if not found:
        return ""
    return min(found, key=lambda w: g.strength[w][1])


def _measure_start(sentence: str) -> int | None:
    """Where the content of a sentence starts, or None when no clause of it can open a measure."""
    g = grammar()
    # The same test from the sentence start first, which spares finding the content start of
    # most sentences: a reporting lead-in ends at ，：, so a verb just after it follows a cut,
    # and content after an item number is left to the exact test.
    if not (
        g.modal_word.search(sentence)
        or g.verb_after_cut.search(sentence)
        or g.opens_at.match(sentence)
        or ITEM_NUMBER.match(sentence)
    ):
        return None
    begin = content_start(sentence)
    if begin == 0:
        return 0  # the exact test is the test just passed
    if (
        g.modal_word.search(sentence, begin)
        or g.verb_after_cut.search(sentence, begin)
        or g.opens_at.match(sentence, begin)
    ):
        return begin
    return None


def sentence_drafts(
    sentence: str, offset: int, policy: bool = False, carry: Draft | None = None
) -> list[Draft]:
    """Measures of one sentence (clause positions relative to the paragraph via `offset`).

    In laws and documents (`policy`) the body and modal that open a sentence carry to the
    clauses that follow it (县级以上人民政府应当…，加强…，推进… -> three `must` measures of that
    body), and `carry` (the last measure of the sentence before, when that one ended in ；)
    carries them across a semicolon.
    """
    g = grammar()
    begin = _measure_start(sentence)
    if begin is None and not policy:
        return []
    if begin is None:
        begin = content_start(sentence)  # a body and its verb (国家建立…) need no cue word
    drafts: list[Draft] = []
    current: Draft | None = None
    actor: list[str] = list(carry.actors) if carry is not None and policy else []
    modal_carried = carry.modal if carry is not None and policy else ""
    has_modal = False
    narrative = False
    # Clauses are cut at ，：、 where no narrative word or role word can start or end, so
    # a sentence without one has none in any clause: one scan saves a scan per clause.
    may_narrate = g.narrative.search(sentence, begin) is not None
    may_have_modal = g.modal_word.search(sentence, begin) is not None
    may_charge = ROLE_WORD.search(sentence) is not None
    for whole in split_clauses(sentence, begin, len(sentence), offset):
        responsible = ACTOR_IS_RESPONSIBLE.match(whole.text) if may_charge else None
        if responsible:
            name = unit_name(responsible.group("actor"))
            actor = [name] if name else actor
            current = None
            continue
        if g.judgment.match(whole.text):
            drafts = [d for d in drafts if d is not current] if current else drafts
            current = None
            continue
        # Only a clause with 、 can be an enumeration: spare the call for the others.
        for clause in _split_enumeration(whole) if "、" in whole.text else (whole,):
            text = clause.text
            opening = (
                None
                if _continues(text, current)
                else _opening(text, current is not None, may_have_modal, policy)
            )
            auxiliary = opening is not None and _has_auxiliary(text[: len(text) - len(opening[1])])
            if may_narrate and not auxiliary and _tells_of_results(text):
                narrative = True
                opening = None
            if opening and not opening[0] and opening[3]:
                actor = [part for name in opening[3] for part in split_units(name)]
                modal_carried = opening[2]
                current = None  # only the body: the clauses after it are its measures
                continue
            if opening:
                verb, obj, modal, actors = opening
                has_modal = has_modal or auxiliary
                if actors:
                    actor = [part for name in actors for part in split_units(name)]
                    modal_carried = modal
                elif policy and not modal:
                    modal = modal_carried
                elif policy:
                    modal_carried = modal if _has_auxiliary(modal) else modal_carried
                current = Draft([clause], verb, obj, modal, list(actor))
                drafts.append(current)
            elif current is not None:
                current.clauses.append(clause)
    if narrative and not has_modal:
        return []
    return drafts


def _has_auxiliary(prefix: str) -> bool:
    g = grammar()
    return any(word in g.auxiliaries for word in g.strength_word.findall(prefix))


def _tells_of_results(clause: str) -> bool:
    """A narrative word that is not inside an attribute (已经取得的成果 is a thing, not news)."""
    for m in grammar().narrative.finditer(clause):
        if "的" not in clause[m.end() : m.end() + 6]:
            return True
    return False


def _continues(clause: str, current: Draft | None) -> bool:
    """A result or purpose clause (为…, 使…, 形成…) finishes the measure before it."""
    return current is not None and grammar().result.match(clause) is not None


_REVIEW = re.compile(r"回顾")


def review_spans(doc: Document) -> list[tuple[int, int]]:
    """The parts of a report that review past work (一、2023年工作回顾)."""
    return [(o.start, o.end) for o in doc.outline if o.level == 1 and _REVIEW.search(o.title)]


def extract_measures(doc: Document) -> None:
    """Analysis stage: fill doc.measures from the body paragraphs (each with its outline path)."""
    _extract_measures(doc)
    if doc.outline:
        from zhengce.extract.outline import outline_path_at

        for measure in doc.measures:
            measure.outline_path = outline_path_at(doc, measure.start)


def _extract_measures(doc: Document) -> None:
    doc.measures = []
    home: str | None = None
    home_known = False  # the document's region is only needed once there is a measure
    g = grammar()
    policy = doc.metadata.get("kind") in ("policy_document", "law")
    review = review_spans(doc) if doc.metadata.get("doc_type") == "政府工作报告" else []
    for index, para in body_paragraphs(doc):
        if review and any(a <= para.start < b for a, b in review):
            continue  # a work report's review of the past year: what was done, not measures
        text = para.text
        carry: Draft | None = None
        for s, e in sentence_spans(text):
            if policy and (PURPOSE.match(text, s, e) or DIAGNOSIS.match(text, s, e)):
                carry = None
                continue  # 为了…，制定本法 / 为…，现提出以下意见: why the text exists, no measure
            drafts = sentence_drafts(text[s:e], s, policy, carry)
            semicolon = text[e : e + 1] in ("；", ";")
            carry = drafts[-1] if drafts and semicolon else (carry if semicolon else None)
            for draft in drafts:
                if not home_known:
                    home, home_known = document_region(doc), True
                first, last = draft.clauses[0], draft.clauses[-1]
                span_text = text[first.start : last.end]
                named = regions_in(span_text)
                level = g.strength[draft.modal][0] if draft.modal else "should"
                doc.measures.append(
                    Measure(
                        text=span_text,
                        start=para.start + first.start,
                        end=para.start + last.end,
                        verb=draft.verb,
                        object=draft.object.strip(),
                        strength=level,
                        modal=draft.modal,
                        actors=draft.actors,
                        region=home if home in named else (named[0] if named else home),
                        region_source="clause" if named else ("document" if home else ""),
                        paragraph=index,
                    )
                )
