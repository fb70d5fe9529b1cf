"""Review discovered term pairs into a glossary table; remember the rejected ones.

Accepted pairs are appended to a glossary TSV (the package's zhengce/data/glossary.tsv by
default) with status `reviewed` and the note "reviewed: discovered in <doc>".  Rejected pairs
go to a rejects TSV beside it (<glossary>_rejects.tsv) so a later review does not offer them
again.  Both files keep the lexicon format: a header and a note for every row.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from zhengce.lexicon import load_table, parse_table
from zhengce.model import TermPair

GLOSSARY_HEADER = "term_zh\tterm_en\tkind\tstatus\tnote\n"
REJECTS_HEADER = "term_zh\tterm_en\tnote\n"


def package_glossary() -> Path:
    return Path(str(resources.files("zhengce.data").joinpath("glossary.tsv")))


def rejects_path_for(glossary: Path) -> Path:
    return glossary.with_name(glossary.stem + "_rejects.tsv")


def _rows(path: Path) -> tuple[dict[str, str], ...]:
    if not path.exists():
        return ()
    return parse_table(path.read_text("utf-8"), str(path))


def known_terms(glossary: Path) -> set[str]:
    """Chinese terms already in the built-in table or in the given glossary file."""
    terms = {row["term_zh"] for row in load_table("glossary")}
    return terms | {row["term_zh"] for row in _rows(glossary)}


def rejected(rejects: Path) -> set[tuple[str, str]]:
    return {(row["term_zh"], row["term_en"].lower()) for row in _rows(rejects)}


def pending(found: list[TermPair], glossary: Path, rejects: Path) -> list[TermPair]:
    """Discovered pairs (not table matches) whose term is in no glossary and not rejected."""
    known = known_terms(glossary)
    refused = rejected(rejects)
    waiting: dict[str, TermPair] = {}
    for pair in found:
        if pair.how == "table" or pair.term_zh in known:
            continue
        if (pair.term_zh, pair.term_en.lower()) in refused:
            continue
        waiting.setdefault(pair.term_zh, pair)
    return sorted(waiting.values(), key=lambda p: p.term_zh)


def _append(path: Path, header: str, row: list[str]) -> None:
    text = path.read_text("utf-8") if path.exists() else ""
    with path.open("a", encoding="utf-8") as out:
        if not text:
            out.write(header)
        elif not text.endswith("\n"):
            out.write("\n")
        out.write("\t".join(cell.replace("\t", " ") for cell in row) + "\n")


def accept(pair: TermPair, glossary: Path) -> None:
    where = f"paragraphs {pair.zh_paragraph}/{pair.en_paragraph}, {pair.how}"
    note = f"reviewed: discovered in {Path(pair.doc).name} ({where})"
    _append(glossary, GLOSSARY_HEADER, [pair.term_zh, pair.term_en, "discovered", "reviewed", note])
    load_table.cache_clear()  # the package table may be the file just written


def reject(pair: TermPair, rejects: Path) -> None:
    note = f"rejected in review: discovered in {Path(pair.doc).name}"
    _append(rejects, REJECTS_HEADER, [pair.term_zh, pair.term_en, note])
