"""The search filters as SQL conditions, shared by every store (parameters only, never input).

Each store's dialect differs in two places only: the parameter mark (`?` in SQLite, `%s` in
psycopg) and the case-insensitive, backslash-escaped substring match (SQLite's LIKE already
ignores the case of Latin letters; PostgreSQL needs ILIKE, which pg_trgm indexes).
"""

from __future__ import annotations

from typing import Any

from zhengce.search import SearchFilters, normalize_date_bound
from zhengce.search.places import place_terms
from zhengce.search.query import fold_query


def filter_sql(filters: SearchFilters, *, mark: str, like: str) -> tuple[list[str], list[Any]]:
    """Conditions on `d` (documents), `p` (the paragraph) and their parameters.

    `like` is the substring match with `{column}` and `{mark}` holes, e.g.
    "{column} LIKE {mark} ESCAPE '\\'".
    """
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        clauses.append(f"d.date >= {mark}")
        params.append(normalize_date_bound(filters.date_from, "--from"))
    if filters.date_to:
        # '~' sorts after digits and '-', so 2024-05 also admits 2024-05-31.
        clauses.append(f"d.date <= {mark}")
        params.append(normalize_date_bound(filters.date_to, "--to") + "~")
    if filters.person:
        clauses.append(
            "EXISTS (SELECT 1 FROM participants pa"
            f" WHERE pa.doc_id = d.id AND pa.present = 1 AND pa.name = {mark})"
        )
        params.append(fold_query(filters.person).strip())
    if filters.place:
        columns = ("d.province", "d.city", "d.place")
        one = "(" + " OR ".join(like.format(column=c, mark=mark) for c in columns) + ")"
        terms = place_terms(filters.place)  # several places, region presets (东北)
        clauses.append("(" + " OR ".join([one] * len(terms)) + ")")
        for term in terms:
            pattern = "%" + escape_like(term.strip()) + "%"
            params.extend([pattern] * len(columns))
    if filters.kind:
        clauses.append(f"d.kind = {mark}")
        params.append(filters.kind.strip())
    if filters.speaker:
        clauses.append(f"p.speaker = {mark}")
        params.append(fold_query(filters.speaker).strip())
    return clauses, params


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
