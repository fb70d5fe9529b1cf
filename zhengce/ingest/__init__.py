"""Ingest: read a file, a folder or stdin into raw `Document`s (placeholder until built)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from zhengce.model import Document

SUFFIXES = (".txt", ".md", ".html", ".htm", ".shtml", ".docx", ".pdf")


class IngestError(Exception):
    """A file that cannot be read: says which file and what is wrong, in one line."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, files under folders named (sorted), or '-' for stdin."""
    for name in paths:
        path = Path(name)
        if name == "-" or not path.is_dir():
            yield name
            continue
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in SUFFIXES:
                yield str(child)


def read_source(name: str) -> Document:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise IngestError(name, exc.strerror or str(exc)) from None
    return Document.from_raw(data.decode("utf-8"), source=name)
