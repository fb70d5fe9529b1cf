"""Log in and out: sessions are signed HttpOnly SameSite cookies, every write needs the CSRF
token, and without --public the knowledge base needs an account."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, Site, csrf_of, log_in
from zhengce.web.app import create_app


def test_without_public_pages_ask_for_a_login(private_client: TestClient) -> None:
    answer = private_client.get("/search?q=推进", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")
    api = private_client.get("/api/v1/search?q=推进")
    assert api.status_code == 401 and api.json()["error"]


def test_login_opens_the_knowledge_base(private_client: TestClient) -> None:
    log_in(private_client, "reader")
    assert private_client.get("/api/v1/search?q=推进").status_code == 200
    page = private_client.get("/")
    assert "reader · reader" in page.text


def test_session_cookie_is_httponly_and_samesite(private_client: TestClient) -> None:
    token = csrf_of(private_client, "/login")
    answer = private_client.post(
        "/login",
        data={"username": "sup", "password": PASSWORD, "csrf": token},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http here; https sets Secure


def test_secure_cookie_over_https(site: Site) -> None:
    with TestClient(create_app(site.db, secret="s"), base_url="https://testserver") as client:
        cookie = client.get("/login").headers["set-cookie"]
    assert "Secure" in cookie


def test_wrong_password_is_refused(private_client: TestClient) -> None:
    token = csrf_of(private_client, "/login")
    answer = private_client.post(
        "/login", data={"username": "sup", "password": "wrong-password", "csrf": token}
    )
    assert answer.status_code == 401 and 'id="login-error"' in answer.text
    assert private_client.get("/api/v1/search?q=推进").status_code == 401


def test_a_write_without_the_csrf_token_is_refused(private_client: TestClient) -> None:
    private_client.get("/login")
    answer = private_client.post("/login", data={"username": "sup", "password": PASSWORD})
    assert answer.status_code == 403
    stale = private_client.post(
        "/login", data={"username": "sup", "password": PASSWORD, "csrf": "forged"}
    )
    assert stale.status_code == 403
    assert private_client.get("/api/v1/search?q=推进").status_code == 401


def test_a_forged_session_cookie_is_ignored(private_client: TestClient) -> None:
    private_client.cookies.set("zhengce_session", "eyJ1c2VyIjoic3VwIn0.forged.sig")
    assert private_client.get("/api/v1/search?q=推进").status_code == 401


def test_logout_ends_the_session(private_client: TestClient) -> None:
    log_in(private_client, "reader")
    token = csrf_of(private_client, "/")
    private_client.post("/logout", data={"csrf": token})
    assert private_client.get("/api/v1/search?q=推进").status_code == 401
