"""All SQL of the tracker: its tables, its migrations, its reads and writes.

The tracker lives in the same SQLite file as the knowledge base but keeps its own schema
version in `tracker_migrations` (one row per migration run), so the store's `user_version`
and the tracker's migrations never step on each other.  Every statement takes parameters;
no SQL is built from input.

The event log (`tracker_events`) is append-only and chained: each row's `hash` is the
SHA-256 of the previous row's hash and this row's content, so an edited or deleted row
breaks the chain at that row (`verify_chain`).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any

from zhengce.store.schema import connect as connect_store

GENESIS = "0" * 64

# Migration 1: accounts, plans and tasks with their units, reporting cycles, progress reports,
# evidence and the chained event log.
_T1 = """
CREATE TABLE tracker_users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,          -- argon2id, from argon2-cffi
    role TEXT NOT NULL,                   -- supervisor | unit | reader | admin
    unit TEXT,                            -- canonical unit name for role 'unit'
    created_at TEXT NOT NULL
);

CREATE TABLE tracker_plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    doc_id TEXT,                          -- the knowledge-base document the plan was drafted from
    source TEXT NOT NULL,                 -- file name or document id as given
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE tracker_tasks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES tracker_plans(id),
    ord INTEGER NOT NULL,
    number TEXT NOT NULL,
    outline_path TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,                 -- JSON {doc_id, start, end, quote}
    units_from TEXT NOT NULL,             -- text | suggested | none | import
    guess INTEGER NOT NULL,
    unit_evidence TEXT NOT NULL,          -- JSON list of the words that decided the units
    deadline_kind TEXT NOT NULL,          -- date | within_year | ongoing | none
    deadline_date TEXT,                   -- ISO date
    deadline_text TEXT NOT NULL,
    indicator TEXT,                       -- JSON {metric, comparator, value, unit, year} or NULL
    cycle TEXT NOT NULL,                  -- none | monthly | quarterly
    cycle_day INTEGER NOT NULL,           -- report due by this day of the period's last month
    state TEXT NOT NULL,
    progress TEXT NOT NULL,               -- the latest progress report's text
    parent_id INTEGER REFERENCES tracker_tasks(id),  -- cascade: the central task taken up
    region TEXT,
    UNIQUE (plan_id, ord)
);

CREATE TABLE tracker_assignments (
    task_id INTEGER NOT NULL REFERENCES tracker_tasks(id),
    unit TEXT NOT NULL,                   -- canonical name
    as_written TEXT NOT NULL,
    role TEXT NOT NULL,                   -- lead | support
    ord INTEGER NOT NULL,
    PRIMARY KEY (task_id, role, ord)
);
CREATE INDEX tracker_assignments_unit ON tracker_assignments(unit);

CREATE TABLE tracker_reports (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tracker_tasks(id),
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    text TEXT NOT NULL
);

CREATE TABLE tracker_evidence (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tracker_tasks(id),
    kind TEXT NOT NULL,                   -- file | span
    file_name TEXT,
    sha256 TEXT,
    content BLOB,                         -- the uploaded file itself: nothing is lost
    doc_id TEXT,
    start INTEGER,
    "end" INTEGER,
    quote TEXT,
    score REAL,
    status TEXT NOT NULL,                 -- attached | proposed | accepted | rejected
    decided_by TEXT,
    at TEXT NOT NULL
);

CREATE TABLE tracker_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    task_id INTEGER,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    reason TEXT NOT NULL,
    payload TEXT NOT NULL,                -- JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX tracker_events_task ON tracker_events(task_id);

