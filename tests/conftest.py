from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on every developer run; in CI they replay a fixed
# sequence, so a submission lands or fails on its own code, not on the draw.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Tests read the package's tables alone: a developer's own data directory (ZHENGCE_DATA_DIR,
# ~/.local/share/zhengce) must not change what they see.  Set before zhengce reads any table.
os.environ["ZHENGCE_DATA_DIR"] = str(Path(__file__).resolve().parent / "data" / "no-user-data")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
CORPUS_MD = SHARED / "corpus" / "cctv-news" / "md"
CORPUS_HTML = SHARED / "corpus" / "cctv-news" / "html"


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
