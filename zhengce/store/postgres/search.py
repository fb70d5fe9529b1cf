"""Search a PostgreSQL knowledge base: the query language of zhengce.search, in SQL.

The query is parsed by zhengce.search.query (the same tree, the same errors) and compiled to
a SQL condition: each phrase becomes `(p.words @@ W OR p.grams @@ G)`, exactly as the FTS5
expression is `words : "…" OR grams : "…"`, where W is the phrase of its rjieba words and G
the phrase of its bigrams (`新质 <-> 质生 <-> …`), so a substring of two or more characters
always matches and a lone character is the prefix `力:*`; AND, OR and NOT are SQL's.  Each
W and G is a parameter handed to `to_tsquery('simple', %s)`, parsed by the parser that made
the index; its operands are runs of letters and digits only, quoted besides.

Two tsvectors without weights, not one weighted one: a one-token condition (a word, a
two-character substring, a lone character) is then answered by its GIN index alone, without
reading the paragraph's tsvector back from the table, which costs about 5 µs a row.

Ranking is `ts_rank` of the words plus 1/3 of `ts_rank` of the grams — the ratio of the SQLite
store's bm25 weights — over at most PG_RANK_CANDIDATES matching paragraphs, the most recently
stored first, as in SQLite.  Scores differ from bm25; which documents match does not (up to
the number of candidates: pass `rank_candidates=zhengce.search.RANK_CANDIDATES` for SQLite's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhengce.search import (
    SearchFilters,
    SearchHit,
    highlight_pattern,
    make_snippet,
)
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
from zhengce.store.filters import filter_sql
from zhengce.store.schema import PARAGRAPH_BITS

# Most matching paragraphs scored by ts_rank per query.  ts_rank reads each paragraph's
# tsvectors (about 10 µs a paragraph), so fewer than SQLite's RANK_CANDIDATES: a query matching
# more paragraphs ranks the newest ones, as SQLite does, only fewer of them.
PG_RANK_CANDIDATES = 1_000
# Documents in the first window of newest paragraphs searched (see _candidates).
FIRST_WINDOW_DOCUMENTS = 512
GRAMS_WEIGHT = 1 / 3  # bm25 weights (3, 1) in SQLite: words 1, grams 1/3 here


@dataclass(slots=True)
class CompiledSql:
    """A query as a SQL condition over `paragraphs p`, with its parameters."""

    condition: str
    params: list[str] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)
    text: str = ""
    # What ts_rank scores: every wanted phrase's words, and grams (left-out words score 0).
    rank_words: str = ""
    rank_grams: str = ""


@dataclass(slots=True)
class _Phrases:
    words: list[str] = field(default_factory=list)
    grams: list[str] = field(default_factory=list)


def compile_sql(text: str) -> CompiledSql:
    """Parse a user query and compile it to a SQL condition; QueryError if unusable."""
    folded = fold_query(text).strip()
    if not folded:
        raise QueryError("empty query: type the words to find")
    tree = _Parser(_lex(folded)).parse()
    highlight: list[str] = []
    params: list[str] = []
    wanted = _Phrases()
    condition = _compile(tree, highlight, params, wanted)
    if condition is None:
        raise QueryError(
            f"nothing to search for in {text!r}: type Chinese words, letters or digits"
        )
    pieces = sorted(set(highlight), key=len, reverse=True)
    return CompiledSql(
        condition,
        params,
        pieces,
        folded,
        " | ".join(f"({w})" for w in wanted.words),
        " | ".join(f"({g})" for g in wanted.grams),
    )


def _compile(
    node: Node, highlight: list[str], params: list[str], wanted: _Phrases | None
) -> str | None:
    if isinstance(node, Phrase):
        found = _phrase(node.text, highlight)
        if found is None:
            return None
        words, grams = found
        params.extend([words, grams])
        if wanted is not None:
            wanted.words.append(words)
            wanted.grams.append(grams)
        return "(p.words @@ to_tsquery('simple', %s) OR p.grams @@ to_tsquery('simple', %s))"
    if isinstance(node, Or):
        parts = [
            p
            for p in (_compile(c, highlight, params, wanted) for c in node.children)
            if p is not None
        ]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    if isinstance(node, Not):
        raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
    return _compile_and(node, highlight, params, wanted)


def _compile_and(
    node: And, highlight: list[str], params: list[str], wanted: _Phrases | None
) -> str | None:
    parts: list[str] = []
    unwanted: list[str] = []
    unwanted_params: list[str] = []
    for child in node.children:
        if isinstance(child, Not):
            # Left-out words are neither highlighted nor ranked; their parameters come last.
            part = _compile(child.child, [], unwanted_params, None)
            if part is not None:
                unwanted.append(part)
        else:
            part = _compile(child, highlight, params, wanted)
            if part is not None:
                parts.append(part)
    if not parts:
        if unwanted:
            raise QueryError("a query cannot only leave words out (NOT / -): add a word to find")
        return None
    expression = parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"
    if unwanted:
        params.extend(unwanted_params)
        expression = f"({expression} AND NOT ({' OR '.join(unwanted)}))"
    return expression


def _lexeme(token: str, prefix: bool = False) -> str:
    quoted = token.replace("\\", "\\\\").replace("'", "''")
    return f"'{quoted}'{':*' if prefix else ''}"


def _phrase(text: str, highlight: list[str]) -> tuple[str, str] | None:
    """The (words, grams) tsquery texts of one phrase, or None if it has nothing to find."""
    text = SPACE_BETWEEN_HAN.sub("", text)
    segments = SEGMENT.findall(text)
    if not segments:
        return None
    highlight.extend(segments)
    grams, prefix = phrase_grams(segments)
    words = [piece for word in segment_words(text) for piece in SEGMENT.findall(word)]
    last = len(grams) - 1
    gram_part = " <-> ".join(_lexeme(g, prefix and i == last) for i, g in enumerate(grams))
    word_part = " <-> ".join(_lexeme(w) for w in words)
    return word_part, gram_part


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[Any]]:
    # ILIKE: SQLite's LIKE ignores the case of Latin letters too.  pg_trgm indexes these.
    return filter_sql(filters, mark="%s", like="{column} ILIKE {mark}")


def search(
    conn: Any,
    query: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    per_document: bool = True,
    marks: tuple[str, str] = ("«", "»"),
    rank_candidates: int = PG_RANK_CANDIDATES,
) -> list[SearchHit]:
    """Ranked hits for `query`: the best paragraph per document (or every paragraph)."""
    compiled = compile_sql(query)
    clauses, params = _filter_sql(filters or SearchFilters())
    candidates = _candidates(conn, compiled, clauses, params, rank_candidates)
    if not candidates:
        return []
    scored = conn.execute(
        "SELECT id, ts_rank(words, to_tsquery('simple', %s))"
        " + %s * ts_rank(grams, to_tsquery('simple', %s)) FROM paragraphs WHERE id = ANY(%s)",
        (compiled.rank_words, GRAMS_WEIGHT, compiled.rank_grams, candidates),
    ).fetchall()
    ordered = sorted(((int(pid), float(rank)) for pid, rank in scored), key=_by_rank)
    if per_document:
        best: dict[int, tuple[int, float]] = {}
        for pid, rank in ordered:
            best.setdefault(pid >> PARAGRAPH_BITS, (pid, rank))
        ordered = sorted(best.values(), key=_by_rank)
    return _hits(conn, ordered[:limit], compiled, marks)


def _by_rank(item: tuple[int, float]) -> tuple[float, int]:
    return (-item[1], item[0])


def _candidates(
    conn: Any, compiled: CompiledSql, clauses: list[str], params: list[Any], cap: int
) -> list[int]:
    """Ids of the `cap` most recently stored matching paragraphs (after filters).

    Reading a paragraph's tsvector back from the table (to test a condition the index did not
    decide) costs about 5 µs, so the plan must come from the GIN indexes, never from reading
    paragraphs in order: sequential and plain index scans are switched off for this one query
    (`SET LOCAL`).  Without filters, the newest ids are searched first, in windows growing
    eightfold (a bitmap of the primary key ANDed with the GIN bitmaps), until a window holds
    `cap` matches (they are then the newest `cap` of all) or covers every id.  With filters
    the planner is left to choose how to join the documents, and every match is sorted.
    """
    top = conn.execute("SELECT MAX(id) FROM paragraphs").fetchone()[0]
    if top is None:
        return []
    if clauses:
        where = "".join(f" AND {clause}" for clause in clauses)
        sql = (
            "SELECT p.id FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
            f" WHERE {compiled.condition}{where} ORDER BY p.id + 0 DESC LIMIT %s"
        )
        return [int(row[0]) for row in conn.execute(sql, [*compiled.params, *params, cap])]
    with conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")
        conn.execute("SET LOCAL enable_indexscan = off")
        sql = (
            f"SELECT p.id FROM paragraphs p WHERE {compiled.condition}"
            " AND p.id >= %s ORDER BY p.id + 0 DESC LIMIT %s"
        )
        span = FIRST_WINDOW_DOCUMENTS << PARAGRAPH_BITS
        while True:
            low = max(0, int(top) - span)
            values = [*compiled.params, low, cap]
            found = [int(row[0]) for row in conn.execute(sql, values)]
            if len(found) >= cap or low == 0:
                return found
            span *= 8


def _hits(
    conn: Any, ranked: list[tuple[int, float]], compiled: CompiledSql, marks: tuple[str, str]
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
