"""Read existing 分工方案 documents into the same tasks `plan.py` drafts.

Forms read:
  - bracket style, as the State Council's annual 分工 opinions print it: numbered items
    ending in "（国家发展改革委牵头，财政部等按职责分工负责）" (.txt, .md, .docx paragraphs);
  - key-value lines: "任务：…" / "牵头单位：…" / "配合单位：…" / "完成时限：…" blocks;
  - tables with 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 columns (header synonyms as in
    the 台账) in .docx, .html or .xlsx; a table with only 责任单位 follows the convention
    列第一位的为牵头单位 (the first named leads, the others support).

`read_plan_file(path)` returns {title, source, form, tasks}; each task has number,
outline_path, title, text, lead_units / supporting_units [{name, as_written}], units_from
"text", guess False, deadline and indicator (None).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from zhengce.tracker.ledger import SYNONYMS, parse_deadline_cell
from zhengce.tracker.plan import LEAD_BRACKET, assign_units, find_deadline, split_units

MARKER = re.compile(
    r"^\s*(?P<marker>\d{1,3}[.．、]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
SECTION = re.compile(r"^\s*[一二三四五六七八九十]{1,3}、")
UNIT_BRACKET = re.compile(r"[（(][^（）()]*(?:牵头|负责|参与|配合)[^（）()]*[）)]\s*[。；;]?\s*$")
KV_LINE = re.compile(r"^\s*(?P<key>[^\s:：]{1,8}?)\s*[:：]\s*(?P<value>.*)$")
TASK_KEYS = ("重点任务", "任务", "工作任务", "任务内容")
LEAD_KEYS = ("牵头单位", "主责单位", "牵头部门", "责任单位")
SUPPORT_KEYS = ("配合单位", "协办单位", "参与单位")
DEADLINE_KEYS = ("完成时限", "时限", "完成时间")


class FormError(ValueError):
    """A file that holds no 分工方案 in a form we read (one line)."""


def read_plan_file(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        tasks, form = _xlsx_tasks(path), "table"
    elif suffix == ".docx":
        tasks, form = _docx_tasks(path)
    elif suffix in (".html", ".htm"):
        tasks, form = _html_tasks(path)
    else:
        tasks, form = read_plan_text(_read_text(path))
    if not tasks:
        raise FormError(f"{path}: no tasks found (bracket, key-value or table form)")
    for seq, task in enumerate(tasks, 1):
        task["seq"] = seq
    return {"title": path.stem, "source": str(path), "form": form, "doc_id": None, "tasks": tasks}


def _read_text(path: Path) -> str:
    from zhengce.ingest import read_source
    from zhengce.pipeline import normalize

    return normalize(read_source(str(path))).text


def read_plan_text(text: str) -> tuple[list[dict[str, Any]], str]:
    lines = text.splitlines()
    keys = [re.sub(r"\d+$", "", m.group("key")) for m in map(KV_LINE.match, lines) if m]
    if any(k in LEAD_KEYS for k in keys) and any(k in TASK_KEYS for k in keys):
        return _key_value_tasks(lines), "key_value"
    return _bracket_tasks(lines), "bracket"


def _task(
    number: str,
    path: str,
    text: str,
    leads: list[dict[str, str]],
    supports: list[dict[str, str]],
    deadline: dict[str, Any],
) -> dict[str, Any]:
    return {
        "number": number,
        "outline_path": path,
        "title": re.split(r"[。；]", text, maxsplit=1)[0],
        "text": text,
        "kind": "item",
        "source": {"doc_id": None, "start": 0, "end": 0, "quote": text},
        "lead_units": leads,
        "supporting_units": supports,
        "units_from": "text",
        "guess": False,
        "unit_evidence": [],
        "deadline": deadline,
        "indicator": None,
    }


def _bracket_tasks(lines: list[str]) -> list[dict[str, Any]]:
    items: list[tuple[str, str, list[str]]] = []  # (number, section path, lines)
    section = ""
    for line in lines:
        if not line.strip():
            continue
        marker = MARKER.match(line)
        if marker and SECTION.match(line) and not UNIT_BRACKET.search(line):
            section = marker.group("marker")
            continue
        if marker:
            items.append((marker.group("marker"), section, [line[marker.end() :].strip()]))
        elif items:
            items[-1][2].append(line.strip())
    tasks = []
    for number, section_path, parts in items:
        body = "".join(parts)
        found = UNIT_BRACKET.search(body)
        if found is None:
            continue
        units = assign_units(None, found.group(), 0, 0, {})
        if units["units_from"] != "text":
            continue
        text = body[: found.start()].rstrip()
        text = text if text.endswith("。") else text + "。"
        deadline = find_deadline(None, text, 0, 0, None)
        tasks.append(
            _task(
                number,
                section_path + number,
                text,
                units["lead_units"],
                units["supporting_units"],
                deadline,
            )
        )
    return tasks


def _key_value_tasks(lines: list[str]) -> list[dict[str, Any]]:
    blocks: list[dict[str, str]] = []
    for line in lines:
        found = KV_LINE.match(line)
        if found is None:
            continue
        key, value = found.group("key"), found.group("value").strip()
        key = re.sub(r"\d+$", "", key)  # 任务1：
        if key in TASK_KEYS:
            blocks.append({"task": value})
        elif blocks and key in LEAD_KEYS + SUPPORT_KEYS + DEADLINE_KEYS:
            blocks[-1][key] = value
    tasks = []
    for index, block in enumerate(blocks, 1):
        lead_text = next((block[k] for k in LEAD_KEYS if k in block), "")
        leads = split_units(lead_text)
        supports = split_units(next((block[k] for k in SUPPORT_KEYS if k in block), ""))
        if not any(k in block for k in ("牵头单位", "主责单位", "牵头部门")):
            leads, supports = leads[:1], leads[1:] + supports  # 列第一位的为牵头单位
        deadline = parse_deadline_cell(next((block[k] for k in DEADLINE_KEYS if k in block), ""))
        tasks.append(
            _task(
                str(index),
                str(index),
                block["task"],
                leads,
                supports,
                deadline or {"kind": "none", "date": None, "text": ""},
            )
        )
    return tasks


def table_tasks(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Tasks from a table's rows (the first row that names 重点任务 is the header)."""
    header_at = None
    columns: dict[str, int] = {}
    lead_header = ""
    for index, row in enumerate(rows):
        names = {SYNONYMS.get(str(c or "").strip()): i for i, c in enumerate(row)}
        if "重点任务" in names and "牵头单位" in names:
            header_at, columns = index, {k: v for k, v in names.items() if k}
            lead_header = str(row[columns["牵头单位"]]).strip()
            break
    if header_at is None:
        return []
    tasks: list[dict[str, Any]] = []
    for row in rows[header_at + 1 :]:

        def cell(name: str, row: list[Any] = row) -> str:
            i = columns.get(name)
            return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

        text = cell("重点任务")
        if not text:
            continue
        leads = split_units(cell("牵头单位"))
        supports = split_units(cell("配合单位"))
        if lead_header == "责任单位" and "配合单位" not in columns:
            leads, supports = leads[:1], leads[1:]  # 列第一位的为牵头单位
        deadline = parse_deadline_cell(cell("完成时限")) or {
            "kind": "none",
            "date": None,
            "text": "",
        }
        number = cell("序号") or str(len(tasks) + 1)
        tasks.append(_task(number, number, text, leads, supports, deadline))
    return tasks


