"""Word documents of the supervising office (python-docx): the 督查通报 (summary, by unit,
overdue list, lights, a chart) and the 催办单 / 督办单 of one late task.

Text from documents and users goes in as runs of plain text (python-docx escapes XML);
characters XML cannot hold (control characters) are dropped rather than failing the file.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LIGHT_NAMES = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}


def clean(value: Any) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def _table(document: Any, header: list[str], rows: list[list[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = clean(text)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = clean(value)


def _chart(by_light: dict[str, int]) -> io.BytesIO:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(4, 2.5), dpi=120)
    names = ["red", "yellow", "green"]
    axes.bar(names, [by_light.get(n, 0) for n in names], color=["#c0392b", "#f1c40f", "#27ae60"])
    axes.set_ylabel("tasks")
    axes.set_title("lights")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    pyplot.close(figure)
    out.seek(0)
    return out


def write_supervision_report(
    path: Path, summary: dict[str, Any], notices: list[dict[str, Any]], lights: Any
) -> None:
    from docx import Document as WordDocument
    from docx.shared import Inches

    doc = WordDocument()
    doc.add_heading("督查通报", level=0)
    by_state = summary["by_state"]
    by_light = summary["by_light"]
    doc.add_paragraph(
        clean(
            f"截至{summary['today']}，共跟踪重点任务{summary['tasks']}项，其中已销号"
            f"{by_state.get('已销号', 0)}项、申请办结{by_state.get('申请办结', 0)}项、"
            f"推进中{by_state.get('推进中', 0)}项、已签收{by_state.get('已签收', 0)}项、"
            f"待签收{by_state.get('待签收', 0)}项。红灯{by_light['red']}项，"
            f"黄灯{by_light['yellow']}项，绿灯{by_light['green']}项。"
        )
    )
    doc.add_heading("一、分单位情况", level=1)
    _table(
        doc,
        ["牵头单位", "任务数", "已销号", "逾期", "红灯", "黄灯", "绿灯"],
        [
            [unit, r["tasks"], r["closed"], r["overdue"], r["red"], r["yellow"], r["green"]]
            for unit, r in sorted(summary["by_unit"].items())
        ],
    )
    doc.add_heading("二、逾期及未按时报送任务", level=1)
    if notices:
        _table(
            doc,
            ["任务", "牵头单位", "完成时限", "逾期天数", "未报期数", "通知"],
            [
                [
                    f"{n['number']} {n['title']}",
                    n["lead_units"],
                    n["deadline"] or "",
                    n["overdue_days"],
                    n["missed_reports"],
                    n["notice"],
                ]
                for n in notices
            ],
        )
    else:
        doc.add_paragraph("无。")
    doc.add_heading("三、红黄灯任务", level=1)
    flagged = [r for r in lights if r["light"] != "green"]
    if flagged:
        _table(
            doc,
            ["任务", "牵头单位", "灯", "原因"],
            [
                [
                    f"{r['number']} {r['title']}",
                    r["lead_units"],
                    LIGHT_NAMES[r["light"]],
                    r["reasons"],
                ]
                for r in flagged
            ],
        )
    else:
        doc.add_paragraph("无。")
    doc.add_heading("四、亮灯情况图", level=1)
    doc.add_picture(_chart(by_light), width=Inches(4))
    doc.save(str(path))


def write_notice(path: Path, notice: dict[str, Any], task: dict[str, Any], today: date) -> None:
    from docx import Document as WordDocument

    kind = notice["notice"]
    doc = WordDocument()
    doc.add_heading(kind, level=0)
    doc.add_paragraph(clean(f"编号：{kind[:2]}〔{today.year}〕{task['id']}号"))
    doc.add_paragraph(clean(f"{notice['lead_units'] or '有关单位'}："))
    overdue = notice["overdue_days"]
    late = f"已逾期{overdue}天" if overdue else f"已有{notice['missed_reports']}期未报送进展"
    demand = (
        "请于收到本单后5个工作日内书面报送办理情况、存在问题和下一步措施。"
        if kind == "督办单"
        else "请抓紧推进，并按时报送进展情况。"
    )
    doc.add_paragraph(
        clean(
            f"你单位牵头的重点任务“{task['number']} {task['title']}”{late}"
            f"（{notice['reasons']}）。{demand}"
        )
    )
    _table(
        doc,
        ["事项", "内容"],
        [
            ["重点任务", task["text"]],
            ["出处", (task.get("source") or {}).get("quote", "")],
            ["牵头单位", notice["lead_units"]],
            ["配合单位", "、".join(task["supporting_units"])],
            ["完成时限", notice["deadline"] or ""],
            ["当前状态", task["state"]],
            ["最近进展", task["progress"] or "（未报送）"],
        ],
    )
    doc.add_paragraph(clean(f"督查室    {today.isoformat()}"))
    doc.save(str(path))
