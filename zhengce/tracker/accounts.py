"""Accounts of the tracker (and of the web interface built on it).

    from zhengce.tracker.accounts import add_user, authenticate, get_actor
    conn = zhengce.tracker.store.open_db("kb.db")    # or pass the path itself
    add_user(conn, "li", "s3cret-pass", "unit", "国家发展改革委")  -> Actor
    authenticate(conn, "li", "s3cret-pass")                        -> Actor | None
    get_actor(conn, "li")                                           -> Actor | None

Roles: `supervisor` (督查 office: sees every task, closes 销号, approves 延期), `unit` (staff
of a lead or supporting unit: sees and reports on its own unit's tasks only; `unit` is then
required), `reader` (reads only), `admin` (manages accounts; sees all, like a supervisor,
but does not take part in the workflow).  Passwords are stored as argon2id hashes
(argon2-cffi); a hash made with older parameters is renewed at the next good login.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from zhengce.tracker import store

ROLES = ("supervisor", "unit", "reader", "admin")
MIN_PASSWORD = 8

_hasher = PasswordHasher()

Db = store.Connection | str | PathLike[str]


class AccountError(ValueError):
    """A user that cannot be added (bad role, missing unit, taken name, short password)."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: every tracker call takes one."""

    name: str
    role: str
    unit: str | None

    @property
    def sees_all(self) -> bool:
        return self.role in ("supervisor", "admin", "reader")


def _conn(db: Db) -> tuple[store.Connection, bool]:
    if isinstance(db, store.Connection):
        return db, False
    return store.open_db(db), True


def add_user(db: Db, name: str, password: str, role: str, unit: str | None) -> Actor:
    name = name.strip()
    if not name:
        raise AccountError("a user needs a name")
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    unit = (unit or "").strip() or None
    if role == "unit" and unit is None:
        raise AccountError(f"user {name!r}: role 'unit' needs --unit (the unit's name)")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"user {name!r}: the password needs at least {MIN_PASSWORD} characters")
    conn, owned = _conn(db)
    try:
        if not store.insert_user(conn, name, _hasher.hash(password), role, unit):
            raise AccountError(f"user {name!r} exists already")
    finally:
        if owned:
            conn.close()
    return Actor(name, role, unit)


def authenticate(db: Db, name: str, password: str) -> Actor | None:
    """The actor when name and password match, else None (the same for an unknown name)."""
    conn, owned = _conn(db)
    try:
        row = store.user_row(conn, name)
        if row is None:
            # Hash anyway, so an unknown name takes as long as a wrong password.
            _hasher.hash(password)
            return None
        try:
            _hasher.verify(row["password_hash"], password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(row["password_hash"]):
            store.update_password_hash(conn, name, _hasher.hash(password))
        return Actor(row["name"], row["role"], row["unit"])
    finally:
        if owned:
            conn.close()


def get_actor(db: Db, name: str) -> Actor | None:
    conn, owned = _conn(db)
    try:
        row = store.user_row(conn, name)
    finally:
        if owned:
            conn.close()
    return None if row is None else Actor(row["name"], row["role"], row["unit"])


def list_users(db: Db) -> list[Actor]:
    conn, owned = _conn(db)
    try:
        return [Actor(r["name"], r["role"], r["unit"]) for r in store.list_users(conn)]
    finally:
        if owned:
            conn.close()
