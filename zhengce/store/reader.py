"""Read the database back: rows as dicts, whole Documents, people, a summary, a digest."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhengce.bilingual.store import load_bilingual
from zhengce.model import Block, Document, Edit, OutlineItem, Paragraph, Participant
from zhengce.store.facts import load_facts

Row = dict[str, Any]

DOCUMENT_COLUMNS = (
    "id, source, title, kind, date, event_year, event_month, event_day, published,"
    " programme_date, province, city, place, source_name, url, n_chars"
)

# What `zhengce export` writes for each table: the SELECT and the JSON columns in it.
EXPORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "documents": (
        f"SELECT {DOCUMENT_COLUMNS}, metadata,"
        " COALESCE(text, raw_text) AS text, raw_text FROM documents ORDER BY date, id",
        ("metadata",),
    ),
    "paragraphs": (
        'SELECT p.doc_id, p.ord, p.kind, p.speaker, p.speaker_evidence, p.start, p."end",'
        " p.inferred, pt.text FROM paragraphs p JOIN paragraph_texts pt ON pt.id = p.id"
        " ORDER BY p.doc_id, p.ord",
        (),
    ),
    "participants": (
        'SELECT doc_id, ord, present, name, role, positions, start, "end", evidence'
        " FROM participants ORDER BY doc_id, present DESC, ord",
        ("positions",),
    ),
}


def rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def documents(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    with_text: bool = False,
) -> list[Row]:
    clauses: list[str] = []
    params: list[Any] = []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if date_from:
        clauses.append("date >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("date <= ?")
        params.append(date_to + "~")
    columns = DOCUMENT_COLUMNS + (", COALESCE(text, raw_text) AS text" if with_text else "")
    sql = f"SELECT {columns} FROM documents{_where(clauses)} ORDER BY date, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return rows(conn, sql, params)


def paragraphs(
    conn: sqlite3.Connection,
    doc_id: str | None = None,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("p.doc_id", doc_id), ("p.speaker", speaker), ("p.kind", kind)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    sql = (
        'SELECT p.doc_id, p.ord, p.kind, p.speaker, p.speaker_evidence, p.start, p."end",'
        " p.inferred, pt.text FROM paragraphs p JOIN paragraph_texts pt ON pt.id = p.id"
        f"{_where(clauses)} ORDER BY p.doc_id, p.ord"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return _decode(rows(conn, sql, params), ())


def participants(
    conn: sqlite3.Connection,
    doc_id: str | None = None,
    *,
    name: str | None = None,
    present_only: bool = False,
) -> list[Row]:
    clauses: list[str] = []
    params: list[Any] = []
    if doc_id is not None:
        clauses.append("pa.doc_id = ?")
        params.append(doc_id)
    if name is not None:
        clauses.append("pa.name = ?")
        params.append(name)
    if present_only:
        clauses.append("pa.present = 1")
    sql = (
        "SELECT pa.doc_id, d.date, d.title, pa.ord, pa.present, pa.name, pa.role, pa.positions,"
        ' pa.start, pa."end", pa.evidence FROM participants pa JOIN documents d ON d.id = pa.doc_id'
        f"{_where(clauses)} ORDER BY d.date, pa.doc_id, pa.present DESC, pa.ord"
    )
    return _decode(rows(conn, sql, params), ("positions",))


def people(
    conn: sqlite3.Connection, name: str | None = None, *, limit: int | None = None
) -> list[Row]:
    """People with how many events they attended and when; `name` matches part of the name."""
    params: list[Any] = []
    where = ""
    if name:
        where = " WHERE pe.name LIKE ? ESCAPE '\\'"
        params.append(
            "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
    sql = (
        "SELECT pe.name, COUNT(DISTINCT ev.doc_id) AS events, MIN(ev.date) AS first_date,"
        " MAX(ev.date) AS last_date FROM people pe LEFT JOIN person_events ev"
        f" ON ev.person_id = pe.id{where} GROUP BY pe.id ORDER BY events DESC, pe.name"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return rows(conn, sql, params)


def person(conn: sqlite3.Connection, name: str) -> Row | None:
    """One person: positions over time (first and last date seen) and events attended."""
    found = conn.execute("SELECT id, name FROM people WHERE name = ?", (name,)).fetchone()
    if found is None:
        return None
    person_id = found[0]
    positions = rows(
        conn,
        "SELECT position, MIN(date) AS first_date, MAX(date) AS last_date,"
        " COUNT(DISTINCT doc_id) AS documents FROM person_positions WHERE person_id = ?"
        " GROUP BY position ORDER BY first_date IS NULL, first_date, position",
        (person_id,),
    )
    events = rows(
        conn,
        "SELECT date, title, kind, place, role, positions, doc_id FROM person_events"
        " WHERE person_id = ? ORDER BY date IS NULL, date, doc_id",
        (person_id,),
    )
    mentions = conn.execute(
        "SELECT COUNT(*) FROM participants WHERE person_id = ? AND present = 0", (person_id,)
    ).fetchone()[0]
    return {
        "name": found[1],
        "positions": positions,
        "events": _decode(events, ("positions",)),
        "named_not_present": mentions,
    }


def _decode(found: list[Row], json_columns: tuple[str, ...]) -> list[Row]:
    for row in found:
        for column in json_columns:
            row[column] = json.loads(row[column])
        if "inferred" in row:
            row["inferred"] = bool(row["inferred"])
        if "present" in row:
            row["present"] = bool(row["present"])
    return found


def load_document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    """The stored Document, as the pipeline made it (inferred paragraphs left out): text, edits,
    blocks, paragraphs with speakers and themes, participants and every fact list."""
    found = conn.execute(
        "SELECT source, raw_text, COALESCE(text, raw_text), metadata, outline, steps_run"
        " FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if found is None:
        return None
    source, raw_text, text, metadata, outline, steps_run = found
    doc = Document(source=source, raw_text=raw_text, text=text, steps_run=steps_run)
    doc.metadata = json.loads(metadata)
    doc.edits = [
        Edit(start, end, before, after, stage, reason, confidence, step)
        for step, start, end, before, after, stage, reason, confidence in conn.execute(
            'SELECT step, start, "end", before, after, stage, reason, confidence FROM edits'
            " WHERE doc_id = ? ORDER BY ord",
            (doc_id,),
        )
    ]
    doc.blocks = [
        Block(kind, start, end, text[start:end], json.loads(attrs))
        for kind, start, end, attrs in conn.execute(
            'SELECT kind, start, "end", attrs FROM blocks WHERE doc_id = ? ORDER BY ord', (doc_id,)
        )
    ]
    doc.paragraphs = [
        Paragraph(
            row["text"],
            row["start"],
            row["end"],
            row["kind"],
            row["speaker"],
            row["speaker_evidence"],
        )
        for row in paragraphs(conn, doc_id)
        if not row["inferred"]
    ]
    themes = {
        paragraph: (primary, json.loads(found), json.loads(evidence))
        for paragraph, primary, found, evidence in conn.execute(
            "SELECT paragraph, primary_theme, themes, theme_evidence FROM paragraph_themes"
            " WHERE doc_id = ?",
            (doc_id,),
        )
    }
    for number, paragraph in enumerate(doc.paragraphs):
        if number in themes:
            paragraph.primary_theme, paragraph.themes, paragraph.theme_evidence = themes[number]
    for row in participants(conn, doc_id):
        item = Participant(
            row["name"], row["positions"], row["role"], row["start"], row["end"], row["evidence"]
        )
        (doc.participants if row["present"] else doc.not_participants).append(item)
    load_facts(conn, doc_id, doc)
    if not doc.outline:  # stored before migration 6: the outline was a JSON column
        doc.outline = [OutlineItem(**item) for item in json.loads(outline)]
    load_bilingual(conn, doc_id, doc)
    return doc


def summary(conn: sqlite3.Connection, path: str | Path | None = None, *, top: int = 10) -> Row:
    def scalar(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    first, last = conn.execute("SELECT MIN(date), MAX(date) FROM documents").fetchone()
    return {
        "path": str(path) if path is not None else None,
        "bytes": Path(path).stat().st_size if path is not None else None,
        "files": scalar("SELECT COUNT(*) FROM sources"),
        "documents": scalar("SELECT COUNT(*) FROM documents"),
        "characters": scalar("SELECT COALESCE(SUM(n_chars), 0) FROM documents"),
        "paragraphs": scalar("SELECT COUNT(*) FROM paragraphs"),
        "participants": scalar("SELECT COUNT(*) FROM participants WHERE present = 1"),
        "people": scalar("SELECT COUNT(*) FROM people"),
        "edits": scalar("SELECT COUNT(*) FROM edits"),
        "guesses": scalar("SELECT COUNT(*) FROM edits WHERE confidence < 1"),
        "first_date": first,
        "last_date": last,
        "kinds": rows(
            conn,
            "SELECT COALESCE(kind, '') AS kind, COUNT(*) AS documents FROM documents"
            " GROUP BY kind ORDER BY documents DESC, kind",
        ),
        # People only ever named (reporters, editors) attended nothing: leave them out.
        "top_people": [row for row in people(conn, limit=top) if row["events"]],
        "recent": rows(
            conn,
            "SELECT date, title, source, id FROM documents"
            " ORDER BY date IS NULL, date DESC, id LIMIT ?",
            (5,),
        ),
    }


def export_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[Row]]:
    """Column names and a streaming iterator of rows (JSON columns decoded) for `table`."""
    sql, json_columns = EXPORTS[table]
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]

    def generate() -> Iterator[Row]:
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            yield _decode([row], json_columns)[0]

    return names, generate()


# Content digest: the same documents give the same digest, in whatever order they were stored.
DIGEST_QUERIES: dict[str, str] = {
    "meta": "SELECT key, value FROM meta ORDER BY key",
    "sources": "SELECT file_hash, path, size, n_documents FROM sources ORDER BY file_hash",
    "documents": "SELECT * FROM documents ORDER BY id",
    "edits": "SELECT * FROM edits ORDER BY doc_id, ord",
    "blocks": "SELECT * FROM blocks ORDER BY doc_id, ord",
    "paragraphs": (
        'SELECT doc_id, ord, kind, start, "end", speaker, speaker_evidence, inferred, text'
        " FROM paragraphs ORDER BY doc_id, ord"
    ),
    "people": "SELECT name FROM people ORDER BY name",
    "participants": (
        "SELECT pa.doc_id, pa.present, pa.ord, pe.name, pa.name, pa.role, pa.positions,"
        ' pa.start, pa."end", pa.evidence FROM participants pa'
        " LEFT JOIN people pe ON pe.id = pa.person_id ORDER BY pa.doc_id, pa.present, pa.ord"
    ),
    "paragraph_index": "SELECT term, doc, cnt FROM paragraph_index_terms ORDER BY term",
    **{
        table: f"SELECT * FROM {table} ORDER BY doc_id, {order}"
        for table, order in (
            ("paragraph_themes", "paragraph"),
            ("outline_items", "ord"),
            ("measures", "ord"),
            ("targets", "ord"),
            ("responsible_units", "ord"),
            ("unit_duties", "parent, ord"),
            ("formulations", "ord"),
            ("places", "ord"),
            ("document_parties", "role, ord"),
            ("document_dates", "kind"),
            ("aligned_pairs", "ord"),
            ("glossary_candidates", "term_zh"),
        )
    },
}


def table_digests(conn: sqlite3.Connection) -> dict[str, str]:
    digests: dict[str, str] = {}
    for table, sql in DIGEST_QUERIES.items():
        digest = hashlib.sha256()
        for row in conn.execute(sql):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
        digests[table] = digest.hexdigest()
    return digests


def content_digest(conn: sqlite3.Connection) -> str:
    return hashlib.sha256(json.dumps(table_digests(conn), sort_keys=True).encode()).hexdigest()
