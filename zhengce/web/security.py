"""Sessions and CSRF tokens of the web application.

A session is a signed cookie (itsdangerous, HMAC-SHA1 keyed by the server's secret) holding the
user's name and a CSRF token; it is HttpOnly, SameSite=Lax, and Secure when the request came over
https.  Every write (a POST form or an API call that changes something) must send the session's
token back, in the form field `csrf` or the header `X-CSRF-Token`; a cross-site page can neither
read the cookie nor the token.  Sessions expire after SESSION_SECONDS.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "zhengce_session"
SESSION_SECONDS = 8 * 3600
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"

# Pages load nothing from another host, run no inline script and are never framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class CsrfError(PermissionError):
    """A write without the session's CSRF token."""


class Sessions:
    def __init__(self, secret: str) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="zhengce-session")

    def load(self, request: Request) -> dict[str, Any]:
        """The request's session, or a new one (with a fresh CSRF token)."""
        cookie = request.cookies.get(COOKIE)
        if cookie:
            try:
                data = self.serializer.loads(cookie, max_age=SESSION_SECONDS)
            except BadSignature:
                data = None
            if isinstance(data, dict) and isinstance(data.get("csrf"), str):
                return {"user": data.get("user"), "csrf": data["csrf"], "new": False}
        return {"user": None, "csrf": secrets.token_urlsafe(32), "new": True}

    def save(self, request: Request, response: Response, session: dict[str, Any]) -> None:
        value = self.serializer.dumps({"user": session.get("user"), "csrf": session["csrf"]})
        response.set_cookie(
            COOKIE,
            value,
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )


def check_csrf(session: dict[str, Any], sent: str | None) -> None:
    """Raise CsrfError unless `sent` is this session's token (compared in constant time)."""
    if session.get("new") or not sent or not hmac.compare_digest(sent, session["csrf"]):
        raise CsrfError("the form's security token is missing or stale: reload the page")
