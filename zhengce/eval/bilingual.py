"""Bilingual metrics: glossary recall and the alignment of each gold term's paragraphs.

Glossary recall: a gold pair [Chinese, English] is found when the document's term pairs
(discoveries plus built-in table matches in this document, `zhengce.bilingual.glossary`) hold
the Chinese term with a rendering equal to the gold English after `english_form`: case folded,
hyphens and dashes read as spaces, punctuation and the articles a / an / the dropped, and each
word's plural -s / -es / -ies taken off ("the five major security" = "Five major securities").

`glossary_recall_without_table` runs discovery without the glossary table (no table matches,
general word lexicon only), to show what discovery alone finds.

Alignment: a gold pair is aligned when every English paragraph holding its English rendering
is paired with Chinese text holding its Chinese term (and at least one such paragraph exists).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from zhengce.eval.metrics import Metric, SeedCase, coverage, ratio

if TYPE_CHECKING:
    from zhengce.model import AlignedPair

ARTICLES = frozenset({"a", "an", "the"})


def english_form(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", text.lower()))
    return tuple(_singular(word) for word in words if word not in ARTICLES)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def check(case: SeedCase) -> list[Metric]:
    wanted = case.gold.get("glossary")
    if not wanted:
        return []
    from zhengce.bilingual.align import align
    from zhengce.bilingual.glossary import discover

    pairs = align(case.doc)
    found = discover(case.doc, pairs)
    alone = {
        (item.term_zh, english_form(item.term_en))
        for item in discover(case.doc, pairs, use_table=False)
    }
    renderings = {(item.term_zh, english_form(item.term_en)) for item in found}
    missing = [zh for zh, en in wanted if (zh, english_form(en)) not in renderings]
    by_discovery = [zh for zh, en in wanted if (zh, english_form(en)) in alone]
    misaligned = [zh for zh, en in wanted if not _aligned(case, pairs, zh, en)]
    return [
        coverage("bilingual.glossary_recall", len(wanted), missing, 0.7),
        ratio(
            "bilingual.glossary_recall_without_table",
            len(by_discovery),
            len(wanted),
            None,
            detail="discovery alone: no glossary table, general word lexicon only",
        ),
        coverage("bilingual.glossary_aligned", len(wanted), misaligned, 1.0, "misaligned"),
    ]


def _aligned(case: SeedCase, pairs: list[AlignedPair], zh: str, en: str) -> bool:
    doc = case.doc
    english = [
        i
        for i, p in enumerate(doc.paragraphs)
        if p.kind == "english" and en.lower() in p.text.lower()
    ]
    if not english:
        return False
    for index in english:
        partner = [pair for pair in pairs if index in pair.en]
        if not partner or zh not in partner[0].zh_text:
            return False
    return True
