"""Load the data tables in `zhengce/data/*.tsv`.

Every table is tab-separated with a header row; lines starting with `#` are
comments.  Every table must have a `note` column (why the row is there, or its
source) and no row may leave it empty: data is reviewed like code.

The user data directory (`zhengce.settings.data_dir()`, ZHENGCE_DATA_DIR) is laid over the
package's tables: a file `<data dir>/<name>.tsv` with the same columns adds its rows after the
package's (your reviewed glossary pairs, positions, formulations, vocabulary rows).  Nothing is
ever written into the installed package; the pipeline fingerprint includes these files, so a
database read before they changed is read again.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from zhengce.settings import data_dir


class LexiconError(ValueError):
    pass


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `zhengce/data/<name>.tsv` as dicts keyed by the header, then the rows of the
    user's own `<data dir>/<name>.tsv` if there is one."""
    text = resources.files("zhengce.data").joinpath(f"{name}.tsv").read_text("utf-8")
    rows = parse_table(text, f"{name}.tsv")
    user = user_table(name)
    if not user.is_file():
        return rows
    extra = parse_table(user.read_text("utf-8"), str(user))
    if rows and extra and set(extra[0]) != set(rows[0]):
        raise LexiconError(
            f"{user}:1: columns {sorted(extra[0])} differ from {name}.tsv's {sorted(rows[0])}"
        )
    return rows + extra


def user_table(name: str) -> Path:
    """Where the user's rows for table `name` live (the file need not exist)."""
    return data_dir() / f"{name}.tsv"


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
