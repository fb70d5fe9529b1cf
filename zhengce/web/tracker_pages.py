"""The tracker's pages and API: the task board, a unit's page, a task's page, the workflow
forms and the downloads (台账 xlsx, 督查通报 docx, 督办单 docx).

Everything goes through the tracker's own API (`zhengce.tracker.service.Tracker`), which checks
the user's role and unit on every call: a unit's user sees and changes only its own unit's
tasks, and a task of another unit answers 404 as a missing one does.  Every write is a POST
with the session's CSRF token.  The tracker needs an account even when the knowledge base is
public.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from zhengce.tracker import rules
from zhengce.tracker.accounts import Actor
from zhengce.tracker.service import Forbidden as TrackerForbidden
from zhengce.tracker.service import NotFound as TrackerNotFound
from zhengce.tracker.service import Tracker, TrackerError
from zhengce.web.context import Context, Forbidden, context, render
from zhengce.web.service import BadRequest, NotFound

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["tracker"])
Ctx = Annotated[Context, Depends(context)]
CONTEXT_CHARS = 120  # characters of the document shown on each side of a task's sentence
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@contextmanager
def tracker(ctx: Context) -> Iterator[tuple[Tracker, Actor]]:
    """The tracker over this thread's connection, for the logged-in user; its errors become
    403 / 404 / 400 answers."""
    user = ctx.require_user()
    try:
        yield ctx.tracker, user
    except TrackerForbidden as exc:
        raise Forbidden(str(exc)) from None
    except TrackerNotFound as exc:
        raise NotFound(str(exc)) from None
    except TrackerError as exc:
        raise BadRequest(str(exc)) from None


def actions_for(user: Actor, task: dict[str, Any]) -> list[rules.Transition]:
    """The workflow steps this user's role may take on the task in its state (the tracker
    checks again, with the unit, when one is submitted)."""
    found = []
    for transition in rules.TRANSITIONS.values():
        if transition.role != user.role or task["state"] not in transition.from_states:
            continue
        if (
            transition.role == "unit"
            and transition.lead_only
            and user.unit not in task.get("lead_units", [])
        ):
            continue
        found.append(transition)
    return found


def tasks_of_document(ctx: Context, doc_id: str) -> list[dict[str, Any]]:
    """Tasks of the plans drafted from this document that the user may see (none logged out)."""
    if ctx.user is None:
        return []
    with tracker(ctx) as (tr, user):
        plans = [p for p in tr.plans(user) if p["doc_id"] == doc_id]
        return [task for plan in plans for task in tr.list_tasks(user, plan=plan["id"])]


def board_data(ctx: Context, unit: str | None, state: str | None, light: str | None) -> Any:
    with tracker(ctx) as (tr, user):
        tasks = tr.list_tasks(user, unit=unit or None, state=state or None, light=light or None)
        summary = tr.summary(user)
    columns: dict[str, list[dict[str, Any]]] = {s: [] for s in rules.STATES}
    for task in tasks:
        columns.setdefault(task["state"], []).append(task)
    return tasks, columns, summary


def unit_data(ctx: Context, name: str) -> dict[str, Any]:
    with tracker(ctx) as (tr, user):
        tasks = tr.list_tasks(user, unit=name)
        lights = {row["id"]: row for row in tr.lights(user)}
    rows = [{**task, "days_left": lights.get(task["id"], {}).get("days_left")} for task in tasks]
    overdue = [r for r in rows if (r["days_left"] or 0) < 0 and r["state"] != rules.CLOSED]
    closed = sum(1 for r in rows if r["state"] == rules.CLOSED)
    return {
        "unit": name,
        "tasks": rows,
        "overdue": overdue,
        "closed": closed,
        # Share of the unit's tasks that are not past their deadline (closed ones count as kept).
        "on_time_rate": round(1 - len(overdue) / len(rows), 3) if rows else None,
    }


def task_data(ctx: Context, task_id: int) -> dict[str, Any]:
    with tracker(ctx) as (tr, user):
        task = tr.get_task(user, task_id)
    task["context"] = source_context(ctx, task.get("source") or {})
    task["actions"] = [
        {"action": t.action, "label": t.label, "needs_note": t.needs_note}
        for t in actions_for(user, task)
    ]
    task["can_report"] = user.role == "unit" and task["state"] in rules.REPORT_STATES
    return task


def source_context(ctx: Context, source: dict[str, Any]) -> dict[str, Any] | None:
    """The task's sentence with the text around it, from its document in the knowledge base."""
    doc_id, start, end = source.get("doc_id"), source.get("start"), source.get("end")
    if not doc_id or start is None or end is None:
        return None
    try:
        doc = ctx.kb.document(doc_id)
    except KeyError:
        return None
    text = doc.text
    return {
        "doc_id": doc_id,
        "title": doc.metadata.get("title") or doc.source,
        "before": text[max(0, start - CONTEXT_CHARS) : start],
        "sentence": text[start:end],
        "after": text[end : end + CONTEXT_CHARS],
    }


