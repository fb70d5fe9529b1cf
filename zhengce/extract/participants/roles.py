"""Roles: which predicate each list of people has (主持 → chair, 会见 → host, ...), sentence by
sentence; the guests a host meets; who accompanies whom."""

from __future__ import annotations

import re

from zhengce.extract.participants.lexicon import (
    _ACCOMPANIED_BY,
    _INVITATION,
    _LEAD_IN,
    _LIST_AFTER,
    _PARTICIPLE,
    _PEOPLE_OF_BODIES,
    _SENTENCES,
    ROLE_RANK,
    Lexicon,
    Mention,
    RoleGroup,
    lexicon,
)
from zhengce.extract.participants.lists import ListParser, _planned, clauses


def role_groups(text: str, lex: Lexicon | None = None) -> list[RoleGroup]:
    """Every group of people in `text` that a verb gives a role, in text order."""
    lex = lex or lexicon()
    if lex.role_hint is not None and not lex.role_hint.search(text):
        return []  # no sentence of it has a role verb: one scan instead of one per sentence
    parser = ListParser(text, lex)
    groups: list[RoleGroup] = []
    for sentence in _SENTENCES.finditer(text):
        s_start, s_end = sentence.span()
        if not lex.any_role_re.search(text, s_start, s_end):
            continue  # cheap skip: no verb that gives a role
        groups += _sentence_groups(parser, s_start, s_end)
    return groups


def _sentence_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    # After "X强调，" / "会议指出，" comes what was said: people named there are spoken of,
    # they are not acting at this event (会议强调，习近平总书记在两会期间发表了重要讲话…).
    said = parser.lex.reported_speech.search(parser.text, s_start, s_end)
    if said:
        s_end = said.end() - 1
    guests = _guest_groups(parser, s_start, s_end)
    groups = _accompanying_groups(parser, s_start, s_end) + guests
    trailing = _LIST_AFTER.search(parser.text, s_start, s_end)
    if trailing:
        groups += _trailing_list(parser, trailing, s_end)
        s_end = trailing.start()
    groups += _without(_subject_groups(parser, s_start, s_end), guests)
    return sorted(groups, key=lambda group: group.mentions[0].start)  # in text order


def _without(groups: list[RoleGroup], guests: list[RoleGroup]) -> list[RoleGroup]:
    """Subject groups less the people met: 王毅与拉夫罗夫会谈 reads as one list before 会谈
    (与 joins lists), but the partner named after 与 is the guest, not a second host."""
    met = {(m.start, m.end) for group in guests for m in group.mentions}
    if not met:
        return groups
    kept = []
    for group in groups:
        mentions = tuple(m for m in group.mentions if (m.start, m.end) not in met)
        if mentions:
            kept.append(RoleGroup(mentions, group.role, group.evidence))
    return kept


# The people met: after 会见/接见/会晤 to the clause end, or between 同/与 and 会谈/会晤.
# (roles.tsv lists the same verbs as `host` rows: the subject of each is the host.)
VERBS_BEFORE_GUESTS = ("会见", "接见", "会晤")
VERBS_AFTER_PARTNERS = ("会谈", "会晤")
MEETING_VERBS = tuple(dict.fromkeys(VERBS_BEFORE_GUESTS + VERBS_AFTER_PARTNERS))

# Not 会见后/会见前/会见期间: the meeting as a time, no one named after it.
# (会见时 is left to _before_when: 时 is also a surname, 会见时建中.)
_GUESTS_AFTER = re.compile(
    f"(?:{'|'.join(VERBS_BEFORE_GUESTS)})了?(?![后前期])(?P<guests>[^，。；：]{{2,80}})"
)
_PARTNERS = re.compile(
    r"(?:同|与)(?P<guests>(?:(?!举行)[^，。；：同与]){2,60}?)(?:举行[^，。；：]{0,30}?)?了?"
    f"(?:{'|'.join(VERBS_AFTER_PARTNERS)})"
)


def _guest_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """习近平会见波兰总统杜达 / 李强同越南总理范明政举行会谈: the people met are guests.

    A list after the verb may be introduced by a participle (会见来华访问的…总统X): the list
    is then read from after its last 的.
    """
    groups: list[RoleGroup] = []
    text = parser.text
    sentence = text[s_start:s_end]
    # Most sentences meet nobody: a substring test spares them the scans (同 and 与 are
    # common, and _PARTNERS tries up to 60 characters after each).
    if not any(verb in sentence for verb in MEETING_VERBS):
        return groups
    for pattern in (_GUESTS_AFTER, _PARTNERS):
        for match in pattern.finditer(text, s_start, s_end):
            if _planned(text, s_start, match.start()):
                continue  # 将会见…, 同意…举行会谈: not (yet) met
            start, end = match.span("guests")
            if pattern is _PARTNERS and parser.lex.any_role_re.search(text, start, end):
                continue  # 同X共同主持…会晤: X shares another verb, the talks are its object
            if pattern is _GUESTS_AFTER:
                first = clauses(text, start, end)
                if not first or first[0][0] != start:
                    continue  # 会见（…）: an aside, not the people met
                end = _before_when(parser, start, first[0][1])
            found = parser.parse(start, end)
            if found is None and "的" in text[start:end]:
                found = parser.parse(text.rindex("的", start, end) + 1, end)
            if found is not None:
                # The meeting verb: 会谈/会晤 ends a talks match, 会见/接见/会晤 opens the other.
                verb = match.group()[-2:] if pattern is _PARTNERS else match.group()[:2]
                groups.append(RoleGroup(tuple(found[0]), "guest", verb))
    return groups


