"""Tables derived from installed packages, kept between runs in a per-user cache folder.

A few tables take a large share of a command's start-up to derive: the script stage's
character markers (about 28 k characters through four OpenCC configurations) and the
word model (jieba's 350 k-word dictionary, parsed line by line).  Each is a pure function
of its inputs, so it is stored once under a key naming those inputs (package versions,
file sizes and times, our own tables' content) and read back with `marshal`, which holds
plain data only (loading it runs no code).

The folder is the user's own: $ZHENGCE_CACHE, else $XDG_CACHE_HOME/zhengce, else
~/.cache/zhengce; ZHENGCE_CACHE=off turns caching off.  A folder that is not the user's
own, or a file that cannot be read or written, means the table is built as if there were
no cache: the cache can make a run faster, never different or failing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from zhengce.lexicon import load_table

T = TypeVar("T")


def cache_folder() -> Path | None:
    """The cache folder, created private if missing; None when caching is off or unsafe."""
    setting = os.environ.get("ZHENGCE_CACHE")
    if setting is not None and setting.strip().lower() in {"", "off", "0", "no"}:
        return None
    if setting:
        folder = Path(setting)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "zhengce"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError:
        return None
    # Someone else's folder, or one others may write to, could hold a planted file.
    if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def table_key(*parts: object) -> str:
    """A short digest of everything a table is derived from."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:20]


def ours(name: str) -> str:
    """The text of one of our tables (zhengce/data/NAME.tsv), as a key part."""
    return repr(load_table(name))


def cached(name: str, key: str, build: Callable[[], T], check: Callable[[Any], bool]) -> T:
    """`build()`, or the value stored under (name, key) if `check` accepts it."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.marshal"
    try:
        with path.open("rb") as stored:
            value = marshal.load(stored)
        if check(value):
            return cast(T, value)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as out:
            marshal.dump(cast(Any, value), out)
        temporary.replace(path)  # atomic: parallel workers never read half a file
    except (OSError, ValueError):
        temporary.unlink(missing_ok=True)
    return value
