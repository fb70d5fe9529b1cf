from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zhengce.cli import app
from zhengce.model import Document
from zhengce.pipeline import analyze, normalize
from zhengce.show import reading

POLICY = (
    "国务院关于推动某地振兴的若干意见\n国发〔2024〕12号\n各省、自治区、直辖市人民政府：\n"
    "一、总体要求\n要加快推动高质量发展。\n国务院\n二〇二四年六月二十四日\n"
)
MEETING = "全市工作会议召开\n3月20日，全市工作会议召开。市委书记刘远航出席会议并讲话。\n"


def read(text: str) -> dict[str, object]:
    return reading(analyze(normalize(Document.from_raw(text))))


def test_policy_document_facts() -> None:
    data = read(POLICY)
    assert data["kind"] == "policy_document"
    assert data["document_number"] == "国发〔2024〕12号"
    assert data["signed"] == "2024-06-24"
    assert data["issuers"] == ["国务院"]


def test_every_fact_has_a_span_into_the_text() -> None:
    doc = analyze(normalize(Document.from_raw(MEETING)))
    data = reading(doc)
    participants = data["participants"]
    assert isinstance(participants, list) and participants
    for fact in participants:
        start, end = fact["span"]
        assert doc.text[start:end] == fact["name"]


def test_cli_json_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text(POLICY, "utf-8")
    runner = CliRunner()
    as_json = runner.invoke(app, ["show", str(path), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)["document_number"] == "国发〔2024〕12号"
    summary = runner.invoke(app, ["show", str(path)])
    assert summary.exit_code == 0
    assert "国发〔2024〕12号" in summary.stdout and "2024-06-24" in summary.stdout


def test_show_a_stored_document_by_its_id(tmp_path: Path) -> None:
    source = tmp_path / "policy.txt"
    source.write_text(POLICY, encoding="utf-8")
    db = tmp_path / "kb.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(source), "--db", str(db), "-q"]).exit_code == 0
    from_file = json.loads(runner.invoke(app, ["show", str(source), "--json"]).stdout)
    doc_id = from_file["doc_id"]
    stored = runner.invoke(app, ["show", doc_id[:8], "--db", str(db), "--json"])
    assert stored.exit_code == 0, stored.output
    data = json.loads(stored.stdout)
    for key in ("doc_id", "doc_type", "document_number", "addressees", "dates", "outline"):
        assert data[key] == from_file[key], key
    assert [m["text"] for m in data["measures"]] == [m["text"] for m in from_file["measures"]]
    text = runner.invoke(app, ["show", doc_id, "--db", str(db)])
    assert text.exit_code == 0 and "measures by theme" in text.stdout
    missing = runner.invoke(app, ["show", "abcd1234", "--db", str(db)])
    assert missing.exit_code == 1 and "no stored document id starts with" in missing.output
    assert "Traceback" not in missing.output
