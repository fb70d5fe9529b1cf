from __future__ import annotations

import pytest

from zhengce.store.postgres.schema import MIGRATIONS, connect, is_postgres_url, schema_version
from zhengce.store.schema import StoreError


def test_connect_migrates_once_and_again_is_a_no_op(pg_url: str) -> None:
    conn = connect(pg_url)
    assert schema_version(conn) == len(MIGRATIONS)
    conn.close()
    again = connect(pg_url)
    assert schema_version(again) == len(MIGRATIONS)
    tables = {
        row[0]
        for row in again.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    }
    assert {"documents", "paragraphs", "people", "participants", "sources"} <= tables
    indexes = {row[0] for row in again.execute("SELECT indexname FROM pg_indexes")}
    assert {
        "paragraphs_words",
        "paragraphs_grams",
        "people_name_trgm",
        "documents_place_trgm",
    } <= indexes
    again.close()


def test_a_database_of_a_later_zhengce_is_refused(pg_url: str) -> None:
    conn = connect(pg_url)
    conn.execute("UPDATE zhengce_schema SET version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer than this zhengce"):
        connect(pg_url)


def test_reading_an_empty_database_says_how_to_make_one(pg_url: str) -> None:
    with pytest.raises(StoreError, match="no zhengce tables"):
        connect(pg_url, create=False)


def test_a_server_that_is_not_there_is_one_line_without_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        connect("postgresql://someone:secret@127.0.0.1:1/nothing")
    message = str(caught.value)
    assert "cannot connect" in message and "\n" not in message
    assert "secret" not in message


def test_urls_are_told_from_files() -> None:
    assert is_postgres_url("postgresql://u@h/db") and is_postgres_url("postgres://h/db")
    assert not is_postgres_url("kb.db") and not is_postgres_url("postgresql.db")
