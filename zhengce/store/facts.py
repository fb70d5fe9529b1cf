"""Fact lists of a `Document` as tables: one row per fact, one column per dataclass field.

Each `FactTable` names the `Document` field, its table and the fact's dataclass; the columns are
the dataclass's own fields, so the writer and the reader never list them.  Adding a field to a
fact is one migration (`ALTER TABLE t ADD COLUMN field ...` in `schema.py`) and nothing else;
`tests/store/test_facts.py` fails while a field has no column.

How a value is kept: lists and dicts as JSON, booleans as 0/1, everything else as it is; an
int field whose default is -1 ("none", as `Measure.paragraph`) is NULL when -1.  A fact's
nested fact list (a unit's duties) has a child table keyed by the parent's position.
Derived columns (a formulation's paragraph) are written for queries and not read back.
"""

from __future__ import annotations

import json
import sqlite3
import typing
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import Any

from zhengce.model import (
    Document,
    Duty,
    FormulationMention,
    Measure,
    OutlineItem,
    Place,
    ResponsibleUnit,
    Target,
)

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Nested:
    """A fact field holding a list of facts of its own, kept in a child table."""

    field: str
    table: str
    item: type[Any]


@dataclass(frozen=True, slots=True)
class FactTable:
    field: str  # the Document attribute
    table: str
    item: type[Any]  # the fact's dataclass
    derived: tuple[str, ...] = ()  # extra columns the writer computes (not read back)
    nested: tuple[Nested, ...] = ()


FACT_TABLES: tuple[FactTable, ...] = (
    FactTable("outline", "outline_items", OutlineItem),
    FactTable("measures", "measures", Measure),
    FactTable("targets", "targets", Target),
    FactTable(
        "responsible_units",
        "responsible_units",
        ResponsibleUnit,
        nested=(Nested("duties", "unit_duties", Duty),),
    ),
    FactTable("formulations", "formulations", FormulationMention, derived=("paragraph",)),
    FactTable("places", "places", Place),
)


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: str  # json | bool | minus_one | plain
    default: Any


_COLUMNS: dict[type[Any], tuple[_Column, ...]] = {}


def _columns(item: type[Any]) -> tuple[_Column, ...]:
    known = _COLUMNS.get(item)
    if known is None:
        known = _COLUMNS[item] = _read_columns(item)
    return known


def _read_columns(item: type[Any]) -> tuple[_Column, ...]:
    hints = typing.get_type_hints(item)
    found = []
    for f in fields(item):
        hint = hints[f.name]
        origin = typing.get_origin(hint)
        default = f.default if f.default is not MISSING else None
        if f.default_factory is not MISSING:
            default = f.default_factory()
        if origin in (list, dict):
            kind = "json"
        elif hint is bool:
            kind = "bool"
        elif hint is int and default == -1:
            kind = "minus_one"
        else:
            kind = "plain"
        found.append(_Column(f.name, kind, default))
    return tuple(found)


def _nested_names(table: FactTable) -> set[str]:
    return {n.field for n in table.nested}


def stored_columns(table: FactTable) -> list[str]:
    """The fact's fields kept as columns (nested fact lists have their own table)."""
    skip = _nested_names(table)
    return [c.name for c in _columns(table.item) if c.name not in skip]


def _encode(column: _Column, value: Any) -> Any:
    if column.kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if column.kind == "bool":
        return int(value)
    if column.kind == "minus_one":
        return None if value == -1 else value
    return value


def _decode(column: _Column, value: Any) -> Any:
    if column.kind == "json":
        return column.default if value is None else json.loads(value)
    if column.kind == "bool":
        return column.default if value is None else bool(value)
    if column.kind == "minus_one":
        return -1 if value is None else value
    return value


def _values(item: Any, skip: set[str]) -> list[Any]:
    return [_encode(c, getattr(item, c.name)) for c in _columns(type(item)) if c.name not in skip]


def _derivers(doc: Document) -> dict[str, Callable[[Any], Any]]:
    starts = [p.start for p in doc.paragraphs]

    def paragraph(fact: Any) -> int | None:
        # A mention comes from a paragraph's text: the last paragraph starting before it.
        index = bisect_right(starts, fact.start) - 1
        return index if index >= 0 else None

    return {"paragraph": paragraph}


def fact_rows(doc: Document) -> dict[str, list[Row]]:
    """Rows (ord, fields..., derived...) for every fact table, and (parent, ord, fields...)
    for each nested table; built in the worker, inserted by `insert_facts`."""
    derivers = _derivers(doc)
    found: dict[str, list[Row]] = {}
    for table in FACT_TABLES:
        skip = _nested_names(table)
        items = getattr(doc, table.field)
        found[table.table] = [
            (i, *_values(item, skip), *(derivers[name](item) for name in table.derived))
            for i, item in enumerate(items)
        ]
        for nested in table.nested:
            found[nested.table] = [
                (i, j, *_values(child, set()))
                for i, item in enumerate(items)
                for j, child in enumerate(getattr(item, nested.field))
            ]
    return found


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def insert_facts(conn: sqlite3.Connection, doc_id: str, rows: dict[str, list[Row]]) -> None:
    for table in FACT_TABLES:
        columns = ["ord", *stored_columns(table), *table.derived]
        marks = ", ".join("?" * (len(columns) + 1))
        conn.executemany(
            f"INSERT INTO {table.table} (doc_id, {_quoted(columns)}) VALUES ({marks})",
            [(doc_id, *row) for row in rows.get(table.table, [])],
        )
        for nested in table.nested:
            child = ["parent", "ord", *(c.name for c in _columns(nested.item))]
            marks = ", ".join("?" * (len(child) + 1))
            conn.executemany(
                f"INSERT INTO {nested.table} (doc_id, {_quoted(child)}) VALUES ({marks})",
                [(doc_id, *row) for row in rows.get(nested.table, [])],
            )


def load_facts(conn: sqlite3.Connection, doc_id: str, doc: Document) -> None:
    """Set every fact list of `doc` from its table."""
    for table in FACT_TABLES:
        skip = _nested_names(table)
        columns = [c for c in _columns(table.item) if c.name not in skip]
        cursor = conn.execute(
            f"SELECT {_quoted([c.name for c in columns])} FROM {table.table}"
            " WHERE doc_id = ? ORDER BY ord",
            (doc_id,),
        )
        items = [
            table.item(**{c.name: _decode(c, v) for c, v in zip(columns, row, strict=True)})
            for row in cursor
        ]
        for nested in table.nested:
            child_columns = _columns(nested.item)
            children: dict[int, list[Any]] = {}
            for parent, *values in conn.execute(
                f"SELECT parent, {_quoted([c.name for c in child_columns])} FROM {nested.table}"
                " WHERE doc_id = ? ORDER BY parent, ord",
                (doc_id,),
            ):
                children.setdefault(parent, []).append(
                    nested.item(
                        **{
                            c.name: _decode(c, v)
                            for c, v in zip(child_columns, values, strict=True)
                        }
                    )
                )
            for i, item in enumerate(items):
                setattr(item, nested.field, children.get(i, []))
        setattr(doc, table.field, items)
