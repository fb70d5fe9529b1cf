from __future__ import annotations

from pathlib import Path

import pytest

import zhengce.version as version


def test_fingerprint_is_stable_within_a_process() -> None:
    assert version.pipeline_fingerprint() == version.pipeline_fingerprint()
    assert len(version.pipeline_fingerprint()) == 16


def test_fingerprint_changes_with_a_data_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "zhengce"
    (package / "data").mkdir(parents=True)
    (package / "stage.py").write_text("x = 1\n", "utf-8")
    table = package / "data" / "table.tsv"
    table.write_text("word\tnote\n", "utf-8")
    monkeypatch.setattr(version, "__file__", str(package / "version.py"))

    def fingerprint() -> str:
        version.pipeline_fingerprint.cache_clear()
        return version.pipeline_fingerprint()

    first = fingerprint()
    table.write_text("word\tnote\n新词\treason\n", "utf-8")
    assert fingerprint() != first
    table.write_text("word\tnote\n", "utf-8")
    assert fingerprint() == first
    version.pipeline_fingerprint.cache_clear()
