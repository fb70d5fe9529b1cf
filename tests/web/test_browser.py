"""Browser tests in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no
browser is downloaded): each page renders with its scripts and charts, the search → document →
task flow works, forms submit.  Screenshots are saved under a temporary folder (or the folder
named by ZHENGCE_SCREENSHOTS) for a person to look at."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.web.conftest import PASSWORD, Site
from zhengce.web.app import create_app

CHROMIUM = os.environ.get("ZHENGCE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A copy of the site's database: the forms submitted here change tasks other tests read.
    db = tmp_path_factory.mktemp("browser") / "kb.db"
    source = sqlite3.connect(site.db)
    with sqlite3.connect(db) as target:
        source.backup(target)
    source.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db, public=True, secret="browser-secret")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    named = os.environ.get("ZHENGCE_SCREENSHOTS")
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def page(server: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
        tab.on(
            "console",
            lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None,
        )
        # Any request to another host fails the test: nothing may leave the machine.
        outside: list[str] = []
        tab.on(
            "request",
            lambda req: None if req.url.startswith(server) else outside.append(req.url),
        )
        yield tab
        browser.close()
        assert not outside, outside
        assert not problems, problems


def log_in(page: object, name: str) -> None:
    page.goto("/login")  # type: ignore[attr-defined]
    page.fill("input[name=username]", name)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("#login-form button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector(".who")  # type: ignore[attr-defined]


def test_search_then_document_then_edits(page, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("input[name=q]", "推进")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("li.hit")
    assert page.locator("mark").count() > 0
    assert page.locator("section.facet").count() >= 2
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    page.click("#participants-link")
    page.wait_for_selector("#participants")
    page.locator("li.hit a.hit-title").first.click()
    page.wait_for_selector("#doc-text")
    facts = page.locator("#doc-text .fact")
    if facts.count():
        facts.first.click()
        page.wait_for_selector("#fact-body .fact-box")
    page.screenshot(path=str(shots / "document.png"), full_page=True)
    page.click("#edits-link")
    page.wait_for_selector("#raw-text")
    page.screenshot(path=str(shots / "edits.png"), full_page=True)


def test_document_with_facts_and_outline(page, site: Site, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/documents/{site.plan_doc}")
    page.locator("#doc-text .fact-measure").first.click()
    box = page.locator("#fact-body .fact-box").first
    assert box.is_visible() and box.inner_text().strip()
    page.locator("nav.outline a").nth(1).click()
    page.screenshot(path=str(shots / "document-policy.png"), full_page=True)
    page.uncheck("input[data-toggle=measure]")
    assert "hide-measure" in (page.get_attribute("#doc-text", "class") or "")


def test_hostile_document_runs_nothing(page, site: Site, shots: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in (
        f"/documents/{site.hostile_id}",
        f"/documents/{site.hostile_id}/edits",
        "/search?q=推进",
        "/formulations",
    ):
        page.goto(url)
        page.wait_for_load_state("load")
    page.goto(f"/documents/{site.hostile_id}")
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)
    assert "<script>" in page.inner_text("#doc-title")  # shown as text
    assert not dialogs


def test_timeline_and_compare_draw_charts(page, site: Site, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/timeline?terms=乡村振兴,全国统一大市场,高质量发展")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)
    a, b = site.doc_ids[:2]
    page.goto(f"/compare?side={site.plan_doc}&side={a}&side={b}")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    page.goto("/formulations")
    page.locator(".term-pick").nth(0).check()
    page.locator(".term-pick").nth(1).check()
    page.click("#timeline-form button[type=submit]")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
    assert page.locator("#timeline-table tbody tr").count() == 2


def test_english_switch(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search?q=推进")
    page.click("#lang-switch")
    page.wait_for_selector("text=Policy knowledge base")
    page.goto("/people")
    assert "People" in page.inner_text("h1")


def test_task_flow_with_forms(page, site: Site, shots: Path) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "sup")
    page.goto(f"/documents/{site.plan_doc}")
    page.locator("#doc-tasks a").first.click()
    page.wait_for_selector("#task-state")
    page.goto("/tasks")
    page.screenshot(path=str(shots / "tasks.png"), full_page=True)
    page.click("form.inline button[type=submit]")  # log out
    page.wait_for_url("**/login")
    log_in(page, "bob")
    page.goto(f"/tasks/{site.bob_task}")
    state = page.inner_text("#task-state")
    step = page.locator("button[data-action]").first
    if step.count():
        step.click()
        page.wait_for_load_state("load")
        assert page.inner_text("#task-state") != state or page.locator("#task-events li").count()
    page.fill("#report-form textarea[name=text]", "浏览器报送的进展") if page.locator(
        "#report-form"
    ).count() else None
    if page.locator("#report-form").count():
        page.click("#report-form button[type=submit]")
        page.wait_for_selector("text=浏览器报送的进展")
    page.screenshot(path=str(shots / "task.png"), full_page=True)
    page.goto(f"/units/{site.bob_task and '省财政厅'}")
    page.wait_for_selector("#unit-figures")
