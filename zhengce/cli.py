"""Command line: `zhengce normalize|eval|...`.  Errors are one clear line, never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from zhengce.limits import MAX_RESULTS
from zhengce.names import shown
from zhengce.tracker.commands import plan_command, tasks_app, users_app
from zhengce.web.commands import serve as serve_command

# Start-up: a command imports what it needs when it runs (`zhengce --help` and `search` never
# load the pipeline's stages and tables).

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="zhengce (政策): read Chinese government policy texts.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.command()
def normalize(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    diff: Annotated[
        bool, typer.Option("--diff", help="List each edit instead of the text.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the document as JSON.")] = False,
) -> None:
    """Print the normalized text of each file (only the text, on stdout).

    A file that cannot be read gives one line on stderr ("error: path: what is
    wrong") and the others go on; the exit code is 1 if any file failed.
    """
    from rich.markup import escape

    from zhengce.ingest import IngestError, expand_paths, read_source
    from zhengce.pipeline import normalize as run_normalize

    failed = 0
    names: list[str] = []
    for path in paths:
        found = list(expand_paths([path]))
        if not found:
            err.print(
                f"[yellow]warning:[/yellow] {escape(shown(path))}: no readable files in this folder"
            )
        names.extend(found)
    for name in names:
        try:
            doc = run_normalize(read_source(name))
        except IngestError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            failed += 1
            continue
        except Exception as exc:  # one bad file must not stop the others, nor print a traceback
            detail = " ".join(str(exc).split())[:200]
            kind = type(exc).__qualname__
            if type(exc).__module__ != "builtins":  # re.error reads better than error
                kind = f"{type(exc).__module__}.{kind}"
            err.print(f"[red]error:[/red] {escape(shown(name))}: {kind}: {escape(shown(detail))}")
            failed += 1
            continue
        replaced = doc.metadata.get("encoding", {}).get("replaced_count", 0)
        if replaced:
            first = doc.metadata["encoding"]["replacements"][0]["offset"]
            err.print(
                f"[yellow]warning:[/yellow] {escape(shown(name))}: {replaced} invalid bytes"
                f" replaced with U+FFFD (first at byte {first})"
            )
        if as_json:
            sys.stdout.write(doc.to_json() + "\n")
        elif diff:
            for edit in (run for whole in doc.edits for run in whole.character_runs()):
                mark = f" (guess {edit.confidence:.2f})" if edit.is_guess else ""
                sys.stdout.write(
                    f"{doc.source}\t{edit.stage}\t{edit.start}\t"
                    f"{json.dumps(edit.before, ensure_ascii=False)} → "
                    f"{json.dumps(edit.after, ensure_ascii=False)}\t{edit.reason}{mark}\n"
                )
        else:
            sys.stdout.write(doc.text if doc.text.endswith("\n") else doc.text + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def show(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per document (a list for several).")
    ] = False,
) -> None:
    """Summarize a document: metadata, participants, outline, who said each paragraph."""
    from zhengce.ingest import IngestError, expand_paths
    from zhengce.pipeline import process_source
    from zhengce.show import print_summary, reading

    console = Console(highlight=False)
    readings: list[dict[str, object]] = []
    failed = 0
    for name in expand_paths(paths):
        try:
            docs = process_source(name)
        except IngestError as exc:
            from rich.markup import escape

            err.print(f"[red]error:[/red] {escape(str(exc))}")
            failed += 1
            continue
        for doc in docs:
            if as_json:
                readings.append(reading(doc))
            else:
                print_summary(doc, console)
    if as_json:
        out = readings[0] if len(readings) == 1 else readings
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command(name="eval")
def evaluate(
    gold: Annotated[
        Path, typer.Option("--gold", help="Folder of gold files (../shared/gold).")
    ] = Path("../shared/gold"),
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 if any metric misses the issues' target.")
    ] = False,
    minimum: Annotated[
        list[str] | None,
        typer.Option("--min", help="Threshold NAME=VALUE (repeatable); exit 1 when missed."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
) -> None:
    """Measure accuracy against the gold files and print a table per seed and overall."""
    from zhengce.eval import run_eval

    minimums: dict[str, float] = {}
    for item in minimum or []:
        name, _, value = item.partition("=")
        try:
            minimums[name.strip()] = float(value)
        except ValueError:
            err.print(f"error: --min {item!r}: expected NAME=NUMBER, e.g. normalize.cer=0")
            raise typer.Exit(2) from None
    raise typer.Exit(run_eval(gold, strict=strict, minimums=minimums, as_json=as_json))


# Knowledge base: ingest, search, people, export, summary (implemented in zhengce.store.commands)
DB_OPTION = typer.Option(
    "--db", help="SQLite database file, or postgresql://USER@HOST/DB (a team's PostgreSQL)."
)


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, or - for stdin.")
    ] = None,
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    force: Annotated[
        bool, typer.Option("--force", help="Process and replace files already stored.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default and most: all cores)."),
    ] = None,
    reindex: Annotated[
        bool, typer.Option("--reindex", help="Rebuild the search index from stored paragraphs.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    runner: Annotated[
        str,
        typer.Option("--runner", help="local (a process pool) or dask (a Dask cluster)."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler (tcp://HOST:8786); none: LocalCluster."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Dask workers to start (or to wait for)."),
    ] = None,
) -> None:
    """Run the whole pipeline over files and store them in SQLite or PostgreSQL (resumable)."""
    from zhengce.store.commands import run_ingest

    run_ingest(
        paths or [],
        db,
        force=force,
        jobs=workers or jobs,
        reindex=reindex,
        quiet=quiet,
        runner=runner,
        scheduler=scheduler,
    )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words; "a phrase"; OR; -word or NOT word.')],
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    date_from: Annotated[
        str | None, typer.Option("--from", help="From this date (2024, 2024-05, 2024-05-20).")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To this date (inclusive).")] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Documents this person attended.")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help="Province, city or place containing this.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Document kind, e.g. meeting_report.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Paragraphs said by this person.")
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, max=MAX_RESULTS.default, help="At most this many."),
    ] = 20,
    paragraphs: Annotated[
        bool, typer.Option("--paragraphs", help="Every matching paragraph, not one per document.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="A JSON list of {doc_id, title, date, snippet, speaker, score}."
        ),
    ] = False,
) -> None:
    """Full-text search (traditional or simplified), ranked, with highlighted snippets."""
    from zhengce.store.commands import run_search

    run_search(
        db,
        query,
        as_json=as_json,
        date_from=date_from,
        date_to=date_to,
        person=person,
        place=place,
        kind=kind,
        speaker=speaker,
        limit=limit,
        per_document=not paragraphs,
    )


@app.command()
def people(
    name: Annotated[str, typer.Argument(help="A person's name (or part of it).")],
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """A person's positions over time and the events they attended."""
    from zhengce.store.commands import run_people

    run_people(db, name, as_json=as_json)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    table: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help="documents, paragraphs, participants (default: all)."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="Folder (default ./export), FILE.FORMAT, or - for stdout."
        ),
    ] = None,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells", help="CSV: no apostrophe before cells starting = + - @ (formulas)."
        ),
    ] = False,
) -> None:
    """Export documents, paragraphs and participants (parquet needs pyarrow)."""
    from zhengce.store.commands import run_export

    run_export(db, fmt, table or [], target, safe_cells=not raw_cells)


