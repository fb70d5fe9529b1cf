"""The JSON API under /api/v1/, mirroring the pages (OpenAPI description at /api/docs).

Every error is JSON: {"error": "what is wrong", "status": N} with the status code N.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from zhengce.web import service
from zhengce.web.context import Context, context
from zhengce.web.pages import SearchParams

router = APIRouter(prefix="/api/v1", tags=["knowledge base"])
Ctx = Annotated[Context, Depends(context)]


@router.get("/search", summary="Full-text search with filters and facets")
def search(
    ctx: Ctx, query: SearchParams, facets: bool = False, participants: bool = False
) -> dict[str, Any]:
    """`{"results": [...], "total": N, ...}`; snippets mark matches with « ».

    `facets=true` adds the counts per year, type, place, region, person, speaker, theme and
    formulation; `participants=true` everyone present at the matching documents' events."""
    ctx.require_reader()
    result = service.search(
        ctx.kb, query, with_facets=facets, marks=service.API_MARKS, cache=ctx.cache
    )
    data = result.to_json()
    if participants:
        data["participants"] = service.participants_of(ctx.kb, result, ctx.cache)
    return data


@router.get("/documents/{doc_id}", summary="A document as `zhengce show --json` gives it")
def document(ctx: Ctx, doc_id: str) -> dict[str, Any]:
    ctx.require_reader()
    return service.document_json(ctx.kb, doc_id)


@router.get("/documents", summary="Documents, by date, paginated")
def documents(
    ctx: Ctx,
    kind: str | None = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=service.MAX_PER_PAGE)] = service.PER_PAGE,
) -> dict[str, Any]:
    ctx.require_reader()
    found = ctx.kb.documents(kind=kind, date_from=date_from, date_to=date_to)
    start = (page - 1) * per_page
    return {
        "total": len(found),
        "page": page,
        "results": found.rows[start : start + per_page],
    }


@router.get("/people", summary="People with their number of events")
def people(
    ctx: Ctx,
    name: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> dict[str, Any]:
    ctx.require_reader()
    rows = service.people(ctx.kb, name, limit=limit)
    return {"total": len(rows), "results": rows}


@router.get("/people/{name}", summary="Positions over time and events attended")
def person(ctx: Ctx, name: str) -> dict[str, Any]:
    ctx.require_reader()
    return service.person(ctx.kb, name)


@router.get("/formulations", summary="Formulations (提法): first seen, documents, mentions")
def formulations(
    ctx: Ctx,
    discovered: bool = False,
    limit: Annotated[int, Query(ge=1, le=5000)] = 300,
) -> dict[str, Any]:
    ctx.require_reader()
    rows = service.formulations(ctx.kb, discovered=discovered, limit=limit)
    return {"total": len(rows), "results": rows}


@router.get("/timeline", summary="Documents mentioning each term per month or year")
def timeline(
    ctx: Ctx,
    terms: Annotated[str, Query(min_length=1, description="comma-separated terms")],
    by: str = "month",
    per: Annotated[str, Query(description="raw or 1000 (per 1,000 documents)")] = "raw",
) -> dict[str, Any]:
    ctx.require_reader()
    wanted = service.split_terms(terms)
    if not wanted:
        raise service.BadRequest("terms: give at least one term")
    return service.timelines(ctx.kb, wanted, by=by, per=per, cache=ctx.cache)


@router.get("/compare", summary="Documents or groups side by side")
def compare(
    ctx: Ctx,
    side: Annotated[
        list[str], Query(description="a document id or LABEL:place=…,from=…,to=…,kind=…,title=…")
    ],
) -> dict[str, Any]:
    ctx.require_reader()
    return service.compare(ctx.kb, side)


@router.get("/summary", summary="What the knowledge base holds")
def summary(ctx: Ctx) -> dict[str, Any]:
    ctx.require_reader()
    return service.home(ctx.kb, ctx.cache)
