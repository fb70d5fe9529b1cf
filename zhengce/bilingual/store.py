"""Bilingual tables of the knowledge base, their migrations, and English queries in search.

The tables `aligned_pairs` and `glossary_candidates` were made by the store's migration 3,
before packages kept migrations of their own; this package's `MIGRATIONS` (run by
`zhengce.store.schema.connect`, see PACKAGE_MIGRATIONS there) change them from then on.

`bilingual_rows(doc)` is what ingest stores: the aligned pairs and discovered term pairs the
bilingual stage (`zhengce.bilingual.stage`) put on the document.
`english_query(query)` lets an English search also find the Chinese: every glossary rendering
in the query (longest first, whole words, any case) becomes (“rendering” OR 中文术语).
`aligned_text(conn, doc_id, paragraph)` gives the other side of a stored aligned pair.
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import cache
from typing import Any

from zhengce.bilingual.words import glossary_rows
from zhengce.model import AlignedPair, Document, TermPair

PACKAGE = "bilingual"

# 1: what a round trip of the Document needs: whether a pair is in the translation's order,
# the candidates' order and how many pairs gave each rendering.
MIGRATIONS: tuple[str, ...] = (
    """
ALTER TABLE aligned_pairs ADD COLUMN in_order INTEGER NOT NULL DEFAULT 1;
ALTER TABLE glossary_candidates ADD COLUMN ord INTEGER;      -- NULL: stored before
ALTER TABLE glossary_candidates ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
""",
)


def bilingual_rows(doc: Document) -> dict[str, list[tuple[Any, ...]]]:
    aligned = [
        (i, json.dumps(p.zh), json.dumps(p.en), p.zh_text, p.en_text, p.confidence, int(p.in_order))
        for i, p in enumerate(doc.aligned_pairs)
    ]
    terms = [
        (i, t.term_zh, t.term_en, t.how, t.score, t.zh_paragraph, t.en_paragraph, t.count)
        for i, t in enumerate(doc.term_candidates)
    ]
    return {"aligned_pairs": aligned, "glossary_candidates": terms}


@cache
def _renderings() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every English rendering (longest first), and rendering -> Chinese term."""
    found: dict[str, str] = {}
    for row in glossary_rows():
        for option in row["term_en"].split("|"):
            option = option.strip().lower()
            if len(option) >= 4:  # two-letter renderings (EU) would rewrite ordinary words
                found.setdefault(option, row["term_zh"])
    ordered = sorted(found, key=len, reverse=True)
    alternatives = "|".join(re.escape(en) for en in ordered) or r"(?!)"
    pattern = re.compile(r'(?<!\w)"?(' + alternatives + r')"?(?!\w)', re.IGNORECASE)
    return pattern, found


def english_query(query: str) -> str:
    """`Belt and Road` -> `("Belt and Road" OR 一带一路)`; a query without renderings is kept."""
    if not re.search(r"[A-Za-z]", query):
        return query
    pattern, chinese = _renderings()

    def both(match: re.Match[str]) -> str:
        english = match.group(1)
        return f'("{english}" OR {chinese[english.lower()]})'

    return pattern.sub(both, query)


def aligned_text(conn: sqlite3.Connection, doc_id: str, paragraph: int) -> str | None:
    """The English of a Chinese paragraph (or the Chinese of an English one), if aligned."""
    for zh, en, zh_text, en_text in conn.execute(
        "SELECT zh_paragraphs, en_paragraphs, zh_text, en_text FROM aligned_pairs"
        " WHERE doc_id = ? ORDER BY ord",
        (doc_id,),
    ):
        if paragraph in json.loads(zh):
            return str(en_text)
        if paragraph in json.loads(en):
            return str(zh_text)
    return None


def insert_bilingual(
    conn: sqlite3.Connection, doc_id: str, rows: dict[str, list[tuple[Any, ...]]]
) -> None:
    """Insert the rows `bilingual_rows` made (inside the writer's transaction)."""
    conn.executemany(
        "INSERT INTO aligned_pairs (doc_id, ord, zh_paragraphs, en_paragraphs, zh_text, en_text,"
        " confidence, in_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in rows.get("aligned_pairs", [])],
    )
    conn.executemany(
        "INSERT INTO glossary_candidates (doc_id, ord, term_zh, term_en, how, score,"
        " zh_paragraph, en_paragraph, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in rows.get("glossary_candidates", [])],
    )


def load_bilingual(conn: sqlite3.Connection, doc_id: str, doc: Document) -> None:
    """Set `doc.aligned_pairs` and `doc.term_candidates` from the tables."""
    doc.aligned_pairs = [
        AlignedPair(json.loads(zh), json.loads(en), zh_text, en_text, confidence, bool(in_order))
        for zh, en, zh_text, en_text, confidence, in_order in conn.execute(
            "SELECT zh_paragraphs, en_paragraphs, zh_text, en_text, confidence, in_order"
            " FROM aligned_pairs WHERE doc_id = ? ORDER BY ord",
            (doc_id,),
        )
    ]
    doc.term_candidates = [
        TermPair(term_zh, term_en, how, score, doc.source, zh_paragraph, en_paragraph, count)
        for term_zh, term_en, how, score, zh_paragraph, en_paragraph, count in conn.execute(
            "SELECT term_zh, term_en, how, score, zh_paragraph, en_paragraph, count"
            " FROM glossary_candidates WHERE doc_id = ? ORDER BY ord, term_zh",
            (doc_id,),
        )
    ]
