"""Load the data tables in `zhengce/data/*.tsv`.

Every table is tab-separated with a header row; lines starting with `#` are
comments.  Every table must have a `note` column (why the row is there, or its
source) and no row may leave it empty: data is reviewed like code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


class LexiconError(ValueError):
    pass


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `zhengce/data/<name>.tsv` as dicts keyed by the header."""
    text = resources.files("zhengce.data").joinpath(f"{name}.tsv").read_text("utf-8")
    return parse_table(text, f"{name}.tsv")


def parse_table(text: str, label: str) -> tuple[dict[str, str], ...]:
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if "note" not in header:
                raise LexiconError(f"{label}:{lineno}: header has no 'note' column")
            continue
        if len(cells) != len(header):
            raise LexiconError(f"{label}:{lineno}: {len(cells)} cells, header has {len(header)}")
        row = dict(zip(header, cells, strict=True))
        if not row["note"].strip():
            raise LexiconError(f"{label}:{lineno}: empty note (say why the row is there)")
        rows.append(row)
    return tuple(rows)
