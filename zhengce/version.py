"""What a stored reading was made by: a fingerprint of the pipeline's code, tables and libraries.

A database keeps, for every file it read, the fingerprint of the pipeline that read it.  When
zhengce changes (a stage, a lexicon row, OpenCC's or jieba's dictionaries), `zhengce ingest`
reads such files again instead of skipping them, so one database never mixes readings of two
pipelines without saying so.  The fingerprint hashes the package's own source and data files
(not a version number someone must remember to bump), leaving out the modules that only
present what is stored, and the versions of the libraries whose data shape the output.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from zhengce.settings import data_dir

# Libraries that ship data the pipeline reads: a new release may change a reading.
DATA_LIBRARIES = ("opencc", "rjieba", "jieba", "pypinyin", "trafilatura", "regex")


# Modules that only present, measure or query what is stored: a change to them cannot change a
# stored reading, so it does not make ingest read every file again.  Anything not listed counts.
PRESENTATION_ONLY = (
    "cli.py",
    "api.py",
    "show.py",
    "version.py",
    "eval/",
    "analysis/",
    "search/query.py",
    "store/commands.py",
    "store/reader.py",
    "store/export.py",
    "bilingual/commands.py",
    "bilingual/export.py",
    "bilingual/review.py",
)


@cache
def pipeline_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parent
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.tsv")]):
        name = path.relative_to(package).as_posix()
        if name.startswith(PRESENTATION_ONLY):
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    # The user's own table rows (the data directory laid over zhengce/data) shape readings too.
    user = data_dir()
    for path in sorted(user.glob("*.tsv")) if user.is_dir() else []:
        digest.update(b"user/" + path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for library in DATA_LIBRARIES:
        digest.update(f"{library}={_version(library)}\0".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"
