"""Document -> store -> Document is the identity: every fact the pipeline finds is stored.

Over every seed, the bundled samples and a sample of the corpus (news days and policy texts):
each file goes through the whole pipeline and the writer, and `load_document` must give back a
Document equal, field by field, to the one that was stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS_MD, SEEDS, SHARED
from zhengce.model import Document, Duty, Measure, Place, ResponsibleUnit, Target
from zhengce.pipeline import process_source
from zhengce.store.reader import load_document
from zhengce.store.schema import connect
from zhengce.store.writer import FileResult, document_record, store_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
POLICY = SHARED / "corpus" / "policy"


def _stored_and_loaded(docs: list[Document], db: Path) -> list[Document | None]:
    conn = connect(db)
    result = FileResult("f", "hash", 1, [document_record(doc) for doc in docs])
    store_file(conn, result, force=False)
    loaded = [load_document(conn, doc.id) for doc in docs]
    conn.close()
    return loaded


def _assert_identical(doc: Document, loaded: Document | None) -> None:
    assert loaded is not None
    expected, got = doc.to_dict(), loaded.to_dict()
    for name in expected:
        assert got[name] == expected[name], f"{doc.source}: field {name} differs after the store"


def _seed_and_sample_files() -> list[Path]:
    return [*sorted(SEEDS.glob("*.txt")), *sorted(p for p in SAMPLES.iterdir() if p.suffix != "")]


@pytest.mark.parametrize("path", _seed_and_sample_files(), ids=lambda p: p.name)
def test_round_trip_over_seeds_and_samples(path: Path, tmp_path: Path) -> None:
    docs = process_source(str(path))
    for doc, loaded in zip(docs, _stored_and_loaded(docs, tmp_path / "kb.db"), strict=True):
        _assert_identical(doc, loaded)


def _corpus_files() -> list[Path]:
    days = sorted(CORPUS_MD.glob("*.md"))
    policy = sorted(p for p in POLICY.rglob("*") if p.is_file() and p.name != "manifest.tsv")
    return [*days[:: max(1, len(days) // 12)], *policy[:: max(1, len(policy) // 12)]]


@pytest.mark.corpus
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_round_trip_over_a_corpus_sample(path: Path, tmp_path: Path) -> None:
    docs = process_source(str(path))
    for doc, loaded in zip(docs, _stored_and_loaded(docs, tmp_path / "kb.db"), strict=True):
        _assert_identical(doc, loaded)


def test_round_trip_keeps_fields_no_stage_fills_yet(tmp_path: Path) -> None:
    """Fields the pipeline leaves empty today (places, unit duties, target fields) come back."""
    doc = process_source(str(SAMPLES / "policy_document_outline.txt"))[0]
    doc.places = [
        Place("黑龙江省", "province", 0, 3, "title"),
        Place("东北", "region", -1, -1, "x"),
    ]
    doc.measures.append(
        Measure("加快发展", 0, 4, "加快", "发展", "should", "要", ["省政府"], "东北", "clause")
    )
    doc.targets.append(
        Target("到2025年达到30%", 0, 4, 2025, "30%", "stated", "覆盖率", "达到", 30.0, "%", True)
    )
    doc.responsible_units.append(
        ResponsibleUnit("省发展改革委", 0, 6, [0], "lead", "牵头", "发展改革委", [Duty("x", 1, 2)])
    )
    (loaded,) = _stored_and_loaded([doc], tmp_path / "kb.db")
    _assert_identical(doc, loaded)
