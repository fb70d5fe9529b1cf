"""A small knowledge base built in the test from our own sentences, through the whole pipeline.

Dates and places are set on each document after the pipeline (the texts are too short to state
them), so timelines and groups have known answers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from zhengce.pipeline import process_text
from zhengce.store.schema import connect
from zhengce.store.writer import FileResult, document_record, ensure_index_current, store_file

# (event date (y, m, d), province, kind, text)
TEXTS: list[tuple[tuple[int, int, int], str, str, str]] = [
    (
        (2023, 1, 10),
        "黑龙江省",
        "meeting_report",
        "省委召开座谈会\n\n会议强调，要加快建设全国统一大市场，破除地方保护和市场分割。"
        "要加强生态环境保护，推进黑土地保护工程。\n\n会议要求，各地要扎实推进乡村振兴。\n",
    ),
    (
        (2023, 4, 2),
        "黑龙江省",
        "meeting_report",
        "省政府常务会议\n\n会议指出，要加快形成新质生产力，推动传统产业转型升级。"
        "要加快建设全国统一大市场。\n\n会议要求，加强安全生产监管，严禁违规作业。\n",
    ),
    (
        (2023, 6, 20),
        "江西省",
        "meeting_report",
        "长江保护座谈会\n\n会议强调，要坚持生态优先、绿色发展，加强长江生态环境保护。"
        "要大力发展新质生产力，培育战略性新兴产业。\n\n会议要求，推进“三水统筹”，"
        "落实“三水统筹”各项任务。\n",
    ),
]


def build(path: Path) -> sqlite3.Connection:
    conn = connect(path)
    ensure_index_current(conn)
    records: list[dict[str, Any]] = []
    for n, ((year, month, day), province, kind, text) in enumerate(TEXTS):
        doc = process_text(text, source=f"sample-{n}.txt")
        doc.metadata["event_date"] = {"year": year, "month": month, "day": day}
        doc.metadata["place"] = {"province": province, "city": None, "text": province}
        doc.metadata["kind"] = kind
        if n in PROGRAMME_DATES:
            doc.metadata["programme_date"] = PROGRAMME_DATES[n]
        records.append(document_record(doc))
    store_file(conn, FileResult("samples", "hash-samples", 1, records), force=False)
    return conn


# The last meeting is reported two days after it took place (first published != first seen).
PROGRAMME_DATES = {2: "2023-06-22"}
