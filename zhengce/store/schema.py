"""The SQLite schema as an ordered list of migrations, and the connection settings.

`PRAGMA user_version` holds how many migrations a database has had; opening a
database runs the missing ones in order, each in its own transaction, so a
database made by any earlier zhengce is brought up to date and one made by a
later zhengce is refused rather than misread.  Never edit a migration that has
shipped: append a new one.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

PARAGRAPH_BITS = 20  # paragraph id = document number << 20 | ord: a million per document


class StoreError(Exception):
    """A database that cannot be used: says which file and what to do, in one line."""


# Migration 1: documents with their text, edit log, blocks and paragraphs; people and
# participants; the full-text index.  Natural keys (document id + position) everywhere, so the
# same documents ingested in any order give the same content.
_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per file read: the shortcut that lets a re-run skip a file without reading it.
CREATE TABLE sources (
    file_hash TEXT PRIMARY KEY,          -- blake2b of the file's bytes
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,                 -- Document.id: content hash of the raw text
    file_hash TEXT,
    source TEXT NOT NULL,
    title TEXT,
    kind TEXT,
    date TEXT,                           -- ISO date of the event (YYYY, YYYY-MM or YYYY-MM-DD)
    event_year INTEGER,
    event_month INTEGER,
    event_day INTEGER,
    published TEXT,
    programme_date TEXT,
    province TEXT,
    city TEXT,
    place TEXT,
    source_name TEXT,                    -- metadata "source": the publisher named in the text
    url TEXT,
    n_chars INTEGER NOT NULL,
    raw_text TEXT NOT NULL,
    text TEXT,                           -- normalized text; NULL when it equals raw_text
    metadata TEXT NOT NULL,              -- the whole metadata dict as JSON: nothing is lost
    outline TEXT NOT NULL,               -- JSON list of outline items
    steps_run INTEGER NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_kind ON documents(kind);
CREATE INDEX documents_file ON documents(file_hash);

CREATE TABLE edits (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    step INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

CREATE TABLE blocks (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

-- `text` is NULL when it equals the slice text[start:end] of the document (the common case),
-- which keeps the normalized text stored once; read it through paragraph_texts.
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,              -- document number << 20 | ord; rowid in paragraph_index
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker TEXT,
    speaker_evidence TEXT NOT NULL,
    inferred INTEGER NOT NULL,           -- 1: split from lines because segmentation gave none
    text TEXT,
    UNIQUE (doc_id, ord)
);
CREATE INDEX paragraphs_speaker ON paragraphs(speaker) WHERE speaker IS NOT NULL;

CREATE VIEW paragraph_texts AS
SELECT p.id, p.doc_id, p.ord, p.kind, p.speaker,
       COALESCE(p.text, substr(COALESCE(d.text, d.raw_text), p.start + 1, p."end" - p.start))
       AS text
FROM paragraphs p JOIN documents d ON d.id = p.doc_id;

-- The same name in two documents is taken as the same person (names are not disambiguated).
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- Participants (present = 1) and people named but not present (present = 0: reporters, ...).
CREATE TABLE participants (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    present INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    person_id INTEGER REFERENCES people(id),  -- NULL when the name is empty
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    positions TEXT NOT NULL,             -- JSON list, in the order the text gives them
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (doc_id, present, ord)
) WITHOUT ROWID;
CREATE INDEX participants_person ON participants(person_id);
CREATE INDEX participants_name ON participants(name);

-- Each position a person held, on the date of each document that gives it.
CREATE VIEW person_positions AS
SELECT pe.id AS person_id, pe.name, j.value AS position, d.date, d.id AS doc_id, d.title
FROM people pe
JOIN participants pa ON pa.person_id = pe.id AND pa.present = 1
JOIN documents d ON d.id = pa.doc_id, json_each(pa.positions) j;

-- Each event (document) a person attended, with the role they had there.
CREATE VIEW person_events AS
SELECT pe.id AS person_id, pe.name, d.id AS doc_id, d.date, d.title, d.kind, d.place,
       pa.role, pa.positions
FROM people pe
JOIN participants pa ON pa.person_id = pe.id AND pa.present = 1
JOIN documents d ON d.id = pa.doc_id;

-- Full-text index of paragraphs (rowid = paragraphs.id).  Contentless: the text lives once, in
-- documents.  `words` holds rjieba words (policy terms kept whole) for ranking; `grams` holds Han
-- bigrams plus the last character of each Han run, so any substring of two or more characters
-- is a phrase of bigrams and always matches (see zhengce.search.tokens).
CREATE VIRTUAL TABLE paragraph_index USING fts5(
    words, grams, content = '', tokenize = 'unicode61'
);
CREATE VIRTUAL TABLE paragraph_index_terms USING fts5vocab(paragraph_index, 'row');
"""