@app.command()
def summary(
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """What the database holds: documents by kind, dates, top people, latest titles."""
    from zhengce.store.commands import run_summary

    run_summary(db, as_json=as_json)


# Policy content across documents: formulations, timeline, compare (zhengce.analysis.commands)


@app.command()
def formulations(
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    discovered: Annotated[
        bool, typer.Option("--discovered", help="Only discovered candidates (not in the lexicon).")
    ] = False,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, max=MAX_RESULTS.default, help="At most this many."),
    ] = 50,
) -> None:
    """Formulations (提法) with first-seen date, documents and mentions; lexicon or discovered."""
    from zhengce.analysis.commands import run_formulations

    run_formulations(db, as_json=as_json, discovered=discovered, limit=limit)


@app.command()
def timeline(
    term: Annotated[str, typer.Argument(help="A formulation or any exact string.")],
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    png: Annotated[
        Path | None, typer.Option("--png", help="Chart file (default timeline-TERM.png).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help='{"term", "first_seen", "monthly": {"YYYY-MM": n}}.')
    ] = False,
) -> None:
    """Documents mentioning a term per month, as a table and a PNG bar chart."""
    from zhengce.analysis.commands import run_timeline

    run_timeline(db, term, png=png, as_json=as_json)


@app.command()
def compare(
    sides: Annotated[
        list[str] | None,
        typer.Argument(help="Document ids (or prefixes) or groups LABEL:key=value,..."),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(
            "--group",
            "-g",
            help="A group: LABEL:place=X,from=YYYY-MM-DD,to=YYYY-MM-DD,kind=K,title=W.",
        ),
    ] = None,
    db: Annotated[Path, DB_OPTION] = Path("zhengce.db"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or html.")] = "markdown",
    target: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default stdout).")
    ] = None,
) -> None:
    """Themes, measures and formulations of documents or groups side by side."""
    from zhengce.analysis.commands import run_compare

    run_compare(db, [*(sides or []), *(group or [])], fmt=fmt, target=target)


