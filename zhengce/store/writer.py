"""Write documents into the database: one transaction per file, so nothing is ever half-written.

Workers turn each processed `Document` into a plain record (`document_record`, picklable,
tokens for the search index already computed); only the parent process calls `store_file`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from zhengce.bilingual.store import bilingual_rows, insert_bilingual
from zhengce.model import Document
from zhengce.names import stored
from zhengce.search.tokens import paragraph_tokens, tokenizer_version
from zhengce.store.facts import fact_rows, insert_facts
from zhengce.store.schema import PARAGRAPH_BITS
from zhengce.version import pipeline_fingerprint

Record = dict[str, Any]

LINE = re.compile(r"[^\n]+")
WORD_CHAR = re.compile(r"\w")
FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})")


@dataclass(slots=True)
class FileResult:
    """What a worker hands back for one file: records, or the reason it failed."""

    name: str
    file_hash: str
    size: int
    records: list[Record] = field(default_factory=list)
    error: str | None = None


@dataclass(slots=True)
class WriteCounts:
    stored: int = 0
    skipped: int = 0
    replaced: int = 0  # stored before and deleted first (--force, or another pipeline)
    paragraphs: int = 0
    chars: int = 0


# Records (built in the worker) -----------------------------------------------------------


def document_record(doc: Document) -> Record:
    """Everything the store keeps about `doc` as ready-to-insert rows, index tokens included.

    Built in the worker, so the one process that writes SQLite only runs INSERTs.
    """
    meta = doc.metadata
    year, month, day = event_parts(meta)
    province, city, place = place_parts(meta)
    document_row = (
        stored(doc.source),  # undecodable bytes of a file name as \xNN: SQLite takes UTF-8
        _text(meta.get("title")),
        _text(meta.get("kind")),
        document_date(meta),
        year,
        month,
        day,
        _text(meta.get("published")),
        _text(meta.get("programme_date")),
        province,
        city,
        place,
        _text(meta.get("source")),
        _text(meta.get("url")),
        len(doc.text),
        doc.raw_text,
        None if doc.text == doc.raw_text else doc.text,  # clean input: stored once
        _json(meta),
        "[]",  # the outline has its own table since migration 6
        doc.steps_run,
        _text(meta.get("doc_type")),
        _text(meta.get("document_number")),
    )
    edits = [
        (i, e.step, e.start, e.end, e.before, e.after, e.stage, e.reason, e.confidence)
        for i, e in enumerate(doc.edits)
    ]
    blocks = [(i, b.kind, b.start, b.end, _json(b.attrs)) for i, b in enumerate(doc.blocks)]
    people = [
        (present, i, p.name.strip(), p.role, _json(p.positions), p.start, p.end, p.evidence)
        for present, group in ((1, doc.participants), (0, doc.not_participants))
        for i, p in enumerate(group)
    ]
    return {
        "id": doc.id,
        "n_raw": len(doc.raw_text),
        "document": document_row,
        "edits": edits,
        "blocks": blocks,
        "paragraphs": _paragraph_rows(doc),
        "participants": people,
        **content_rows(doc),
        **bilingual_rows(doc),
    }


def content_rows(doc: Document) -> Record:
    """Every fact table's rows (zhengce.store.facts), paragraph themes and the official-document
    facts (parties, dates) as rows."""
    themes = [
        (i, p.primary_theme, _json(p.themes), _json(p.theme_evidence))
        for i, p in enumerate(doc.paragraphs)
        if p.kind == "body"
    ]
    return {
        **fact_rows(doc),
        "paragraph_themes": themes,
        "document_parties": _party_rows(doc.metadata),
        "document_dates": _date_rows(doc.metadata),
    }


def _party_rows(meta: dict[str, Any]) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    for role, key in (("issuer", "issuers"), ("addressee", "addressees")):
        names = meta.get(key)
        if isinstance(names, list):
            found.extend((role, i, str(name)) for i, name in enumerate(names) if name)
    return found


def _date_rows(meta: dict[str, Any]) -> list[tuple[Any, ...]]:
    dates = meta.get("dates")
    if not isinstance(dates, dict):
        return []
    return [(str(kind), _text(value)) for kind, value in dates.items() if _text(value)]


def _paragraph_rows(doc: Document) -> list[tuple[Any, ...]]:
    """(ord, kind, start, end, speaker, evidence, inferred, own text, words, grams) rows."""
    text = doc.text
    found = [
        (p.text, p.start, p.end, p.kind, p.speaker, p.speaker_evidence) for p in doc.paragraphs
    ]
    inferred = not found
    if inferred:
        # Segmentation gave no paragraphs: index the text line by line so it is still found.
        found = list(_paragraphs_from_lines(text))
    rows: list[tuple[Any, ...]] = []
    for i, (own, start, end, kind, speaker, evidence) in enumerate(found):
        # The text is stored only when it is not simply the slice of the normalized text.
        stored = None if text[start:end] == own else own
        rows.append(
            (i, kind, start, end, speaker, evidence, int(inferred), stored, *paragraph_tokens(own))
        )
    return rows


def _paragraphs_from_lines(
    text: str,
) -> Iterator[tuple[str, int, int, str, str | None, str]]:
    for line in LINE.finditer(text):
        if WORD_CHAR.search(line.group()):
            yield line.group(), line.start(), line.end(), "body", None, ""


# Metadata columns --------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _full_date(value: Any) -> tuple[int, int, int] | None:
    text = _text(value)
    match = FULL_DATE.search(text) if text else None
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def event_parts(metadata: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    event = metadata.get("event_date")
    if isinstance(event, dict):
        return _int(event.get("year")), _int(event.get("month")), _int(event.get("day"))
    full = _full_date(event)
    return full if full else (None, None, None)


def document_date(metadata: dict[str, Any]) -> str | None:
    """ISO date of the event: the event date, its missing year/month taken from the
    programme, signing or publication date (a text that says only 12日 was published that
    month); a policy document without an event is dated by its signing (成文日期)."""
    year, month, day = event_parts(metadata)
    base = (
        _full_date(metadata.get("programme_date"))
        or _full_date(metadata.get("signed"))  # a policy document is dated by its signing
        or _full_date(metadata.get("published"))
    )
    if year is None and base is not None and (month is not None or day is not None):
        year = base[0]
        if month is None:
            month = base[1]
    if year is None:
        return "{:04d}-{:02d}-{:02d}".format(*base) if base else None
    parts = [f"{year:04d}"]
    if month is not None:
        parts.append(f"{month:02d}")
        if day is not None:
            parts.append(f"{day:02d}")
    return "-".join(parts)


def place_parts(metadata: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    place = metadata.get("place")
    if isinstance(place, dict):
        return _text(place.get("province")), _text(place.get("city")), _text(place.get("text"))
    return None, None, _text(place)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# Writing -----------------------------------------------------------------------------------


def store_file(conn: sqlite3.Connection, result: FileResult, *, force: bool) -> WriteCounts:
    """Store one file's documents and its sources row in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        counts = write_file(conn, result, force=force)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return counts


