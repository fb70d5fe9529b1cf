"""`Table`: the rows every query of the Python API returns, convertible to a DataFrame.

Its own module, below the API and the tracker alike, so that both return it without
importing each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload


class Table(Sequence[dict[str, Any]]):
    """Rows (dicts with the same keys) that convert to a DataFrame."""

    def __init__(self, rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
        self.rows = rows
        self.columns = columns if columns is not None else (list(rows[0]) if rows else [])

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> Table: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | Table:
        if isinstance(index, slice):
            return Table(self.rows[index], self.columns)
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"Table({len(self.rows)} rows: {', '.join(self.columns)})"

    def to_dicts(self) -> list[dict[str, Any]]:
        return list(self.rows)

    def to_pandas(self) -> Any:
        try:
            import pandas
        except ImportError:
            raise ImportError(
                "to_pandas() needs pandas, which is not installed: pip install pandas"
            ) from None
        return pandas.DataFrame(self.rows, columns=self.columns)

    def to_polars(self) -> Any:
        try:
            import polars
        except ImportError:
            raise ImportError(
                "to_polars() needs polars, which is not installed: pip install polars"
            ) from None
        if not self.rows:
            return polars.DataFrame({name: [] for name in self.columns})
        return polars.DataFrame(self.rows, infer_schema_length=None)

    def to_dataframe(self) -> Any:
        """A pandas DataFrame if pandas is installed, else a polars one."""
        for convert in (self.to_pandas, self.to_polars):
            try:
                return convert()
            except ImportError:
                continue
        raise ImportError(
            "a DataFrame needs pandas or polars, and neither is installed: "
            "pip install pandas (or polars)"
        )
