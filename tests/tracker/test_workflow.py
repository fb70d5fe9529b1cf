"""Every allowed and every forbidden transition of the 督办 workflow; a refusal writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tracker.helpers import setup, task
from zhengce.tracker import rules, store
from zhengce.tracker.accounts import Actor
from zhengce.tracker.service import Forbidden, NotFound, Tracker, TrackerError

PATH_TO = {
    "待签收": [],
    "已签收": ["sign"],
    "推进中": ["sign", "start"],
    "申请办结": ["sign", "start", "request_close"],
    "已销号": ["sign", "start", "request_close", "close"],
}
ARGS: dict[str, dict[str, Any]] = {
    "return": {"note": "材料不全"},
    "request_extension": {"note": "资金未到位", "new_deadline": "2025-12-31"},
    "refuse_extension": {"note": "理由不充分"},
    "appeal": {"note": "表述过宽", "new_text": "完成试点地区的方案"},
    "reject_appeal": {"note": "维持原表述"},
}
NEEDS = {
    "approve_extension": "request_extension",
    "refuse_extension": "request_extension",
    "accept_appeal": "appeal",
    "reject_appeal": "appeal",
}


@pytest.fixture
def world(tmp_path: Path) -> tuple[Tracker, dict[str, Actor], int]:
    tracker, actors = setup(tmp_path)
    plan = {
        "title": "测试方案",
        "tasks": [task("完善转移支付制度", "财政部", ["商务部"], "2025-06-30")],
    }
    tracker.save_plan(actors["supervisor"], plan)
    return tracker, actors, 1


def _new_task(tracker: Tracker, actors: dict[str, Actor]) -> int:
    plan = {"tasks": [task("完善转移支付制度", "财政部", ["商务部"], "2025-06-30")]}
    plan_id = tracker.save_plan(actors["supervisor"], plan)
    return int(store.list_tasks(tracker.conn, plan_id=plan_id)[0]["id"])


def _actor_for(actors: dict[str, Actor], action: str) -> Actor:
    return (
        actors["supervisor"] if rules.TRANSITIONS[action].role == "supervisor" else actors["lead"]
    )


def _drive(tracker: Tracker, actors: dict[str, Actor], task_id: int, state: str) -> None:
    for action in PATH_TO[state]:
        tracker.advance(
            _actor_for(actors, action), task_id, action, ARGS.get(action, {}).get("note", "")
        )


def _snapshot(tracker: Tracker, task_id: int) -> tuple[Any, ...]:
    return (
        store.get_task(tracker.conn, task_id),
        len(store.events(tracker.conn)),
        store.reports(tracker.conn),
    )


CASES = [(action, state) for action in rules.TRANSITIONS for state in rules.STATES]


@pytest.mark.parametrize(("action", "state"), CASES)
def test_every_action_in_every_state(
    world: tuple[Tracker, dict[str, Actor], int], action: str, state: str
) -> None:
    tracker, actors, _ = world
    task_id = _new_task(tracker, actors)
    _drive(tracker, actors, task_id, state)
    transition = rules.TRANSITIONS[action]
    request = NEEDS.get(action)
    if request and state in rules.TRANSITIONS[request].from_states:
        tracker.advance(actors["lead"], task_id, request, **ARGS[request])
    before = _snapshot(tracker, task_id)
    allowed = state in transition.from_states and (
        request is None or state in rules.TRANSITIONS[request].from_states
    )
    if allowed:
        event = tracker.advance(_actor_for(actors, action), task_id, action, **ARGS.get(action, {}))
        after = store.get_task(tracker.conn, task_id)
        assert after is not None
        assert after["state"] == (transition.to_state or state)
        assert event["action"] == action and event["from_state"] == state
        assert tracker.verify() == []
    else:
        with pytest.raises(TrackerError) as info:
            tracker.advance(_actor_for(actors, action), task_id, action, **ARGS.get(action, {}))
        assert "\n" not in str(info.value)
        assert _snapshot(tracker, task_id) == before


@pytest.mark.parametrize("action", list(rules.TRANSITIONS))
@pytest.mark.parametrize("who", ["supervisor", "lead", "support", "other", "reader", "admin"])
def test_every_action_by_every_role(
    world: tuple[Tracker, dict[str, Actor], int], action: str, who: str
) -> None:
    tracker, actors, _ = world
    task_id = _new_task(tracker, actors)
    transition = rules.TRANSITIONS[action]
    state = rules.TRANSITIONS[NEEDS.get(action, action)].from_states[0]
    _drive(tracker, actors, task_id, state)
    if action in NEEDS:
        tracker.advance(actors["lead"], task_id, NEEDS[action], **ARGS[NEEDS[action]])
    before = _snapshot(tracker, task_id)
    may = who == "supervisor" if transition.role == "supervisor" else who == "lead"
    if may:
        tracker.advance(actors[who], task_id, action, **ARGS.get(action, {}))
        return
    error = NotFound if who == "other" else Forbidden
    with pytest.raises(error):
        tracker.advance(actors[who], task_id, action, **ARGS.get(action, {}))
    assert _snapshot(tracker, task_id) == before


@pytest.mark.parametrize("state", rules.STATES)
@pytest.mark.parametrize("who", ["lead", "support", "other", "supervisor", "reader"])
def test_reports_by_role_and_state(
    world: tuple[Tracker, dict[str, Actor], int], state: str, who: str
) -> None:
    tracker, actors, _ = world
    task_id = _new_task(tracker, actors)
    _drive(tracker, actors, task_id, state)
    before = _snapshot(tracker, task_id)
    if who in ("lead", "support") and state in rules.REPORT_STATES:
        tracker.report(actors[who], task_id, "已完成方案起草", value=None)
        after = store.get_task(tracker.conn, task_id)
        assert after is not None and after["state"] == "推进中"
        assert after["progress"] == "已完成方案起草"
        return
    with pytest.raises(TrackerError):
        tracker.report(actors[who], task_id, "已完成方案起草")
    assert _snapshot(tracker, task_id) == before


def test_units_see_only_their_own_tasks(world: tuple[Tracker, dict[str, Actor], int]) -> None:
    tracker, actors, task_id = world
    plan = {"tasks": [task("推进义务教育优质均衡", "教育部", [], "2025-09-01")]}
    tracker.save_plan(actors["supervisor"], plan)
    assert [r["id"] for r in tracker.list_tasks(actors["lead"])] == [task_id]
    assert [r["id"] for r in tracker.list_tasks(actors["support"])] == [task_id]
    assert [r["id"] for r in tracker.list_tasks(actors["other"])] == [2]
    assert len(tracker.list_tasks(actors["reader"])) == 2
    with pytest.raises(NotFound):
        tracker.get_task(actors["other"], task_id)
    with pytest.raises(Forbidden):
        tracker.list_tasks(actors["other"], unit="财政部")
    for who in ("lead", "reader", "other"):
        with pytest.raises(Forbidden):
            tracker.save_plan(actors[who], plan)


def test_extension_and_appeal_decisions(world: tuple[Tracker, dict[str, Actor], int]) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "推进中")
    with pytest.raises(TrackerError, match="not later"):
        tracker.advance(
            actors["lead"], task_id, "request_extension", "x", new_deadline="2025-01-01"
        )
    tracker.advance(
        actors["lead"], task_id, "request_extension", "资金未到位", new_deadline="2025-12-31"
    )
    with pytest.raises(TrackerError, match="waiting for a decision"):
        tracker.advance(actors["lead"], task_id, "request_close")
    with pytest.raises(TrackerError, match="already waiting"):
        tracker.advance(
            actors["lead"], task_id, "request_extension", "again", new_deadline="2026-01-31"
        )
    tracker.advance(actors["supervisor"], task_id, "approve_extension")
    found = tracker.get_task(actors["supervisor"], task_id)
    assert found["deadline"]["date"] == "2025-12-31"
    assert found["counts"] == {"approve_extension": 1}
    tracker.advance(actors["lead"], task_id, "request_extension", "再延", new_deadline="2026-03-31")
    tracker.advance(actors["supervisor"], task_id, "refuse_extension", "不予延期")
    found = tracker.get_task(actors["supervisor"], task_id)
    assert found["deadline"]["date"] == "2025-12-31"
    assert found["counts"] == {"approve_extension": 1, "refuse_extension": 1}
    tracker.advance(actors["lead"], task_id, "appeal", "表述过宽", new_text="完成试点地区的方案")
    tracker.advance(actors["supervisor"], task_id, "accept_appeal")
    found = tracker.get_task(actors["supervisor"], task_id)
    assert found["text"] == "完成试点地区的方案"
    # nothing is lost: the old wording is in the log
    assert any(
        e["action"] == "accept_appeal" and "完善转移支付制度" in e["payload"]
        for e in found["events"]
    )


def test_return_counts_and_close(world: tuple[Tracker, dict[str, Actor], int]) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "申请办结")
    tracker.advance(actors["supervisor"], task_id, "return", "佐证材料不足")
    tracker.advance(actors["lead"], task_id, "request_close")
    tracker.advance(actors["supervisor"], task_id, "close")
    found = tracker.get_task(actors["supervisor"], task_id)
    assert found["state"] == "已销号" and found["counts"] == {"return": 1}
    assert found["light"] == "green"


def test_evidence_files_are_kept_with_their_hash(
    world: tuple[Tracker, dict[str, Actor], int], tmp_path: Path
) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "推进中")
    upload = tmp_path / "佐证.pdf"
    upload.write_bytes(b"%PDF-1.4 evidence")
    tracker.report(actors["lead"], task_id, "印发实施方案", [upload])
    item = tracker.get_task(actors["lead"], task_id)["evidence"][0]
    import hashlib

    assert item["sha256"] == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()
    assert item["file_name"] == "佐证.pdf" and item["status"] == "attached"


def test_hash_chain_detects_an_edited_row(world: tuple[Tracker, dict[str, Actor], int]) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "申请办结")
    assert tracker.verify() == []
    tracker.conn.execute("UPDATE tracker_events SET actor = 'someone' WHERE id = 3")
    problems = tracker.verify()
    assert problems and "event 3" in problems[0] and "edited" in problems[0]


def test_hash_chain_detects_a_deleted_row(world: tuple[Tracker, dict[str, Actor], int]) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "申请办结")
    tracker.conn.execute("DELETE FROM tracker_events WHERE id = 3")
    problems = tracker.verify()
    assert any("event 3" in p and "missing" in p for p in problems)


def test_hash_chain_detects_a_deleted_last_row(
    world: tuple[Tracker, dict[str, Actor], int],
) -> None:
    tracker, actors, task_id = world
    _drive(tracker, actors, task_id, "申请办结")
    last = store.events(tracker.conn)[-1]["id"]
    tracker.conn.execute("DELETE FROM tracker_events WHERE id = ?", (last,))
    assert any("ends before" in p for p in tracker.verify())
