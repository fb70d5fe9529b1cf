"""What every page and API handler is given: the request's Context, errors, links, rendering.

Kept apart from `zhengce.web.app` (which builds the application and registers the routers)
so that the routers import this module and the app imports the routers: one direction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from zhengce.api import KnowledgeBase
from zhengce.tracker.accounts import Actor, get_actor
from zhengce.tracker.service import Tracker
from zhengce.web import i18n
from zhengce.web.cache import Cache
from zhengce.web.security import check_csrf
from zhengce.web.service import MARKS

PACKAGE = resources.files("zhengce.web")


class LoginRequired(PermissionError):
    """A page of the knowledge base asked for without an account (and not --public)."""


class Forbidden(PermissionError):
    """The user's role or unit does not allow this."""


@dataclass(slots=True)
class Settings:
    db: Path
    public: bool = False
    secret: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class Databases:
    """One KnowledgeBase per worker thread (a sqlite3 connection is not shared across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        KnowledgeBase(path).close()  # fail at start, not at the first request

    def get(self) -> KnowledgeBase:
        kb: KnowledgeBase | None = getattr(self.local, "kb", None)
        if kb is None:
            kb = KnowledgeBase(self.path)
            self.local.kb = kb
        return kb

    def tracker(self) -> Tracker:
        """This thread's tracker (accounts, tasks), its tables brought up to date."""
        found: Tracker | None = getattr(self.local, "tracker", None)
        if found is None:
            found = Tracker(self.path)
            self.local.tracker = found
        return found


@dataclass(slots=True)
class Context:
    """What a request handler needs: the database, the session, the user and the language."""

    request: Request
    kb: KnowledgeBase
    session: dict[str, Any]
    lang: str
    settings: Settings

    @property
    def user(self) -> Actor | None:
        """The logged-in Actor (tracker accounts), or None."""
        return current_user(self.request)

    @property
    def cache(self) -> Cache:
        cache: Cache = self.request.app.state.cache
        return cache

    @property
    def tracker(self) -> Tracker:
        databases: Databases = self.request.app.state.databases
        return databases.tracker()

    def require_reader(self) -> None:
        if not self.settings.public and self.user is None:
            raise LoginRequired(i18n.label(self.lang, "login_needed"))

    def require_user(self) -> Actor:
        user = self.user
        if user is None:
            raise LoginRequired(i18n.label(self.lang, "login_needed"))
        return user

    def check_csrf(self, sent: str | None) -> None:
        check_csrf(self.session, sent or self.request.headers.get("x-csrf-token"))

    def t(self, key: str) -> str:
        return i18n.label(self.lang, key)


def current_user(request: Request) -> Actor | None:
    """The session's user, looked up once per request (None if logged out or deleted)."""
    if not hasattr(request.state, "user"):
        name = request.state.session.get("user")
        databases: Databases = request.app.state.databases
        request.state.user = get_actor(databases.tracker().conn, name) if name else None
    user: Actor | None = request.state.user
    return user


def marked(text: str | None) -> Markup:
    """A snippet escaped, with its match marks turned into <mark> elements."""
    safe = str(escape(text or ""))
    return Markup(safe.replace(MARKS[0], "<mark>").replace(MARKS[1], "</mark>"))


def query_link(path: str, params: dict[str, Any], **changes: Any) -> str:
    """`path?…` with `params` changed (None removes a parameter); values are URL-encoded."""
    merged = {**params, **changes}
    kept = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return path + ("?" + urlencode(kept) if kept else "")


def context(request: Request) -> Context:
    """FastAPI dependency: the request's Context."""
    app = request.app
    return Context(
        request,
        app.state.databases.get(),
        request.state.session,
        request.state.lang,
        app.state.settings,
    )


def render(ctx: Context, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    request = ctx.request
    page = request.app.state.page_context(request, **values)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, page, status_code=status
    )
    return response
