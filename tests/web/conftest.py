"""A knowledge base for the web tests: the bundled samples plus one hostile document, read
through the whole pipeline, and accounts of every role (two units)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zhengce.api import KnowledgeBase
from zhengce.store.loader import ingest
from zhengce.tracker.accounts import add_user, get_actor
from zhengce.tracker.service import Tracker
from zhengce.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PASSWORD = "correct-horse-7"

# Markup a page must never run: a script, an image whose onerror runs, javascript: links.
SCRIPT = "<script>alert('zc-script')</script>"
IMG = "<img src=x onerror=alert('zc-img')>"
JS_LINK = '<a href="javascript:alert(1)">原文链接</a>'
MD_LINK = "[点此查看](javascript:alert(2))"
HOSTILE = (
    f"关于{SCRIPT}推进县域商业建设的通知\n\n"
    f"会议强调，要加快推进“{IMG}”建设，详见{JS_LINK}和{MD_LINK}。\n\n"
    "会议要求，各地要扎实推进乡村振兴，加快建设全国统一大市场。\n"
)
USERS = {
    "sup": ("supervisor", None),
    "alice": ("unit", "省发展改革委"),
    "bob": ("unit", "省财政厅"),
    "reader": ("reader", None),
}


@dataclass
class Site:
    db: Path
    hostile_id: str
    doc_ids: list[str]
    plan_doc: str = ""  # the policy document the tasks were drafted from
    alice_task: int = 0  # led by alice's unit, past its deadline
    bob_task: int = 0  # led by bob's unit


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    db = folder / "kb.db"
    stats = ingest([str(SAMPLES), str(hostile)], db, jobs=1)
    assert not stats.failures, stats.failures
    for name, (role, unit) in USERS.items():
        add_user(db, name, PASSWORD, role, unit)
    app = create_app(db, public=True, secret="test-secret")
    kb = app.state.databases.get()
    doc_ids = [row["id"] for row in kb.documents()]
    hostile_ids = [row["id"] for row in kb.documents() if row["source"].endswith("hostile.txt")]
    assert len(hostile_ids) == 1
    # The hostile markup must reach the store, or the escaping tests would prove nothing.
    text = kb.document(hostile_ids[0]).raw_text
    assert SCRIPT in text and IMG in text and "javascript:" in text
    site = Site(db, hostile_ids[0], doc_ids)
    add_plan(site, kb)
    return site


def add_plan(site: Site, kb: KnowledgeBase) -> None:
    """A 分工方案 drafted from the sample policy document, two of its tasks given to the two
    test units (the sample names central ministries), one of them already late."""
    site.plan_doc = next(
        row["id"] for row in kb.documents() if row["source"].endswith("policy_document_outline.txt")
    )
    tracker = Tracker(site.db)
    plan = tracker.plan_from_document(kb.document(site.plan_doc))
    first, second = plan["tasks"][1], plan["tasks"][2]
    first["lead_units"] = [{"name": USERS["alice"][1], "as_written": USERS["alice"][1]}]
    first["deadline"] = {"kind": "date", "date": "2020-06-30", "text": "2020年6月底前"}
    second["lead_units"] = [{"name": USERS["bob"][1], "as_written": USERS["bob"][1]}]
    supervisor = get_actor(site.db, "sup")
    assert supervisor is not None
    plan_id = tracker.save_plan(supervisor, plan)
    tasks = tracker.list_tasks(supervisor, plan=plan_id)
    site.alice_task = tasks[1]["id"]
    site.bob_task = tasks[2]["id"]
    tracker.close()


@pytest.fixture()
def public_client(site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(site.db, public=True, secret="test-secret")) as client:
        yield client


@pytest.fixture()
def private_client(site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(site.db, public=False, secret="test-secret")) as client:
        yield client


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    token = csrf_of(client, "/login")
    answer = client.post(
        "/login",
        data={"username": name, "password": password, "csrf": token, "next": "/"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def csrf_of(client: TestClient, url: str) -> str:
    import re

    page = client.get(url)
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)
