"""What `zhengce ingest|search|people|export|summary` print (cli.py only parses options).

Errors are one clear line on stderr and exit code 1 (2 for a bad query or option).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from zhengce.names import shown
from zhengce.store.base import Store
from zhengce.store.schema import StoreError, connect

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

# Private-use characters mark matches in snippets until they become rich markup.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


@contextmanager
def opened(db: Path) -> Iterator[Store]:
    """An existing database (SQLite, or PostgreSQL for a URL), or one clear error line (exit
    1); closed afterwards."""
    from zhengce.store.stores import open_store

    try:
        store = open_store(db, create=False)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def human(n: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n:.0f}"


# ingest ------------------------------------------------------------------------------------


def _postgres(db: Path) -> str | None:
    """The PostgreSQL URL in `--db`, or None for a SQLite file."""
    from zhengce.store.postgres.schema import db_target

    return db_target(db)


def redacted(url: str) -> str:
    from zhengce.store.postgres.schema import redacted as without_password

    return without_password(url)


def run_ingest(
    paths: list[str],
    db: Path,
    *,
    force: bool,
    jobs: int | None,
    reindex: bool,
    quiet: bool,
    runner: str = "local",
    scheduler: str | None = None,
) -> None:
    from functools import partial

    from zhengce.store.loader import IngestStats, ingest

    if runner not in ("local", "dask"):
        raise fail(f"--runner {runner!r}: choose local or dask", 2)
    url = _postgres(db)
    run: Any = ingest
    if url or runner == "dask" or scheduler:
        # PostgreSQL, or Dask: the batch runners (zhengce.store.runners), the same bar.
        from zhengce.store.runners import ingest_batches

        dask = scheduler is not None or runner == "dask"
        run = partial(ingest_batches, runner="dask" if dask else "local", scheduler=scheduler)
    if reindex and url:
        raise fail(
            "--reindex: PostgreSQL rebuilds its index by itself when the tokenizer changes", 2
        )
    if reindex:
        _reindex(db)
        if not paths:
            return
    if not paths:
        raise fail("nothing to ingest: name files or folders (or --reindex)", 2)

    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[docs]} docs · {task.fields[docs_rate]} docs/s"),
        TextColumn("· {task.fields[chars_rate]} chars/s · {task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
    )
    task: TaskID | None = None

    def update(stats: IngestStats) -> None:
        nonlocal task
        elapsed = max(stats.seconds or _elapsed(stats), 1e-6)
        fields: dict[str, Any] = {
            "docs": stats.documents_stored,
            "docs_rate": f"{stats.documents_stored / elapsed:.0f}",
            "chars_rate": human(stats.chars / elapsed),
            "errors": stats.failed,
        }
        if task is None:
            task = progress.add_task("ingest", total=stats.files_total, **fields)
        progress.update(task, completed=stats.files_done, total=stats.files_total, **fields)

    def report_failure(name: str, message: str) -> None:
        progress.console.print(f"[red]failed[/red] {escape(shown(name))}: {escape(shown(message))}")

    try:
        with progress:
            stats = run(
                paths, url or db, force=force, jobs=jobs, progress=update, on_failure=report_failure
            )
    except StoreError as exc:
        raise fail(str(exc)) from None
    except sqlite3.Error as exc:  # the first error, as SQLite gave it: disk full, read-only...
        raise fail(f"{db}: {exc} (files stored before this one are kept)") from None
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: files stored so far are kept; run again to resume")
        raise typer.Exit(130) from None
    _print_ingest_summary(stats, redacted(url) if url else db)
    if stats.failed:
        raise typer.Exit(1)


def _elapsed(stats: Any) -> float:
    import time

    return float(time.perf_counter() - stats.started)


def _reindex(db: Path) -> None:
    from zhengce.store.writer import reindex, rollback

    if not db.exists():
        raise fail(f"{db}: no such database (make one with `zhengce ingest PATH --db {db}`)")
    try:
        conn = connect(db)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        reindex(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    finally:
        conn.close()
    err.print(f"search index of {escape(str(db))} rebuilt")


def _print_ingest_summary(stats: Any, db: Path | str) -> None:
    seconds = max(stats.seconds, 1e-6)
    size = getattr(stats, "db_bytes", 0) or (Path(db).stat().st_size if Path(db).exists() else 0)
    read = stats.files_total - stats.files_skipped - stats.failed
    err.print(
        f"[bold]{stats.files_total}[/bold] files: {read} read, {stats.files_skipped}"
        f" unchanged (skipped), {stats.failed} failed · "
        f"[bold]{stats.documents_stored}[/bold] documents stored, {stats.documents_skipped}"
        f" already present · {stats.paragraphs} paragraphs · {human(stats.chars)} characters"
        f" in {seconds:.1f} s ({human(stats.chars / seconds)} chars/s) → {escape(str(db))}"
        f" ({human(size)}B)"
    )
    if stats.reindexed:
        err.print("the search index was rebuilt for the current tokenizer")
    if stats.documents_replaced:
        done = "reclaimed" if stats.compacted else "left for reuse (the database was busy)"
        err.print(f"the space of {stats.documents_replaced} replaced documents was {done}")
    if stats.files_refreshed:
        err.print(
            f"{stats.files_refreshed} files stored by another version of zhengce were read again"
        )
    # Each failure was printed once, as it happened (report_failure): one line per file.


# search ------------------------------------------------------------------------------------


def run_search(db: Path, query: str, *, as_json: bool, **options: Any) -> None:
    from zhengce.api import KnowledgeBase
    from zhengce.bilingual.store import english_query
    from zhengce.search import QueryError

    try:
        with KnowledgeBase(db) as kb:
            # An English glossary rendering also searches its Chinese term (Belt and Road).
            hits = kb.search(english_query(query), **options)
            # The other side of an aligned bilingual paragraph, shown beside the hit.
            beside = [kb.store.aligned_text(hit["doc_id"], hit["paragraph"]) for hit in hits]
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    except StoreError as exc:
        raise fail(str(exc)) from None
    if as_json:
        keys = ("doc_id", "title", "date", "snippet", "speaker", "score")
        rows = [{key: hit[key] for key in keys} for hit in hits]
        for row, other in zip(rows, beside, strict=True):
            if other is not None:
                row["aligned"] = other
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if not hits:
        err.print(f"no results for {escape(query)}")
        return
    for number, hit in enumerate(hits, 1):
        title = hit["title"] or Path(hit["source"]).name
        out.print(
            f"[bold]{number}.[/bold] [cyan]{hit['date'] or '----'}[/cyan] "
            f"[bold]{escape(title)}[/bold]  [dim]{hit['doc_id']} ¶{hit['paragraph']}"
            f" score {hit['score']:.2f}[/dim]"
        )
        speaker = f"[green]{escape(hit['speaker'])}[/green]: " if hit["speaker"] else ""
        out.print(f"   {speaker}{_marked(hit['snippet'])}")
        if beside[number - 1]:
            out.print(f"   [dim]↔ {escape(_shortened(beside[number - 1] or ''))}[/dim]")


def _shortened(text: str, most: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _marked(snippet: str) -> str:
    text = escape(snippet.replace("«", MARK_OPEN).replace("»", MARK_CLOSE))
    return text.replace(MARK_OPEN, "[bold yellow]").replace(MARK_CLOSE, "[/bold yellow]")


# people ------------------------------------------------------------------------------------


def run_people(db: Path, name: str, *, as_json: bool) -> None:
    from zhengce.api import KnowledgeBase
    from zhengce.search.query import fold_query

    try:
        with KnowledgeBase(db) as kb:
            found = kb.person(name) or kb.person(fold_query(name).strip())
            similar = [] if found else kb.people(fold_query(name).strip(), limit=20).to_dicts()
    except StoreError as exc:
        raise fail(str(exc)) from None
    if found is None:
        if as_json:
            sys.stdout.write(json.dumps({"name": name, "matches": similar}, ensure_ascii=False))
            sys.stdout.write("\n")
        if not similar:
            raise fail(f"nobody named {name} in {db}")
        err.print(f"nobody named exactly {escape(name)}; people whose name contains it:")
        for row in similar:
            err.print(f"  {escape(row['name'])}  ({row['events']} events)")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    _print_person(found)


def _print_person(found: dict[str, Any]) -> None:
    out.print(f"[bold]{escape(found['name'])}[/bold]: {len(found['events'])} events attended")
    positions = Table("position", "first seen", "last seen", "documents", title="positions")
    for row in found["positions"]:
        positions.add_row(
            escape(row["position"]),
            row["first_date"] or "",
            row["last_date"] or "",
            str(row["documents"]),
        )
    if found["positions"]:
        out.print(positions)
    events = Table("date", "role", "title", "place", "document", title="events attended")
    for row in found["events"]:
        events.add_row(
            row["date"] or "",
            row["role"],
            escape(row["title"] or ""),
            escape(row["place"] or ""),
            row["doc_id"],
        )
    if found["events"]:
        out.print(events)
    if found["named_not_present"]:
        out.print(f"also named {found['named_not_present']} times without attending")


# export ------------------------------------------------------------------------------------


def refuse_overwriting(output: Path, inputs: list[Path], label: str = "--out") -> None:
    """An output that is the database (or its WAL files) or an input would destroy what is
    being read: refused before anything is opened for writing."""
    try:
        target = output.resolve()
    except OSError:
        return
    for given in inputs:
        for path in (given, Path(f"{given}-wal"), Path(f"{given}-shm")):
            try:
                same = path.exists() and (target == path.resolve() or output.samefile(path))
            except OSError:
                same = False
            if same:
                raise fail(f"{label} {output}: is {given}, which this command reads", 2)


def run_export(
    db: Path, fmt: str, tables: list[str], target: str | None, *, safe_cells: bool = True
) -> None:
    from zhengce.store.export import TABLES, ExportError, export_table

    chosen = tables or list(TABLES)
    for table in chosen:
        if table not in TABLES:
            raise fail(f"unknown table {table!r}: choose from {', '.join(TABLES)}", 2)
    to_stdout = target == "-"
    if to_stdout and len(chosen) != 1:
        raise fail("--out - writes one table to standard output: choose it with --table", 2)
    folder = Path(target or "export")
    single_file = not to_stdout and len(chosen) == 1 and folder.suffix.lstrip(".") == fmt
    if not to_stdout:
        outputs = [folder] if single_file else [folder, *(folder / f"{t}.{fmt}" for t in chosen)]
        for output in outputs:
            refuse_overwriting(output, [db])
    with opened(db) as store:
        try:
            if not to_stdout and not single_file:
                folder.mkdir(parents=True, exist_ok=True)
            for table in chosen:
                path = None if to_stdout else folder if single_file else folder / f"{table}.{fmt}"
                # The export's SQL is the same in both dialects (see postgres/store.py).
                conn = getattr(store, "qmark", None) or getattr(store, "conn")  # noqa: B009
                count = export_table(conn, table, fmt, path, safe_cells=safe_cells)
                err.print(f"{table}: {count} rows → {escape(str(path) if path else 'stdout')}")
        except ExportError as exc:
            raise fail(str(exc)) from None


# summary -----------------------------------------------------------------------------------


def run_summary(db: Path, *, as_json: bool) -> None:
    from zhengce.api import KnowledgeBase

    try:
        with KnowledgeBase(db) as kb:
            data = kb.summary()
    except StoreError as exc:
        raise fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(
        f"[bold]{escape(str(db))}[/bold] ({human(data['bytes'])}B): {data['files']} files, "
        f"[bold]{data['documents']}[/bold] documents, {human(data['characters'])} characters, "
        f"{data['paragraphs']} paragraphs, {data['participants']} participants, "
        f"{data['people']} people, {data['edits']} edits ({data['guesses']} guesses)"
    )
    if data["first_date"]:
        out.print(f"dates: {data['first_date']} to {data['last_date']}")
    kinds = Table("kind", "documents", title="documents by kind")
    for row in data["kinds"]:
        kinds.add_row(row["kind"] or "(not known)", str(row["documents"]))
    out.print(kinds)
    if data["top_people"]:
        people = Table("name", "events", "first", "last", title="people attending most events")
        for row in data["top_people"]:
            people.add_row(
                escape(row["name"]),
                str(row["events"]),
                row["first_date"] or "",
                row["last_date"] or "",
            )
        out.print(people)
    recent = Table("date", "title", "document", title="latest documents")
    for row in data["recent"]:
        recent.add_row(
            row["date"] or "", escape(row["title"] or Path(row["source"]).name), row["id"]
        )
    out.print(recent)
