"""Calendar dates as Chinese pages write them, turned into ISO strings.

Shared by the chrome stage (lifting 发布时间 lines) and metadata extraction, so a date
reads the same wherever it is found.
"""

from __future__ import annotations

import re

# 2023-09-09 16:14, 2024/4/24 09:13:41, 2018年2月7日, 2023-09-09T16:14
DATETIME = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:(?:T|\s*)(?P<hour>\d{1,2})[:：](?P<minute>\d\d)(?:[:：](?P<second>\d\d))?)?"
)


def iso_from_match(match: re.Match[str]) -> str:
    """ "2023-09-09 16:14" -> "2023-09-09T16:14"; "2018年2月7日" -> "2018-02-07"."""
    day = f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d}"
    if match["hour"] is None:
        return day
    clock = f"{int(match['hour']):02d}:{match['minute']}"
    return f"{day}T{clock}:{match['second']}" if match["second"] else f"{day}T{clock}"


def iso_datetime(text: str) -> str | None:
    """The first date (and time) in `text` as ISO, or None."""
    match = DATETIME.search(text)
    return None if match is None else iso_from_match(match)