# Pages ----------------------------------------------------------------------------------------


@router.get("/tasks", response_class=HTMLResponse)
def board(ctx: Ctx, unit: str = "", state: str = "", light: str = "") -> Response:
    tasks, columns, summary = board_data(ctx, unit, state, light)
    return render(
        ctx,
        "tasks.html",
        title=ctx.t("tasks"),
        tasks=tasks,
        columns=columns,
        summary=summary,
        filters={"unit": unit, "state": state, "light": light},
    )


@router.get("/units/{name}", response_class=HTMLResponse)
def unit_page(ctx: Ctx, name: str) -> Response:
    return render(ctx, "unit.html", title=name, **unit_data(ctx, name))


@router.get("/tasks/{task_id:int}", response_class=HTMLResponse)
def task_page(ctx: Ctx, task_id: int) -> Response:
    task = task_data(ctx, task_id)
    return render(ctx, "task.html", title=task["title"] or f"#{task_id}", task=task)


@router.post("/tasks/{task_id:int}/advance")
def advance_form(
    ctx: Ctx,
    task_id: int,
    action: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    new_deadline: Annotated[str, Form()] = "",
) -> Response:
    ctx.check_csrf(csrf)
    with tracker(ctx) as (tr, user):
        tr.advance(user, task_id, action, note, new_deadline=new_deadline or None)
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id:int}/report")
async def report_form(
    ctx: Ctx,
    task_id: int,
    text: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    ctx.check_csrf(csrf)
    number = None
    if value.strip():
        try:
            number = float(value)
        except ValueError:
            raise BadRequest(f"value {value!r} is not a number") from None
    with tempfile.TemporaryDirectory() as folder:
        paths: list[Path] = []
        for upload in files or []:
            if not upload.filename:
                continue
            path = Path(folder) / Path(upload.filename).name
            path.write_bytes(await upload.read())
            paths.append(path)
        with tracker(ctx) as (tr, user):
            tr.report(user, task_id, text, paths, value=number)
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id:int}/evidence/propose")
def propose_form(ctx: Ctx, task_id: int, csrf: Annotated[str, Form()] = "") -> Response:
    ctx.check_csrf(csrf)
    with tracker(ctx) as (tr, user):
        tr.propose_evidence(user, task_id, ctx.kb)
    return RedirectResponse(f"/tasks/{task_id}#evidence", status_code=303)


