"""Search a PostgreSQL knowledge base: the query language of zhengce.search, as a tsquery.

The query is parsed by zhengce.search.query (the same tree, the same errors); each phrase
becomes `(words phrase, weight A) | (grams phrase, weight D)`, exactly as the FTS5 expression
is `words : "…" OR grams : "…"`, so a substring of two or more characters always matches
(its bigrams in a row) and a lone character is the prefix `力:*`.  The tsquery text is handed
to `to_tsquery('simple', %s)` as a parameter, so it is parsed by the same parser that made
the index; operands are runs of letters and digits only, quoted besides.

Ranking is `ts_rank` with the weights 1 (words) and 1/3 (grams) — the ratio of the SQLite
store's bm25 weights — over at most RANK_CANDIDATES matching paragraphs, the most recently
stored first, as in SQLite.  Scores differ from bm25; which documents match does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhengce.search import (
    RANK_CANDIDATES,
    SearchFilters,
    SearchHit,
    make_snippet,
    normalize_date_bound,
)
from zhengce.search import _highlight_pattern as highlight_pattern
from zhengce.search.query import (
    SEGMENT,
    SPACE_BETWEEN_HAN,
    And,
    Node,
    Not,
    Or,
    Phrase,
    QueryError,
    _lex,
    _Parser,
    fold_query,
    phrase_grams,
)
from zhengce.search.tokens import segment_words
from zhengce.store.schema import PARAGRAPH_BITS

# ts_rank's weights for {D, C, B, A}: grams are D, words are A (bm25's 1 : 3 in SQLite).
RANK_WEIGHTS = "{0.3333, 0, 0, 1}"


@dataclass(slots=True)
class CompiledTsQuery:
    tsquery: str
    highlight: list[str] = field(default_factory=list)
    text: str = ""
    # What ts_rank scores: the query without its left-out words (ts_rank gives a NOT 0).
    rank_tsquery: str = ""


def compile_tsquery(text: str) -> CompiledTsQuery:
    """Parse a user query and compile it for to_tsquery('simple', …); QueryError if unusable."""
    folded = fold_query(text).strip()
    if not folded:
        raise QueryError("empty query: type the words to find")
    tree = _Parser(_lex(folded)).parse()
    highlight: list[str] = []
    compiled = _compile(tree, highlight)
    if compiled is None:
        raise QueryError(
            f"nothing to search for in {text!r}: type Chinese words, letters or digits"
        )
    pieces = sorted(set(highlight), key=len, reverse=True)
    return CompiledTsQuery(compiled, pieces, folded, _compile(tree, [], ranking=True) or "")


def _compile(node: Node, highlight: list[str], *, ranking: bool = False) -> str | None:
    if isinstance(node, Phrase):
        return _phrase(node.text, highlight)
    if isinstance(node, Or):
        parts = [
            p
            for p in (_compile(c, highlight, ranking=ranking) for c in node.children)
            if p is not None
        ]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
    if isinstance(node, Not):
        raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
    return _compile_and(node, highlight, ranking)


def _compile_and(node: And, highlight: list[str], ranking: bool = False) -> str | None:
    wanted: list[str] = []
    unwanted: list[str] = []
    for child in node.children:
        if isinstance(child, Not):
            part = _compile(child.child, [])
            if part is not None:
                unwanted.append(part)
        else:
            part = _compile(child, highlight, ranking=ranking)
            if part is not None:
                wanted.append(part)
    if not wanted:
        if unwanted:
            raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
        return None
    expression = wanted[0] if len(wanted) == 1 else "(" + " & ".join(wanted) + ")"
    if unwanted and not ranking:
        expression = f"({expression} & !({' | '.join(unwanted)}))"
    return expression


def _lexeme(token: str, weight: str, prefix: bool = False) -> str:
    quoted = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}':{'*' if prefix else ''}{weight}"


def _phrase(text: str, highlight: list[str]) -> str | None:
    text = SPACE_BETWEEN_HAN.sub("", text)
    segments = SEGMENT.findall(text)
    if not segments:
        return None
    highlight.extend(segments)
    grams, prefix = phrase_grams(segments)
    words = [piece for word in segment_words(text) for piece in SEGMENT.findall(word)]
    last = len(grams) - 1
    gram_part = " <-> ".join(_lexeme(g, "D", prefix and i == last) for i, g in enumerate(grams))
    word_part = " <-> ".join(_lexeme(w, "A") for w in words)
    return f"(({word_part}) | ({gram_part}))"


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        clauses.append("d.date >= %s")
        params.append(normalize_date_bound(filters.date_from, "--from"))
    if filters.date_to:
        clauses.append("d.date <= %s")
        params.append(normalize_date_bound(filters.date_to, "--to") + "~")
    if filters.person:
        clauses.append(
            "EXISTS (SELECT 1 FROM participants pa"
            " WHERE pa.doc_id = d.id AND pa.present = 1 AND pa.name = %s)"
        )
        params.append(fold_query(filters.person).strip())
    if filters.place:
        # ILIKE: SQLite's LIKE ignores the case of Latin letters too.  pg_trgm indexes these.
        pattern = "%" + _escape_like(fold_query(filters.place).strip()) + "%"
        clauses.append("(d.province ILIKE %s OR d.city ILIKE %s OR d.place ILIKE %s)")
        params.extend([pattern, pattern, pattern])
    if filters.kind:
        clauses.append("d.kind = %s")
        params.append(filters.kind.strip())
    if filters.speaker:
        clauses.append("p.speaker = %s")
        params.append(fold_query(filters.speaker).strip())
    return clauses, params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    conn: Any,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    per_document: bool = True,
    marks: tuple[str, str] = ("«", "»"),
    rank_candidates: int = RANK_CANDIDATES,
) -> list[SearchHit]:
    """Ranked hits for `query`: the best paragraph per document (or every paragraph)."""
    compiled = compile_tsquery(query)
    clauses, params = _filter_sql(filters or SearchFilters())
    joins = " JOIN documents d ON d.id = p.doc_id" if clauses else ""
    where = "".join(f" AND {clause}" for clause in clauses)
    # The candidates first (ids only), then ts_rank over them alone.
    sql = (
        "WITH q AS MATERIALIZED (SELECT to_tsquery('simple', %s) AS q,"
        " to_tsquery('simple', %s) AS r),"
        " c AS MATERIALIZED (SELECT p.id FROM paragraphs p"
        f"{joins}, q WHERE p.tsv @@ q.q{where} ORDER BY p.id DESC LIMIT %s),"
        " h AS MATERIALIZED (SELECT p.id AS pid,"
        f" ts_rank('{RANK_WEIGHTS}', p.tsv, q.r) AS rank"
        " FROM c JOIN paragraphs p ON p.id = c.id, q)"
    )
    if per_document:
        sql += (
            f" SELECT pid, rank FROM (SELECT DISTINCT ON (pid >> {PARAGRAPH_BITS}) pid, rank"
            f" FROM h ORDER BY pid >> {PARAGRAPH_BITS}, rank DESC, pid) best"
            " ORDER BY rank DESC, pid LIMIT %s"
        )
    else:
        sql += " SELECT pid, rank FROM h ORDER BY rank DESC, pid LIMIT %s"
    ranked = conn.execute(
        sql, [compiled.tsquery, compiled.rank_tsquery, *params, rank_candidates, limit]
    ).fetchall()
    return _hits(conn, ranked, compiled, marks)


def _hits(
    conn: Any, ranked: list[tuple[int, float]], compiled: CompiledTsQuery, marks: tuple[str, str]
) -> list[SearchHit]:
    if not ranked:
        return []
    rows = conn.execute(
        "SELECT pt.id, pt.doc_id, pt.ord, pt.speaker, pt.text, d.title, d.date, d.source"
        " FROM paragraph_texts pt JOIN documents d ON d.id = pt.doc_id WHERE pt.id = ANY(%s)",
        ([pid for pid, _ in ranked],),
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    pattern = highlight_pattern(compiled.highlight)
    hits: list[SearchHit] = []
    for pid, rank in ranked:
        _, doc_id, ord_, speaker, text, title, date, source = by_id[pid]
        hits.append(
            SearchHit(
                doc_id=doc_id,
                title=title,
                date=date,
                snippet=make_snippet(text, pattern, marks),
                speaker=speaker,
                score=round(float(rank), 4),
                paragraph=ord_,
                source=source,
            )
        )
    return hits
