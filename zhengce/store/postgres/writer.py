"""Write workers' records into PostgreSQL: a batch of files per transaction, rows sent by COPY.

The records are those the SQLite writer takes (`zhengce.store.writer.document_record`, built in
the workers, index tokens included), so the two stores hold the same rows.  A batch is one
transaction together with its files' `sources` rows: a killed writer leaves whole batches
behind and the next run skips exactly the files they hold.  An advisory lock serializes
writers, so two members of a team ingesting into one database at once cannot both insert the
same document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from zhengce.store.facts import FACT_TABLES, _columns, _quoted, stored_columns
from zhengce.store.schema import PARAGRAPH_BITS
from zhengce.store.writer import FileResult, Record, WriteCounts, read_by_another_pipeline
from zhengce.version import pipeline_fingerprint

# Any fixed number: the advisory lock held by the one transaction writing documents.
WRITE_LOCK = 0x7A68_6D02


# The index of a paragraph: its rjieba words and its grams, two tsvectors.  Both strings are
# tokens separated by spaces, computed by the worker (zhengce.search.tokens); PostgreSQL's
# parser keeps each token whole (a run of letters or digits) and `simple` lowercases it.
def tsvector_sql(table: str = "") -> str:
    prefix = f"{table}." if table else ""
    return f"to_tsvector('simple', {prefix}words), to_tsvector('simple', {prefix}grams)"


DOCUMENT_COLUMNS = (
    "id, file_hash, source, title, kind, date, event_year, event_month, event_day, published,"
    " programme_date, province, city, place, source_name, url, n_chars, raw_text, text,"
    " metadata, outline, steps_run, doc_type, document_number"
)


def child_tables() -> dict[str, str]:
    """COPY target (table and columns, doc_id first) of each list of child rows in a record:
    the fact tables as zhengce.store.facts names their columns, then the other tables."""
    targets: dict[str, str] = {}
    for table in FACT_TABLES:
        columns = ["ord", *stored_columns(table), *table.derived]
        targets[table.table] = f"{table.table} (doc_id, {_quoted(columns)})"
        for nested in table.nested:
            child = ["parent", "ord", *stored_columns_of(nested.item)]
            targets[nested.table] = f"{nested.table} (doc_id, {_quoted(child)})"
    return {
        **targets,
        "edits": (
            'edits (doc_id, ord, step, start, "end", before, after, stage, reason, confidence)'
        ),
        "blocks": 'blocks (doc_id, ord, kind, start, "end", attrs)',
        "paragraph_themes": (
            "paragraph_themes (doc_id, paragraph, primary_theme, themes, theme_evidence)"
        ),
        "document_parties": "document_parties (doc_id, role, ord, name)",
        "document_dates": "document_dates (doc_id, kind, value)",
        "aligned_pairs": (
            "aligned_pairs (doc_id, ord, zh_paragraphs, en_paragraphs, zh_text, en_text,"
            " confidence, in_order)"
        ),
        "glossary_candidates": (
            "glossary_candidates (doc_id, ord, term_zh, term_en, how, score, zh_paragraph,"
            " en_paragraph, count)"
        ),
    }


def stored_columns_of(item: type[Any]) -> list[str]:
    return [c.name for c in _columns(item)]


STAGE_SQL = """
CREATE TEMP TABLE IF NOT EXISTS paragraph_stage (
    id BIGINT, doc_id TEXT, ord INTEGER, kind TEXT, start INTEGER, "end" INTEGER,
    speaker TEXT, speaker_evidence TEXT, inferred INTEGER, text TEXT, words TEXT, grams TEXT
) ON COMMIT DELETE ROWS
"""


def unstorable(result: FileResult) -> str | None:
    """Why PostgreSQL cannot hold this file's text (NUL or an unpaired surrogate), or None."""
    for record in result.records:
        for text in (record["document"][15], record["document"][16]):
            if text is None:
                continue
            if "\x00" in text:
                return "contains a NUL character, which PostgreSQL text cannot hold"
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return "contains an unpaired surrogate, which PostgreSQL text cannot hold"
    return None


def stored_pipelines(conn: Any, hashes: Sequence[str]) -> dict[str, str]:
    """file hash -> fingerprint of the pipeline that stored it ("" if unknown)."""
    found = conn.execute(
        "SELECT file_hash, COALESCE(pipeline, '') FROM sources WHERE file_hash = ANY(%s)",
        (list(hashes),),
    ).fetchall()
    return {str(h): str(p) for h, p in found}


