"""The same sample in SQLite and in PostgreSQL gives the same answers.

Files from both corpora and samples/ go through the pipeline once; the same records are stored
by the SQLite writer and by the PostgreSQL writer.  Then every query of bench/search.py's query
set (drawn from the sample, seeded), every timeline of a formulation found in it, and every
people query find the same documents in both.  Scores differ (bm25 and ts_rank), so searches
are compared as sets of documents over all matches, not as ranked lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.search import make_queries
from tests.conftest import CORPUS_MD, SHARED
from tests.store.conftest import fresh_database
from zhengce.analysis.timeline import timeline
from zhengce.search import SearchFilters
from zhengce.store import reader as sqlite_reader
from zhengce.store.loader import process_file
from zhengce.store.postgres import reader as pg_reader
from zhengce.store.postgres.schema import connect as pg_connect
from zhengce.store.postgres.search import search as pg_search
from zhengce.store.postgres.store import PostgresStore
from zhengce.store.postgres.writer import ensure_index_current as pg_index_current
from zhengce.store.postgres.writer import store_batch
from zhengce.store.schema import connect as sqlite_connect
from zhengce.store.search import RANK_CANDIDATES
from zhengce.store.search import search as sqlite_search
from zhengce.store.sqlite import SQLiteStore
from zhengce.store.writer import ensure_index_current, store_file

pytestmark = pytest.mark.corpus

ROOT = Path(__file__).resolve().parents[3]
EVERYTHING = 100_000


def sample_files() -> list[Path]:
    days = sorted(CORPUS_MD.glob("*.md"))[::28]
    policy = sorted((SHARED / "corpus" / "policy").rglob("*.*"))
    policy = [p for p in policy if p.suffix in {".txt", ".md"}][::4]
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.name != "README.md")
    return days + policy + samples


@pytest.fixture(scope="module")
def stores(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not CORPUS_MD.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    results = [process_file(str(path), f"hash-{n}", 0) for n, path in enumerate(sample_files())]
    assert not [r.error for r in results if r.error]
    path = tmp_path_factory.mktemp("same") / "kb.db"
    lite = sqlite_connect(path)
    ensure_index_current(lite)
    for result in results:
        store_file(lite, result, force=False)
    with fresh_database(pg_server) as url:
        pg = pg_connect(url)
        pg_index_current(pg)
        for start in range(0, len(results), 16):
            store_batch(pg, results[start : start + 16], force=False)
        yield path, lite, pg
        pg.close()
    lite.close()


def test_both_stores_hold_the_same_rows(stores: Any) -> None:
    _, lite, pg = stores
    for table in ("documents", "paragraphs", "edits", "participants", "people", "formulations"):
        assert (
            lite.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            == pg.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        ), table
    assert lite.execute("SELECT COUNT(*) FROM documents").fetchone()[0] > 500


def test_every_search_of_the_bench_query_set_finds_the_same_documents(stores: Any) -> None:
    _, lite, pg = stores
    queries = make_queries(lite, 240, 7)
    differing = []
    for query, options in queries:
        filters = SearchFilters(**options)
        wanted = {h.doc_id for h in sqlite_search(lite, query, filters, limit=EVERYTHING)}
        found = {
            h.doc_id
            for h in pg_search(
                pg, query, filters, limit=EVERYTHING, rank_candidates=RANK_CANDIDATES
            )
        }
        if wanted != found:
            differing.append((query, options, len(wanted), len(found)))
    assert not differing
    # The set is not trivial: most queries find something.
    with_hits = sum(1 for q, o in queries if sqlite_search(lite, q, SearchFilters(**o), limit=1))
    assert with_hits > 200


def test_every_paragraph_hit_and_person_filter_agrees(stores: Any) -> None:
    _, lite, pg = stores
    people = [row[0] for row in lite.execute("SELECT name FROM people ORDER BY name LIMIT 30")]
    places = ["北京", "黑龙江", "上海", "省"]
    for query in ("发展", "改革 OR 开放", '"高质量发展"', "经济 -改革", "会", "GDP"):
        for filters in [SearchFilters(person=p) for p in people[:10]] + [
            SearchFilters(place=p) for p in places
        ]:
            wanted = sqlite_search(lite, query, filters, limit=EVERYTHING, per_document=False)
            found = pg_search(
                pg,
                query,
                filters,
                limit=EVERYTHING,
                per_document=False,
                rank_candidates=RANK_CANDIDATES,
            )
            assert {(h.doc_id, h.paragraph) for h in wanted} == {
                (h.doc_id, h.paragraph) for h in found
            }, (query, filters)


def test_every_timeline_is_the_same(stores: Any) -> None:
    _, lite, pg = stores
    terms = [row[0] for row in lite.execute("SELECT DISTINCT term FROM formulations LIMIT 80")]
    assert len(terms) > 20
    for term in [*terms, "新质生产力", "高质量发展", "乡村振兴"]:
        wanted = timeline(SQLiteStore(lite), term).to_json()
        assert timeline(PostgresStore(pg, "pg"), term).to_json() == wanted, term


def test_every_document_reads_back_the_same(stores: Any) -> None:
    _, lite, pg = stores
    sqlite_store, pg_store = SQLiteStore(lite), PostgresStore(pg, "pg")
    ids = [row[0] for row in lite.execute("SELECT id FROM documents ORDER BY id")]
    for doc_id in ids[::7]:
        assert pg_store.document(doc_id) == sqlite_store.document(doc_id), doc_id
    assert pg_store.formulations(limit=50) == sqlite_store.formulations(limit=50)
    # A profile's paragraph themes come in no stated order (compare counts them).
    found, wanted = pg_store.profile(ids[:40]), sqlite_store.profile(ids[:40])
    assert sorted(map(str, found.pop("paragraph_themes"))) == sorted(
        map(str, wanted.pop("paragraph_themes"))
    )
    assert found == wanted
    assert pg_store.group_ids({"place": "北京"}) == sqlite_store.group_ids({"place": "北京"})


def test_every_people_query_is_the_same(stores: Any) -> None:
    _, lite, pg = stores
    names = [row[0] for row in lite.execute("SELECT name FROM people ORDER BY name")]
    assert len(names) > 50
    for name in names:
        assert pg_reader.person(pg, name) == sqlite_reader.person(lite, name), name
    for part in sorted({name[0] for name in names}):
        assert pg_reader.people(pg, part) == sqlite_reader.people(lite, part), part
    assert pg_reader.people(pg, limit=20) == sqlite_reader.people(lite, limit=20)
