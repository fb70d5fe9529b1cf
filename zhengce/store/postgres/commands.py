"""`zhengce search|people|summary|timeline --db postgresql://…`: the same output as the SQLite
commands of zhengce.store.commands and zhengce.analysis.commands, read from PostgreSQL.

A stop-gap until every command reads through the store interface: the printing helpers are
those of zhengce.store.commands; only the look-ups are PostgreSQL's.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from zhengce.store.commands import _marked, _print_person, err, fail, human, out
from zhengce.store.postgres.schema import connect, redacted
from zhengce.store.schema import StoreError


@contextmanager
def opened(url: str) -> Iterator[Any]:
    """An existing zhengce database, or one clear error line (exit 1); closed afterwards."""
    try:
        conn = connect(url, create=False)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield conn
    finally:
        conn.close()


def run_search(url: str, query: str, *, as_json: bool, **options: Any) -> None:
    from zhengce.search import QueryError, SearchFilters
    from zhengce.store.postgres.search import search

    limit = options.pop("limit", 20)
    per_document = options.pop("per_document", True)
    with opened(url) as conn:
        try:
            hits = search(
                conn, query, SearchFilters(**options), limit=limit, per_document=per_document
            )
        except QueryError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        rows = [hit.to_json_dict() for hit in hits]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    if not hits:
        err.print(f"no results for {escape(query)}")
        return
    for number, hit in enumerate(hits, 1):
        title = hit.title or Path(hit.source).name
        out.print(
            f"[bold]{number}.[/bold] [cyan]{hit.date or '----'}[/cyan] "
            f"[bold]{escape(title)}[/bold]  [dim]{hit.doc_id} ¶{hit.paragraph}"
            f" score {hit.score:.2f}[/dim]"
        )
        speaker = f"[green]{escape(hit.speaker)}[/green]: " if hit.speaker else ""
        out.print(f"   {speaker}{_marked(hit.snippet)}")


def run_people(url: str, name: str, *, as_json: bool) -> None:
    from zhengce.search.query import fold_query
    from zhengce.store.postgres import reader

    with opened(url) as conn:
        found = reader.person(conn, name) or reader.person(conn, fold_query(name).strip())
        similar = [] if found else reader.people(conn, fold_query(name).strip(), limit=20)
    if found is None:
        if as_json:
            sys.stdout.write(json.dumps({"name": name, "matches": similar}, ensure_ascii=False))
            sys.stdout.write("\n")
        if not similar:
            raise fail(f"nobody named {name} in {redacted(url)}")
        err.print(f"nobody named exactly {escape(name)}; people whose name contains it:")
        for row in similar:
            err.print(f"  {escape(row['name'])}  ({row['events']} events)")
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    _print_person(found)


def run_summary(url: str, *, as_json: bool) -> None:
    from zhengce.store.postgres import reader

    with opened(url) as conn:
        data = reader.summary(conn, redacted(url))
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    out.print(
        f"[bold]{escape(data['path'])}[/bold] ({human(data['bytes'])}B): {data['files']} files, "
        f"[bold]{data['documents']}[/bold] documents, {human(data['characters'])} characters, "
        f"{data['paragraphs']} paragraphs, {data['participants']} participants, "
        f"{data['people']} people, {data['edits']} edits ({data['guesses']} guesses)"
    )
    if data["first_date"]:
        out.print(f"dates: {data['first_date']} to {data['last_date']}")


def timeline(url: str, term: str) -> Any:
    """The Timeline of `term` (raises AnalysisError as the SQLite one does)."""
    from zhengce.store.postgres import reader

    with opened(url) as conn:
        return reader.timeline(conn, term)
