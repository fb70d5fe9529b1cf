from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from zhengce.normalize import table_cache
from zhengce.normalize.table_cache import cache_folder, cached, table_key


def is_list(value: object) -> bool:
    return isinstance(value, list)


def test_a_table_is_built_once_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHENGCE_CACHE", str(tmp_path / "cache"))
    builds: list[int] = []

    def build() -> list[str]:
        builds.append(1)
        return ["國", "国"]

    key = table_key("inputs", 1)
    assert cached("t", key, build, is_list) == ["國", "国"]
    assert cached("t", key, build, is_list) == ["國", "国"]
    assert len(builds) == 1
    assert cached("t", table_key("inputs", 2), build, is_list) == ["國", "国"]  # new inputs
    assert len(builds) == 2
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


def test_a_stored_value_the_check_refuses_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHENGCE_CACHE", str(tmp_path))
    key = table_key("x")
    (tmp_path / f"t-{key}.marshal").write_bytes(marshal.dumps({"not": "a list"}))
    assert cached("t", key, lambda: ["built"], is_list) == ["built"]
    (tmp_path / f"t-{key}.marshal").write_bytes(b"\x00garbage")
    assert cached("t", key, lambda: ["again"], is_list) == ["again"]


def test_caching_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZHENGCE_CACHE", "off")
    assert cache_folder() is None
    assert cached("t", "k", lambda: [1], is_list) == [1]


def test_a_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("ZHENGCE_CACHE", str(shared))
    assert cache_folder() is None


def test_the_cached_tables_equal_the_built_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhengce.normalize import script, symbols, word_model

    monkeypatch.setenv("ZHENGCE_CACHE", str(tmp_path))
    for _ in range(2):  # the second round reads what the first stored
        assert script._script_markers() == script._derive_script_markers()
        assert symbols._symbol_classes() == symbols._derive_symbol_classes()
        word_model.word_frequencies.cache_clear()
        assert word_model.word_frequencies() == word_model._read_word_frequencies()
    assert len(list(tmp_path.glob("*.marshal"))) == 3
    assert table_cache.cache_folder() == tmp_path