def write_file(conn: sqlite3.Connection, result: FileResult, *, force: bool) -> WriteCounts:
    """Store one file's documents and its sources row, inside the caller's transaction.

    All or nothing within it: a savepoint is rolled back if anything fails.
    """
    counts = WriteCounts()
    # Stored before by another pipeline: its documents are replaced, as with --force.
    force = force or read_by_another_pipeline(stored_pipeline(conn, result.file_hash))
    conn.execute("SAVEPOINT store_file")
    try:
        if force:
            keep = [r["id"] for r in result.records]
            stale = conn.execute(
                "SELECT id FROM documents WHERE file_hash = ?"
                f" AND id NOT IN ({','.join('?' * len(keep))})",
                [result.file_hash, *keep],
            ).fetchall()
            for (doc_id,) in stale:
                delete_document(conn, doc_id)
                counts.replaced += 1
        for record in result.records:
            exists = conn.execute("SELECT 1 FROM documents WHERE id = ?", (record["id"],))
            if exists.fetchone() is not None:
                if not force:
                    counts.skipped += 1
                    continue
                delete_document(conn, record["id"])
                counts.replaced += 1
            insert_document(conn, record, result.file_hash)
            counts.stored += 1
            counts.paragraphs += len(record["paragraphs"])
            counts.chars += record["n_raw"]
        conn.execute(
            "INSERT OR REPLACE INTO sources (file_hash, path, size, n_documents, ingested_at,"
            " pipeline) VALUES (?, ?, ?, ?, ?, ?)",
            (
                result.file_hash,
                stored(result.name),
                result.size,
                len(result.records),
                datetime.now(UTC).isoformat(timespec="seconds"),
                pipeline_fingerprint(),
            ),
        )
        conn.execute("RELEASE store_file")
    except BaseException:
        release_savepoint(conn)
        raise
    return counts


def rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already: the error that got us here is
    the one to report (disk full, interrupted), never "cannot rollback" hiding it."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolled back itself (or the connection is gone): nothing is half-written


def release_savepoint(conn: sqlite3.Connection) -> None:
    """Undo one file's savepoint, if SQLite has not already ended the transaction: the
    error that got us here is the one to report, never a failed ROLLBACK hiding it."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK TO store_file")
            conn.execute("RELEASE store_file")
    except sqlite3.Error:
        pass  # SQLite rolled back itself (or the connection is gone): nothing is half-written


def insert_document(conn: sqlite3.Connection, record: Record, file_hash: str | None) -> None:
    doc_id = record["id"]
    conn.execute(
        "INSERT INTO documents (id, file_hash, source, title, kind, date, event_year,"
        " event_month, event_day, published, programme_date, province, city, place,"
        " source_name, url, n_chars, raw_text, text, metadata, outline, steps_run, doc_type,"
        " document_number)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc_id, file_hash, *record["document"]),
    )
    conn.executemany(
        'INSERT INTO edits (doc_id, ord, step, start, "end", before, after, stage, reason,'
        " confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in record["edits"]],
    )
    conn.executemany(
        'INSERT INTO blocks (doc_id, ord, kind, start, "end", attrs) VALUES (?, ?, ?, ?, ?, ?)',
        [(doc_id, *row) for row in record["blocks"]],
    )
    # Paragraph id = document number << PARAGRAPH_BITS | position: search groups hits by
    # document with `id >> PARAGRAPH_BITS`, without joining tables.  Given here (one writer),
    # so paragraphs and their index rows go in by executemany.
    last = conn.execute("SELECT MAX(id) FROM paragraphs").fetchone()[0]
    first = (((last or 0) >> PARAGRAPH_BITS) + 1) << PARAGRAPH_BITS
    paragraphs = record["paragraphs"]
    conn.executemany(
        'INSERT INTO paragraphs (id, doc_id, ord, kind, start, "end", speaker,'
        " speaker_evidence, inferred, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + n, doc_id, *row[:8]) for n, row in enumerate(paragraphs)],
    )
    conn.executemany(
        "INSERT INTO paragraph_index (rowid, words, grams) VALUES (?, ?, ?)",
        [(first + n, row[8], row[9]) for n, row in enumerate(paragraphs)],
    )
    _insert_content(conn, doc_id, record)
    conn.executemany(
        "INSERT INTO participants (doc_id, present, ord, person_id, name, role, positions,"
        ' start, "end", evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (doc_id, present, ord_, _person_id(conn, name) if name else None, name, *rest)
            for present, ord_, name, *rest in record["participants"]
        ],
    )


def _insert_content(conn: sqlite3.Connection, doc_id: str, record: Record) -> None:
    # .get: a record built before these rows existed still stores (without content).
    insert_facts(conn, doc_id, record)
    conn.executemany(
        "INSERT INTO paragraph_themes (doc_id, paragraph, primary_theme, themes, theme_evidence)"
        " VALUES (?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in record.get("paragraph_themes", [])],
    )
    conn.executemany(
        "INSERT INTO document_parties (doc_id, role, ord, name) VALUES (?, ?, ?, ?)",
        [(doc_id, *row) for row in record.get("document_parties", [])],
    )
    conn.executemany(
        "INSERT INTO document_dates (doc_id, kind, value) VALUES (?, ?, ?)",
        [(doc_id, *row) for row in record.get("document_dates", [])],
    )
    insert_bilingual(conn, doc_id, record)


def _person_id(conn: sqlite3.Connection, name: str) -> int:
    conn.execute("INSERT OR IGNORE INTO people (name) VALUES (?)", (name,))
    row = conn.execute("SELECT id FROM people WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def delete_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document and everything hanging off it (call inside a transaction)."""
    # A contentless FTS5 row is deleted by giving back the values it was indexed with; the
    # tokenizer version check at open guarantees recomputing them gives the same tokens.
    for pid, text in conn.execute(
        "SELECT id, text FROM paragraph_texts WHERE doc_id = ?", (doc_id,)
    ).fetchall():
        words, grams = paragraph_tokens(text)
        conn.execute(
            "INSERT INTO paragraph_index (paragraph_index, rowid, words, grams)"
            " VALUES ('delete', ?, ?, ?)",
            (pid, words, grams),
        )
    person_ids = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT person_id FROM participants"
            " WHERE doc_id = ? AND person_id IS NOT NULL",
            (doc_id,),
        )
    ]
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
    conn.executemany(
        "DELETE FROM people WHERE id = ? AND NOT EXISTS"
        " (SELECT 1 FROM participants WHERE person_id = people.id)",
        [(pid,) for pid in person_ids],
    )


