"""The Excel 台账 round trip: exactly the changed cells land; one bad row changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.tracker.helpers import setup, task
from zhengce.tracker import store
from zhengce.tracker.ledger import HEADERS, LedgerError
from zhengce.tracker.plan import canonical
from zhengce.tracker.service import Forbidden, Tracker


def _world(tmp_path: Path) -> tuple[Tracker, dict, list[int]]:
    tracker, actors = setup(tmp_path)
    tasks = [
        task("完善转移支付制度", "财政部", ["商务部"], "2025-06-30", number="1"),
        task("扩大服务贸易开放", "商务部", [], "2025-12-31", number="2"),
        task("推进义务教育优质均衡发展", "教育部", ["财政部"], None, number="3"),
        task('=HYPERLINK("http://x","点击")', "财政部", [], "2025-03-31", number="4"),
        task("长期坚持就业优先", "人力资源社会保障部", [], None, number="5"),
    ]
    tasks[4]["deadline"] = {"kind": "ongoing", "date": None, "text": "长期坚持"}
    tracker.save_plan(actors["supervisor"], {"title": "台账测试", "tasks": tasks})
    ids = [t["id"] for t in store.list_tasks(tracker.conn)]
    return tracker, actors, ids


def _column(name: str) -> int:
    return HEADERS.index(name) + 1


def test_export_then_import_unchanged_is_a_no_op(tmp_path: Path) -> None:
    tracker, actors, _ = _world(tmp_path)
    path = tmp_path / "台账.xlsx"
    assert tracker.export_ledger(actors["supervisor"], path) == 5
    before = store.list_tasks(tracker.conn)
    result = tracker.import_ledger(actors["supervisor"], path)
    assert result["updated"] == [] and result["created"] == 0
    assert store.list_tasks(tracker.conn) == before


def test_formula_text_stays_text(tmp_path: Path) -> None:
    tracker, actors, _ = _world(tmp_path)
    path = tmp_path / "台账.xlsx"
    tracker.export_ledger(actors["supervisor"], path)
    sheet = load_workbook(path).worksheets[0]
    cell = sheet.cell(row=5, column=_column("重点任务"))
    assert cell.data_type == "s" and str(cell.value).startswith("=HYPERLINK")


def test_exactly_the_changed_cells_land(tmp_path: Path) -> None:
    tracker, actors, ids = _world(tmp_path)
    path = tmp_path / "台账.xlsx"
    tracker.export_ledger(actors["supervisor"], path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(row=2, column=_column("进展情况")).value = "已印发实施方案"
    sheet.cell(row=3, column=_column("重点任务")).value = "稳步扩大服务贸易开放"
    sheet.cell(row=4, column=_column("配合单位")).value = "财政部、国家发展改革委"
    sheet.cell(row=6, column=_column("完成时限")).value = "2026年底前"
    book.save(path)
    before = {t["id"]: t for t in store.list_tasks(tracker.conn)}
    result = tracker.import_ledger(actors["supervisor"], path)
    assert result["changes"] == {
        ids[0]: {"progress": "已印发实施方案"},
        ids[1]: {"text": "稳步扩大服务贸易开放"},
        ids[2]: {
            "lead_units": ["教育部"],
            "supporting_units": ["财政部", canonical("国家发展改革委")],
        },
        ids[4]: {"deadline": {"kind": "date", "date": "2026-12-31", "text": "2026年底前"}},
    }
    after = {t["id"]: t for t in store.list_tasks(tracker.conn)}
    assert after[ids[3]] == before[ids[3]]
    assert after[ids[0]]["progress"] == "已印发实施方案"
    assert after[ids[1]]["text"] == "稳步扩大服务贸易开放"
    assert after[ids[2]]["supporting_units"] == ["财政部", canonical("国家发展改革委")]
    assert after[ids[4]]["deadline"]["date"] == "2026-12-31"
    for task_id in (ids[0], ids[1], ids[2], ids[4]):
        changed = {k for k in after[task_id] if after[task_id][k] != before[task_id][k]}
        assert changed <= {"progress", "text", "supporting_units", "deadline", "units_from"}
    edits = [e for e in store.events(tracker.conn) if e["action"] == "ledger_edit"]
    assert [e["task_id"] for e in edits] == [ids[0], ids[1], ids[2], ids[4]]
    assert tracker.verify() == []


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("完成时限", "尽快吧", "完成时限"),
        ("牵头单位", None, "牵头单位 is empty"),
        ("状态", "已销号", "through the workflow"),
        ("状态", "办完了", "is not one of"),
        ("任务ID", 999, "no task 999"),
        ("任务ID", "abc", "is not a number"),
        ("重点任务", "=1+1", "is a formula"),
    ],
)
def test_one_bad_row_changes_nothing_and_is_named(
    tmp_path: Path, column: str, value: object, reason: str
) -> None:
    tracker, actors, _ = _world(tmp_path)
    path = tmp_path / "台账.xlsx"
    tracker.export_ledger(actors["supervisor"], path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(row=2, column=_column("进展情况")).value = "a good change that must not land"
    sheet.cell(row=4, column=_column(column)).value = value
    book.save(path)
    before = (store.list_tasks(tracker.conn), store.events(tracker.conn), store.plans(tracker.conn))
    with pytest.raises(LedgerError) as info:
        tracker.import_ledger(actors["supervisor"], path)
    assert len(info.value.problems) == 1
    assert "row 4" in info.value.problems[0] and reason in info.value.problems[0]
    after = (store.list_tasks(tracker.conn), store.events(tracker.conn), store.plans(tracker.conn))
    assert after == before


def test_rows_without_an_id_become_a_new_plan(tmp_path: Path) -> None:
    from openpyxl import Workbook

    tracker, actors, _ = _world(tmp_path)
    path = tmp_path / "外来台账.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["编号", "工作任务", "责任单位", "协办单位", "完成时间"])
    sheet.append([1, "开展营商环境评价", "国家发展改革委", "市场监管总局", "2025-10-31"])
    sheet.append([2, "健全社会信用体系", "国家发展改革委", None, "长期坚持"])
    book.save(path)
    result = tracker.import_ledger(actors["supervisor"], path)
    assert result["created"] == 2
    new = store.list_tasks(tracker.conn, plan_id=result["plan_id"])
    assert [t["text"] for t in new] == ["开展营商环境评价", "健全社会信用体系"]
    assert new[0]["supporting_units"] == [canonical("市场监管总局")]
    assert new[1]["deadline"]["kind"] == "ongoing"


def test_units_cannot_import(tmp_path: Path) -> None:
    tracker, actors, _ = _world(tmp_path)
    path = tmp_path / "台账.xlsx"
    tracker.export_ledger(actors["supervisor"], path)
    with pytest.raises(Forbidden):
        tracker.import_ledger(actors["lead"], path)
