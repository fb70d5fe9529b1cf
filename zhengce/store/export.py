"""`zhengce export`: documents, paragraphs, participants and the facts of policy documents
(measures, targets, units with their duties, outline) as JSON Lines, CSV or Parquet.

Rows stream from SQLite to the file in batches, so exporting a large database needs little
memory.  Parquet needs pyarrow (optional: `pip install pyarrow`).
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from zhengce.formats import FormatError, outputs
from zhengce.store.reader import EXPORTS, Row, export_rows

TABLES = tuple(EXPORTS)
PARQUET_BATCH = 5_000
# Column types for Parquet (everything else is a string; metadata is a JSON string).
INT_COLUMNS = {"ord", "start", "end", "n_chars", "event_year", "event_month", "event_day"}
INT_COLUMNS |= {"paragraph", "year", "year_inferred", "level", "duty_ord", "duty_start", "duty_end"}
BOOL_COLUMNS = {"present", "inferred"}
LIST_COLUMNS = {"positions", "actors", "themes"}
FLOAT_COLUMNS = {"value"}


class ExportError(Exception):
    """An export that cannot be written; the message says what to do."""


def export_table(
    conn: sqlite3.Connection, table: str, fmt: str, out: Path | None, *, safe_cells: bool = True
) -> int:
    """Write `table` in `fmt` to `out` (None = standard output); return the number of rows.

    With `safe_cells`, a CSV cell a spreadsheet would run as a formula gets a leading
    apostrophe (see `neutralise`)."""
    if table not in EXPORTS:
        raise ExportError(f"unknown table {table!r}: choose from {', '.join(TABLES)}")
    try:
        chosen, write = TABLE_OUTPUTS.get(fmt)
    except FormatError as exc:
        raise ExportError(str(exc)) from None
    names, found = export_rows(conn, table)
    if chosen.binary:
        if out is None:
            raise ExportError(f"{chosen.name} is binary: give a file or folder with --out")
        return write(names, found, out, safe_cells)
    if out is None:
        return write(names, found, sys.stdout, safe_cells)
    with out.open("w", encoding="utf-8", newline="") as stream:
        return write(names, found, stream, safe_cells)


def _write_jsonl(names: list[str], found: Iterator[Row], stream: Any, safe_cells: bool) -> int:
    count = 0
    for row in found:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(names: list[str], found: Iterator[Row], stream: Any, safe_cells: bool) -> int:
    count = 0
    writer = csv.writer(stream)
    writer.writerow(names)
    for row in found:
        cells = [_csv_cell(row[name]) for name in names]
        writer.writerow([neutralise(cell) for cell in cells] if safe_cells else cells)
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    # Lists and dicts (positions, metadata) stay machine-readable as JSON inside the cell.
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """A text cell that Excel or LibreOffice would read as a formula (=, +, -, @, tab, CR
    first) starts with an apostrophe instead, which they show as text; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _write_parquet(names: list[str], found: Iterator[Row], out: Any, safe_cells: bool) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(
            "parquet export needs pyarrow, which is not installed: pip install pyarrow"
        ) from None
    schema = pa.schema([(name, _parquet_type(pa, name)) for name in names])
    count = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        while batch := list(islice(found, PARQUET_BATCH)):
            columns = [[_parquet_cell(row[name]) for row in batch] for name in names]
            writer.write_table(pa.table(columns, schema=schema))
            count += len(batch)
    return count


def _parquet_type(pa: Any, name: str) -> Any:
    if name in INT_COLUMNS:
        return pa.int64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    if name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if name in FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


# (column names, rows, a stream or (binary) a path, neutralise formula cells) -> rows written
TableWriter = Callable[[list[str], Iterator[Row], Any, bool], int]
TABLE_WRITERS: dict[str, TableWriter] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}
TABLE_OUTPUTS = outputs("a table", TABLE_WRITERS)
FORMATS = TABLE_OUTPUTS.names()


def _parquet_cell(value: Any) -> Any:
    # Metadata dicts vary from document to document: one JSON string keeps the schema fixed.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