# Migration 2: policy content for `zhengce formulations|timeline|compare` — formulation
# mentions (known lexicon terms and discovered candidates), measures (verb + object) and the
# theme of each paragraph.  Documents stored before this migration have no rows here until
# they are ingested again with --force.
_V2 = """
CREATE TABLE formulations (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    term TEXT NOT NULL,                  -- the lexicon's main term (variants folded) or candidate
    paragraph INTEGER,                   -- paragraphs.ord holding the mention (NULL: none)
    start INTEGER NOT NULL,              -- in the normalized text
    "end" INTEGER NOT NULL,
    known INTEGER NOT NULL,              -- 1: lexicon term, 0: discovered candidate
    how TEXT NOT NULL,                   -- lexicon | quoted | number_slogan
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE INDEX formulations_term ON formulations(term);

CREATE TABLE measures (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    paragraph INTEGER,                   -- paragraphs.ord of the clause
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    verb TEXT NOT NULL,
    object TEXT NOT NULL,
    strength TEXT NOT NULL,
    primary_theme TEXT,
    themes TEXT NOT NULL,                -- JSON list of theme ids, strongest first
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

CREATE TABLE paragraph_themes (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,          -- paragraphs.ord
    primary_theme TEXT,                  -- NULL: the paragraph has no theme of its own
    themes TEXT NOT NULL,                -- JSON list of theme ids, strongest first
    PRIMARY KEY (doc_id, paragraph)
) WITHOUT ROWID;
"""

# Migration 3: bilingual documents (zhengce.bilingual) — the English translation's paragraphs
# aligned to the Chinese ones, and the term pairs discovered in them.  Only documents with an
# English block have rows; documents stored before this migration get them on --force.
_V3 = """
CREATE TABLE aligned_pairs (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    zh_paragraphs TEXT NOT NULL,         -- JSON list of paragraphs.ord (Chinese side)
    en_paragraphs TEXT NOT NULL,         -- JSON list of paragraphs.ord (English side)
    zh_text TEXT NOT NULL,
    en_text TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

CREATE TABLE glossary_candidates (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    term_zh TEXT NOT NULL,
    term_en TEXT NOT NULL,
    how TEXT NOT NULL,                   -- table | lexicon | quote
    score REAL NOT NULL,
    zh_paragraph INTEGER NOT NULL,       -- evidence: paragraphs.ord of the pair's Chinese side
    en_paragraph INTEGER NOT NULL,       -- and of its English side
    PRIMARY KEY (doc_id, term_zh)
) WITHOUT ROWID;
CREATE INDEX glossary_candidates_term ON glossary_candidates(term_zh);
"""

# Migration 4: how eagerly FTS5 merges the search index.  Ingest commits once per file and FTS5
# writes a new index segment at every commit; by default it merges as soon as 4 segments of a
# level exist, which over the corpus was a third of the parent's CPU time.  Merging 16 at a
# time rewrites each posting about half as often; searches read a few more segments (measured
# by bench/search.py: p95 stays far under the 50 ms goal).  The settings are stored in the
# index itself, so every writer of this database uses them.
_V4 = """
INSERT INTO paragraph_index (paragraph_index, rank) VALUES ('automerge', 16);
INSERT INTO paragraph_index (paragraph_index, rank) VALUES ('crisismerge', 64);
"""

# Migration 5: which pipeline read each file (zhengce.version.pipeline_fingerprint), so that
# ingest reads a file again when zhengce has changed since.  Rows from before: NULL (unknown,
# read again).
_V5 = """
ALTER TABLE sources ADD COLUMN pipeline TEXT;
"""

