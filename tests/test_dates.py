from __future__ import annotations

import pytest

from zhengce.dates import chinese_number, date_of_line, iso_datetime


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


@pytest.mark.parametrize(
    ("text", "number"),
    [("七", 7), ("十", 10), ("十一", 11), ("二十", 20), ("二十四", 24), ("三十一", 31)],
)
def test_chinese_number(text: str, number: int) -> None:
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("二〇二四年六月二十四日", "2024-06-24"),
        ("二○一八年二月七日", "2018-02-07"),
        ("二零二四年十二月三十一日", "2024-12-31"),
        ("  2024年6月24日 ", "2024-06-24"),
        ("（2024年6月24日）", "2024-06-24"),
        ("2024-06-24", "2024-06-24"),
        ("二〇二三年二月三十日", None),  # no such day
        ("2024-06-24 10:00", None),  # a time stamp, not a date line
        ("2024年6月24日印发", None),
        ("六月二十四日", None),  # no year
    ],
)
def test_date_of_line(line: str, iso: str | None) -> None:
    assert date_of_line(line) == iso