def _xlsx_tasks(path: Path) -> list[dict[str, Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            tasks = table_tasks([list(r) for r in sheet.iter_rows(values_only=True)])
            if tasks:
                return tasks
    finally:
        book.close()
    return []


def _docx_tasks(path: Path) -> tuple[list[dict[str, Any]], str]:
    from docx import Document as WordDocument

    word = WordDocument(str(path))
    for table in word.tables:
        tasks = table_tasks([[c.text for c in row.cells] for row in table.rows])
        if tasks:
            return tasks, "table"
    return read_plan_text("\n".join(p.text for p in word.paragraphs))


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("p", "br", "div", "li"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        else:
            self.text.append(data)


def _html_tasks(path: Path) -> tuple[list[dict[str, Any]], str]:
    from zhengce.ingest.decode import NotText, decode_bytes

    try:
        html = decode_bytes(path.read_bytes()).text
    except NotText as exc:
        raise FormError(f"{path}: {exc}") from None
    parser = _Tables()
    parser.feed(html)
    for table in parser.tables:
        tasks = table_tasks([list(r) for r in table])
        if tasks:
            return tasks, "table"
    return read_plan_text("".join(parser.text))


__all__ = ["LEAD_BRACKET", "FormError", "read_plan_file", "read_plan_text", "table_tasks"]
