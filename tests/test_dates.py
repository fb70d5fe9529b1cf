from __future__ import annotations

import pytest

from zhengce.dates import iso_datetime


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("新华网 2023-09-09 16:14", "2023-09-09T16:14"),
        ("发布时间：2024-04-24 09:13:41", "2024-04-24T09:13:41"),
        ("2018年2月7日", "2018-02-07"),
        ("2024/4/24", "2024-04-24"),
        ("2023-09-09T16:14", "2023-09-09T16:14"),
        ("来源：国务院办公厅", None),
        ("第3020号", None),
    ],
)
def test_iso_datetime(text: str, iso: str | None) -> None:
    assert iso_datetime(text) == iso
