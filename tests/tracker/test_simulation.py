"""A seeded year of supervision: 1,000 tasks, 12 months of signing, reporting, extensions and
closing through the API.  At every month's end the tracker's lights, overdue list, notices
(催办单 / 督办单) and report figures must equal a plain recomputation from the event log
alone, done here without the tracker's own rule code (only its rule tables, which are data).
"""

from __future__ import annotations

import calendar
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.tracker.helpers import Clock, task
from zhengce.lexicon import load_table
from zhengce.tracker import store
from zhengce.tracker.accounts import Actor, add_user
from zhengce.tracker.service import Tracker

SEED = 20250101
N_TASKS = 1000
UNITS = [
    "财政部",
    "商务部",
    "教育部",
    "科技部",
    "工业和信息化部",
    "农业农村部",
    "生态环境部",
    "交通运输部",
    "国家发展改革委",
    "人力资源社会保障部",
]


# The plain recomputation ---------------------------------------------------------------------


def replay(events: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Each task's state, deadline, reports and set-up, from the event log only."""
    tasks: dict[int, dict[str, Any]] = {}
    for event in events:
        payload = json.loads(event["payload"])
        task_id = event["task_id"]
        if event["action"] == "create":
            tasks[task_id] = {**payload, "state": event["to_state"], "reports": []}
            continue
        if task_id is None:
            continue
        current = tasks[task_id]
        if event["to_state"]:
            current["state"] = event["to_state"]
        if event["action"] == "approve_extension":
            current["deadline"] = payload["deadline"]
        if event["action"] == "report":
            current["reports"].append((date.fromisoformat(event["at"][:10]), payload["value"]))
    return tasks


def periods(cycle: str, day: int, start: date, today: date) -> list[tuple[date, date]]:
    """(window start, due date) of each reporting period due before today."""
    out: list[tuple[date, date]] = []
    months = 1 if cycle == "monthly" else 3 if cycle == "quarterly" else 0
    if not months:
        return out
    window = start
    y, m = start.year, start.month
    while True:
        if months == 1 or m % 3 == 0:
            due = date(y, m, min(day, calendar.monthrange(y, m)[1]))
            if due >= today:
                break
            if due >= start:
                out.append((window, due))
                window = due + timedelta(days=1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _holds(row: dict[str, str], days_left: int | None, missed: int, behind: float | None) -> bool:
    n = float(row["threshold"])
    rule = row["rule"]
    if rule == "overdue_days_at_least":
        return days_left is not None and -days_left >= n
    if rule == "days_left_at_most":
        return days_left is not None and 0 <= days_left <= n
    if rule == "missed_reports_at_least":
        return missed >= n
    assert rule == "indicator_behind_at_least", rule
    return behind is not None and behind >= n


def recompute(tasks: dict[int, dict[str, Any]], today: date) -> dict[int, dict[str, Any]]:
    lights = load_table("tracker_lights")
    notices = load_table("tracker_notices")
    out: dict[int, dict[str, Any]] = {}
    for task_id, t in tasks.items():
        closed = t["state"] == "已销号"
        days_left = (date.fromisoformat(t["deadline"]) - today).days if t["deadline"] else None
        start = date.fromisoformat(t["created_on"])
        report_days = [d for d, _ in t["reports"] if d <= today]
        missed = sum(
            1
            for window, due in periods(t["cycle"], t["cycle_day"], start, today)
            if not [d for d in report_days if window <= d <= due]
        )
        behind = None
        ind = t["indicator"]
        values = [v for d, v in t["reports"] if v is not None and d <= today]
        if ind and values and ind["comparator"] in ("以上", "达到") and today.year >= ind["year"]:
            share = 1.0 if today.year > ind["year"] else today.timetuple().tm_yday / 365
            path = ind["value"] * share
            behind = max(0.0, (path - values[-1]) / path)

        def holds(
            row: dict[str, str], facts: tuple[Any, ...] = (days_left, missed, behind)
        ) -> bool:
            return _holds(row, *facts)

        light = "green"
        if not closed:
            if any(holds(r) for r in lights if r["light"] == "red"):
                light = "red"
            elif any(holds(r) for r in lights if r["light"] == "yellow"):
                light = "yellow"
        notice = None
        if not closed:
            for kind in ("督办单", "催办单"):
                if any(holds(r) for r in notices if r["notice"] == kind):
                    notice = kind
                    break
        out[task_id] = {
            "light": light,
            "notice": notice,
            "overdue": not closed and days_left is not None and days_left < 0,
            "missed": missed,
            "state": t["state"],
            "lead": t["lead_units"],
        }
    return out


# The simulated year ------------------------------------------------------------------------


def _month_actions(
    rng: random.Random, info: dict[str, Any], month: int
) -> list[tuple[int, str, dict[str, Any]]]:
    """A task's actions in one month, in order, from its locally tracked state."""
    actions: list[tuple[int, str, dict[str, Any]]] = []
    days = sorted(rng.sample(range(1, 28), 6))
    state = info["state"]

    def act(name: str, **kw: Any) -> None:
        actions.append((days[len(actions)], name, kw))

    if state == "待签收" and rng.random() < 0.7:
        act("sign")
        state = "已签收"
    if state == "已签收" and rng.random() < 0.6:
        act("start")
        state = "推进中"
    if state in ("已签收", "推进中") and rng.random() < 0.75:
        value = None
        if info["indicator"]:
            value = round(info["indicator"]["value"] * month / 12 * rng.uniform(0.5, 1.1), 2)
        act("report", value=value)
        state = "推进中"
    deadline = date.fromisoformat(info["deadline"]) if info["deadline"] else None
    near = deadline is not None and (deadline - date(2025, month, 28)).days < 45
    if state == "推进中" and not info["pending"] and rng.random() < 0.04 and deadline:
        info["requested"] = (deadline + timedelta(days=90)).isoformat()
        act("request_extension", new_deadline=info["requested"])
        info["pending"] = True
    elif (
        state == "推进中"
        and not info["pending"]
        and (near or rng.random() < 0.03)
        and rng.random() < 0.5
    ):
        act("request_close")
        state = "申请办结"
    if info["pending"] and rng.random() < 0.7:
        approve = rng.random() < 0.6
        act("approve_extension" if approve else "refuse_extension")
        if approve:
            info["deadline"] = info["requested"]
        info["pending"] = False
    if state == "申请办结" and rng.random() < 0.8:
        closing = rng.random() < 0.75
        act("close" if closing else "return")
        state = "已销号" if closing else "推进中"
    info["state"] = state
    return actions


def _run_action(
    tracker: Tracker, sup: Actor, unit: Actor, task_id: int, name: str, kw: dict[str, Any]
) -> None:
    if name == "report":
        tracker.report(unit, task_id, "本月进展：按计划推进", value=kw["value"])
    elif name in ("close", "return", "approve_extension", "refuse_extension"):
        note = "" if name in ("close", "approve_extension") else "需补充材料"
        tracker.advance(sup, task_id, name, note)
    elif name == "request_extension":
        tracker.advance(unit, task_id, name, "客观原因", new_deadline=kw["new_deadline"])
    else:
        tracker.advance(unit, task_id, name)


@pytest.mark.timeout(900)
def test_a_year_of_supervision_agrees_with_the_event_log(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    clock = Clock(datetime(2025, 1, 1, 8, 0))
    tracker = Tracker(tmp_path / "sim.db", clock=clock)
    sup = add_user(tracker.conn, "duchashi", "password-0", "supervisor", None)
    staff = {
        u: add_user(tracker.conn, f"staff{i}", "password-x", "unit", u) for i, u in enumerate(UNITS)
    }
    drafted = []
    for i in range(N_TASKS):
        deadline = date(2025, 2, 1) + timedelta(days=rng.randrange(0, 420))
        indicator = None
        if rng.random() < 0.1:
            indicator = {
                "metric": "指标",
                "comparator": "以上",
                "value": 100.0,
                "unit": "项",
                "year": 2025,
            }
        drafted.append(
            task(
                f"任务{i}",
                rng.choice(UNITS),
                [],
                deadline.isoformat() if rng.random() < 0.9 else None,
                number=str(i + 1),
                indicator=indicator,
                cycle=rng.choice(["monthly"] * 16 + ["quarterly"] * 3 + ["none"]),
                cycle_day=rng.choice([28, 15, 5]),
            )
        )
    tracker.save_plan(sup, {"title": "模拟方案", "tasks": drafted})
    ids = [t["id"] for t in store.list_tasks(tracker.conn)]
    local = {
        task_id: {
            "state": "待签收",
            "pending": False,
            "deadline": d["deadline"]["date"],
            "indicator": d["indicator"],
            "lead": d["lead_units"][0],
        }
        for task_id, d in zip(ids, drafted, strict=True)
    }
    checked = 0
    for month in range(1, 13):
        plan: list[tuple[int, int, int, str, dict[str, Any]]] = []
        for task_id in ids:
            for k, (day, name, kw) in enumerate(_month_actions(rng, local[task_id], month)):
                plan.append((day, task_id, k, name, kw))
        plan.sort()
        for day, task_id, k, name, kw in plan:
            clock.now = datetime(2025, month, day, 9, k)
            _run_action(tracker, sup, staff[local[task_id]["lead"]], task_id, name, kw)
        today = date(2025, month, calendar.monthrange(2025, month)[1])
        clock.now = datetime(today.year, today.month, today.day, 18, 0)
        expected = recompute(replay(store.events(tracker.conn)), today)
        lights = {r["id"]: r for r in tracker.lights(sup, today=today)}
        assert {i: r["light"] for i, r in lights.items()} == {
            i: e["light"] for i, e in expected.items()
        }, month
        assert {i: r["missed_reports"] for i, r in lights.items()} == {
            i: e["missed"] for i, e in expected.items()
        }
        overdue = {r["id"] for r in tracker.overdue(sup, today=today)}
        assert overdue == {i for i, e in expected.items() if e["overdue"]}
        notices = {r["id"]: r["notice"] for r in tracker.notices(sup, today=today)}
        assert notices == {i: e["notice"] for i, e in expected.items() if e["notice"]}
        summary = tracker.summary(sup, today=today)
        for colour in ("red", "yellow", "green"):
            assert summary["by_light"][colour] == sum(
                e["light"] == colour for e in expected.values()
            )
        for unit, row in summary["by_unit"].items():
            mine = [e for e in expected.values() if unit in e["lead"]]
            assert row["tasks"] == len(mine)
            assert row["closed"] == sum(e["state"] == "已销号" for e in mine)
            assert row["overdue"] == sum(e["overdue"] for e in mine)
        checked += 1
    assert checked == 12
    assert tracker.verify() == []
    final = recompute(replay(store.events(tracker.conn)), date(2025, 12, 31))
    # the year produced every kind of outcome the rules can give
    assert {e["light"] for e in final.values()} == {"red", "yellow", "green"}
    assert {e["notice"] for e in final.values()} >= {"催办单", "督办单", None}
    report = tracker.supervision_report(sup, tmp_path / "通报.docx", today=date(2025, 12, 31))
    assert report["by_light"] == {
        c: sum(e["light"] == c for e in final.values()) for c in ("red", "yellow", "green")
    }
