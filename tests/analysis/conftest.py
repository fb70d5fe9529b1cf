from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.sample_db import build


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample knowledge base (built once per test module; tests only read it)."""
    path = tmp_path_factory.mktemp("kb") / "kb.db"
    build(path).close()
    return path
