"""The HTML pages (Jinja2, autoescaped): search, document, people, formulations, timeline,
compare, login.  Each reads through `zhengce.web.service`, as the JSON API does."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from zhengce.search.regions import region_presets
from zhengce.tracker.accounts import Actor
from zhengce.tracker.accounts import authenticate as check_password
from zhengce.web import i18n, service, tracker_pages
from zhengce.web.context import Context, context, query_link, render

router = APIRouter(include_in_schema=False)
Ctx = Annotated[Context, Depends(context)]


def search_query(
    q: str = "",
    year: str | None = None,
    kind: str | None = None,
    place: str | None = None,
    region: str | None = None,
    person: str | None = None,
    speaker: str | None = None,
    theme: str | None = None,
    formulation: str | None = None,
    date_from: Annotated[str | None, Query(alias="from")] = None,
    date_to: Annotated[str | None, Query(alias="to")] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=service.MAX_PER_PAGE)] = service.PER_PAGE,
) -> service.SearchQuery:
    """The search parameters shared by the page, the downloads and the API."""
    return service.SearchQuery(
        q,
        year,
        date_from,
        date_to,
        kind,
        place,
        region,
        person,
        speaker,
        theme,
        formulation,
        page,
        per_page,
    )


SearchParams = Annotated[service.SearchQuery, Depends(search_query)]


@router.get("/", response_class=HTMLResponse)
def home(ctx: Ctx) -> Response:
    ctx.require_reader()
    return render(ctx, "home.html", title=ctx.t("app"), summary=service.home(ctx.kb, ctx.cache))


@router.get("/search", response_class=HTMLResponse)
def search(ctx: Ctx, query: SearchParams) -> Response:
    ctx.require_reader()
    result = service.search(ctx.kb, query, cache=ctx.cache)
    participants = (
        service.participants_of(ctx.kb, result, ctx.cache)
        if ctx.request.query_params.get("participants")
        else None
    )
    params = {k: v for k, v in ctx.request.query_params.items() if k != "participants"}
    return render(
        ctx,
        "search.html",
        title=f"{query.q} · {ctx.t('search')}" if query.q else ctx.t("search"),
        result=result,
        query=query,
        sparams=params,
        participants=participants,
        regions=list(region_presets()),
    )


@router.get("/search.csv")
def search_csv(ctx: Ctx, query: SearchParams) -> Response:
    ctx.require_reader()
    body = service.results_csv(service.all_results(ctx.kb, query, ctx.cache))
    return Response(
        "\ufeff" + body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="results.csv"'},
    )


@router.get("/search.xlsx")
def search_xlsx(ctx: Ctx, query: SearchParams) -> Response:
    ctx.require_reader()
    body = service.results_xlsx(service.all_results(ctx.kb, query, ctx.cache))
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="results.xlsx"'},
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(ctx: Ctx, doc_id: str) -> Response:
    ctx.require_reader()
    view = service.document_view(ctx.kb, doc_id)
    title = view["data"]["title"] or view["doc"].source
    return render(ctx, "document.html", title=title, tasks=document_tasks(ctx, doc_id), **view)


def document_tasks(ctx: Context, doc_id: str) -> list[dict[str, Any]]:
    """The tracker's tasks made from this document that the user may see (none without one)."""
    return tracker_pages.tasks_of_document(ctx, doc_id)


@router.get("/documents/{doc_id}/edits", response_class=HTMLResponse)
def edits(ctx: Ctx, doc_id: str) -> Response:
    ctx.require_reader()
    doc = service.load(ctx.kb, doc_id)
    data = service.document_json(ctx.kb, doc_id, doc)
    return render(ctx, "edits.html", title=data["title"] or doc.source, doc=doc, data=data)


@router.get("/people", response_class=HTMLResponse)
def people(ctx: Ctx, name: str | None = None) -> Response:
    ctx.require_reader()
    return render(
        ctx,
        "people.html",
        title=ctx.t("people"),
        rows=service.people(ctx.kb, name),
        name=name or "",
    )


@router.get("/people/{name}", response_class=HTMLResponse)
def person(ctx: Ctx, name: str) -> Response:
    ctx.require_reader()
    return render(ctx, "person.html", title=name, person=service.person(ctx.kb, name))


@router.get("/formulations", response_class=HTMLResponse)
def formulations(ctx: Ctx, discovered: bool = False) -> Response:
    ctx.require_reader()
    rows = service.formulations(ctx.kb, discovered=discovered)
    return render(
        ctx, "formulations.html", title=ctx.t("formulations"), rows=rows, discovered=discovered
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(ctx: Ctx, terms: str = "", by: str = "month", per: str = "raw") -> Response:
    ctx.require_reader()
    wanted = service.split_terms(terms)
    chart = service.timelines(ctx.kb, wanted, by=by, per=per, cache=ctx.cache) if wanted else None
    return render(
        ctx, "timeline.html", title=ctx.t("timeline"), terms=terms, by=by, per=per, chart=chart
    )


@router.get("/compare", response_class=HTMLResponse)
def compare(
    ctx: Ctx, side: Annotated[list[str] | None, Query()] = None, sides: str = ""
) -> Response:
    ctx.require_reader()
    wanted = [s.strip() for s in (side or []) + sides.splitlines() if s.strip()]
    result = service.compare(ctx.kb, wanted) if wanted else None
    names = {t: i18n.theme_label(ctx.lang, t) for t in (result or {}).get("themes", [])}
    return render(
        ctx,
        "compare.html",
        title=ctx.t("compare"),
        sides="\n".join(wanted),
        result=result,
        presets=service.compare_presets(),
        theme_names=names,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(ctx: Ctx, next: str = "/") -> Response:
    return render(ctx, "login.html", title=ctx.t("login"), next=safe_next(next), failed=False)


@router.post("/login", response_class=HTMLResponse)
def login(
    ctx: Ctx,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    ctx.check_csrf(csrf)
    actor = authenticate(ctx, username, password)
    if actor is None:
        return render(
            ctx, "login.html", 401, title=ctx.t("login"), next=safe_next(next), failed=True
        )
    ctx.session.update(user=actor.name, dirty=True, csrf=_fresh_token())
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(ctx: Ctx, csrf: Annotated[str, Form()] = "") -> Response:
    ctx.check_csrf(csrf)
    ctx.session.update(user=None, dirty=True, csrf=_fresh_token())
    return RedirectResponse("/login", status_code=303)


def _fresh_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


def authenticate(ctx: Context, name: str, password: str) -> Actor | None:
    return check_password(ctx.tracker.conn, name, password)


def safe_next(target: str) -> str:
    """Only a path of this site (never //host or a scheme) is followed after logging in."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(ctx: Ctx) -> Response:
    """The OpenAPI description as a page (no script, nothing from another host)."""
    spec = ctx.request.app.openapi()
    return render(
        ctx,
        "api_docs.html",
        title=ctx.t("api_docs"),
        spec=spec,
        link=query_link("/api/openapi.json", {}),
    )