-- The last event's id and hash, kept beside the log so a deleted last row is seen too.
CREATE TABLE tracker_chain_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    last_id INTEGER NOT NULL,
    hash TEXT NOT NULL
);
"""

# Migration 2: what the workflow keeps on a task (a request waiting for a decision, how often
# it was returned or extended, the day it was set), a reported indicator value, a plan's region.
_T2 = """
ALTER TABLE tracker_tasks ADD COLUMN pending TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tracker_tasks ADD COLUMN counts TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tracker_tasks ADD COLUMN created_on TEXT;
ALTER TABLE tracker_reports ADD COLUMN value REAL;
ALTER TABLE tracker_plans ADD COLUMN region TEXT;
"""

# Migration 3: the units met in plans, under their canonical name with each way of writing
# them (aliases the text defines, names as written in brackets or tables).
_T3 = """
CREATE TABLE tracker_units (
    canonical TEXT NOT NULL,
    alias TEXT NOT NULL,
    first_plan INTEGER REFERENCES tracker_plans(id),
    PRIMARY KEY (canonical, alias)
) WITHOUT ROWID;
CREATE INDEX tracker_units_alias ON tracker_units(alias);
"""

TRACKER_MIGRATIONS: tuple[str, ...] = (_T1, _T2, _T3)

# The connection type the tracker's other modules name (they hold no SQL of their own).
Connection = sqlite3.Connection


class TrackerStoreError(Exception):
    """A tracker database that cannot be used, in one line."""


def open_db(path: str | PathLike[str]) -> sqlite3.Connection:
    """The knowledge-base file at `path` (made if missing) with the tracker tables up to date."""
    conn = connect_store(Path(path))
    migrate(conn, label=str(path))
    return conn


def migrate(conn: sqlite3.Connection, *, label: str = "database") -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS tracker_migrations "
        "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM tracker_migrations").fetchone()
    current = int(row[0])
    if current > len(TRACKER_MIGRATIONS):
        raise TrackerStoreError(
            f"{label}: tracker schema version {current} is newer than this zhengce knows "
            f"({len(TRACKER_MIGRATIONS)}); upgrade zhengce"
        )
    for number, script in enumerate(TRACKER_MIGRATIONS[current:], start=current + 1):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"INSERT INTO tracker_migrations VALUES ({number}, '{_now_text()}');\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise TrackerStoreError(f"{label}: tracker migration {number} failed: {exc}") from None
    return len(TRACKER_MIGRATIONS)


def _now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """All or nothing: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# Users ---------------------------------------------------------------------------------------


def insert_user(
    conn: sqlite3.Connection, name: str, password_hash: str, role: str, unit: str | None
) -> bool:
    """Add a user; False when the name is taken."""
    try:
        conn.execute(
            "INSERT INTO tracker_users (name, password_hash, role, unit, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, password_hash, role, unit, _now_text()),
        )
    except sqlite3.IntegrityError:
        return False
    return True


def user_row(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT name, password_hash, role, unit FROM tracker_users WHERE name = ?", (name,)
    ).fetchone()
    if row is None:
        return None
    return {"name": row[0], "password_hash": row[1], "role": row[2], "unit": row[3]}


def update_password_hash(conn: sqlite3.Connection, name: str, password_hash: str) -> None:
    conn.execute("UPDATE tracker_users SET password_hash = ? WHERE name = ?", (password_hash, name))


def list_users(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT name, role, unit FROM tracker_users ORDER BY name").fetchall()
    return [{"name": r[0], "role": r[1], "unit": r[2]} for r in rows]


# Plans and tasks -----------------------------------------------------------------------------

TASK_COLUMNS = (
    "id, plan_id, ord, number, outline_path, title, text, source, units_from, guess, "
    "unit_evidence, deadline_kind, deadline_date, deadline_text, indicator, cycle, cycle_day, "
    "state, progress, parent_id, region, pending, counts, created_on"
)
_JSON_COLUMNS = {"source", "unit_evidence", "indicator", "pending", "counts"}


def insert_plan(
    conn: sqlite3.Connection,
    title: str,
    doc_id: str | None,
    source: str,
    at: str,
    by: str,
    region: str | None = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO tracker_plans (title, doc_id, source, created_at, created_by, region) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (title, doc_id, source, at, by, region),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def insert_task(conn: sqlite3.Connection, plan_id: int, ord_: int, task: dict[str, Any]) -> int:
    deadline = task.get("deadline") or {}
    cur = conn.execute(
        "INSERT INTO tracker_tasks (plan_id, ord, number, outline_path, title, text, source, "
        "units_from, guess, unit_evidence, deadline_kind, deadline_date, deadline_text, "
        "indicator, cycle, cycle_day, state, progress, parent_id, region, created_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            plan_id,
            ord_,
            task.get("number", ""),
            task.get("outline_path", ""),
            task.get("title", ""),
            task["text"],
            json.dumps(task.get("source") or {}, ensure_ascii=False),
            task.get("units_from", "none"),
            int(bool(task.get("guess"))),
            json.dumps(task.get("unit_evidence") or [], ensure_ascii=False),
            deadline.get("kind", "none"),
            deadline.get("date"),
            deadline.get("text", ""),
            json.dumps(task["indicator"], ensure_ascii=False) if task.get("indicator") else None,
            task.get("cycle", "monthly"),
            int(task.get("cycle_day", 28)),
            task.get("state", "待签收"),
            task.get("progress", ""),
            task.get("parent_id"),
            task.get("region"),
            task.get("created_on"),
        ),
    )
    assert cur.lastrowid is not None
    task_id = cur.lastrowid
    leads, supports = task.get("lead_units", []), task.get("supporting_units", [])
    set_assignments(conn, task_id, leads, supports)
    for unit in [*leads, *supports]:
        name = unit if isinstance(unit, str) else unit["name"]
        written = unit if isinstance(unit, str) else unit.get("as_written", name)
        record_unit(conn, name, written, plan_id)
    return task_id


def record_unit(conn: sqlite3.Connection, canonical: str, alias: str, plan_id: int) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO tracker_units (canonical, alias, first_plan) VALUES (?, ?, ?)",
        (canonical, alias, plan_id),
    )


