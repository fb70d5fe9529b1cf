"""Queries and options as an attacker types them: bounded time, one line, exit 2."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import error_lines, run
from tests.fuzz.hostile import GOOD_TEXT
from zhengce.search import QueryError, normalize_date_bound
from zhengce.search.query import compile_query

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    for n in range(5):
        text = f"{2022 + n % 3}年5月{n + 1}日，" + GOOD_TEXT * (n + 1)
        (folder / f"{n}.txt").write_text(text, "utf-8")
    db = folder / "kb.db"
    assert run("ingest", str(folder), "--db", str(db), "-q", "-j", "1").returncode == 0
    return db


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("发展 " * 5000, "characters"),
        ("(" * 2000 + "发展" + ")" * 2000, "characters"),
        ("(" * 40 + "发展" + ")" * 40, "nested"),
        (" ".join(f"词{n}" for n in range(100)), "different words"),
        ("((发展)", "parenthesis"),
    ],
)
def test_hostile_queries_are_one_line(kb: Path, query: str, says: str) -> None:
    started = time.perf_counter()
    result = run("search", query, "--db", str(kb), timeout=60)
    assert time.perf_counter() - started < 30
    assert result.returncode == 2, result.stderr
    assert len(error_lines(result.stderr)) == 1 and says in result.stderr


def test_a_word_repeated_is_searched_once(kb: Path) -> None:
    started = time.perf_counter()
    result = run("search", "发展 " * 300, "--db", str(kb), "--json")
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 15
    once = run("search", "发展", "--db", str(kb), "--json")
    assert result.stdout == once.stdout
    assert compile_query("发展 " * 300).fts == compile_query("发展").fts
    assert compile_query("(东北 OR 东北) 发展 发展").fts == compile_query("东北 发展").fts


@pytest.mark.parametrize("limit", ["100000000000000000000", "-1", "0", "x"])
def test_result_limit_out_of_range_is_one_line(kb: Path, limit: str) -> None:
    result = run("search", "发展", "--db", str(kb), "-n", limit)
    assert result.returncode == 2
    assert "OverflowError" not in result.stderr and "Traceback" not in result.stderr


def test_full_width_dates_are_dates(kb: Path) -> None:
    assert normalize_date_bound("２０２４－０５") == "2024-05"
    assert normalize_date_bound("２０２４年５月") == "2024-05"
    ascii_hits = run("search", "发展", "--db", str(kb), "--from", "2024", "--json")
    wide_hits = run("search", "发展", "--db", str(kb), "--from", "２０２４", "--json")
    assert wide_hits.returncode == 0
    every = run("search", "发展", "--db", str(kb), "--json")
    assert wide_hits.stdout == ascii_hits.stdout
    assert 0 < ascii_hits.stdout.count("doc_id") < every.stdout.count("doc_id")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('()"“”「」-OR AND NOT 东北振兴 ab1２')), max_size=200))
def test_any_query_compiles_or_is_a_query_error(query: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(QueryError):
        compile_query(query)
    assert time.perf_counter() - started < 1
