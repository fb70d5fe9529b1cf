"""Facet counts of a result set, counted in memory from `store.browse.facet_rows`.

The rows are read once per database generation (the app's Cache) and every results page
counts its facets from them: no query per facet, whatever the number of matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from zhengce.store.browse import FacetRows
from zhengce.store.schema import PARAGRAPH_BITS

FACET_SIZE = 12  # values shown per facet (the most frequent)


def _top(counts: Counter[str], size: int | None = FACET_SIZE) -> list[tuple[str, int]]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ordered if size is None else ordered[:size]


def doc_ids(rows: FacetRows, paragraph_ids: Sequence[int]) -> list[str]:
    found = (rows.documents.get(pid >> PARAGRAPH_BITS) for pid in paragraph_ids)
    return [doc[0] for doc in found if doc is not None]


def count(
    rows: FacetRows,
    paragraph_ids: Sequence[int],
    region_presets: dict[str, tuple[str, ...]],
) -> tuple[list[str], dict[str, list[tuple[str, int]]]]:
    """The documents of the matching paragraphs (in order) and documents per facet value
    (speaker and theme: of the matching paragraph)."""
    ids: list[str] = []
    years: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    people: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    for pid in paragraph_ids:
        doc = rows.documents.get(pid >> PARAGRAPH_BITS)
        if doc is None:
            continue
        doc_id, year, kind, province = doc
        ids.append(doc_id)
        for counter, value in ((years, year), (kinds, kind), (provinces, province)):
            if value:
                counter[value] += 1
        people.update(rows.people.get(doc_id, ()))
        terms.update(rows.formulations.get(doc_id, ()))
        if pid in rows.speakers:
            speakers[rows.speakers[pid]] += 1
        if pid in rows.themes:
            themes[rows.themes[pid]] += 1
    regions: Counter[str] = Counter()
    for region, members in region_presets.items():
        n = sum(n for province, n in provinces.items() if any(m in province for m in members))
        if n:
            regions[region] = n
    return ids, {
        "year": sorted(years.items(), reverse=True),
        "kind": _top(kinds),
        "place": _top(provinces),
        "region": _top(regions, None),
        "person": _top(people),
        "speaker": _top(speakers),
        "theme": _top(themes),
        "formulation": _top(terms),
    }
