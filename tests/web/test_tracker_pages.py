"""The tracker's pages and API: a board, a unit's page, a task's page, workflow forms and
downloads; every write checks CSRF, role and unit (a unit never sees another's tasks)."""

from __future__ import annotations

import io
import re
import zipfile

from fastapi.testclient import TestClient

from tests.web.conftest import USERS, Site, csrf_of, log_in


def test_the_tracker_needs_an_account_even_when_public(public_client: TestClient) -> None:
    answer = public_client.get("/tasks", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert public_client.get("/api/v1/tasks").status_code == 401


def test_supervisor_board_has_every_task(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "sup")
    page = public_client.get("/tasks").text
    assert f'href="/tasks/{site.alice_task}"' in page and f'href="/tasks/{site.bob_task}"' in page
    assert 'data-state="待签收"' in page
    data = public_client.get("/api/v1/tasks").json()
    assert data["total"] == len(data["results"]) >= 2


def test_a_unit_sees_only_its_own_tasks(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "alice")
    tasks = public_client.get("/api/v1/tasks").json()["results"]
    assert {t["id"] for t in tasks} == {site.alice_task}
    assert public_client.get(f"/tasks/{site.bob_task}").status_code == 404
    assert public_client.get(f"/api/v1/tasks/{site.bob_task}").status_code == 404
    other = USERS["bob"][1]
    assert public_client.get(f"/api/v1/units/{other}").status_code == 403


def test_a_unit_cannot_change_another_units_task(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "alice")
    token = csrf_of(public_client, f"/tasks/{site.alice_task}")
    answer = public_client.post(
        f"/tasks/{site.bob_task}/advance", data={"action": "sign", "csrf": token}
    )
    assert answer.status_code == 404
    log_in(public_client, "sup")
    task = public_client.get(f"/api/v1/tasks/{site.bob_task}").json()
    assert task["state"] == "待签收" and not task["events"][1:]


def test_sign_report_and_close_through_the_forms(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "alice")
    page = public_client.get(f"/tasks/{site.alice_task}").text
    assert 'data-action="sign"' in page and 'id="task-source"' in page
    token = csrf_of(public_client, f"/tasks/{site.alice_task}")
    for action in ("sign", "start"):
        answer = public_client.post(
            f"/tasks/{site.alice_task}/advance", data={"action": action, "csrf": token}
        )
        assert answer.status_code == 200, answer.text  # the redirect to the task page, followed
    answer = public_client.post(
        f"/tasks/{site.alice_task}/report",
        data={"text": "已完成物流网点整合", "csrf": token},
        files={"files": ("证明.txt", b"evidence file", "text/plain")},
    )
    assert answer.status_code == 200 and "已完成物流网点整合" in answer.text
    public_client.post(
        f"/tasks/{site.alice_task}/advance", data={"action": "request_close", "csrf": token}
    )
    # The unit only asks; the supervising office closes.
    assert 'data-action="close"' not in public_client.get(f"/tasks/{site.alice_task}").text
    log_in(public_client, "sup")
    token = csrf_of(public_client, f"/tasks/{site.alice_task}")
    public_client.post(f"/tasks/{site.alice_task}/advance", data={"action": "close", "csrf": token})
    task = public_client.get(f"/api/v1/tasks/{site.alice_task}").json()
    assert task["state"] == "已销号"
    actions = [e["action"] for e in task["events"]]
    assert actions[-1] == "close" and "report" in actions
    assert task["evidence"] and task["evidence"][0]["file_name"] == "证明.txt"


def test_a_form_without_the_csrf_token_changes_nothing(
    public_client: TestClient, site: Site
) -> None:
    log_in(public_client, "bob")
    answer = public_client.post(f"/tasks/{site.bob_task}/advance", data={"action": "sign"})
    assert answer.status_code == 403
    assert public_client.get(f"/api/v1/tasks/{site.bob_task}").json()["state"] == "待签收"


def test_a_reader_gets_no_forms_and_cannot_post(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "reader")
    page = public_client.get(f"/tasks/{site.bob_task}").text
    assert "step-form" not in page
    token = csrf_of(public_client, "/")
    answer = public_client.post(
        f"/tasks/{site.bob_task}/advance", data={"action": "sign", "csrf": token}
    )
    assert answer.status_code == 403


def test_api_write_needs_the_header_token(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "bob")
    url = f"/api/v1/tasks/{site.bob_task}/advance"
    refused = public_client.post(url, json={"action": "sign"})
    assert refused.status_code == 403 and refused.json()["error"]
    token = public_client.get("/api/v1/session").json()["csrf"]
    done = public_client.post(url, json={"action": "sign"}, headers={"X-CSRF-Token": token})
    assert done.status_code == 200, done.text
    wrong = public_client.post(url, json={"action": "fly"}, headers={"X-CSRF-Token": token})
    assert wrong.status_code == 400 and wrong.json()["error"]


def test_unit_page_and_downloads(public_client: TestClient, site: Site) -> None:
    log_in(public_client, "sup")
    unit = USERS["alice"][1]
    data = public_client.get(f"/api/v1/units/{unit}").json()
    assert [t["id"] for t in data["tasks"]] == [site.alice_task]
    page = public_client.get(f"/units/{unit}").text
    assert 'id="unit-figures"' in page
    ledger = public_client.get("/tasks.xlsx")
    assert ledger.status_code == 200 and zipfile.is_zipfile(io.BytesIO(ledger.content))
    report = public_client.get("/tasks/report.docx")
    assert report.status_code == 200 and zipfile.is_zipfile(io.BytesIO(report.content))


def test_document_page_lists_its_tasks(public_client: TestClient, site: Site) -> None:
    assert 'id="doc-tasks"' not in public_client.get(f"/documents/{site.plan_doc}").text
    log_in(public_client, "sup")
    page = public_client.get(f"/documents/{site.plan_doc}").text
    assert re.search(rf'id="doc-tasks">.*href="/tasks/{site.bob_task}"', page, re.S)
