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
    assert all("国家发展改革委" in r["lead_units"] + r["supporting_units"] for r in rows)
    lead = next(r for r in rows if r["lead_units"].startswith("国家发展改革委"))
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
    assert len(json.loads((tmp_path / "t.json").read_text("utf-8"))) == 28
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
    assert any(t.startswith("截至") and "共跟踪重点任务28项" in t for t in texts)
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
