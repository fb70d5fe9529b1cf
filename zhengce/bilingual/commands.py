"""`zhengce align` and `zhengce glossary ...`: the command bodies (cli.py only declares options)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from zhengce.bilingual.align import has_english
from zhengce.bilingual.export import FORMATS, export
from zhengce.bilingual.review import accept, package_glossary, pending, reject, rejects_path_for
from zhengce.ingest import IngestError
from zhengce.model import AlignedPair, Document, TermPair

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _documents(paths: list[str]) -> list[Document]:
    from zhengce.ingest import expand_paths
    from zhengce.pipeline import process_source

    docs: list[Document] = []
    for name in expand_paths(paths):
        try:
            docs.extend(process_source(name))
        except IngestError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(1) from None
    return docs


def run_align(paths: list[str], as_json: bool, fmt: str | None, target: Path | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        err.print(f"[red]error:[/red] --format {escape(fmt)}: expected tmx or csv")
        raise typer.Exit(2)
    docs = _documents(paths)
    # The pipeline's bilingual stage has aligned every document with an English block.
    aligned = [(doc, doc.aligned_pairs) for doc in docs if has_english(doc)]
    if not aligned:
        err.print("[yellow]warning:[/yellow] no English translation block in these files")
    if fmt is not None:
        text = "".join(export(pairs, fmt, doc.source) for doc, pairs in aligned[:1])
        if len(aligned) > 1:
            err.print("[yellow]warning:[/yellow] exported the first document with English only")
        if target is None or str(target) == "-":
            sys.stdout.write(text)
        else:
            from zhengce.store.commands import refuse_overwriting

            refuse_overwriting(target, [Path(name) for name in paths if name != "-"])
            target.write_text(text, "utf-8")
            err.print(f"wrote {escape(str(target))}")
        return
    if as_json:
        rows = [pair.to_dict() for _doc, pairs in aligned for pair in pairs]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    console = Console(highlight=False)
    for doc, pairs in aligned:
        console.print(_pairs_table(doc, pairs))


def _pairs_table(doc: Document, pairs: list[AlignedPair]) -> Table:
    table = Table(title=escape(doc.source), show_lines=True, expand=True)
    table.add_column("中文", ratio=1)
    table.add_column("English", ratio=2)
    table.add_column("conf", justify="right", no_wrap=True)
    for pair in pairs:
        mark = "" if pair.in_order else " (moved)"
        table.add_row(escape(pair.zh_text), escape(pair.en_text), f"{pair.confidence:.2f}{mark}")
    return table


def found_pairs(paths: list[str]) -> list[TermPair]:
    return [item for doc in _documents(paths) for item in doc.term_candidates]


def run_glossary_list(paths: list[str], as_json: bool) -> None:
    found = found_pairs(paths)
    if as_json:
        sys.stdout.write(json.dumps([p.to_dict() for p in found], ensure_ascii=False) + "\n")
        return
    Console(highlight=False).print(_terms_table(found, "term pairs"))


def _terms_table(found: list[TermPair], title: str) -> Table:
    table = Table(title=title)
    for column in ("中文", "English", "how", "score", "evidence"):
        table.add_column(column)
    for p in found:
        evidence = f"{Path(p.doc).name} ¶{p.zh_paragraph}/{p.en_paragraph}"
        table.add_row(
            escape(p.term_zh), escape(p.term_en), p.how, f"{p.score:.2f}", escape(evidence)
        )
    return table


def run_glossary_review(
    paths: list[str],
    glossary: Path | None,
    rejects: Path | None,
    accepted: list[str],
    refused: list[str],
    list_only: bool,
) -> None:
    glossary = glossary or package_glossary()
    rejects = rejects or rejects_path_for(glossary)
    waiting = pending(found_pairs(paths), glossary, rejects)
    by_term = {p.term_zh: p for p in waiting}
    unknown = [t for t in [*accepted, *refused] if t not in by_term]
    if unknown:
        err.print(f"[red]error:[/red] not among the pending pairs: {escape('、'.join(unknown))}")
        raise typer.Exit(2)
    if accepted or refused:
        for term in accepted:
            accept(by_term[term], glossary)
            print(f"accepted\t{term}\t{by_term[term].term_en}")
        for term in refused:
            reject(by_term[term], rejects)
            print(f"rejected\t{term}\t{by_term[term].term_en}")
        return
    console = Console(highlight=False)
    if list_only or not sys.stdin.isatty():
        console.print(_terms_table(waiting, f"{len(waiting)} pairs to review"))
        return
    _interactive(waiting, glossary, rejects, console)


def _interactive(waiting: list[TermPair], glossary: Path, rejects: Path, console: Console) -> None:
    for number, pair in enumerate(waiting, 1):
        console.print(
            f"[{number}/{len(waiting)}] [bold]{escape(pair.term_zh)}[/bold] → "
            f"{escape(pair.term_en)}  ({pair.how}, {Path(pair.doc).name})"
        )
        answer = typer.prompt("accept / reject / skip / quit", default="s").strip().lower()[:1]
        if answer == "a":
            accept(pair, glossary)
        elif answer == "r":
            reject(pair, rejects)
        elif answer == "q":
            break
