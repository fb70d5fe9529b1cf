"""The web application: `create_app(db)` gives the FastAPI app that `zhengce serve` runs.

Pages (server-rendered Jinja2, autoescaped) live in `zhengce.web.pages`, the JSON API under
`/api/v1/` in `zhengce.web.api`; both read through `zhengce.web.service`.  Every response
carries a Content-Security-Policy that allows nothing from another host.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from zhengce.store.schema import StoreError
from zhengce.web import api, i18n, pages, tracker_pages
from zhengce.web.cache import Cache
from zhengce.web.context import (
    PACKAGE,
    Databases,
    Forbidden,
    LoginRequired,
    Settings,
    current_user,
    marked,
    query_link,
)
from zhengce.web.security import CONTENT_SECURITY_POLICY, CsrfError, Sessions
from zhengce.web.service import BadRequest, NotFound


def create_app(db: str | Path, *, public: bool = False, secret: str | None = None) -> FastAPI:
    """The app over the knowledge base at `db` (read-only except the tracker's tables)."""
    settings = Settings(
        Path(db), public, secret or os.environ.get("ZHENGCE_SECRET") or secrets.token_hex(32)
    )
    databases = Databases(settings.db)
    sessions = Sessions(settings.secret)
    app = FastAPI(
        title="zhengce",
        description="政策知识库 JSON API: search, documents, people, formulations, timeline,"
        " compare and the tracker.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    env = templates.env
    env.globals.update(
        theme_label=i18n.theme_label, kind_label=i18n.kind_label, query_link=query_link
    )
    env.filters["marked"] = marked
    app.state.settings = settings
    app.state.databases = databases
    app.state.cache = Cache(settings.db)
    app.state.sessions = sessions
    app.state.templates = templates

    app.add_middleware(SessionHeaders, sessions=sessions)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    def error_response(request: Request, status: int, message: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return templates.TemplateResponse(
            request,
            "error.html",
            page_context(request, title=i18n.label(request.state.lang, "error"))
            | {"status": status, "message": message},
            status_code=status,
        )

    def page_context(request: Request, **values: Any) -> dict[str, Any]:
        lang = request.state.lang
        session = request.state.session
        return {
            "lang": lang,
            "t": lambda key: i18n.label(lang, key),
            "csrf": session["csrf"],
            "user": current_user(request),
            "public": settings.public,
            "path": request.url.path,
            "params": dict(request.query_params),
            **values,
        }

    app.state.page_context = page_context

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(CsrfError)
    async def csrf_error(request: Request, exc: CsrfError) -> Response:
        return error_response(request, 403, str(exc))

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return error_response(request, 403, str(exc))

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if is_api(request):
            return error_response(request, 401, str(exc))
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(query_link("/login", {"next": target}), status_code=303)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ()) if part != "query")
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(exc).__name__})")

    app.include_router(api.router)
    app.include_router(tracker_pages.api)
    app.include_router(pages.router)
    app.include_router(tracker_pages.router)
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    return app


class SessionHeaders:
    """ASGI middleware: loads the session and language into the request's state, and adds the
    session cookie (when new or changed), the language cookie and the security headers to
    every answer.  Plain ASGI (no BaseHTTPMiddleware), since it runs on every request."""

    def __init__(self, app: Any, sessions: Sessions) -> None:
        self.app = app
        self.sessions = sessions

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        session = self.sessions.load(request)
        request.state.session = session
        asked = request.query_params.get("lang")
        lang = asked or request.cookies.get("lang") or "zh"
        request.state.lang = lang if lang in i18n.LANGUAGES else "zh"

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = Response()
                if session["new"] or session.get("dirty"):
                    self.sessions.save(request, extra, session)
                if asked in i18n.LANGUAGES:
                    extra.set_cookie(
                        "lang", asked, max_age=365 * 86400, httponly=True, samesite="lax"
                    )
                headers = [(k, v) for k, v in extra.raw_headers if k == b"set-cookie"] + [
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    # Time from the request's arrival to its answer's start, in this process.
                    (
                        b"server-timing",
                        f"app;dur={1000 * (time.perf_counter() - started):.1f}".encode(),
                    ),
                ]
                message = {**message, "headers": [*message.get("headers", []), *headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def app_from_environment() -> FastAPI:
    """The app of one `zhengce serve --processes N` worker (settings passed in the environment)."""
    app = create_app(
        os.environ["ZHENGCE_WEB_DB"],
        public=bool(os.environ.get("ZHENGCE_WEB_PUBLIC")),
        secret=os.environ["ZHENGCE_SECRET"],
    )
    limit_threads(app, int(os.environ.get("ZHENGCE_WEB_THREADS") or 8))
    warm(app)
    return app


def limit_threads(app: FastAPI, threads: int) -> None:
    """At most `threads` requests run at once in this process (the others wait their turn):
    fewer threads than anyio's 40 means less time lost switching between CPU-bound ones."""

    async def set_limit() -> None:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads

    app.router.on_startup.append(set_limit)


def warm(app: FastAPI) -> None:
    """Read what every results page needs (the facet rows) before the first request."""
    from zhengce.web.service import facet_rows

    facet_rows(app.state.databases.get(), app.state.cache)
