"""Settings come from an option, else the environment, else the default; the README tells them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from zhengce.cli import app
from zhengce.settings import SETTINGS, SettingError, current

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def test_option_beats_environment_beats_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for setting in SETTINGS:
        monkeypatch.delenv(setting.env, raising=False)
    assert current().db == "zhengce.db"
    assert current().jobs is None
    monkeypatch.setenv("ZHENGCE_DB", "from-env.db")
    monkeypatch.setenv("ZHENGCE_JOBS", "3")
    assert (current().db, current().jobs) == ("from-env.db", 3)
    assert current(db="given.db", jobs=1).db == "given.db"
    assert current(db="given.db", jobs=1).jobs == 1


def test_data_dir_default_and_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ZHENGCE_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert current().data_dir == tmp_path / "zhengce"
    monkeypatch.setenv("ZHENGCE_DATA_DIR", str(tmp_path / "mine"))
    assert current().data_dir == tmp_path / "mine"


@pytest.mark.parametrize(
    ("env", "value"), [("ZHENGCE_JOBS", "many"), ("ZHENGCE_JOBS", "0"), ("ZHENGCE_RUNNER", "x")]
)
def test_a_bad_value_is_one_clear_error(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(SettingError, match=env.removeprefix("ZHENGCE_").lower() + "|" + env):
        current()


def test_the_cli_reads_the_database_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    monkeypatch.setenv("ZHENGCE_DB", str(tmp_path / "absent.db"))
    result = CliRunner().invoke(app, ["summary"])
    assert result.exit_code == 1
    assert "absent.db" in result.output


def _command_paths(group: Any, prefix: str = "") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):  # a group of subcommands (glossary list|review)
            found.extend(_command_paths(command, path + " "))
        else:
            found.append(path)
    return found


def _documented(path: str) -> bool:
    """`zhengce ingest` for a command; a subcommand (`tasks report`) on a line of its group
    (`zhengce tasks show ID | report ID TEXT`)."""
    group, _, sub = path.partition(" ")
    if not sub:
        return f"zhengce {group}" in README
    return any(
        f"zhengce {group}" in line and re.search(rf"(?<![\w-]){re.escape(sub)}\b", line)
        for line in README.splitlines()
    )


def test_readme_documents_every_command_and_setting() -> None:
    root = typer.main.get_command(app)
    paths = _command_paths(root)
    assert "ingest" in paths and "glossary review" in paths
    undocumented = [path for path in paths if not _documented(path)]
    assert not undocumented, f"README.md does not show: {undocumented}"
    missing = [s.env for s in SETTINGS if s.env not in README]
    assert not missing, f"README.md does not name the settings {missing}"