def store_batch(conn: Any, results: Sequence[FileResult], *, force: bool) -> list[WriteCounts]:
    """Store the documents and sources rows of several files in one transaction.

    The same outcome as `zhengce.store.writer.store_file` over each file in turn: a document
    already stored is skipped (replaced with `force`, or when another pipeline stored the
    file), and the file's documents that its new reading no longer gives are removed.
    """
    counts = [WriteCounts() for _ in results]
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        conn.execute(STAGE_SQL)
        stored = stored_pipelines(conn, [r.file_hash for r in results])
        ids = [record["id"] for result in results for record in result.records]
        existing = {
            row[0] for row in conn.execute("SELECT id FROM documents WHERE id = ANY(%s)", (ids,))
        }
        doomed: set[str] = set()
        queued: dict[str, tuple[Record, str]] = {}
        for result, count in zip(results, counts, strict=True):
            replace = force or read_by_another_pipeline(stored.get(result.file_hash))
            if replace:
                keep = [record["id"] for record in result.records]
                for (doc_id,) in conn.execute(
                    "SELECT id FROM documents WHERE file_hash = %s AND NOT (id = ANY(%s))",
                    (result.file_hash, keep),
                ):
                    doomed.add(doc_id)
                    count.replaced += 1
            for record in result.records:
                doc_id = record["id"]
                if doc_id in existing or doc_id in queued:
                    if not replace:
                        count.skipped += 1
                        continue
                    if doc_id in existing:
                        doomed.add(doc_id)
                    count.replaced += 1
                queued[doc_id] = (record, result.file_hash)
                count.stored += 1
                count.paragraphs += len(record["paragraphs"])
                count.chars += record["n_raw"]
        if doomed:
            delete_documents(conn, sorted(doomed))
        if queued:
            _insert(conn, list(queued.values()))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO sources (file_hash, path, size, n_documents, ingested_at, pipeline)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (file_hash) DO UPDATE SET"
                " path = EXCLUDED.path, size = EXCLUDED.size,"
                " n_documents = EXCLUDED.n_documents, ingested_at = EXCLUDED.ingested_at,"
                " pipeline = EXCLUDED.pipeline",
                [
                    (r.file_hash, r.name, r.size, len(r.records), now, pipeline_fingerprint())
                    for r in results
                ],
            )
    return counts


def delete_documents(conn: Any, doc_ids: list[str]) -> None:
    """Remove documents and everything hanging off them (inside the caller's transaction);
    people named nowhere else go too."""
    person_ids = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT person_id FROM participants"
            " WHERE doc_id = ANY(%s) AND person_id IS NOT NULL",
            (doc_ids,),
        )
    ]
    conn.execute("DELETE FROM documents WHERE id = ANY(%s)", (doc_ids,))
    if person_ids:
        conn.execute(
            "DELETE FROM people WHERE id = ANY(%s) AND NOT EXISTS"
            " (SELECT 1 FROM participants WHERE person_id = people.id)",
            (person_ids,),
        )


def _copy(conn: Any, target: str, rows: Iterable[Sequence[Any]]) -> None:
    with conn.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert(conn: Any, queued: list[tuple[Record, str]]) -> None:
    numbers = [
        int(row[0])
        for row in conn.execute(
            "SELECT nextval('document_numbers') FROM generate_series(1, %s)", (len(queued),)
        )
    ]
    _copy(
        conn,
        f"documents ({DOCUMENT_COLUMNS})",
        ((record["id"], file_hash, *record["document"]) for record, file_hash in queued),
    )
    for key, target in child_tables().items():
        _copy(
            conn,
            target,
            ((record["id"], *row) for record, _ in queued for row in record.get(key, [])),
        )
    # Paragraph id = document number << PARAGRAPH_BITS | position, as in SQLite; the tsvector
    # is made from the staged token strings by PostgreSQL itself (configuration simple).
    _copy(
        conn,
        'paragraph_stage (id, doc_id, ord, kind, start, "end", speaker, speaker_evidence,'
        " inferred, text, words, grams)",
        (
            ((number << PARAGRAPH_BITS) + n, record["id"], *row)
            for number, (record, _) in zip(numbers, queued, strict=True)
            for n, row in enumerate(record["paragraphs"])
        ),
    )
    conn.execute(
        'INSERT INTO paragraphs (id, doc_id, ord, kind, start, "end", speaker, speaker_evidence,'
        f' inferred, text, words, grams) SELECT id, doc_id, ord, kind, start, "end", speaker,'
        f" speaker_evidence, inferred, text, {tsvector_sql()} FROM paragraph_stage"
    )
    conn.execute("TRUNCATE paragraph_stage")
    names = sorted({row[2] for record, _ in queued for row in record["participants"] if row[2]})
    person_ids: dict[str, int] = {}
    if names:
        conn.execute(
            "INSERT INTO people (name) SELECT unnest(%s::text[]) ON CONFLICT (name) DO NOTHING",
            (names,),
        )
        person_ids = {
            str(name): int(pid)
            for pid, name in conn.execute(
                "SELECT id, name FROM people WHERE name = ANY(%s)", (names,)
            )
        }
    _copy(
        conn,
        'participants (doc_id, present, ord, person_id, name, role, positions, start, "end",'
        " evidence)",
        (
            (record["id"], present, ord_, person_ids.get(name) if name else None, name, *rest)
            for record, _ in queued
            for present, ord_, name, *rest in record["participants"]
        ),
    )


def stored_tokenizer(conn: Any) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
    return None if row is None else str(row[0])


def ensure_index_current(conn: Any) -> bool:
    """Rebuild the search index if it was made with other tokens; True if it was rebuilt."""
    from zhengce.search.tokens import tokenizer_version

    current = tokenizer_version()
    if stored_tokenizer(conn) == current:
        return False
    has_rows = conn.execute("SELECT 1 FROM paragraphs LIMIT 1").fetchone() is not None
    with conn.transaction():
        if has_rows:
            reindex(conn)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('tokenizer', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (current,),
        )
    return has_rows


def reindex(conn: Any) -> None:
    """Tokenize every paragraph again (after a tokenizer change), in one transaction."""
    from zhengce.search.tokens import paragraph_tokens

    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        conn.execute(STAGE_SQL)
        texts = conn.execute("SELECT id, text FROM paragraph_texts").fetchall()
        _copy(
            conn,
            "paragraph_stage (id, words, grams)",
            ((pid, *paragraph_tokens(text)) for pid, text in texts),
        )
        conn.execute(
            f"UPDATE paragraphs p SET (words, grams) = ({tsvector_sql('s')})"
            " FROM paragraph_stage s WHERE s.id = p.id"
        )
