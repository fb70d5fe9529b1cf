from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import zhengce.cli as cli


def run_main(monkeypatch: pytest.MonkeyPatch, failure: Exception) -> int:
    def failing_app() -> None:
        raise failure

    monkeypatch.setattr(cli, "app", failing_app)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    return int(exit_info.value.code or 0)


def test_a_refused_file_is_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_main(monkeypatch, FileNotFoundError(2, "No such file or directory", "/x/g.tsv"))
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == "error: /x/g.tsv: No such file or directory"


def test_a_bug_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ZHENGCE_DEBUG", raising=False)
    code = run_main(monkeypatch, KeyError("surprise"))
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error (KeyError" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # one line (rich may wrap it)


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHENGCE_DEBUG", "1")
    monkeypatch.setattr(cli, "app", lambda: (_ for _ in ()).throw(KeyError("surprise")))
    with pytest.raises(KeyError):
        cli.main()


def test_the_installed_command_is_the_guarded_main() -> None:
    scripts = metadata.entry_points(group="console_scripts", name="zhengce")
    assert [entry.value for entry in scripts] == ["zhengce.cli:main"]


def test_a_failed_write_inside_a_command_reaches_the_user_as_one_line(tmp_path: Path) -> None:
    # Exporting under a plain file, as if it were a folder: the write fails inside the command.
    from zhengce.store.schema import connect

    connect(tmp_path / "kb.db").close()
    (tmp_path / "a-file").write_text("", "utf-8")
    out = str(tmp_path / "a-file" / "out")
    script = (
        "import sys; from zhengce.cli import main; sys.argv = ['zhengce', 'export', '--db',"
        f" {str(tmp_path / 'kb.db')!r}, '--format', 'csv', '--out', {out!r}]; main()"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error:") and "a-file" in done.stderr
