from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhengce.tracker import store
from zhengce.tracker.accounts import AccountError, Actor, add_user, authenticate, get_actor


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return store.open_db(tmp_path / "kb.db")


def test_add_and_authenticate(conn: sqlite3.Connection) -> None:
    actor = add_user(conn, "li", "correct horse", "unit", "国家发展改革委")
    assert actor == Actor("li", "unit", "国家发展改革委")
    assert authenticate(conn, "li", "correct horse") == actor
    assert authenticate(conn, "li", "wrong password") is None
    assert authenticate(conn, "nobody", "correct horse") is None
    assert get_actor(conn, "li") == actor
    assert get_actor(conn, "nobody") is None


def test_password_is_an_argon2_hash(conn: sqlite3.Connection) -> None:
    add_user(conn, "wang", "another secret", "supervisor", None)
    row = store.user_row(conn, "wang")
    assert row is not None
    assert row["password_hash"].startswith("$argon2id$")
    assert "another secret" not in row["password_hash"]


@pytest.mark.parametrize(
    ("name", "password", "role", "unit", "message"),
    [
        ("a", "long enough", "boss", None, "unknown role"),
        ("a", "long enough", "unit", None, "needs --unit"),
        ("a", "short", "reader", None, "at least"),
        ("  ", "long enough", "reader", None, "needs a name"),
    ],
)
def test_bad_users_are_refused(
    conn: sqlite3.Connection, name: str, password: str, role: str, unit: str | None, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        add_user(conn, name, password, role, unit)
    assert store.list_users(conn) == []


def test_names_are_unique(conn: sqlite3.Connection) -> None:
    add_user(conn, "li", "correct horse", "reader", None)
    with pytest.raises(AccountError, match="exists"):
        add_user(conn, "li", "other password", "admin", None)
    assert get_actor(conn, "li") == Actor("li", "reader", None)


def test_a_path_works_as_well_as_a_connection(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    add_user(db, "zhao", "correct horse", "reader", None)
    assert authenticate(db, "zhao", "correct horse") == Actor("zhao", "reader", None)


def test_tracker_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    store.open_db(db).close()
    conn = store.open_db(db)
    versions = [r[0] for r in conn.execute("SELECT version FROM tracker_migrations")]
    assert versions == list(range(1, len(store.TRACKER_MIGRATIONS) + 1))
