"""The HTML pages render, in Chinese first and in English on request."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import Site
from zhengce.api import KnowledgeBase


def page_urls(site: Site) -> list[str]:
    with KnowledgeBase(site.db) as kb:
        person = next(row["name"] for row in kb.participants() if row["present"])
    a, b = site.doc_ids[:2]
    return [
        "/",
        "/search",
        "/search?q=推进",
        "/search?q=推进&participants=1",
        f"/documents/{a}",
        f"/documents/{a}/edits",
        "/people",
        f"/people/{person}",
        "/formulations",
        "/formulations?discovered=true",
        "/timeline?terms=乡村振兴,全国统一大市场",
        "/timeline?terms=乡村振兴&by=year&per=1000",
        f"/compare?side={a}&side={b}",
        "/login",
        "/api/docs",
    ]


def test_every_page_renders(public_client: TestClient, site: Site) -> None:
    for url in page_urls(site):
        answer = public_client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["content-type"].startswith("text/html"), url
        assert "政策知识库" in answer.text, url


def test_english_switch(public_client: TestClient) -> None:
    english = public_client.get("/search?q=推进&lang=en")
    assert "Policy knowledge base" in english.text and "results" in english.text
    # The choice is remembered in a cookie.
    assert "Policy knowledge base" in public_client.get("/").text
    assert "政策知识库" in public_client.get("/?lang=zh").text


def test_search_page_has_facets_snippets_and_pages(public_client: TestClient) -> None:
    text = public_client.get("/search?q=推进&per_page=2").text
    assert '<section class="facet" data-facet="kind">' in text
    assert "<mark>推进</mark>" in text
    assert 'rel="next"' in text
    total = int(re.search(r'<span id="total">(\d+)</span>', text).group(1))  # type: ignore[union-attr]
    assert total >= 3


def test_a_facet_link_narrows_the_results(public_client: TestClient) -> None:
    text = public_client.get("/search?q=推进").text
    link = re.search(
        r'data-facet="kind">.*?<a href="([^"]+)">[^<]+</a> <span class="count">(\d+)', text, re.S
    )
    assert link
    href, count = link.group(1).replace("&amp;", "&"), int(link.group(2))
    narrowed = public_client.get(href).text
    assert f'<span id="total">{count}</span>' in narrowed


def test_document_page_marks_facts_at_their_spans(public_client: TestClient, site: Site) -> None:
    with KnowledgeBase(site.db) as kb:
        doc_id = next(row["id"] for row in kb.documents() if row["kind"] == "policy_document")
        doc = kb.document(doc_id)
    text = public_client.get(f"/documents/{doc_id}").text
    assert 'class="fact fact-measure' in text
    assert 'id="facts-data"' in text
    # Every outline item has its anchor in the text and a link in the outline.
    for n, _item in enumerate(doc.outline):
        assert f'id="o{n}"' in text and f'href="#o{n}"' in text


def test_edits_view_shows_raw_beside_normalized(public_client: TestClient, site: Site) -> None:
    with KnowledgeBase(site.db) as kb:
        doc_id = next(row["id"] for row in kb.documents() if kb.document(row["id"]).guesses())
        doc = kb.document(doc_id)
    text = public_client.get(f"/documents/{doc_id}/edits").text
    assert 'id="raw-text"' in text and 'id="normalized-text"' in text
    assert text.count('<tr class="guess">') == len(doc.guesses())
    for edit in doc.edits[:5]:
        assert edit.stage in text


def test_unknown_document_is_a_404_page(public_client: TestClient) -> None:
    answer = public_client.get("/documents/no-such-doc")
    assert answer.status_code == 404 and 'id="error-message"' in answer.text
