"""Shared set-up for the tracker tests: a database with the usual actors and a tiny plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from zhengce.tracker.accounts import Actor, add_user
from zhengce.tracker.service import Tracker


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def task(
    text: str, lead: str, support: list[str], deadline: str | None, **extra: Any
) -> dict[str, Any]:
    return {
        "number": extra.pop("number", "1"),
        "outline_path": "",
        "title": extra.pop("title", text[:12]),
        "text": text,
        "source": {"doc_id": None, "start": 0, "end": len(text), "quote": text},
        "lead_units": [lead],
        "supporting_units": support,
        "units_from": "text",
        "guess": False,
        "unit_evidence": [],
        "deadline": {"kind": "date" if deadline else "none", "date": deadline, "text": ""},
        "indicator": extra.pop("indicator", None),
        **extra,
    }


def setup(
    tmp_path: Path, clock: Callable[[], datetime] | None = None
) -> tuple[Tracker, dict[str, Actor]]:
    tracker = Tracker(tmp_path / "kb.db", clock=clock or Clock(datetime(2025, 1, 10, 9, 0)))
    actors = {
        "supervisor": add_user(tracker.conn, "du", "password-1", "supervisor", None),
        "lead": add_user(tracker.conn, "cai", "password-2", "unit", "财政部"),
        "support": add_user(tracker.conn, "shang", "password-3", "unit", "商务部"),
        "other": add_user(tracker.conn, "jiao", "password-4", "unit", "教育部"),
        "reader": add_user(tracker.conn, "du-reader", "password-5", "reader", None),
        "admin": add_user(tracker.conn, "root", "password-6", "admin", None),
    }
    return tracker, actors
