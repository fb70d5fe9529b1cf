"""Small hand-made documents (our own sentences) stored straight through the writer.

They stand in for pipeline output so store and search tests do not depend on how far
segmentation and extraction have got: paragraphs, speakers, participants and metadata are set
here exactly as the model defines them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from zhengce.model import Document, Paragraph, Participant
from zhengce.store.schema import connect
from zhengce.store.writer import FileResult, document_record, ensure_index_current, store_file

# (title, kind, event_date, place, paragraphs as (speaker or None, text), participants)
SAMPLES: list[dict[str, Any]] = [
    {
        "title": "东北座谈会强调加快形成新质生产力",
        "kind": "meeting_report",
        "event_date": {"year": 2023, "month": 9, "day": 7},
        "place": {"province": "黑龙江省", "city": "哈尔滨市", "text": "黑龙江省哈尔滨市"},
        "paragraphs": [
            (None, "东北座谈会强调加快形成新质生产力"),
            ("王明", "王明指出，要积极培育新能源、新材料等战略性新兴产业，加快形成新质生产力。"),
            ("李华", "李华表示，要推动高质量发展，建设全国统一大市场。"),
        ],
        "participants": [("王明", ["国务院副总理"], "chair"), ("李华", ["省长"], "speaker")],
    },
    {
        "title": "长江经济带发展座谈会",
        "kind": "meeting_report",
        "event_date": {"year": 2024, "month": 3, "day": 15},
        "place": {"province": "江西省", "city": "南昌市", "text": "江西省南昌市"},
        "paragraphs": [
            (None, "长江经济带发展座谈会"),
            ("王明", "王明强调，要坚持共抓大保护、不搞大开发，推动长江经济带高质量发展。"),
            (None, "会议要求提升生产力水平，保护好长江生态环境。"),
        ],
        "participants": [("王明", ["国务院总理"], "chair"), ("赵刚", ["市长"], "attendee")],
    },
    {
        "title": "关于加快建设全国统一大市场的意见",
        "kind": "policy_document",
        "event_date": {"year": 2022, "month": 4, "day": 10},
        "place": None,
        "paragraphs": [
            (None, "关于加快建设全国统一大市场的意见"),
            (None, "加快建设高效规范、公平竞争、充分开放的全国统一大市场。"),
            (None, "破除地方保护和市场分割，打通制约经济循环的关键堵点。RCEP 2022年生效。"),
        ],
        "participants": [],
    },
]


def make_document(sample: dict[str, Any]) -> Document:
    text = "\n\n".join(t for _, t in sample["paragraphs"]) + "\n"
    doc = Document.from_raw(text, source=f"samples/{sample['title']}.txt")
    doc.metadata = {
        "title": sample["title"],
        "kind": sample["kind"],
        "event_date": sample["event_date"],
        "place": sample["place"],
    }
    cursor = 0
    for speaker, paragraph in sample["paragraphs"]:
        start = text.index(paragraph, cursor)
        cursor = start + len(paragraph)
        kind = "title" if paragraph == sample["title"] else "body"
        evidence = f"{speaker}指出" if speaker else ""
        doc.paragraphs.append(Paragraph(paragraph, start, cursor, kind, speaker, evidence))
    for name, positions, role in sample["participants"]:
        start = text.find(name)
        doc.participants.append(Participant(name, positions, role, start, start + len(name)))
    return doc


def make_documents() -> list[Document]:
    return [make_document(sample) for sample in SAMPLES]


def store_documents(
    conn: sqlite3.Connection, docs: list[Document], *, force: bool = False, name: str = "f"
) -> None:
    for n, doc in enumerate(docs):
        result = FileResult(f"{name}{n}", f"{name}-hash-{n}", len(doc.raw_text))
        result.records = [document_record(doc)]
        store_file(conn, result, force=force)


def build_database(path: Path) -> sqlite3.Connection:
    conn = connect(path)
    ensure_index_current(conn)
    store_documents(conn, make_documents())
    return conn
