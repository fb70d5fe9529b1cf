"""`zhengce formulations`: each formulation with its first-seen date, documents and mentions.

First seen is the earliest day a document mentioning the term came out (programme or
publication day, else the document's own date), as in the timeline; first event is the earliest
event date of those documents (a meeting reported two days later has its own day there).
"""

from __future__ import annotations

from typing import Any

from zhengce.analysis.timeline import iso_day
from zhengce.store.base import Store


def list_formulations(
    store: Store, *, discovered_only: bool = False, limit: int | None = None
) -> list[dict[str, Any]]:
    """Rows {term, known, how, first_seen, first_event, documents, mentions}, most
    widespread first.

    `known` is True for lexicon terms (data/formulations.tsv), False for discovered candidates;
    `how` says how the term was found (lexicon, quoted, number_slogan; several joined by ",").
    """
    found = store.formulations(discovered_only=discovered_only, limit=limit)
    for row in found:
        row["known"] = bool(row["known"])
        row["how"] = ",".join(sorted(set(row["how"].split(","))))
        row["first_seen"] = iso_day(row["first_seen"])
    return found


def terms_of_documents(store: Store, doc_ids: list[str]) -> dict[str, int]:
    """Mention counts of every formulation in these documents."""
    return store.formulation_counts(doc_ids)


def first_seen_dates(store: Store, terms: list[str]) -> dict[str, str | None]:
    """The earliest document date of each term in the whole database."""
    return store.first_seen(terms)
