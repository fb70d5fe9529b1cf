"""A knowledge base for the web tests: the bundled samples plus one hostile document, read
through the whole pipeline, and accounts of every role (two units)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zhengce.store.loader import ingest
from zhengce.tracker.accounts import add_user
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
    return Site(db, hostile_ids[0], doc_ids)


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
