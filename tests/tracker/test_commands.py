"""The tracker's commands, run as a user would: one line for each error, exit code 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.conftest import seed_path
from zhengce.cli import app
from zhengce.tracker.plan import canonical

NDRC = canonical("国家发展改革委")


def _n_tasks() -> int:
    from zhengce.tracker.plan import plan_from_file

    return len(plan_from_file(str(seed_path("004")))["tasks"])


PASSWORD = "secret-pass\n"


def run(*args: str, password: str = PASSWORD) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=password)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    db = tmp_path / "kb.db"
    seed = str(seed_path("004"))
    assert (
        run("users", "add", "du", "--role", "supervisor", "--db", str(db), "--password-stdin")[0]
        == 0
    )
    code, _, err = run(
        "users",
        "add",
        "fgw",
        "--role",
        "unit",
        "--unit",
        "国家发展改革委",
        "--db",
        str(db),
        "--password-stdin",
    )
    assert code == 0, err
    code, _, err = run("plan", seed, "--db", str(db), "--save", "--user", "du", "--password-stdin")
    assert code == 0 and "saved plan 1" in err, err
    return db


def _as(db: Path, user: str, *args: str) -> tuple[int, str, str]:
    return run(*args, "--db", str(db), "--user", user, "--password-stdin")


def test_plan_json_of_a_file() -> None:
    code, out, _ = run("plan", str(seed_path("004")), "--json")
    assert code == 0
    plan = json.loads(out)
    assert len([t for t in plan["tasks"] if t["kind"] == "item"]) == 26


def test_a_unit_sees_and_moves_only_its_tasks(kb: Path) -> None:
    code, out, _ = _as(kb, "fgw", "tasks", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    assert all(NDRC in r["lead_units"] + r["supporting_units"] for r in rows)
    lead = next(r for r in rows if r["lead_units"].startswith(NDRC))
    code, _, err = _as(kb, "fgw", "tasks", "advance", str(lead["id"]), "sign")
    assert code == 0 and "待签收 → 已签收" in err
    code, _, err = _as(kb, "fgw", "tasks", "advance", str(lead["id"]), "close")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "督查" in err
    code, _, err = _as(kb, "fgw", "tasks", "report", str(lead["id"]), "已印发分工方案")
    assert code == 0
    code, out, _ = _as(kb, "du", "tasks", "show", str(lead["id"]), "--json")
    task = json.loads(out)
    assert task["progress"] == "已印发分工方案" and task["state"] == "推进中"
    assert [e["action"] for e in task["events"]] == ["create", "sign", "report"]


def test_wrong_password_is_one_line(kb: Path) -> None:
    code, _, err = run(
        "tasks", "list", "--db", str(kb), "--user", "fgw", "--password-stdin", password="nope\n"
    )
    assert code == 1 and err.strip() == "error: user 'fgw': unknown user or wrong password"


def test_exports_and_a_refused_import(kb: Path, tmp_path: Path) -> None:
    for name in ("t.xlsx", "t.docx", "t.csv", "t.json"):
        code, _, err = _as(kb, "du", "tasks", "export", str(tmp_path / name))
        assert code == 0, err
    assert len(json.loads((tmp_path / "t.json").read_text("utf-8"))) == _n_tasks()
    book = load_workbook(tmp_path / "t.xlsx")
    book.worksheets[0].cell(row=3, column=5).value = "某天"
    book.save(tmp_path / "t.xlsx")
    code, _, err = _as(kb, "du", "tasks", "import", str(tmp_path / "t.xlsx"))
    assert code == 1
    assert (
        "row 3" in err
        and "完成时限" in err
        and "nothing imported" in err
        and "Traceback" not in err
    )


def test_supervision_report_and_notice_documents(kb: Path, tmp_path: Path) -> None:
    code, _, err = _as(kb, "du", "tasks", "export", str(tmp_path / "通报.docx"))
    assert code == 0, err
    doc = WordDocument(str(tmp_path / "通报.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "督查通报"
    assert any(t.startswith("截至") and f"共跟踪重点任务{_n_tasks()}项" in t for t in texts)
    assert {
        "一、分单位情况",
        "二、逾期及未按时报送任务",
        "三、红黄灯任务",
        "四、亮灯情况图",
    } <= set(texts)
    assert len(doc.tables) >= 2 and len(doc.inline_shapes) == 1
    # (四)发展目标 has a 2020 deadline: long overdue, so a 督办单 can be written for it
    code, _, err = _as(kb, "du", "tasks", "lights", "--notices", str(tmp_path / "notices"))
    assert code == 0, err
    notices = sorted((tmp_path / "notices").glob("*.docx"))
    assert notices and notices[0].name.startswith("督办单_")
    notice = WordDocument(str(notices[0]))
    assert notice.paragraphs[0].text == "督办单"
    assert any("已逾期" in p.text for p in notice.paragraphs)


def test_users_add_refuses_a_unit_without_its_unit(tmp_path: Path) -> None:
    code, _, err = run(
        "users", "add", "x", "--role", "unit", "--db", str(tmp_path / "kb.db"), "--password-stdin"
    )
    assert code == 1 and "needs --unit" in err


def test_the_python_api_returns_tasks_as_a_table(kb: Path) -> None:
    import zhengce
    from zhengce.tracker.accounts import get_actor

    with zhengce.open(kb) as base:
        actor = get_actor(kb, "fgw")
        assert actor is not None
        table = base.tasks(actor, light="green")
        assert len(table) > 0 and "lead_units" in table.columns
        assert all(NDRC in r["lead_units"] + r["supporting_units"] for r in table)
        assert len(table.to_pandas()) == len(table)


def test_verify_names_an_edited_event(kb: Path) -> None:
    code, _, err = _as(kb, "du", "tasks", "verify")
    assert code == 0 and f"intact ({_n_tasks() + 1} events)" in err  # save_plan + one per task
    import sqlite3

    conn = sqlite3.connect(kb)
    conn.execute("UPDATE tracker_events SET reason = 'x' WHERE id = 5")
    conn.commit()
    conn.close()
    code, _, err = _as(kb, "du", "tasks", "verify")
    assert code == 1 and "event 5" in err


def test_plan_of_a_stored_document_is_the_plan_of_its_file(tmp_path: Path) -> None:
    from zhengce.store.commands import run_ingest

    db = tmp_path / "kb.db"
    run_ingest([str(seed_path("004"))], db, force=False, jobs=1, reindex=False, quiet=True)
    _, from_file, _ = run("plan", str(seed_path("004")), "--json")
    doc_id = json.loads(from_file)["doc_id"]
    code, stored, err = run("plan", doc_id, "--db", str(db), "--json")
    assert code == 0, err
    assert json.loads(stored)["tasks"] == json.loads(from_file)["tasks"]
    code, _, err = run("plan", "0000000000000000", "--db", str(db))
    assert code == 1 and "not a file, nor a document" in err


def test_coverage_command(kb: Path, tmp_path: Path) -> None:
    local = tmp_path / "黑龙江方案.txt"
    local.write_text(
        "一、重点任务\n"
        "1. 设立东北振兴产业投资基金，支持装备制造业发展。（省发展改革委牵头，省财政厅负责）\n",
        "utf-8",
    )
    code, _, err = run(
        "plan",
        str(local),
        "--existing",
        "--db",
        str(kb),
        "--save",
        "--region",
        "黑龙江",
        "--user",
        "du",
        "--password-stdin",
    )
    assert code == 0 and "saved plan 2" in err, err
    code, out, err = _as(kb, "du", "tasks", "coverage", "1", "--link", "2", "--json")
    assert code == 0, err
    rows = json.loads(out)
    covered = [r for r in rows if r["covered_by"]]
    assert [r["title"] for r in covered] == ["加大政策支持"] and covered[0]["黑龙江"] is True
