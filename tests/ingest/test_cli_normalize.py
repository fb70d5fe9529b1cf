"""`zhengce normalize`: one error line per failed file, the others go on, exit 1 if any failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import zhengce.cli
import zhengce.pipeline
from zhengce.cli import app


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "good": tmp_path / "good.txt",
        "gb": tmp_path / "gb.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "damaged": tmp_path / "damaged.txt",
    }
    paths["good"].write_text("会议强调，要推动区域协调发展。\n", "utf-8")
    paths["gb"].write_bytes("全省水利工作会议召开。\n".encode("gb18030"))
    paths["empty"].write_bytes(b"")
    paths["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    paths["damaged"].write_bytes("会议召开".encode() + b"\xff" + "。\n".encode())
    return paths


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["normalize", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_all_good_exits_0(files: dict[str, Path]) -> None:
    code, out, err = _run(str(files["good"]), str(files["gb"]))
    assert code == 0
    assert "推动区域协调发展" in out and "全省水利工作会议召开" in out
    assert err == ""


def test_failures_are_one_line_each_and_the_rest_goes_on(files: dict[str, Path]) -> None:
    missing = str(files["good"].parent / "missing.txt")
    code, out, err = _run(str(files["empty"]), str(files["good"]), missing, str(files["binary"]))
    assert code == 1
    assert "推动区域协调发展" in out
    lines = err.strip().split("\n")
    assert lines == [
        f"error: {files['empty']}: empty file",
        f"error: {missing}: no such file or folder",
        f"error: {files['binary']}: binary file (PNG image), not text",
    ]
    assert "Traceback" not in err


def test_a_folder_is_read_and_its_bad_files_reported(files: dict[str, Path]) -> None:
    code, out, err = _run(str(files["good"].parent))
    assert code == 1
    assert "全省水利工作会议召开" in out
    assert err.count("error: ") == 2


def test_replaced_bytes_give_a_warning_not_an_error(files: dict[str, Path]) -> None:
    code, out, err = _run(str(files["damaged"]))
    assert code == 0
    assert "\ufffd" in out
    assert err.strip() == (
        f"warning: {files['damaged']}: 1 invalid bytes replaced with U+FFFD (first at byte 12)"
    )


def test_empty_folder_warns(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path))
    assert code == 0
    assert err.startswith(f"warning: {tmp_path}: no readable files")


def test_unexpected_exception_is_one_line_naming_file_and_type(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: object) -> object:
        raise KeyError("stage exploded\nsecond line")

    monkeypatch.setattr(zhengce.pipeline, "normalize", broken)  # imported when the command runs
    code, _, err = _run(str(files["good"]), str(files["gb"]))
    assert code == 1
    lines = err.strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {files['good']}: KeyError: ")
    assert "Traceback" not in err


def test_rich_markup_in_names_is_printed_as_is(tmp_path: Path) -> None:
    name = str(tmp_path / "[red]视频[/red].txt")
    code, _, err = _run(name)
    assert code == 1
    assert err.strip() == f"error: {name}: no such file or folder"


def test_long_error_lines_are_not_wrapped(tmp_path: Path) -> None:
    deep = tmp_path / ("很长的文件夹名" * 20)
    code, _, err = _run(str(deep / "x.txt"))
    assert code == 1
    assert err.count("\n") == 1
