"""The tracker's commands: `zhengce plan`, `zhengce tasks ...`, `zhengce users add`.

Every command that reads or writes tasks acts as a user (`--user NAME`; the password is asked,
or read from the first line of stdin with `--password-stdin`), so the CLI gets exactly the
rights the Python API gives that user.  Errors are one line on stderr and exit code 1.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DB = typer.Option("--db", help="SQLite file (the knowledge base; tracker tables live in it).")
USER = typer.Option("--user", "-u", help="Act as this user (password asked).")
PASSWORD_STDIN = typer.Option("--password-stdin", help="Read the password from stdin's first line.")
AS_JSON = typer.Option("--json", help="Print JSON.")

tasks_app = typer.Typer(no_args_is_help=True, help="Tracked tasks: list, report, advance, export.")
users_app = typer.Typer(no_args_is_help=True, help="Tracker accounts.")


@contextmanager
def _errors() -> Iterator[None]:
    """Expected failures as one line: the tracker's, the ledger's, the store's, a bad file."""
    from zhengce.ingest import IngestError
    from zhengce.store.schema import StoreError
    from zhengce.tracker.accounts import AccountError
    from zhengce.tracker.forms import FormError
    from zhengce.tracker.ledger import LedgerError
    from zhengce.tracker.service import TrackerError
    from zhengce.tracker.store import TrackerStoreError

    try:
        yield
    except LedgerError as exc:
        for problem in exc.problems:
            err.print(f"[red]error:[/red] {escape(problem)}")
        err.print(f"nothing imported ({len(exc.problems)} problem(s))")
        raise typer.Exit(1) from None
    except (
        TrackerError,
        AccountError,
        FormError,
        StoreError,
        TrackerStoreError,
        IngestError,
    ) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None


def _password(from_stdin: bool, *, confirm: bool = False) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("password", hide_input=True, confirmation_prompt=confirm)
    return value


def _tracker_and_actor(db: Path, user: str | None, password_stdin: bool) -> tuple[Any, Any]:
    from zhengce.tracker.accounts import authenticate
    from zhengce.tracker.service import Tracker, TrackerError

    if not user:
        raise TrackerError("say who you are: --user NAME (zhengce users add makes one)")
    if not db.exists():
        raise TrackerError(f"{db}: no such database")
    tracker = Tracker(db)
    actor = authenticate(tracker.conn, user, _password(password_stdin))
    if actor is None:
        raise TrackerError(f"user {user!r}: unknown user or wrong password")
    return tracker, actor


