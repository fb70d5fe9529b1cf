from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.store.sample_docs import SAMPLES, build_database
from zhengce.cli import app
from zhengce.search import QueryError, SearchFilters, normalize_date_bound
from zhengce.search.query import compile_query, phrase_grams
from zhengce.search.tokens import index_grams, index_words
from zhengce.store.search import search

TITLES = [sample["title"] for sample in SAMPLES]
NEW_PRODUCTIVITY, YANGTZE, MARKET = TITLES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.db"
    build_database(path).close()
    return path


@pytest.fixture
def conn(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db)


def titles(conn: sqlite3.Connection, query: str, **filters: str) -> set[str | None]:
    return {hit.title for hit in search(conn, query, SearchFilters(**filters))}


# Tokens --------------------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["新质生产力", "共抓大保护", "全国统一大市场", "高质量发展"])
def test_policy_terms_stay_whole_words(term: str) -> None:
    assert term in index_words(f"要{term}，再出发").split()


def test_grams_are_bigrams_plus_the_end_of_each_run() -> None:
    assert index_grams("新质生产力，RCEP 5G网络") == "新质 质生 生产 产力 力 RCEP 5G 网络 络"


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (["生产力"], (["生产", "产力"], False)),
        (["力"], (["力"], True)),
        (["2022", "年"], (["2022", "年"], True)),
        (["高质量", "发展"], (["高质", "质量", "量", "发展"], False)),
    ],
)
def test_phrase_grams(segments: list[str], expected: tuple[list[str], bool]) -> None:
    assert phrase_grams(segments) == expected


# Matching ------------------------------------------------------------------------------------


def test_traditional_and_simplified_queries_find_the_same(conn: sqlite3.Connection) -> None:
    simplified = titles(conn, "新质生产力")
    assert simplified == {NEW_PRODUCTIVITY}
    assert titles(conn, "新質生產力") == simplified


def test_substring_of_a_whole_word_still_matches(conn: sqlite3.Connection) -> None:
    # 生产力 is inside 新质生产力 (one word) in the first document, a word of its own in the second.
    assert titles(conn, "生产力") == {NEW_PRODUCTIVITY, YANGTZE}
    assert titles(conn, "统一大市") == {NEW_PRODUCTIVITY, MARKET}


def test_whole_word_ranks_above_substring(conn: sqlite3.Connection) -> None:
    hits = search(conn, "生产力")
    assert hits[0].title == YANGTZE  # 生产力 as a word of its own


def test_single_character_finds_every_occurrence(conn: sqlite3.Connection) -> None:
    assert titles(conn, "江") == {YANGTZE}
    assert titles(conn, "场") == {NEW_PRODUCTIVITY, MARKET}  # only ever at the end of a word


def test_phrases_and_operators(conn: sqlite3.Connection) -> None:
    assert titles(conn, '"高质量 发展"') == {NEW_PRODUCTIVITY, YANGTZE}
    assert titles(conn, "“共抓大保护”") == {YANGTZE}
    assert titles(conn, "长江 OR 统一大市场") == {YANGTZE, NEW_PRODUCTIVITY, MARKET}
    assert titles(conn, "高质量发展 -长江") == {NEW_PRODUCTIVITY}
    assert titles(conn, "高质量发展 NOT 长江") == {NEW_PRODUCTIVITY}
    assert titles(conn, "(长江 OR 东北) 王明") == {YANGTZE}  # in one paragraph
    assert titles(conn, "rcep 2022年") == {MARKET}


def test_filters(conn: sqlite3.Connection) -> None:
    assert titles(conn, "高质量发展", date_from="2024") == {YANGTZE}
    assert titles(conn, "高质量发展", date_to="2023-09") == {NEW_PRODUCTIVITY}
    assert titles(conn, "高质量发展", date_from="2023-09-07", date_to="2023-09-07") == {
        NEW_PRODUCTIVITY
    }
    assert titles(conn, "高质量发展", person="李华") == {NEW_PRODUCTIVITY}
    assert titles(conn, "高质量发展", place="江西") == {YANGTZE}
    assert titles(conn, "高质量发展", place="长江经济带") == {YANGTZE}  # a region preset
    assert titles(conn, "高质量发展", place="西部") == set()
    assert titles(conn, "高质量发展", place="西藏、江西") == {YANGTZE}  # any of several
    assert titles(conn, "统一大市场", kind="policy_document") == {MARKET}
    assert titles(conn, "高质量发展", speaker="王明") == {YANGTZE}


def test_hits_carry_speaker_date_and_marked_snippet(conn: sqlite3.Connection) -> None:
    (hit,) = search(conn, "共抓大保护")
    assert (hit.speaker, hit.date, hit.doc_id) == ("王明", "2024-03-15", hit.doc_id)
    assert "«共抓大保护»" in hit.snippet and hit.score > 0


def test_per_paragraph_results(conn: sqlite3.Connection) -> None:
    hits = search(conn, "会", per_document=False)
    assert len(hits) > len({hit.doc_id for hit in hits})


# Malformed queries ---------------------------------------------------------------------------

MALFORMED = [
    ("", "empty"),
    ("   ", "empty"),
    ('"新质生产力', "unbalanced quote"),
    ("新质生产力”", "unbalanced quote"),
    ("AND", "AND"),
    ("OR", "OR"),
    ("NOT", "NOT"),
    ("新质 AND", "AND"),
    ("OR 新质", "OR"),
    ("*", "nothing to search"),
    ("-", "needs a word"),
    ("-新质", "only leave words out"),
    ("NOT 新质", "only leave words out"),
    ("(新质", "parenthesis"),
    ("新质)", "parenthesis"),
    ("()", "empty parentheses"),
    ("，。！", "nothing to search"),
]


@pytest.mark.parametrize(("query", "message"), MALFORMED)
def test_malformed_queries_get_a_clear_message(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        compile_query(query)


@pytest.mark.parametrize(
    "query", ['a"b', "col:x", "x NEAR y", "^新", "新质*", "{words}", "a + b", "'", "\\"]
)
def test_fts_syntax_in_a_query_is_just_text(conn: sqlite3.Connection, query: str) -> None:
    with contextlib.suppress(QueryError):  # a clear message is fine; an sqlite3 error is not
        search(conn, query)


def test_date_bounds() -> None:
    assert normalize_date_bound("2024年5月") == "2024-05"
    assert normalize_date_bound("20240520") == "2024-05-20"
    assert normalize_date_bound("2024/5/2") == "2024-05-02"
    with pytest.raises(QueryError, match="not a date"):
        normalize_date_bound("yesterday", "--from")


# CLI -----------------------------------------------------------------------------------------


def test_cli_json(db: Path) -> None:
    result = CliRunner().invoke(app, ["search", "新質生產力", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    (hit,) = json.loads(result.stdout)
    assert set(hit) == {"doc_id", "title", "date", "snippet", "speaker", "score"}
    assert hit["title"] == NEW_PRODUCTIVITY


def test_cli_bad_query_is_one_line_and_exit_2(db: Path) -> None:
    result = CliRunner().invoke(app, ["search", '"open', "--db", str(db)])
    assert result.exit_code == 2
    assert "unbalanced quote" in result.output and "Traceback" not in result.output


def test_cli_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "zhengce ingest" in result.output


def test_ranking_scores_at_most_the_candidate_cap(conn: sqlite3.Connection) -> None:
    everything = search(conn, "会", per_document=False)
    capped = search(conn, "会", per_document=False, rank_candidates=1)
    assert len(capped) == 1 and capped[0].paragraph in {hit.paragraph for hit in everything}
