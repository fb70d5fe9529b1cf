"""A 分工方案 written here in each supported form reads back to the same tasks."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from zhengce.tracker.forms import FormError, read_plan_file
from zhengce.tracker.plan import canonical

# (text, leads, supports, 完成时限 as written, deadline the reader must find)
TASKS = [
    (
        "实施制造业技术改造升级工程。",
        ["工业和信息化部"],
        ["国家发展改革委", "财政部"],
        "2025年底前",
        ("date", "2025-12-31"),
    ),
    ("健全现代企业制度。", ["国务院国资委"], [], "长期坚持", ("ongoing", None)),
    ("扩大服务贸易开放。", ["商务部"], ["国家发展改革委"], "2025年6月底前", ("date", "2025-06-30")),
    (
        "推进义务教育优质均衡发展。",
        ["教育部"],
        ["财政部", "人力资源社会保障部"],
        "",
        ("none", None),
    ),
]


def _bracket(text: str, leads: list[str], supports: list[str], limit: str) -> str:
    """The State Council's annual 分工 style: 'X牵头，Y按职责分工负责' after the task."""
    when = f"{limit}完成，" if limit and limit != "长期坚持" else ("长期坚持，" if limit else "")
    body = text.rstrip("。") + ("，" + when.rstrip("，") if when else "") + "。"
    if supports:
        units = f"{'、'.join(leads)}牵头，{'、'.join(supports)}按职责分工负责"
    else:
        units = f"{'、'.join(leads)}负责"
    return f"{body}（{units}）"


def _expected(limit_in_text: bool) -> list[tuple[Any, ...]]:
    # units come back under their canonical names (data/unit_aliases.tsv)
    return [
        (text, [canonical(u) for u in leads], [canonical(u) for u in supports], deadline)
        for text, leads, supports, _limit, deadline in TASKS
    ]


def _got(path: Path) -> list[tuple[Any, ...]]:
    plan = read_plan_file(path)
    return [
        (
            t["text"] if plan["form"] != "bracket" else _strip_limit(t["text"]),
            [u["name"] for u in t["lead_units"]],
            [u["name"] for u in t["supporting_units"]],
            (t["deadline"]["kind"], t["deadline"]["date"]),
        )
        for t in plan["tasks"]
    ]


def _strip_limit(text: str) -> str:
    for _t, _l, _s, limit, _d in TASKS:
        if limit:
            text = text.replace(f"，{limit}完成", "").replace(f"，{limit}", "")
    return text


def _bracket_lines() -> list[str]:
    lines = ["一、推动产业升级"]
    for number, (text, leads, supports, limit, _d) in enumerate(TASKS, 1):
        lines.append(f"{number}. {_bracket(text, leads, supports, limit)}")
    return lines


def test_bracket_text(tmp_path: Path) -> None:
    path = tmp_path / "分工.txt"
    path.write_text("\n".join(_bracket_lines()) + "\n", "utf-8")
    assert _got(path) == _expected(True)
    plan = read_plan_file(path)
    assert [t["outline_path"] for t in plan["tasks"]] == ["一、1.", "一、2.", "一、3.", "一、4."]


def test_bracket_docx(tmp_path: Path) -> None:
    doc = WordDocument()
    for line in _bracket_lines():
        doc.add_paragraph(line)
    path = tmp_path / "分工.docx"
    doc.save(str(path))
    assert _got(path) == _expected(True)


def test_key_value_lines(tmp_path: Path) -> None:
    blocks = []
    for number, (text, leads, supports, limit, _d) in enumerate(TASKS, 1):
        block = [f"任务{number}：{text}", f"牵头单位：{'、'.join(leads)}"]
        if supports:
            block.append(f"配合单位：{'、'.join(supports)}")
        block.append(f"完成时限：{limit}")
        blocks.append("\n".join(block))
    path = tmp_path / "分工.txt"
    path.write_text("\n\n".join(blocks) + "\n", "utf-8")
    assert _got(path) == _expected(False)


def _rows() -> list[list[str]]:
    rows = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]]
    for number, (text, leads, supports, limit, _d) in enumerate(TASKS, 1):
        rows.append([str(number), text, "、".join(leads), "、".join(supports), limit])
    return rows


def test_docx_table(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_paragraph("重点任务分工方案")
    rows = _rows()
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "分工表.docx"
    doc.save(str(path))
    assert _got(path) == _expected(False)


def test_html_table(tmp_path: Path) -> None:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in _rows()
    )
    head = "<html><head><meta charset='utf-8'></head>"
    page = f"{head}<body><p>分工方案</p><table>{cells}</table></body></html>"
    path = tmp_path / "分工.html"
    path.write_text(page, "utf-8")
    assert _got(path) == _expected(False)


def test_xlsx_table(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["关于重点任务分工的通知"])
    for row in _rows():
        sheet.append(row)
    path = tmp_path / "分工.xlsx"
    book.save(path)
    assert _got(path) == _expected(False)


def test_a_single_unit_column_follows_the_first_named_leads(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "工作任务", "责任单位", "完成时限"])
    sheet.append(["1", "开展营商环境评价。", "国家发展改革委、市场监管总局", "2025-10-31"])
    path = tmp_path / "责任分工.xlsx"
    book.save(path)
    assert _got(path) == [
        (
            "开展营商环境评价。",
            [canonical("国家发展改革委")],
            [canonical("市场监管总局")],
            ("date", "2025-10-31"),
        )
    ]


def test_a_file_without_tasks_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "随笔.txt"
    path.write_text("今天天气很好。\n", "utf-8")
    with pytest.raises(FormError, match="no tasks found"):
        read_plan_file(path)