def _print_rows(rows: list[dict[str, Any]], columns: list[str], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    table = RichTable(show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(escape(_short(row.get(c))) for c in columns))
    out.print(table)


def _short(value: Any, width: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


# zhengce plan ----------------------------------------------------------------------------------


def plan_command(
    doc: Annotated[str, typer.Argument(help="A file, or a document id stored in --db.")],
    db: Annotated[Path | None, DB] = None,
    as_json: Annotated[bool, AS_JSON] = False,
    save: Annotated[bool, typer.Option("--save", help="Store the tasks (needs --user).")] = False,
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    cycle: Annotated[
        str, typer.Option("--cycle", help="Reporting cycle: none, monthly, quarterly.")
    ] = "monthly",
    report_day: Annotated[int, typer.Option("--report-day", help="每月N日前 report.")] = 28,
    region: Annotated[str | None, typer.Option("--region", help="The plan's province.")] = None,
    existing: Annotated[
        bool,
        typer.Option("--existing", help="The file is a 分工方案 already: read its tasks."),
    ] = False,
) -> None:
    """Draft a 分工方案 from a policy text: tasks, units, deadlines, indicators, quotes.

    With --existing (always for .xlsx) the file is read as a 分工方案 in bracket, key-value
    or table form.
    """
    from zhengce.tracker.forms import read_plan_file
    from zhengce.tracker.plan import plan_from_file, plan_from_stored

    with _errors():
        if Path(doc).exists() and (existing or Path(doc).suffix.lower() == ".xlsx"):
            drafted = read_plan_file(doc)
        elif Path(doc).exists():
            drafted = plan_from_file(doc)
        elif db is not None:
            from zhengce.api import KnowledgeBase

            with KnowledgeBase(db) as kb:
                try:
                    drafted = plan_from_stored(kb, doc)
                except KeyError:
                    from zhengce.tracker.service import TrackerError

                    raise TrackerError(f"{doc}: not a file, nor a document in {db}") from None
        else:
            from zhengce.ingest import IngestError

            raise IngestError(doc, "no such file (give --db to read a stored document)")
        if save:
            if db is None:
                from zhengce.tracker.service import TrackerError

                raise TrackerError("--save needs --db")
            tracker, actor = _tracker_and_actor(db, user, password_stdin)
            plan_id = tracker.save_plan(
                actor, drafted, cycle=cycle, cycle_day=report_day, region=region
            )
            err.print(f"saved plan {plan_id}: {len(drafted['tasks'])} tasks")
    if as_json:
        sys.stdout.write(json.dumps(drafted, ensure_ascii=False, indent=1) + "\n")
        return
    rows = [
        {
            "seq": t["seq"],
            "outline_path": t["outline_path"],
            "title": t["title"],
            "lead": "、".join(u["name"] for u in t["lead_units"]),
            "supporting": "、".join(u["name"] for u in t["supporting_units"]),
            "from": t["units_from"] + (" (guess)" if t["guess"] else ""),
            "deadline": t["deadline"]["date"] or t["deadline"]["kind"],
            "indicator": _indicator(t["indicator"]),
        }
        for t in drafted["tasks"]
    ]
    columns = [
        "seq",
        "outline_path",
        "title",
        "lead",
        "supporting",
        "from",
        "deadline",
        "indicator",
    ]
    _print_rows(rows, columns, False)


def _indicator(indicator: dict[str, Any] | None) -> str:
    if not indicator or indicator.get("value") is None:
        return ""
    value = f"{indicator['value']:g}"
    return f"{indicator['metric']} {value}{indicator['unit'] or ''}{indicator['comparator'] or ''}"


# zhengce users -----------------------------------------------------------------------------------


@users_app.command(name="add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="supervisor | unit | reader | admin")],
    unit: Annotated[str | None, typer.Option("--unit", help="The unit (role unit).")] = None,
    db: Annotated[Path, DB] = Path("zhengce.db"),
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Add a user; the password is asked twice (or read from stdin)."""
    from zhengce.tracker.accounts import add_user

    with _errors():
        password = _password(password_stdin, confirm=True)
        actor = add_user(db, name, password, role, unit)
    err.print(f"added {actor.name} ({actor.role}{', ' + actor.unit if actor.unit else ''})")


# zhengce tasks -----------------------------------------------------------------------------------


def _acting(db: Path, user: str | None, password_stdin: bool, work: Callable[..., Any]) -> Any:
    with _errors():
        tracker, actor = _tracker_and_actor(db, user, password_stdin)
        try:
            return work(tracker, actor)
        finally:
            tracker.close()


@tasks_app.command(name="list")
def tasks_list(
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    plan: Annotated[int | None, typer.Option("--plan")] = None,
    unit: Annotated[str | None, typer.Option("--unit")] = None,
    state: Annotated[str | None, typer.Option("--state")] = None,
    light: Annotated[str | None, typer.Option("--light", help="red | yellow | green")] = None,
    as_json: Annotated[bool, AS_JSON] = False,
) -> None:
    """The tasks you may see, with state and light."""

    def work(tracker: Any, actor: Any) -> None:
        rows = tracker.list_tasks(actor, plan=plan, unit=unit, state=state, light=light)
        columns = ["id", "number", "title", "lead_units", "deadline", "state", "light"]
        _print_rows(rows.rows, columns, as_json)

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="show")
def tasks_show(
    task_id: Annotated[int, typer.Argument()],
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    as_json: Annotated[bool, AS_JSON] = False,
) -> None:
    """One task: its source quote, units, deadline, reports, evidence and log."""

    def work(tracker: Any, actor: Any) -> None:
        task = tracker.get_task(actor, task_id)
        for item in task["evidence"]:
            item.pop("content", None)
        if as_json:
            sys.stdout.write(json.dumps(task, ensure_ascii=False, indent=1, default=str) + "\n")
            return
        out.print(f"[bold]{escape(task['number'])} {escape(task['title'])}[/bold]")
        out.print(escape(task["text"]))
        out.print(f"出处: {escape(task['source'].get('quote', ''))}")
        guess = " (建议, guess)" if task["guess"] else ""
        out.print(f"牵头: {escape('、'.join(task['lead_units']))}{guess}")
        out.print(f"配合: {escape('、'.join(task['supporting_units']))}")
        deadline = task["deadline"]
        out.print(f"时限: {escape(str(deadline['date'] or deadline['text'] or deadline['kind']))}")
        out.print(
            f"状态: {task['state']}  灯: {task['light']} {escape('；'.join(task['light_reasons']))}"
        )
        for rep in task["reports"]:
            out.print(f"  进展 {rep['at']} {escape(rep['actor'])}: {escape(rep['text'])}")
        for event in task["events"]:
            who, why = escape(event["actor"]), escape(event["reason"])
            out.print(f"  {event['at']} {who} {event['action']} {why}")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="report")
def tasks_report(
    task_id: Annotated[int, typer.Argument()],
    text: Annotated[str, typer.Argument(help="进展情况")],
    files: Annotated[list[Path] | None, typer.Option("--file", help="Evidence file.")] = None,
    value: Annotated[float | None, typer.Option("--value", help="Indicator value.")] = None,
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Report progress on a task of your unit (with evidence files, kept with their SHA-256)."""

    def work(tracker: Any, actor: Any) -> None:
        tracker.report(actor, task_id, text, files or [], value=value)
        err.print(f"task {task_id}: report recorded")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="advance")
def tasks_advance(
    task_id: Annotated[int, typer.Argument()],
    action: Annotated[str, typer.Argument(help="sign, start, request_close, close, return, ...")],
    note: Annotated[str, typer.Option("--note", help="Why (needed to return or refuse).")] = "",
    deadline: Annotated[str | None, typer.Option("--deadline", help="延期 to YYYY-MM-DD")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Proposed wording (申诉).")] = None,
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Move a task through the workflow (a forbidden step is refused and writes nothing)."""

    def work(tracker: Any, actor: Any) -> None:
        event = tracker.advance(actor, task_id, action, note, new_deadline=deadline, new_text=text)
        err.print(f"task {task_id}: {event['from_state']} → {event['to_state']}")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="evidence")
def tasks_evidence(
    task_id: Annotated[int, typer.Argument()],
    propose: Annotated[bool, typer.Option("--propose", help="Look in the knowledge base.")] = False,
    accept: Annotated[int | None, typer.Option("--accept", help="Accept evidence ID.")] = None,
    reject: Annotated[int | None, typer.Option("--reject", help="Reject evidence ID.")] = None,
    note: Annotated[str, typer.Option("--note")] = "",
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    as_json: Annotated[bool, AS_JSON] = False,
) -> None:
    """Evidence of a task: propose from later documents, accept or reject, or list."""

    def work(tracker: Any, actor: Any) -> None:
        if propose:
            from zhengce.api import KnowledgeBase

            with KnowledgeBase(db) as kb:
                tracker.propose_evidence(actor, task_id, kb)
        if accept is not None:
            tracker.decide_evidence(actor, accept, True, note)
        if reject is not None:
            tracker.decide_evidence(actor, reject, False, note)
        rows = tracker.get_task(actor, task_id)["evidence"]
        for row in rows:
            row.pop("content", None)
        _print_rows(
            rows, ["id", "kind", "status", "score", "doc_id", "file_name", "quote"], as_json
        )

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="lights")
def tasks_lights(
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    notices: Annotated[
        Path | None, typer.Option("--notices", help="Write each 催办单/督办单 (.docx) here.")
    ] = None,
    as_json: Annotated[bool, AS_JSON] = False,
) -> None:
    """Red / yellow / green for every task you may see (rules: data/tracker_lights.tsv)."""

    def work(tracker: Any, actor: Any) -> None:
        rows = tracker.lights(actor)
        _print_rows(rows.rows, rows.columns, as_json)
        if notices is not None:
            notices.mkdir(parents=True, exist_ok=True)
            for row in tracker.notices(actor):
                path = notices / f"{row['notice']}_{row['id']}.docx"
                tracker.notice_docx(actor, row["id"], path)
                err.print(f"wrote {path}")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="export")
def tasks_export(
    target: Annotated[Path, typer.Argument(help=".xlsx 台账, .docx 督查通报, .csv or .json")],
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    plan: Annotated[int | None, typer.Option("--plan")] = None,
) -> None:
    """Write the tasks you may see: the Excel 台账, the Word 督查通报, CSV or JSON."""

    def work(tracker: Any, actor: Any) -> None:
        suffix = target.suffix.lower()
        if suffix == ".xlsx":
            count = tracker.export_ledger(actor, target, plan=plan)
        elif suffix == ".docx":
            count = tracker.supervision_report(actor, target)["tasks"]
        elif suffix in (".csv", ".json"):
            rows = tracker.list_tasks(actor, plan=plan)
            count = len(rows)
            if suffix == ".json":
                target.write_text(json.dumps(rows.rows, ensure_ascii=False, indent=1), "utf-8")
            else:
                buffer = io.StringIO()
                writer = csv.DictWriter(buffer, fieldnames=rows.columns)
                writer.writeheader()
                writer.writerows(rows.rows)
                target.write_text(buffer.getvalue(), "utf-8-sig")
        else:
            from zhengce.tracker.service import TrackerError

            raise TrackerError(f"{target}: write .xlsx, .docx, .csv or .json")
        err.print(f"wrote {target} ({count} tasks)")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="import")
def tasks_import(
    source: Annotated[Path, typer.Argument(help="An edited 台账 (.xlsx).")],
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Apply an edited 台账: all rows or none (each bad row named with its reason)."""

    def work(tracker: Any, actor: Any) -> None:
        result = tracker.import_ledger(actor, source)
        err.print(f"updated {len(result['updated'])} tasks, created {result['created']}")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="verify")
def tasks_verify(
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Check the event log's hash chain: an edited, deleted or inserted row is named."""

    def work(tracker: Any, actor: Any) -> None:
        events = tracker.events(actor)
        problems = tracker.verify()
        for problem in problems:
            err.print(f"[red]error:[/red] {escape(problem)}")
        if problems:
            raise typer.Exit(1)
        err.print(f"event log intact ({len(events)} events)")

    _acting(db, user, password_stdin, work)


@tasks_app.command(name="coverage")
def tasks_coverage(
    central: Annotated[int, typer.Argument(help="The central plan's id.")],
    link: Annotated[
        list[int] | None, typer.Option("--link", help="First link this provincial plan (承接).")
    ] = None,
    db: Annotated[Path, DB] = Path("zhengce.db"),
    user: Annotated[str | None, USER] = None,
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
    as_json: Annotated[bool, AS_JSON] = False,
) -> None:
    """Which provinces' plans take up each central task (link them first with --link)."""

    def work(tracker: Any, actor: Any) -> None:
        for plan_id in link or []:
            links = tracker.link_cascade(actor, central, plan_id)
            err.print(f"plan {plan_id}: {len(links)} tasks linked to plan {central}")
        rows = tracker.coverage(actor, central)
        _print_rows(rows.rows, rows.columns, as_json)

    _acting(db, user, password_stdin, work)