def units(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT canonical, alias, first_plan FROM tracker_units ORDER BY canonical, alias"
    ).fetchall()
    return [dict(zip(("canonical", "alias", "first_plan"), r, strict=True)) for r in rows]


def set_assignments(
    conn: sqlite3.Connection,
    task_id: int,
    leads: Sequence[dict[str, str] | str],
    supports: Sequence[dict[str, str] | str],
) -> None:
    conn.execute("DELETE FROM tracker_assignments WHERE task_id = ?", (task_id,))
    for role, units in (("lead", leads), ("support", supports)):
        for ord_, unit in enumerate(units):
            name = unit if isinstance(unit, str) else unit["name"]
            written = unit if isinstance(unit, str) else unit.get("as_written", name)
            conn.execute(
                "INSERT INTO tracker_assignments (task_id, unit, as_written, role, ord) "
                "VALUES (?, ?, ?, ?, ?)",
                (task_id, name, written, role, ord_),
            )


def _task_from_row(conn: sqlite3.Connection, row: Sequence[Any]) -> dict[str, Any]:
    names = [n.strip() for n in TASK_COLUMNS.split(",")]
    task = dict(zip(names, row, strict=True))
    for name in _JSON_COLUMNS:
        task[name] = json.loads(task[name]) if task[name] else None
    task["guess"] = bool(task["guess"])
    task["deadline"] = {
        "kind": task.pop("deadline_kind"),
        "date": task.pop("deadline_date"),
        "text": task.pop("deadline_text"),
    }
    units = conn.execute(
        "SELECT unit, role FROM tracker_assignments WHERE task_id = ? ORDER BY role, ord",
        (task["id"],),
    ).fetchall()
    task["lead_units"] = [u for u, r in units if r == "lead"]
    task["supporting_units"] = [u for u, r in units if r == "support"]
    return task


def get_task(conn: sqlite3.Connection, task_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tracker_tasks WHERE id = ?", (task_id,)
    ).fetchone()
    return None if row is None else _task_from_row(conn, row)


def list_tasks(
    conn: sqlite3.Connection,
    *,
    plan_id: int | None = None,
    unit: str | None = None,
    state: str | None = None,
) -> list[dict[str, Any]]:
    """Tasks in plan order; `unit` keeps those it leads or supports."""
    rows = conn.execute(
        f"SELECT {TASK_COLUMNS} FROM tracker_tasks "
        "WHERE (:plan IS NULL OR plan_id = :plan) AND (:state IS NULL OR state = :state) "
        "AND (:unit IS NULL OR id IN (SELECT task_id FROM tracker_assignments WHERE unit = :unit))"
        " ORDER BY plan_id, ord",
        {"plan": plan_id, "state": state, "unit": unit},
    ).fetchall()
    return [_task_from_row(conn, row) for row in rows]


def update_task(conn: sqlite3.Connection, task_id: int, **values: Any) -> None:
    """Set the named columns (names from a fixed list, values as parameters)."""
    allowed = {
        "state",
        "progress",
        "deadline_kind",
        "deadline_date",
        "deadline_text",
        "text",
        "cycle",
        "cycle_day",
        "parent_id",
        "units_from",
        "guess",
        "pending",
        "counts",
    }
    for name, value in values.items():
        if name not in allowed:
            raise ValueError(f"not an updatable task column: {name}")
        # The column name comes from the fixed set above, never from input.
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        conn.execute(f"UPDATE tracker_tasks SET {name} = ? WHERE id = ?", (value, task_id))


def plans(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT p.id, p.title, p.doc_id, p.source, p.region, p.created_at, COUNT(t.id) "
        "FROM tracker_plans p LEFT JOIN tracker_tasks t ON t.plan_id = p.id "
        "GROUP BY p.id ORDER BY p.id"
    ).fetchall()
    keys = ("id", "title", "doc_id", "source", "region", "created_at", "n_tasks")
    return [dict(zip(keys, r, strict=True)) for r in rows]


# Reports and evidence ------------------------------------------------------------------------


