"""The Excel 台账: 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 | 进展情况 | 状态 | 灯 | 任务ID.

`write_ledger` writes it; `read_ledger` maps the columns back by their headers (common
synonyms accepted), validates every row and returns each row with its problems, so the
service can refuse a whole file with the row numbers and reasons before writing anything.
Cells that would start a formula (= + - @) are written as text: document text never
becomes a formula.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from zhengce.tracker.plan import find_deadline
from zhengce.tracker.rules import STATES

HEADERS = [
    "序号",
    "重点任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "进展情况",
    "状态",
    "灯",
    "任务ID",
]
LIGHT_NAMES = {"red": "红", "yellow": "黄", "green": "绿"}
# Header as written in 台账 in use -> our column.
SYNONYMS = {
    "序号": "序号",
    "编号": "序号",
    "重点任务": "重点任务",
    "任务": "重点任务",
    "工作任务": "重点任务",
    "任务内容": "重点任务",
    "牵头单位": "牵头单位",
    "责任单位": "牵头单位",
    "主责单位": "牵头单位",
    "牵头部门": "牵头单位",
    "配合单位": "配合单位",
    "协办单位": "配合单位",
    "参与单位": "配合单位",
    "完成时限": "完成时限",
    "时限": "完成时限",
    "完成时间": "完成时限",
    "进展情况": "进展情况",
    "进展": "进展情况",
    "状态": "状态",
    "灯": "灯",
    "预警": "灯",
    "任务ID": "任务ID",
    "ID": "任务ID",
}
REQUIRED = ("重点任务", "牵头单位")
UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+")
_FORMULA_START = ("=", "+", "-", "@")


class LedgerError(Exception):
    """A ledger refused as a whole: one line per bad row."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s), nothing imported: " + "; ".join(problems))


def write_ledger(path: Path, rows: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "台账"
    sheet.append(HEADERS)
    for row in rows:
        values = [
            row["seq"],
            row.get("text") or row["title"],
            row["lead_units"],
            row["supporting_units"],
            row["deadline"] or "",
            row["progress"],
            row["state"],
            LIGHT_NAMES.get(row["light"], row["light"]),
            row["id"],
        ]
        sheet.append([None] * len(values))
        line = sheet.max_row
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=line, column=column)
            cell.value = value
            if isinstance(value, str) and value.startswith(_FORMULA_START):
                cell.data_type = "s"  # text, never a formula
    for letter, width in zip("ABCDEFGHI", (6, 60, 20, 24, 14, 40, 10, 6, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)


def read_ledger(path: Path) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # a file openpyxl cannot read: one line
        raise LedgerError(
            [f"{path.name}: not an Excel .xlsx file ({type(exc).__name__})"]
        ) from None
    sheet = book.worksheets[0]
    lines: list[tuple[Any, ...]] = []
    formulas: list[set[int]] = []
    for cells in sheet.iter_rows():
        lines.append(tuple(getattr(c, "value", None) for c in cells))
        formulas.append({i for i, c in enumerate(cells) if getattr(c, "data_type", "") == "f"})
    book.close()
    if not lines:
        raise LedgerError([f"{path.name}: the sheet is empty"])
    columns: dict[str, int] = {}
    for index, header in enumerate(lines[0]):
        name = SYNONYMS.get(str(header or "").strip())
        if name and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise LedgerError([f"{path.name}: row 1: no column {'、'.join(missing)}"])
    rows = []
    for number, line in enumerate(lines[1:], 2):
        if all(cell is None or str(cell).strip() == "" for cell in line):
            continue
        row = _row(number, line, columns)
        for name, index in columns.items():
            if index in formulas[number - 1]:
                row["problems"].append(f"{name} is a formula, not text")
        rows.append(row)
    return rows


def _cell(line: tuple[Any, ...], columns: dict[str, int], name: str) -> Any:
    index = columns.get(name)
    return None if index is None or index >= len(line) else line[index]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _row(number: int, line: tuple[Any, ...], columns: dict[str, int]) -> dict[str, Any]:
    problems: list[str] = []
    text = _text(_cell(line, columns, "重点任务"))
    if not text:
        problems.append("重点任务 is empty")
    leads = [u.strip() for u in UNIT_SEPARATORS.split(_text(_cell(line, columns, "牵头单位")))]
    leads = [u for u in leads if u]
    if not leads:
        problems.append("牵头单位 is empty")
    supports = [u.strip() for u in UNIT_SEPARATORS.split(_text(_cell(line, columns, "配合单位")))]
    supports = [u for u in supports if u]
    deadline_cell = _cell(line, columns, "完成时限")
    deadline = parse_deadline_cell(deadline_cell)
    if deadline is None:
        problems.append(f"完成时限 {_text(deadline_cell)!r} is not a date or a known time limit")
        deadline = {"kind": "none", "date": None, "text": ""}
    state = _text(_cell(line, columns, "状态"))
    if state and state not in STATES:
        problems.append(f"状态 {state!r} is not one of {'、'.join(STATES)}")
    raw_id = _cell(line, columns, "任务ID")
    task_id: int | None = None
    if raw_id not in (None, ""):
        try:
            task_id = int(str(raw_id).strip())
        except ValueError:
            problems.append(f"任务ID {raw_id!r} is not a number")
    return {
        "row": number,
        "id": task_id,
        "number": _text(_cell(line, columns, "序号")),
        "text": text,
        "lead_units": leads,
        "supporting_units": supports,
        "deadline": deadline,
        "progress": _text(_cell(line, columns, "进展情况")),
        "state": state,
        "problems": problems,
    }


def parse_deadline_cell(value: Any) -> dict[str, Any] | None:
    """A 完成时限 cell: a date (cell or text), a stated limit (2025年底前, 长期坚持), or empty."""
    from datetime import date, datetime

    if value is None or (isinstance(value, str) and not value.strip()):
        return {"kind": "none", "date": None, "text": ""}
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return {"kind": "date", "date": day.isoformat(), "text": ""}
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None
        return {"kind": "date", "date": text, "text": ""}
    found = find_deadline(None, text, 0, 0, None)
    if found["kind"] == "none":
        return None
    found["text"] = text if found["kind"] != "date" else found["text"]
    return found