# Bilingual texts: align the English block, glossary discovery and review (zhengce.bilingual)


@app.command(name="align")
def align_command(
    paths: Annotated[list[str], typer.Argument(help="Files with an English translation block.")],
    as_json: Annotated[
        bool, typer.Option("--json", help='[{"zh", "en", "confidence"}] for every pair.')
    ] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="Export as tmx (TMX 1.4) or csv.")
    ] = None,
    target: Annotated[
        Path | None, typer.Option("--out", "-o", help="Export file (default stdout).")
    ] = None,
) -> None:
    """Pair the English translation's paragraphs with the Chinese ones, side by side."""
    from zhengce.bilingual.commands import run_align

    run_align(paths, as_json, fmt, target)


glossary_app = typer.Typer(
    no_args_is_help=True, help="English renderings of terms found in bilingual texts."
)
app.add_typer(glossary_app, name="glossary")
app.command(name="serve")(serve_command)


@glossary_app.command(name="list")
def glossary_list(
    paths: Annotated[list[str], typer.Argument(help="Files with an English translation block.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Term pairs found in aligned paragraphs (table matches and discoveries) with evidence."""
    from zhengce.bilingual.commands import run_glossary_list

    run_glossary_list(paths, as_json)


@glossary_app.command(name="review")
def glossary_review(
    paths: Annotated[list[str], typer.Argument(help="Files with an English translation block.")],
    glossary: Annotated[
        Path | None,
        typer.Option("--glossary", help="Glossary TSV to append to (default: the package table)."),
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="Rejected pairs TSV (default: <glossary>_rejects.tsv)."),
    ] = None,
    accept: Annotated[
        list[str] | None, typer.Option("--accept", help="Accept this Chinese term (repeatable).")
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option("--reject", help="Reject this Chinese term (repeatable).")
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Only list the pairs waiting for review.")
    ] = False,
) -> None:
    """Accept or reject discovered pairs not yet in the glossary (asks, unless told)."""
    from zhengce.bilingual.commands import run_glossary_review

    run_glossary_review(paths, glossary, rejects, accept or [], reject or [], list_only)


app.command(name="plan")(plan_command)
app.add_typer(tasks_app, name="tasks")
app.add_typer(users_app, name="users")


def main() -> None:
    """The `zhengce` command: `app` behind a last guard, so no traceback reaches the user.

    Commands report the errors they expect themselves (a bad file, a malformed query); what
    is left is a file the system refuses (one line naming it) or a bug (one line, and
    ZHENGCE_DEBUG=1 to see the traceback).
    """
    from rich.markup import escape

    try:
        app()
    except KeyboardInterrupt:
        # Every write is one transaction, so the database holds whole files only.
        err.print("[yellow]interrupted[/yellow]")
        raise SystemExit(130) from None
    except OSError as exc:
        where = f"{shown(str(exc.filename))}: " if exc.filename else ""
        err.print(f"[red]error:[/red] {escape(where)}{escape(exc.strerror or str(exc))}")
        raise SystemExit(1) from None
    except Exception as exc:
        if os.environ.get("ZHENGCE_DEBUG"):
            raise
        err.print(
            f"[red]error:[/red] internal error ({type(exc).__name__}: {escape(shown(str(exc)))});"
            " please report it, and run with ZHENGCE_DEBUG=1 to see where it happened"
        )
        raise SystemExit(1) from None
