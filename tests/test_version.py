from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import zhengce.version as version


def test_fingerprint_is_stable_within_a_process() -> None:
    assert version.pipeline_fingerprint() == version.pipeline_fingerprint()
    assert len(version.pipeline_fingerprint()) == 16


@pytest.fixture
def fake_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty package folder that pipeline_fingerprint reads instead of zhengce's own."""
    package = tmp_path / "zhengce"
    package.mkdir()
    monkeypatch.setattr(version, "__file__", str(package / "version.py"))
    yield package
    version.pipeline_fingerprint.cache_clear()  # the next caller hashes the real package


def write(path: Path, text: str) -> Callable[[], str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    version.pipeline_fingerprint.cache_clear()
    return version.pipeline_fingerprint


def test_fingerprint_changes_with_a_data_row(fake_package: Path) -> None:
    table = fake_package / "data" / "table.tsv"
    write(fake_package / "stage.py", "x = 1\n")
    first = write(table, "word\tnote\n")()
    assert write(table, "word\tnote\n新词\treason\n")() != first
    assert write(table, "word\tnote\n")() == first


def test_presentation_modules_do_not_count(fake_package: Path) -> None:
    stage, report = fake_package / "normalize" / "stage.py", fake_package / "eval" / "report.py"
    write(stage, "x = 1\n")
    first = write(report, "y = 1\n")()
    assert write(report, "y = 2\n")() == first
    assert write(stage, "x = 2\n")() != first
