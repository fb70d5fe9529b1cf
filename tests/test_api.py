from __future__ import annotations

import sys
from pathlib import Path

import pytest

import zhengce
from tests.store.sample_docs import SAMPLES, build_database, make_documents
from zhengce.api import KnowledgeBase, Table


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    path = tmp_path_factory.mktemp("api") / "kb.db"
    build_database(path).close()
    return zhengce.open(path)


def test_open_gives_documents_paragraphs_participants(kb: KnowledgeBase) -> None:
    assert len(kb.documents()) == len(SAMPLES)
    assert kb.documents(kind="policy_document")[0]["title"] == SAMPLES[2]["title"]
    assert [row["speaker"] for row in kb.paragraphs(speaker="李华")] == ["李华"]
    assert {row["name"] for row in kb.participants()} == {"王明", "李华", "赵刚"}
    doc = make_documents()[0]
    assert kb.document(doc.id).text == doc.text


def test_people_join_across_documents(kb: KnowledgeBase) -> None:
    top = kb.people()[0]
    assert (top["name"], top["events"], top["first_date"], top["last_date"]) == (
        "王明",
        2,
        "2023-09-07",
        "2024-03-15",
    )
    person = kb.person("王明")
    assert person is not None
    assert [(p["position"], p["first_date"]) for p in person["positions"]] == [
        ("国务院副总理", "2023-09-07"),
        ("国务院总理", "2024-03-15"),
    ]
    assert [e["role"] for e in person["events"]] == ["chair", "chair"]
    assert kb.person("nobody") is None


def test_search_table_to_polars(kb: KnowledgeBase) -> None:
    pytest.importorskip("polars")
    frame = kb.search("高质量发展").to_polars()
    assert frame.height == 2
    assert {"doc_id", "title", "date", "snippet", "speaker", "score"} <= set(frame.columns)
    assert kb.documents().to_polars().height == len(SAMPLES)


def test_search_table_to_pandas(kb: KnowledgeBase) -> None:
    pytest.importorskip("pandas")
    frame = kb.paragraphs().to_pandas()
    assert len(frame) == sum(len(s["paragraphs"]) for s in SAMPLES)


def test_empty_table_converts_with_its_columns(kb: KnowledgeBase) -> None:
    pytest.importorskip("polars")
    frame = kb.search("不存在的词语").to_polars()
    assert frame.height == 0 and "snippet" in frame.columns


def test_clear_error_without_pandas_or_polars(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    table = kb.documents()
    with pytest.raises(ImportError, match="pip install pandas"):
        table.to_pandas()
    with pytest.raises(ImportError, match="pandas or polars"):
        table.to_dataframe()


def test_table_is_a_sequence() -> None:
    table = Table([{"a": 1}, {"a": 2}])
    assert len(table) == 2 and table[1] == {"a": 2} and list(table[:1]) == [{"a": 1}]
    assert table.columns == ["a"]


def test_open_missing_file_is_clear(tmp_path: Path) -> None:
    with pytest.raises(zhengce.api.StoreError, match="no such database"):
        zhengce.open(tmp_path / "none.db")