# Migration 6: every fact the pipeline finds, so `load_document` rebuilds the whole Document.
# Fact tables have one column per field of the fact's dataclass (zhengce.store.facts): adding a
# field is one `ALTER TABLE ... ADD COLUMN` here.  The outline moves from the JSON column
# documents.outline (now '[]' for new documents; read for documents stored before) to its own
# table.  Metadata stays whole in documents.metadata; the official-document facts get columns
# and tables for queries: 文种 (doc_type), 文号 (document_number), issuers and addressees, dates.
# `package_versions` holds how many of each package's own migrations have run (see `migrate`).
_V6 = """
ALTER TABLE measures ADD COLUMN modal TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN actors TEXT NOT NULL DEFAULT '[]';     -- JSON list
ALTER TABLE measures ADD COLUMN region TEXT;
ALTER TABLE measures ADD COLUMN region_source TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN theme_evidence TEXT NOT NULL DEFAULT '{}';  -- JSON object
ALTER TABLE measures ADD COLUMN outline_path TEXT NOT NULL DEFAULT '';
ALTER TABLE paragraph_themes ADD COLUMN theme_evidence TEXT NOT NULL DEFAULT '{}';

CREATE TABLE outline_items (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    level INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT '',       -- part | chapter | section | article | item | ...
    path TEXT NOT NULL DEFAULT '',       -- outline path of the item, outermost first
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;

CREATE TABLE targets (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    year INTEGER,
    quantity TEXT,
    note TEXT NOT NULL DEFAULT '',
    metric TEXT,
    comparator TEXT,
    value REAL,
    unit TEXT,
    year_inferred INTEGER NOT NULL DEFAULT 0,
    outline_path TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE INDEX targets_year ON targets(year);

CREATE TABLE responsible_units (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    measures TEXT NOT NULL DEFAULT '[]', -- JSON list of measures.ord
    role TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    canonical TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE INDEX responsible_units_name ON responsible_units(name);

CREATE TABLE unit_duties (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    parent INTEGER NOT NULL,             -- responsible_units.ord
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, parent, ord)
) WITHOUT ROWID;

CREATE TABLE places (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- province | region | city
    start INTEGER NOT NULL,              -- -1 when it came from metadata
    "end" INTEGER NOT NULL,
    how TEXT NOT NULL,                   -- title | dateline | scope | text | metadata
    PRIMARY KEY (doc_id, ord)
) WITHOUT ROWID;
CREATE INDEX places_name ON places(name);

ALTER TABLE documents ADD COLUMN doc_type TEXT;          -- 文种 (意见, 通知, 条例, ...)
ALTER TABLE documents ADD COLUMN document_number TEXT;   -- 文号
CREATE INDEX documents_doc_type ON documents(doc_type);

CREATE TABLE document_parties (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    role TEXT NOT NULL,                  -- issuer | addressee
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (doc_id, role, ord)
) WITHOUT ROWID;
CREATE INDEX document_parties_name ON document_parties(name);

CREATE TABLE document_dates (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- signed | adopted | adopted_by | effective | ...
    value TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind)
) WITHOUT ROWID;

CREATE TABLE package_versions (
    package TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)

# Packages that keep tables of their own in the same database.  Each module named here defines
# PACKAGE (a name) and MIGRATIONS (its ordered SQL scripts; append, never edit one that has
# shipped); `connect` runs the missing ones after the store's own, and `package_versions`
# records how many each package has had.  A new package adds its store module to this tuple.
PACKAGE_MIGRATIONS: tuple[str, ...] = ("zhengce.bilingual.store",)


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open the database at `path`: for writing (brought up to date, made if absent), or with
    `create=False` for reading only.

    Writers: autocommit mode, they open their own `BEGIN IMMEDIATE` transactions.  WAL lets
    searches run while an ingest writes, and with synchronous=NORMAL a killed process loses at
    most the transaction in progress, never a committed one.  Readers open the file read-only
    (`mode=ro`; `immutable=1` where even that needs a write, as on read-only media) and never
    migrate, so a read command cannot change any file, zhengce's or another program's.
    """
    if str(path).startswith(("postgresql:/", "postgres:/")):
        # Code that only knows SQLite (the task tracker, the web pages) was handed a URL:
        # say so, rather than make a SQLite file named like it.
        raise StoreError(f"{path}: this command reads SQLite files only, not PostgreSQL yet")
    path = Path(path)
    if not create:
        return _connect_read_only(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"{path}: the database is read-only here (no write permission)")
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 10000")
        _refuse_foreign(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: cannot open the database for writing ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a zhengce database ({exc})") from None
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, label=str(path))
    for module_name in PACKAGE_MIGRATIONS:
        module = importlib.import_module(module_name)
        migrate_package(conn, module.PACKAGE, module.MIGRATIONS, label=str(path))
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise StoreError(
            f"{path}: no such database (make one with `zhengce ingest PATH --db {path}`)"
        )
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    last: sqlite3.Error | None = None
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(
                f"{uri}?{flags}", uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA busy_timeout = 10000")
            version = schema_version(conn)  # the first read: fails here if it cannot read
        except sqlite3.OperationalError as exc:
            # A WAL database on read-only media cannot make its -shm file: read it as
            # immutable (nobody can be writing it there).
            last = exc
            continue
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a zhengce database ({exc})") from None
        _check_readable_version(conn, path, version)
        return conn
    raise StoreError(f"{path}: cannot open the database for reading ({last})")


def _check_readable_version(conn: sqlite3.Connection, path: Path, version: int) -> None:
    if version == 0 or not _has_table(conn, "documents"):
        conn.close()
        raise StoreError(f"{path}: not a zhengce database (left untouched)")
    if version > len(MIGRATIONS):
        conn.close()
        raise StoreError(
            f"{path}: schema version {version} is newer than this zhengce knows "
            f"({len(MIGRATIONS)}); upgrade zhengce"
        )
    if version < len(MIGRATIONS):
        conn.close()
        raise StoreError(
            f"{path}: made by an older zhengce (schema {version} of {len(MIGRATIONS)});"
            f" bring it up to date with `zhengce ingest --reindex --db {path}`"
        )
    for module_name in PACKAGE_MIGRATIONS:
        module = importlib.import_module(module_name)
        have = package_version(conn, module.PACKAGE)
        wanted = len(module.MIGRATIONS)
        if have != wanted:
            conn.close()
            todo = (
                f"bring it up to date with `zhengce ingest --reindex --db {path}`"
                if have < wanted
                else "upgrade zhengce"
            )
            raise StoreError(
                f"{path}: its {module.PACKAGE} tables are at version {have}, this zhengce"
                f" knows {wanted}; {todo}"
            )


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Another program's SQLite file (tables, but no zhengce version) is never written into."""
    if schema_version(conn) == 0 and conn.execute("SELECT 1 FROM sqlite_master").fetchone():
        conn.close()
        raise StoreError(f"{path}: not a zhengce database (it holds other tables); left untouched")


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS, *, label: str = "database"
) -> int:
    """Run the migrations the database has not had yet; return the new version."""
    current = schema_version(conn)
    if current > len(migrations):
        raise StoreError(
            f"{label}: schema version {current} is newer than this zhengce knows "
            f"({len(migrations)}); upgrade zhengce"
        )
    for number, script in enumerate(migrations[current:], start=current + 1):
        # executescript commits any open transaction first, so the BEGIN/COMMIT are ours and
        # user_version (stored in the database header) changes together with the tables.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{label}: migration {number} failed: {exc}") from None
    return len(migrations)


def package_version(conn: sqlite3.Connection, package: str) -> int:
    if not _has_table(conn, "package_versions"):
        return 0
    row = conn.execute(
        "SELECT version FROM package_versions WHERE package = ?", (package,)
    ).fetchone()
    return int(row[0]) if row else 0


def migrate_package(
    conn: sqlite3.Connection, package: str, migrations: Sequence[str], *, label: str = "database"
) -> int:
    """Run a package's migrations the database has not had yet; return the new version."""
    if not package.isidentifier():
        raise ValueError(f"package name {package!r} is not an identifier")
    current = package_version(conn, package)
    if current > len(migrations):
        raise StoreError(
            f"{label}: {package} schema version {current} is newer than this zhengce knows "
            f"({len(migrations)}); upgrade zhengce"
        )
    for number, script in enumerate(migrations[current:], start=current + 1):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                "INSERT OR REPLACE INTO package_versions (package, version)"
                f" VALUES ('{package}', {number});\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{label}: {package} migration {number} failed: {exc}") from None
    return len(migrations)
