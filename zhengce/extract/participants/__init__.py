"""Participants: every person at the event, with positions in the text's order and a role.

Chinese reports name the people at a meeting in a fixed way: a list of items joined by 、
(or by ，when each item carries its own posts), each item a chain of posts and a name
("中共中央政治局常委、国务院总理李强") or a bare name ("李干杰、何立峰"), then a predicate
whose verb gives the role: 主持 → chair, 发言/讲话 → speaker, 提交了书面发言 → written_statement,
出席/参加 → attendee, 陪同 → accompanying, 会见/会谈 → host.  The people a host meets, named
after 会见/接见 or after 同/与 before 会谈 (习近平同波兰总统杜达举行会谈), are guests.  A post
before a list of bare names applies to each of them ("副组长张安顺、陈少波出席").

Posts come from the patterns in `data/positions.tsv`, verbs from `data/roles.tsv`, and a
name is 2-4 Han characters starting with a surname (`data/surnames.tsv`) that ends where a
verb, a time word or the next list item begins; no list of people is used.  Only body text is
read (titles and subtitles repeat the body, captions repeat it too).  A person named again
later is the same participant; the role kept is the strongest one the text gives.

Reporters, photographers and editors are named in the page but were not at the event; they
go to `Document.not_participants` (from `metadata["staff"]` and from bylines found here).

The concerns live apart: `lexicon` (the tables compiled), `lists` (lists of posts and
names), `roles` (the predicate of each list), `bylines` (staff named but not present); this
module is the stage.
"""

from __future__ import annotations

from zhengce.extract.participants.bylines import find_staff
from zhengce.extract.participants.lexicon import READ_KINDS, ROLE_RANK, Mention, RoleGroup, lexicon
from zhengce.extract.participants.roles import role_groups
from zhengce.model import Document, Participant

# --------------------------------------------------------------------------- the stage


def find_participants(doc: Document) -> None:
    """Fill `doc.participants` and `doc.not_participants` from the body paragraphs."""
    lex = lexicon()
    doc.not_participants = find_staff(doc, lex)
    staff_names = {p.name for p in doc.not_participants}
    found: dict[str, Participant] = {}
    for paragraph in doc.paragraphs:
        if paragraph.kind not in READ_KINDS:
            continue
        for group in role_groups(paragraph.text, lex):
            for mention in group.mentions:
                if mention.name in staff_names:
                    continue
                _merge(found, mention, group, paragraph.start)
    doc.participants = list(found.values())


def _merge(found: dict[str, Participant], mention: Mention, group: RoleGroup, offset: int) -> None:
    known = found.get(mention.name)
    if known is None:
        found[mention.name] = Participant(
            mention.name,
            list(mention.positions),
            group.role,
            offset + mention.start,
            offset + mention.end,
            group.evidence,
        )
        return
    if not known.positions and mention.positions:
        known.positions = list(mention.positions)
    if ROLE_RANK[group.role] > ROLE_RANK[known.role]:
        known.role = group.role
        known.evidence = group.evidence
