"""Document text is always escaped: a document holding <script>, <img onerror=…> and
javascript: links is shown on every page and in every API answer without any of it running."""

from __future__ import annotations

import json
from urllib.parse import quote

from fastapi.testclient import TestClient

from tests.web.conftest import IMG, SCRIPT, Site

DANGEROUS = (
    "<script>alert",
    "<img src=x",
    'href="javascript:',
    "href='javascript:",
    '<a href="javascript',
)


def hostile_urls(site: Site, client: TestClient) -> list[str]:
    doc = site.hostile_id
    # Formulations found in the hostile text (a quoted one holds its markup), on their timeline.
    found = client.get(f"/api/v1/documents/{doc}").json()["formulations"]
    terms = [f"/timeline?terms={quote(f['term'])}" for f in found]
    query = quote("推进")
    return [
        "/",
        f"/search?q={query}",
        f"/search?q={query}&participants=1",
        f"/search?q={quote(SCRIPT)}",
        f"/search?q={quote(IMG)}",
        f"/search?q=%E6%8E%A8%E8%BF%9B&place={quote(SCRIPT)}",
        f"/documents/{doc}",
        f"/documents/{doc}/edits",
        f"/documents/{quote(SCRIPT)}",
        f"/people/{quote(SCRIPT)}",
        "/people",
        f"/people?name={quote(SCRIPT)}",
        "/formulations",
        "/formulations?discovered=true",
        f"/timeline?terms={quote(SCRIPT)},{quote(IMG)}",
        f"/compare?side={doc}&side={site.doc_ids[0]}",
        f"/compare?sides={quote(SCRIPT)}",
        f"/login?next={quote('javascript:alert(1)')}",
        *terms,
    ]


def test_no_page_runs_document_markup(public_client: TestClient, site: Site) -> None:
    shown = 0
    for url in hostile_urls(site, public_client):
        answer = public_client.get(url)
        assert answer.status_code < 500, url
        for bad in DANGEROUS:
            assert bad not in answer.text, (url, bad)
        if "&lt;script&gt;alert" in answer.text:
            shown += 1
    # The hostile title is shown (escaped) on the document, its edits, search and home pages.
    assert shown >= 4


def test_login_never_redirects_off_site(public_client: TestClient) -> None:
    page = public_client.get("/login?next=//evil.example/x").text
    assert 'name="next" value="/"' in page


def test_api_answers_are_json_with_the_text_intact(public_client: TestClient, site: Site) -> None:
    doc = site.hostile_id
    for url in (
        f"/api/v1/documents/{doc}",
        f"/api/v1/search?q={quote('推进')}",
        f"/api/v1/search?q={quote(SCRIPT)}",
        f"/api/v1/documents/{quote(SCRIPT)}",
        f"/api/v1/timeline?terms={quote(SCRIPT)}",
        "/api/v1/formulations",
    ):
        answer = public_client.get(url)
        assert answer.headers["content-type"].startswith("application/json"), url
        assert answer.headers["x-content-type-options"] == "nosniff", url
        json.loads(answer.text)
    data = public_client.get(f"/api/v1/documents/{doc}").json()
    assert SCRIPT in data["title"] or SCRIPT in json.dumps(data, ensure_ascii=False)


def test_every_answer_forbids_scripts_from_elsewhere(public_client: TestClient) -> None:
    policy = public_client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