def stored_pipeline(conn: sqlite3.Connection, file_hash: str) -> str | None:
    """The fingerprint of the pipeline that stored a file's bytes ("" if unknown: stored
    before migration 5), or None if they were never stored."""
    row = conn.execute("SELECT pipeline FROM sources WHERE file_hash = ?", (file_hash,))
    found = row.fetchone()
    return None if found is None else str(found[0] or "")


def read_by_another_pipeline(stored: str | None) -> bool:
    """Whether a file stored with fingerprint `stored` must be read again by this zhengce."""
    return stored is not None and stored != pipeline_fingerprint()


def compact(conn: sqlite3.Connection) -> bool:
    """Reclaim the space that replaced documents leave behind; False if the database is busy.

    A contentless FTS5 index deletes by adding tombstones, so re-reading a corpus (after an
    upgrade, or with --force) left the index about 40 % larger; merging its segments drops
    them (a few seconds for the 新闻联播 corpus) and VACUUM returns the freed pages.  Both
    need the database to themselves: with a search running, the space is reused later instead.
    """
    try:
        conn.execute("INSERT INTO paragraph_index (paragraph_index) VALUES ('optimize')")
        conn.execute("VACUUM")
    except sqlite3.OperationalError:
        return False
    return True


# The search index's tokenizer version ------------------------------------------------------


def stored_tokenizer(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
    return None if row is None else str(row[0])


def ensure_index_current(conn: sqlite3.Connection) -> bool:
    """Rebuild the search index if it was made with other tokens; True if it was rebuilt."""
    current = tokenizer_version()
    stored = stored_tokenizer(conn)
    if stored == current:
        return False
    has_rows = conn.execute("SELECT 1 FROM paragraphs LIMIT 1").fetchone() is not None
    conn.execute("BEGIN IMMEDIATE")
    try:
        if has_rows:
            reindex(conn)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('tokenizer', ?)", (current,))
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return has_rows


def reindex(conn: sqlite3.Connection) -> None:
    """Tokenize every paragraph again (inside the caller's transaction)."""
    conn.execute("INSERT INTO paragraph_index (paragraph_index) VALUES ('delete-all')")
    conn.executemany(
        "INSERT INTO paragraph_index (rowid, words, grams) VALUES (?, ?, ?)",
        _all_tokens(conn.execute("SELECT id, text FROM paragraph_texts")),
    )


def _all_tokens(rows: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, str]]:
    for pid, text in rows:
        yield (pid, *paragraph_tokens(text))