@router.post("/evidence/{evidence_id}/decide")
def decide_form(
    ctx: Ctx,
    evidence_id: int,
    accept: Annotated[str, Form()],
    task_id: Annotated[int, Form()],
    csrf: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    ctx.check_csrf(csrf)
    with tracker(ctx) as (tr, user):
        tr.decide_evidence(user, evidence_id, accept == "1", note)
    return RedirectResponse(f"/tasks/{task_id}#evidence", status_code=303)


def file_answer(write: Any, suffix: str, media: str, name: str) -> Response:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out{suffix}"
        write(path)
        body = path.read_bytes()
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/tasks.xlsx")
def ledger(ctx: Ctx, unit: str = "", state: str = "") -> Response:
    with tracker(ctx) as (tr, user):
        filters = {k: v for k, v in (("unit", unit), ("state", state)) if v}
        return file_answer(
            lambda p: tr.export_ledger(user, p, **filters), ".xlsx", XLSX, "ledger.xlsx"
        )


@router.get("/tasks/report.docx")
def supervision_report(ctx: Ctx) -> Response:
    with tracker(ctx) as (tr, user):
        return file_answer(
            lambda p: tr.supervision_report(user, p), ".docx", DOCX, "supervision-report.docx"
        )


@router.get("/tasks/{task_id:int}/notice.docx")
def notice(ctx: Ctx, task_id: int) -> Response:
    with tracker(ctx) as (tr, user):
        return file_answer(
            lambda p: tr.notice_docx(user, task_id, p), ".docx", DOCX, f"notice-{task_id}.docx"
        )


# JSON API -------------------------------------------------------------------------------------


class Step(BaseModel):
    action: str
    note: str = ""
    new_deadline: str | None = None


class Report(BaseModel):
    text: str
    value: float | None = None


class Decision(BaseModel):
    accept: bool
    note: str = ""


@api.get("/tasks", summary="Tasks the user may see, with state and light")
def api_tasks(ctx: Ctx, unit: str = "", state: str = "", light: str = "") -> dict[str, Any]:
    tasks, _columns, summary = board_data(ctx, unit, state, light)
    return {"total": len(tasks), "results": tasks.rows, "summary": summary}


@api.get("/tasks/{task_id:int}", summary="A task: source, events, reports, evidence, allowed steps")
def api_task(ctx: Ctx, task_id: int) -> dict[str, Any]:
    return task_data(ctx, task_id)


@api.get("/units/{name}", summary="A unit's tasks, overdue ones and share not overdue")
def api_unit(ctx: Ctx, name: str) -> dict[str, Any]:
    data = unit_data(ctx, name)
    data["tasks"] = list(data["tasks"])
    return data


@api.post("/tasks/{task_id:int}/advance", summary="A workflow step (needs the X-CSRF-Token header)")
def api_advance(ctx: Ctx, task_id: int, step: Step) -> dict[str, Any]:
    ctx.check_csrf(None)
    with tracker(ctx) as (tr, user):
        return tr.advance(user, task_id, step.action, step.note, new_deadline=step.new_deadline)


@api.post("/tasks/{task_id:int}/report", summary="A progress report (needs X-CSRF-Token)")
def api_report(ctx: Ctx, task_id: int, report: Report) -> dict[str, Any]:
    ctx.check_csrf(None)
    with tracker(ctx) as (tr, user):
        return tr.report(user, task_id, report.text, value=report.value)


@api.post("/tasks/{task_id:int}/evidence/propose", summary="Look for evidence in later documents")
def api_propose(ctx: Ctx, task_id: int) -> dict[str, Any]:
    ctx.check_csrf(None)
    with tracker(ctx) as (tr, user):
        return {"proposed": tr.propose_evidence(user, task_id, ctx.kb)}


@api.post("/evidence/{evidence_id}/decide", summary="Accept or reject proposed evidence")
def api_decide(ctx: Ctx, evidence_id: int, decision: Decision) -> dict[str, Any]:
    ctx.check_csrf(None)
    with tracker(ctx) as (tr, user):
        return tr.decide_evidence(user, evidence_id, decision.accept, decision.note)


@api.get("/session", summary="The logged-in user and the CSRF token for API writes")
def api_session(ctx: Ctx) -> dict[str, Any]:
    user = ctx.user
    return {
        "user": None if user is None else {"name": user.name, "role": user.role, "unit": user.unit},
        "csrf": ctx.session["csrf"],
    }
