"""A PostgreSQL server for the PostgreSQL store and runner tests.

`ZHENGCE_TEST_PG` (set by .ci/run, which starts a throw-away cluster with .ci/postgres.sh)
names the server; without it the tests start their own cluster with the same script.  Each
test gets a fresh database, dropped afterwards.  Outside CI, the tests are skipped with one
line saying why when no PostgreSQL can be started; in CI they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "postgres.sh"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"no PostgreSQL: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server whose user may create databases."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'zhengce[postgres]')")
    url = os.environ.get("ZHENGCE_TEST_PG")
    if url:
        yield url
        return
    started = subprocess.run(
        ["bash", str(SCRIPT), "start"], capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        lines = started.stderr.strip().splitlines() or ["postgres.sh start failed"]
        _unavailable(lines[-1])
    exports = dict(
        line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines()
    )
    try:
        yield exports["ZHENGCE_TEST_PG"]
    finally:
        subprocess.run(
            ["bash", str(SCRIPT), "stop", exports["ZHENGCE_TEST_PG_DIR"]],
            capture_output=True,
            check=False,
        )


def database_url(server: str, name: str) -> str:
    base, _, _ = server.rpartition("/")
    return f"{base}/{name}"


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on the server, dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"zhengce_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    with fresh_database(pg_server) as url:
        yield url
