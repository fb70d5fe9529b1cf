"""Settings, read once: a command-line option, else the environment, else the default.

    ZHENGCE_DB        the knowledge base: a SQLite file path (default zhengce.db)
    ZHENGCE_JOBS      worker processes for ingest (default: all cores)
    ZHENGCE_RUNNER    how ingest runs its workers: local (a process pool) or dask (--scheduler)
    ZHENGCE_DATA_DIR  the user data directory laid over the package's tables (glossary review,
                      your own positions, formulations, vocabulary rows), default
                      $XDG_DATA_HOME/zhengce or ~/.local/share/zhengce
    ZHENGCE_DEBUG     1: let an internal error show its traceback

`current(db=option, ...)` gives the `Settings` for one command: an option given (not None)
wins over the environment, the environment over the default.  A bad value is one clear line
(`SettingError`), never a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

RUNNERS = ("local", "dask")


class SettingError(ValueError):
    """A setting with a value zhengce cannot use: names the setting and what it wants."""


@dataclass(frozen=True, slots=True)
class Setting:
    name: str  # the field of Settings and the command-line option (--db, --jobs)
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "ZHENGCE_DB", "zhengce.db", "the knowledge base (a SQLite file)"),
    Setting("jobs", "ZHENGCE_JOBS", "", "ingest worker processes (empty: all cores)"),
    Setting("runner", "ZHENGCE_RUNNER", "local", "how ingest runs its workers: local or dask"),
    Setting("data_dir", "ZHENGCE_DATA_DIR", "", "user data directory over the package tables"),
    Setting("debug", "ZHENGCE_DEBUG", "", "1: show the traceback of an internal error"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str
    jobs: int | None
    runner: str
    data_dir: Path
    debug: bool

    @property
    def db_path(self) -> Path:
        return Path(self.db)


def _raw(setting: Setting, given: object) -> str:
    if given is not None:
        return str(given)
    return os.environ.get(setting.env, "") or setting.default


def data_dir() -> Path:
    """The user data directory alone (ZHENGCE_DATA_DIR, else the default)."""
    found = os.environ.get("ZHENGCE_DATA_DIR", "").strip()
    return Path(found).expanduser() if found else default_data_dir()


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zhengce"


def current(
    *,
    db: str | Path | None = None,
    jobs: int | None = None,
    runner: str | None = None,
    data_dir: str | Path | None = None,
) -> Settings:
    """The settings for one command: options given here, else environment, else defaults."""
    by_name = {s.name: s for s in SETTINGS}
    jobs_text = _raw(by_name["jobs"], jobs).strip()
    try:
        found_jobs = int(jobs_text) if jobs_text else None
    except ValueError:
        raise SettingError(f"ZHENGCE_JOBS={jobs_text!r}: expected a whole number") from None
    if found_jobs is not None and found_jobs < 1:
        raise SettingError(f"jobs = {found_jobs}: expected 1 or more")
    found_runner = _raw(by_name["runner"], runner).strip()
    if found_runner not in RUNNERS:
        raise SettingError(
            f"runner {found_runner!r} (--runner or ZHENGCE_RUNNER): choose {' or '.join(RUNNERS)}"
        )
    data = _raw(by_name["data_dir"], data_dir).strip()
    return Settings(
        db=_raw(by_name["db"], db),
        jobs=found_jobs,
        runner=found_runner,
        data_dir=Path(data).expanduser() if data else default_data_dir(),
        debug=debug_enabled(),
    )


def debug_enabled() -> bool:
    """ZHENGCE_DEBUG, read on its own: a bad value of another setting must not hide a bug."""
    return os.environ.get("ZHENGCE_DEBUG", "").strip() not in ("", "0")