def _before_when(parser: ListParser, start: int, end: int) -> int:
    """Where the people met end in 会见X时表示: before a 时 that ends the clause or precedes a
    verb (a 时 inside a name, 时建中, is followed by more of the name)."""
    text = parser.text
    cut = text.find("时", start, end)
    while cut != -1:
        if cut + 1 == end or parser.lex.predicate_start.match(text, cut + 1):
            return cut
        cut = text.find("时", cut + 1, end)
    return end


def _accompanying_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """在省委书记王晓晖、省长黄强陪同下: the people named accompany the subject."""
    groups = []
    for match in _ACCOMPANIED_BY.finditer(parser.text, s_start, s_end):
        found = parser.parse(match.start(1), match.end(1))
        if found and found[1] == match.end(1):
            groups.append(RoleGroup(tuple(found[0]), "accompanying", "陪同"))
    return groups


def _trailing_list(parser: ListParser, trailing: re.Match[str], s_end: int) -> list[RoleGroup]:
    """陪同出访的有：A，B，C: every clause after the colon is a list with the verb's role."""
    role, verb = _verb_role(trailing.group(1)), trailing.group(1)
    groups = []
    for c_start, c_end in clauses(parser.text, trailing.end(), s_end):
        found = parser.parse(c_start, c_end)
        if not found or found[1] != c_end:
            break
        groups.append(RoleGroup(tuple(found[0]), role, verb))
    return groups


def _subject_groups(parser: ListParser, s_start: int, s_end: int) -> list[RoleGroup]:
    """Lists that are the subject of a role verb, across clauses of bare lists (A，B，C出席)."""
    text = parser.text
    groups: list[RoleGroup] = []
    pending: list[Mention] = []  # people of clauses that are only a list, waiting for a verb
    spans = clauses(text, s_start, s_end)
    for index, (c_start, c_end) in enumerate(spans):
        base = None
        if _INVITATION.match(text, c_start, c_end):
            pending = []
            continue
        lead_in = _LEAD_IN.match(text, c_start, c_end)
        if lead_in and _lead_in_opens_list(parser, lead_in, c_end):
            c_start = lead_in.end()
        participle = _PARTICIPLE.match(text, c_start, c_end)
        if participle:  # 出席会议的X表示: X attended whatever the rest says
            base = (_verb_role(participle.group(1)), participle.group(1))
            c_start = participle.end()
        found = parser.parse(c_start, c_end)
        if found is None:
            given = _role_of_groups_of_people(parser, c_start, c_end) if pending else None
            if given:  # 中央军委委员A、B，军委机关各部门主要负责同志等参加仪式
                groups.append(RoleGroup(tuple(pending), given[0], given[1]))
            pending = []
            continue
        mentions, j = found
        if j == c_end and base is None:
            pending += mentions
            continue
        # The predicate runs to the clause end, and on through clauses that begin with 并.
        p_end = c_end
        for n_start, n_end in spans[index + 1 :]:
            if not text.startswith("并", n_start):
                break
            p_end = n_end
        given = parser.role_in(j, p_end)
        if base and (given is None or ROLE_RANK[base[0]] > ROLE_RANK[given[0]]):
            given = base
        if given:
            groups.append(RoleGroup(tuple(pending + mentions), given[0], given[1]))
        pending = []
    return groups


def _lead_in_opens_list(parser: ListParser, lead_in: re.Match[str], end: int) -> bool:
    """在 opens a list only before a post (在加拿大外长乔利讲话现场), not before a place
    (在莫斯科同…会谈) nor in 在…陪同下, which is read on its own."""
    if lead_in.group() != "在":
        return True
    if _ACCOMPANIED_BY.match(parser.text, lead_in.start(), end):
        return False
    lex, text = parser.lex, parser.text
    return any(
        lex.level(text[lead_in.end() : b]) != "foreign"
        or lex.is_foreign_post(text[lead_in.end() : b])
        for b in parser.post_ends(lead_in.end(), end)
    )


def _role_of_groups_of_people(parser: ListParser, start: int, end: int) -> tuple[str, str] | None:
    """The role a clause gives when its subject is people named by their body, not by name.

    "…军委机关各部门、有关单位主要负责同志等参加仪式": the people listed by name in the
    clauses before share the verb of this one.
    """
    verb = parser.lex.role_re.search(parser.text, start, end)
    if verb is None or not _PEOPLE_OF_BODIES.search(parser.text, start, verb.start()):
        return None
    return parser.role_in(verb.start(), end)


def _verb_role(verb: str) -> str:
    return "accompanying" if verb == "陪同" else "attendee"
