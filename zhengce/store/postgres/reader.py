"""Read a PostgreSQL knowledge base back: people, one person, timeline mentions, summary,
a content digest.  The same rows, in the same order, as zhengce.store.reader gives from SQLite:
text is ordered by code point (COLLATE "C"), as SQLite orders it, whatever the database's
own collation."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from zhengce.store.reader import Row, _decode

C = 'COLLATE "C"'


def rows(conn: Any, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def people(conn: Any, name: str | None = None, *, limit: int | None = None) -> list[Row]:
    """People with how many events they attended and when; `name` matches part of the name
    (a pg_trgm index serves it)."""
    params: list[Any] = []
    where = ""
    if name:
        where = " WHERE pe.name LIKE %s"
        params.append(
            "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
    sql = (
        "SELECT pe.name, COUNT(DISTINCT ev.doc_id) AS events, MIN(ev.date) AS first_date,"
        " MAX(ev.date) AS last_date FROM people pe LEFT JOIN person_events ev"
        f" ON ev.person_id = pe.id{where} GROUP BY pe.id ORDER BY events DESC, pe.name {C}"
    )
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    return rows(conn, sql, params)


def person(conn: Any, name: str) -> Row | None:
    """One person: positions over time (first and last date seen) and events attended."""
    found = conn.execute("SELECT id, name FROM people WHERE name = %s", (name,)).fetchone()
    if found is None:
        return None
    person_id = found[0]
    positions = rows(
        conn,
        "SELECT position, MIN(date) AS first_date, MAX(date) AS last_date,"
        " COUNT(DISTINCT doc_id) AS documents FROM person_positions WHERE person_id = %s"
        f" GROUP BY position ORDER BY MIN(date) IS NULL, MIN(date), position {C}",
        (person_id,),
    )
    events = rows(
        conn,
        "SELECT date, title, kind, place, role, positions, doc_id FROM person_events"
        " WHERE person_id = %s ORDER BY date IS NULL, date, doc_id",
        (person_id,),
    )
    mentions = conn.execute(
        "SELECT COUNT(*) FROM participants WHERE person_id = %s AND present = 0", (person_id,)
    ).fetchone()[0]
    return {
        "name": found[1],
        "positions": positions,
        "events": _decode(events, ("positions",)),
        "named_not_present": mentions,
    }


def phrase_mentions(
    conn: Any, phrase: str, compiled: Any
) -> list[tuple[str, str | None, str | None]]:
    """(doc_id, date, day published) of documents whose text holds `phrase` exactly: the
    index finds candidates, strpos keeps the exact string (the index ignores punctuation)."""
    published = "COALESCE(d.programme_date, d.published, d.date)"
    found = conn.execute(
        f"SELECT DISTINCT pt.doc_id, d.date, {published} FROM paragraphs p"
        " JOIN paragraph_texts pt ON pt.id = p.id JOIN documents d ON d.id = pt.doc_id"
        f" WHERE {compiled.condition} AND strpos(pt.text, %s) > 0",
        (*compiled.params, phrase),
    ).fetchall()
    return [(str(doc_id), date, day) for doc_id, date, day in found]


def summary(conn: Any, label: str, *, top: int = 10) -> Row:
    def scalar(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    first, last = conn.execute("SELECT MIN(date), MAX(date) FROM documents").fetchone()
    return {
        "path": label,
        "bytes": scalar("SELECT pg_database_size(current_database())"),
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
            f" GROUP BY kind ORDER BY documents DESC, kind {C}",
        ),
        "top_people": [row for row in people(conn, limit=top) if row["events"]],
        "recent": rows(
            conn,
            "SELECT date, title, source, id FROM documents"
            " ORDER BY date IS NULL, date DESC, id LIMIT %s",
            (5,),
        ),
    }


# Content digest: the same documents give the same digest, in whatever order they were stored
# (paragraph ids and people ids, which depend on that order, are left out).
DIGEST_QUERIES: dict[str, str] = {
    "sources": f"SELECT file_hash, path, size, n_documents FROM sources ORDER BY file_hash {C}",
    "documents": (
        "SELECT id, file_hash, source, title, kind, date, event_year, event_month, event_day,"
        " published, programme_date, province, city, place, source_name, url, n_chars,"
        f" raw_text, text, metadata, outline, steps_run FROM documents ORDER BY id {C}"
    ),
    "edits": f"SELECT * FROM edits ORDER BY doc_id {C}, ord",
    "blocks": f"SELECT * FROM blocks ORDER BY doc_id {C}, ord",
    "paragraphs": (
        'SELECT doc_id, ord, kind, start, "end", speaker, speaker_evidence, inferred, text,'
        f" words::text, grams::text FROM paragraphs ORDER BY doc_id {C}, ord"
    ),
    "people": f"SELECT name FROM people ORDER BY name {C}",
    "participants": (
        "SELECT pa.doc_id, pa.present, pa.ord, pe.name, pa.name, pa.role, pa.positions,"
        ' pa.start, pa."end", pa.evidence FROM participants pa'
        f" LEFT JOIN people pe ON pe.id = pa.person_id ORDER BY pa.doc_id {C}, pa.present,"
        " pa.ord"
    ),
    "formulations": f"SELECT * FROM formulations ORDER BY doc_id {C}, ord",
    "measures": f"SELECT * FROM measures ORDER BY doc_id {C}, ord",
}


def table_digests(conn: Any) -> dict[str, str]:
    digests: dict[str, str] = {}
    for table, sql in DIGEST_QUERIES.items():
        digest = hashlib.sha256()
        for row in conn.execute(sql):
            digest.update(repr(tuple(row)).encode("utf-8"))
        digests[table] = digest.hexdigest()
    return digests


def content_digest(conn: Any) -> str:
    return hashlib.sha256(json.dumps(table_digests(conn), sort_keys=True).encode()).hexdigest()
