"""Output formats: one catalogue of the formats zhengce writes, and what each output offers.

`CATALOGUE` names every format once (its file suffix, whether it is binary, other names it
answers to).  A room that writes something registers its writers with `outputs(what, {...})`
(export: tables; compare: a comparison; align: aligned pairs; the tracker: its reports) and
asks `get(name)` for the one a `--format` chose; a name it does not offer is one clear error
that lists what it does offer.  This module imports no room: the rooms import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

Writer = TypeVar("Writer")


class FormatError(ValueError):
    """A format an output does not offer; says which it does."""


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str
    suffix: str
    binary: bool
    description: str
    aliases: tuple[str, ...] = ()


CATALOGUE: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("jsonl", ".jsonl", False, "JSON Lines: one JSON object a row"),
        OutputFormat("csv", ".csv", False, "comma-separated values, a header row"),
        OutputFormat("parquet", ".parquet", True, "Apache Parquet (needs pyarrow)"),
        OutputFormat("xlsx", ".xlsx", True, "Excel workbook (no output offers it yet)"),
        OutputFormat("markdown", ".md", False, "Markdown text", ("md",)),
        OutputFormat("html", ".html", False, "a standalone HTML page", ("htm",)),
        OutputFormat("tmx", ".tmx", False, "TMX 1.4 translation memory"),
    )
}


def lookup(name: str) -> OutputFormat | None:
    """The catalogue entry a name or alias means (any case), or None."""
    wanted = name.strip().lower()
    for fmt in CATALOGUE.values():
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    return None


class Outputs(Generic[Writer]):
    """The formats one kind of output offers, each with its writer."""

    def __init__(self, what: str, writers: Mapping[str, Writer]) -> None:
        unknown = [name for name in writers if name not in CATALOGUE]
        if unknown:
            raise ValueError(f"{what}: {unknown} not in zhengce.formats.CATALOGUE: add them there")
        self.what = what
        self.writers = dict(writers)

    def names(self) -> tuple[str, ...]:
        return tuple(self.writers)

    def get(self, name: str) -> tuple[OutputFormat, Writer]:
        fmt = lookup(name)
        if fmt is None or fmt.name not in self.writers:
            offered = ", ".join(self.writers)
            raise FormatError(f"unknown format {name!r}: {self.what} is written as {offered}")
        return fmt, self.writers[fmt.name]


REGISTERED: dict[str, Outputs[object]] = {}


def outputs(what: str, writers: Mapping[str, Writer]) -> Outputs[Writer]:
    """Register the writers of one kind of output (`what`, as a message names it)."""
    found = Outputs(what, writers)
    REGISTERED[what] = found  # type: ignore[assignment]
    return found
