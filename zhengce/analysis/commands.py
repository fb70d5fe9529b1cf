"""What `zhengce formulations|timeline|compare` print (cli.py only parses options).

Errors are one clear line on stderr: exit code 2 for bad input (term, group, document id,
option), 1 for a database that cannot be used.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from rich.markup import escape
from rich.table import Column, Table

from zhengce.analysis import AnalysisError
from zhengce.analysis.timeline import Timeline
from zhengce.store.commands import err, fail, opened, out, refuse_overwriting

UNSAFE_FILE_CHARS = re.compile(r"[\\/:*?\"<>|\s]+")


def run_formulations(db: Path, *, as_json: bool, discovered: bool, limit: int) -> None:
    from zhengce.analysis.formulations import list_formulations

    with opened(db) as store:
        found = list_formulations(store, discovered_only=discovered, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return
    if not found:
        err.print("no formulations stored (ingest documents first, or again with --force)")
        return
    table = Table("found by", "first seen", "first event", "documents", "mentions")
    # The term in full, folded over lines if need be: a cut term is a different term.
    table.columns.insert(0, Column("formulation", overflow="fold"))
    for row in found:
        how = "lexicon" if row["known"] else f"discovered ({row['how']})"
        table.add_row(
            escape(row["term"]),
            how,
            row["first_seen"] or "",
            row["first_event"] or "",
            str(row["documents"]),
            str(row["mentions"]),
        )
    out.print(table)


def default_chart_path(term: str) -> Path:
    return Path(f"timeline-{UNSAFE_FILE_CHARS.sub('_', term)}.png")


def run_timeline(db: Path, term: str, *, png: Path | None, as_json: bool) -> None:
    from zhengce.analysis.timeline import timeline, write_chart

    if png is not None:
        refuse_overwriting(png, [db], "--png")

    with opened(db) as store:
        try:
            line = timeline(store, term)
        except AnalysisError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        sys.stdout.write(json.dumps(line.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        _print_timeline(line)
    if as_json and png is None:
        return  # --json alone writes only JSON; add --png for the chart too
    if not line.monthly:
        return
    path = png or default_chart_path(line.term)
    try:
        write_chart(line, path)
    except OSError as exc:
        raise fail(f"{path}: cannot write the chart ({exc.strerror or exc})") from None
    err.print(f"chart → {escape(str(path))}")


def _print_timeline(line: Timeline) -> None:
    if not line.documents:
        err.print(f"no document mentions {escape(line.term)}")
        return
    undated = f" ({line.undated} without a month)" if line.undated else ""
    out.print(
        f"[bold]{escape(line.term)}[/bold]: {line.documents} documents{undated},"
        f" first seen {line.first_seen or 'not dated'}"
        + (f", first event {line.first_event}" if line.first_event else "")
    )
    table = Table("month", "documents", "")
    peak = max(line.monthly.values(), default=0) or 1
    for month, count in line.monthly.items():
        table.add_row(month, str(count), "█" * round(30 * count / peak))
    out.print(table)


def run_compare(db: Path, specs: list[str], *, fmt: str, target: Path | None) -> None:
    if target is not None:
        refuse_overwriting(target, [db])
    from zhengce.analysis.compare import compare
    from zhengce.analysis.render import COMPARISON
    from zhengce.formats import FormatError

    try:
        _fmt, render = COMPARISON.get(fmt)
    except FormatError as exc:
        raise fail(str(exc), 2) from None
    with opened(db) as store:
        try:
            result = compare(store, specs)
        except AnalysisError as exc:
            raise fail(str(exc), 2) from None
    text = render(result)
    if target is None:
        sys.stdout.write(text)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"{target}: cannot write ({exc.strerror or exc})") from None
    err.print(f"comparison → {escape(str(target))}")