def insert_report(
    conn: sqlite3.Connection,
    task_id: int,
    actor: str,
    at: str,
    text: str,
    value: float | None = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO tracker_reports (task_id, actor, at, text, value) VALUES (?, ?, ?, ?, ?)",
        (task_id, actor, at, text, value),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def reports(conn: sqlite3.Connection, task_id: int | None = None) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, task_id, actor, at, text, value FROM tracker_reports "
        "WHERE (:t IS NULL OR task_id = :t) ORDER BY id",
        {"t": task_id},
    ).fetchall()
    keys = ("id", "task_id", "actor", "at", "text", "value")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def insert_evidence(conn: sqlite3.Connection, task_id: int, at: str, **fields: Any) -> int:
    cur = conn.execute(
        "INSERT INTO tracker_evidence (task_id, kind, file_name, sha256, content, doc_id, start,"
        ' "end", quote, score, status, decided_by, at) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            task_id,
            fields["kind"],
            fields.get("file_name"),
            fields.get("sha256"),
            fields.get("content"),
            fields.get("doc_id"),
            fields.get("start"),
            fields.get("end"),
            fields.get("quote"),
            fields.get("score"),
            fields["status"],
            fields.get("decided_by"),
            at,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


_EVIDENCE_KEYS = (
    "id",
    "task_id",
    "kind",
    "file_name",
    "sha256",
    "doc_id",
    "start",
    "end",
    "quote",
    "score",
    "status",
    "decided_by",
    "at",
)


def evidence(conn: sqlite3.Connection, task_id: int | None = None) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT id, task_id, kind, file_name, sha256, doc_id, start, "end", quote, score, status, '
        "decided_by, at FROM tracker_evidence WHERE (:t IS NULL OR task_id = :t) ORDER BY id",
        {"t": task_id},
    ).fetchall()
    return [dict(zip(_EVIDENCE_KEYS, r, strict=True)) for r in rows]


def evidence_item(conn: sqlite3.Connection, evidence_id: int) -> dict[str, Any] | None:
    found = [e for e in evidence(conn) if e["id"] == evidence_id]
    return found[0] if found else None


def set_evidence_status(
    conn: sqlite3.Connection, evidence_id: int, status: str, decided_by: str
) -> None:
    conn.execute(
        "UPDATE tracker_evidence SET status = ?, decided_by = ? WHERE id = ?",
        (status, decided_by, evidence_id),
    )


# The event log -------------------------------------------------------------------------------

EVENT_KEYS = (
    "id",
    "at",
    "actor",
    "task_id",
    "action",
    "from_state",
    "to_state",
    "reason",
    "payload",
)


def event_hash(prev_hash: str, event: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and this event's fields, in a fixed JSON form."""
    body = json.dumps(
        [prev_hash, *(event[k] for k in EVENT_KEYS)], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_event(
    conn: sqlite3.Connection,
    *,
    at: str,
    actor: str,
    task_id: int | None,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str = "",
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    last = conn.execute("SELECT id, hash FROM tracker_events ORDER BY id DESC LIMIT 1").fetchone()
    prev_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    event: dict[str, Any] = {
        "id": prev_id + 1,
        "at": at,
        "actor": actor,
        "task_id": task_id,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "reason": reason,
        "payload": json.dumps(payload or {}, ensure_ascii=False, sort_keys=True),
    }
    digest = event_hash(prev_hash, event)
    conn.execute(
        "INSERT INTO tracker_events (id, at, actor, task_id, action, from_state, to_state, reason,"
        " payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(event[k] for k in EVENT_KEYS), prev_hash, digest),
    )
    conn.execute(
        "INSERT INTO tracker_chain_head (one, last_id, hash) VALUES (1, ?, ?) "
        "ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash",
        (event["id"], digest),
    )
    return {**event, "prev_hash": prev_hash, "hash": digest}


def events(conn: sqlite3.Connection, task_id: int | None = None) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, at, actor, task_id, action, from_state, to_state, reason, payload, prev_hash,"
        " hash FROM tracker_events WHERE (:t IS NULL OR task_id = :t) ORDER BY id",
        {"t": task_id},
    ).fetchall()
    keys = (*EVENT_KEYS, "prev_hash", "hash")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def verify_chain(conn: sqlite3.Connection) -> list[str]:
    """Problems in the event log (empty when intact): an edited, deleted or inserted row."""
    problems: list[str] = []
    prev_hash = GENESIS
    expected_id = 1
    for event in events(conn):
        if event["id"] != expected_id:
            problems.append(f"event {expected_id}: missing (the log jumps to {event['id']})")
        if event["prev_hash"] != prev_hash:
            problems.append(f"event {event['id']}: does not follow the event before it")
        if event_hash(event["prev_hash"], event) != event["hash"]:
            problems.append(f"event {event['id']}: content does not match its hash (edited)")
        prev_hash = event["hash"]
        expected_id = event["id"] + 1
    head = conn.execute("SELECT last_id, hash FROM tracker_chain_head").fetchone()
    if head is not None and (head[0] != expected_id - 1 or head[1] != prev_hash):
        problems.append(f"event {head[0]}: the log ends before its recorded last event")
    return problems
