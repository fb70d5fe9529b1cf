"""The JSON API: answers mirror the pages and the Python API; every error is JSON."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from tests.web.conftest import Site
from zhengce.analysis.timeline import canonical_term
from zhengce.api import KnowledgeBase
from zhengce.show import reading


def test_search_answers_results_and_total(public_client: TestClient, site: Site) -> None:
    answer = public_client.get("/api/v1/search", params={"q": "推进"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["facets"] == {}  # asked for with facets=true
    assert len(data["results"]) == min(20, data["total"]) > 0
    with KnowledgeBase(site.db) as kb:
        expected = [row["doc_id"] for row in kb.search("推进", limit=20)]
    assert [r["doc_id"] for r in data["results"]] == expected
    assert all("«" in r["snippet"] for r in data["results"])


def test_pages_of_results_do_not_overlap(public_client: TestClient) -> None:
    first = public_client.get("/api/v1/search", params={"q": "推进", "per_page": 2}).json()
    second = public_client.get(
        "/api/v1/search", params={"q": "推进", "per_page": 2, "page": 2}
    ).json()
    assert first["total"] == second["total"] >= 3
    ids = [r["doc_id"] for r in first["results"]] + [r["doc_id"] for r in second["results"]]
    assert len(set(ids)) == 4
    assert first["pages"] == -(-first["total"] // 2)


def test_facet_counts_add_up_to_the_total(public_client: TestClient) -> None:
    data = public_client.get("/api/v1/search", params={"q": "推进", "facets": "true"}).json()
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert sum(kinds.values()) == data["total"]
    kind, count = next(iter(kinds.items()))
    narrowed = public_client.get("/api/v1/search", params={"q": "推进", "kind": kind}).json()
    assert narrowed["total"] == count


def test_participants_of_results(public_client: TestClient, site: Site) -> None:
    data = public_client.get("/api/v1/search", params={"q": "会议", "participants": "true"}).json()
    with KnowledgeBase(site.db) as kb:
        present = {row["name"] for row in kb.participants() if row["present"]}
    names = {p["name"] for p in data["participants"]}
    assert names and names <= present


def test_document_is_what_show_json_gives(public_client: TestClient, site: Site) -> None:
    with KnowledgeBase(site.db) as kb:
        doc = kb.document(site.doc_ids[0])
    data = public_client.get(f"/api/v1/documents/{site.doc_ids[0]}").json()
    expected = reading(doc)
    for key in ("title", "kind", "participants", "outline", "paragraphs", "guesses"):
        assert data[key] == expected[key], key
    assert len(data["edits"]) == len(doc.edits)


def test_errors_are_json_with_a_message(public_client: TestClient) -> None:
    for url, status in (
        ("/api/v1/search?q=(", 400),
        ("/api/v1/search?q=x&from=yesterday", 400),
        ("/api/v1/documents/nope", 404),
        ("/api/v1/people/nobody-at-all", 404),
        ("/api/v1/timeline", 422),
        ("/api/v1/search?q=x&page=0", 422),
        ("/api/v1/compare?side=only-one-side", 400),
        ("/api/v1/nothing-here", 404),
    ):
        answer = public_client.get(url)
        assert answer.status_code == status, url
        assert answer.headers["content-type"].startswith("application/json"), url
        body = answer.json()
        assert body["status"] == status and body["error"], url


def test_timeline_several_terms_month_and_year(public_client: TestClient) -> None:
    data = public_client.get(
        "/api/v1/timeline", params={"terms": "乡村振兴,全国统一大市场", "by": "year"}
    ).json()
    wanted = [canonical_term("乡村振兴"), canonical_term("全国统一大市场")]
    assert [s["term"] for s in data["series"]] == wanted
    assert all(len(s["values"]) == len(data["axis"]) for s in data["series"])
    per = public_client.get("/api/v1/timeline", params={"terms": "乡村振兴", "per": "1000"}).json()
    assert all(0 <= v <= 1000 for v in per["series"][0]["values"])


def test_compare_two_documents(public_client: TestClient, site: Site) -> None:
    a, b = site.doc_ids[:2]
    data = public_client.get("/api/v1/compare", params={"side": [a, b]}).json()
    assert len(data["sides"]) == 2
    assert {s["documents"] for s in data["sides"]} == {1}


def test_people_and_formulations(public_client: TestClient) -> None:
    people = public_client.get("/api/v1/people").json()
    assert people["total"] == len(people["results"])
    formulations = public_client.get("/api/v1/formulations").json()
    assert any(row["term"] == canonical_term("乡村振兴") for row in formulations["results"])


def test_downloads_hold_every_result(public_client: TestClient) -> None:
    total = public_client.get("/api/v1/search", params={"q": "推进"}).json()["total"]
    text = public_client.get("/search.csv", params={"q": "推进"}).text.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == total
    xlsx = public_client.get("/search.xlsx", params={"q": "推进"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == total + 1


def test_openapi_describes_the_api(public_client: TestClient) -> None:
    spec = public_client.get("/api/openapi.json").json()
    assert "/api/v1/search" in spec["paths"] and "/api/v1/documents/{doc_id}" in spec["paths"]
    page = public_client.get("/api/docs")
    assert page.status_code == 200 and "/api/v1/search" in page.text
