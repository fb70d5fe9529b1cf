"""Ingest: read a file, a folder or stdin into raw `Document`s.

`read_source` reads the bytes, refuses what is not a text (empty, binary,
oversized, unreadable, undecodable) with an `IngestError` of one line, picks the
format (by suffix, else by sniffing), detects the encoding and records why
(`doc.metadata["encoding"]`), and keeps the text it read as the raw text.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhengce.ingest.decode import Decoded, NotText, decode_bytes
from zhengce.ingest.formats import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    Extracted,
    declared_charset,
    looks_like_html,
    read_docx,
    read_html,
    read_pdf,
    sniff_bytes,
)
from zhengce.limits import MAX_BYTES, MAX_CHARS
from zhengce.model import Document
from zhengce.names import shown

SUFFIXES = (".txt", ".md", ".html", ".htm", ".shtml", ".docx", ".pdf")
CHUNK = 1 << 20


class IngestError(Exception):
    """A file that cannot be read: says which file and what is wrong, in one line."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{shown(path)}: {message}")
        self.path = path
        self.message = message


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, files with known suffixes under folders named (recursively,
    sorted, hidden entries and READMEs skipped), or '-' for stdin.  Names that do not exist
    are passed on as they are, so that reading them gives one error line."""
    for name in paths:
        if name == "-" or not os.path.isdir(name):
            yield name
            continue
        yield from _walk(name)


def _walk(folder: str) -> Iterator[str]:
    unreadable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda exc: unreadable.append(exc.filename)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if _is_document(file):
                yield os.path.join(root, file)
    # A folder that cannot be listed is passed on, so reading it reports the problem.
    yield from unreadable


def _is_document(file: str) -> bool:
    """Known suffix, not hidden, and not a README (which describes the folder)."""
    path = Path(file)
    return (
        not file.startswith(".")
        and path.suffix.lower() in SUFFIXES
        and path.stem.upper() != "README"
    )


def read_source(name: str) -> Document:
    """Read one file (or '-' for stdin) into a `Document` whose raw text is what was read."""
    data = _read_stdin() if name == "-" else read_file_bytes(name)
    try:
        extracted, decoded = _extract(name, data)
    except NotText as exc:
        raise IngestError(name, str(exc)) from None
    most = MAX_CHARS.get()
    if len(extracted.text) > most:
        raise IngestError(
            name, f"{len(extracted.text):,} characters, over the {most:,} limit ({MAX_CHARS.env})"
        )
    metadata: dict[str, Any] = dict(extracted.metadata)
    metadata["format"] = extracted.format
    metadata["encoding"] = decoded.as_metadata()
    metadata["bytes"] = len(data)
    doc = Document.from_raw(extracted.text, source=name)
    doc.metadata.update(metadata)  # not as keywords: "source" is also a metadata key
    return doc


def read_file_bytes(name: str) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them, checked while reading.

    FIFOs, devices and sockets are refused before a byte is read (opening with O_NONBLOCK, so
    a FIFO without a writer cannot hang us), and a file that grows past the limit while being
    read is refused as soon as it does.
    """
    path = Path(name)
    most = MAX_BYTES.get()
    try:
        if path.is_dir():
            os.listdir(path)  # raises if the folder cannot even be listed
            raise IngestError(name, "is a folder, not a file (name the folder alone to read it)")
        kind = _special_kind(os.stat(name).st_mode)
        if kind:
            raise IngestError(name, f"is a {kind}, not a regular file: only files are read")
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb", buffering=0) as handle:
            kind = _special_kind(os.fstat(handle.fileno()).st_mode)  # replaced since stat
            if kind:
                raise IngestError(name, f"is a {kind}, not a regular file: only files are read")
            size = os.fstat(handle.fileno()).st_size
            if size > most:
                raise IngestError(name, _too_large(size))
            return _read_bounded(name, handle, most)
    except FileNotFoundError:
        raise IngestError(name, "no such file or folder") from None
    except PermissionError:
        raise IngestError(name, "permission denied") from None
    except OSError as exc:
        raise IngestError(name, exc.strerror or type(exc).__name__) from None


def _special_kind(mode: int) -> str | None:
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"  # pragma: no cover - no other kinds on Linux


def _read_bounded(name: str, handle: Any, most: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(CHUNK, most + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > most:
            raise IngestError(name, _too_large(total, at_least=True))


def _read_stdin() -> bytes:
    most = MAX_BYTES.get()
    data = sys.stdin.buffer.read(most + 1)
    if len(data) > most:
        raise IngestError("-", _too_large(len(data), at_least=True))
    return data


def _too_large(size: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    most = MAX_BYTES.get()
    return (
        f"file is {more}{size / 2**20:.1f} MB, over the {most / 2**20:.0f} MB limit"
        f" ({MAX_BYTES.env})"
    )


def _extract(name: str, data: bytes) -> tuple[Extracted, Decoded]:
    suffix = "" if name == "-" else Path(name).suffix.lower()
    # The bytes decide over the name: a PDF or DOCX renamed .txt is still read as one.
    kind = "pdf" if suffix == ".pdf" else "docx" if suffix == ".docx" else sniff_bytes(data)
    if kind == "pdf":
        return read_pdf(data), _unicode_by_format("pdf")
    if kind == "docx":
        return read_docx(data), _unicode_by_format("docx")
    declared = None if suffix in TEXT_SUFFIXES else declared_charset(data)
    decoded = decode_bytes(data, declared)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(decoded.text)):
        return read_html(decoded.text), decoded
    return Extracted(decoded.text, "markdown" if suffix == ".md" else "text"), decoded


def _unicode_by_format(kind: str) -> Decoded:
    reason = {
        "docx": "DOCX stores text as Unicode XML",
        "pdf": "PDF text layer mapped to Unicode by its fonts",
    }[kind]
    return Decoded("", "unicode", reason, 1.0)


__all__ = ["SUFFIXES", "IngestError", "expand_paths", "read_file_bytes", "read_source"]
