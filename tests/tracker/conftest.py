from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from zhengce.tracker import accounts


@pytest.fixture(autouse=True)
def cheap_hashes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Argon2 with the smallest cost in tests that are not about passwords (still argon2id)."""
    if request.module.__name__.endswith("test_accounts"):
        yield
        return
    saved = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    accounts._hasher = saved
