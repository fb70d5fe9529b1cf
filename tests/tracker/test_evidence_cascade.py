"""Evidence proposed from later documents of the knowledge base; cascade links and coverage."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.tracker.helpers import Clock, setup, task
from zhengce.api import KnowledgeBase
from zhengce.store.commands import run_ingest
from zhengce.tracker import store
from zhengce.tracker.service import Forbidden, TrackerError

LATER = """国家发展改革委设立东北振兴产业投资基金

2026-03-01 来源：新华社

近日，国家发展改革委会同财政部设立东北振兴产业投资基金，首期规模200亿元，重点投向装备制造和新材料产业。

基金将按照市场化方式运作。
"""
OTHER = """教育部推进义务教育优质均衡

2026-03-02 来源：新华社

教育部召开会议，部署推进义务教育优质均衡发展。
"""


@pytest.fixture
def kb_path(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "later.txt").write_text(LATER, "utf-8")
    (folder / "other.txt").write_text(OTHER, "utf-8")
    db = tmp_path / "kb.db"
    run_ingest([str(folder)], db, force=False, jobs=1, reindex=False, quiet=True)
    return db


def test_later_documents_are_proposed_and_decided(kb_path: Path) -> None:
    tracker, actors = setup(kb_path.parent)
    assert tracker.conn is not None
    plan = {"tasks": [task("设立东北振兴产业投资基金", "国家发展改革委", [], "2026-12-31")]}
    from zhengce.tracker.accounts import add_user

    fgw = add_user(tracker.conn, "fgw", "password-9", "unit", "国家发展改革委")
    tracker.save_plan(actors["supervisor"], plan)
    task_id = store.list_tasks(tracker.conn)[0]["id"]
    with KnowledgeBase(kb_path) as kb:
        proposals = tracker.propose_evidence(actors["supervisor"], task_id, kb)
        again = tracker.propose_evidence(actors["supervisor"], task_id, kb)
        later = kb.search("东北振兴产业投资基金")[0]["doc_id"]
        doc = kb.document(later)
    assert proposals and again == []  # proposed once
    best = proposals[0]
    assert best["doc_id"] == later and best["score"] > 1
    assert doc.text[best["start"] : best["end"]] == best["quote"]
    assert "东北振兴产业投资基金" in best["quote"] and "国家发展改革委" in best["quote"]
    assert all("教育部" not in p["quote"] for p in proposals)
    with pytest.raises(Forbidden):
        tracker.decide_evidence(actors["reader"], best["id"], True)
    tracker.decide_evidence(fgw, best["id"], True, "确认")
    with pytest.raises(TrackerError, match="decided already"):
        tracker.decide_evidence(actors["supervisor"], best["id"], False)
    found = tracker.get_task(actors["supervisor"], task_id)
    statuses = {e["id"]: e["status"] for e in found["evidence"]}
    assert statuses[best["id"]] == "accepted"
    assert found["events"][-1]["action"] == "evidence_accepted"
    assert tracker.verify() == []


def test_cascade_links_and_coverage(tmp_path: Path) -> None:
    tracker, actors = setup(tmp_path, Clock(datetime(2025, 3, 1, 9, 0)))
    sup = actors["supervisor"]
    central = tracker.save_plan(
        sup,
        {
            "tasks": [
                task(
                    "设立东北振兴产业投资基金，支持装备制造业转型",
                    "国家发展改革委",
                    [],
                    None,
                    number="1",
                ),
                task("全面停止重点国有林区天然林商业采伐", "国家林草局", [], None, number="2"),
                task("加快推进黑土地保护工程建设", "农业农村部", [], None, number="3"),
            ]
        },
    )
    heilongjiang = tracker.save_plan(
        sup,
        {
            "tasks": [
                task("争取东北振兴产业投资基金支持全省装备制造业转型", "省发展改革委", [], None),
                task("实施黑土地保护工程，建设高标准农田", "省农业农村厅", [], None),
                task("举办冰雪旅游节", "省文化和旅游厅", [], None),
            ]
        },
        region="黑龙江",
    )
    jilin = tracker.save_plan(
        sup,
        {"tasks": [task("落实重点国有林区停止天然林商业采伐", "省林草局", [], None)]},
        region="吉林",
    )
    links = tracker.link_cascade(sup, central, heilongjiang) + tracker.link_cascade(
        sup, central, jilin
    )
    central_ids = [t["id"] for t in store.list_tasks(tracker.conn, plan_id=central)]
    local = {t["text"]: t for t in store.list_tasks(tracker.conn) if t["plan_id"] != central}
    assert local["争取东北振兴产业投资基金支持全省装备制造业转型"]["parent_id"] == central_ids[0]
    assert local["实施黑土地保护工程，建设高标准农田"]["parent_id"] == central_ids[2]
    assert local["落实重点国有林区停止天然林商业采伐"]["parent_id"] == central_ids[1]
    assert local["举办冰雪旅游节"]["parent_id"] is None  # takes up nothing
    assert len(links) == 3
    matrix = {row["number"]: row for row in tracker.coverage(sup, central)}
    assert matrix["1"]["黑龙江"] and not matrix["1"]["吉林"] and matrix["1"]["covered_by"] == 1
    assert matrix["2"]["吉林"] and not matrix["2"]["黑龙江"]
    assert matrix["3"]["黑龙江"]
    with pytest.raises(Forbidden):
        tracker.link_cascade(actors["lead"], central, jilin)
