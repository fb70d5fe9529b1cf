"""Calendar dates as Chinese pages write them, turned into ISO strings.

Shared by the chrome stage (lifting 发布时间 lines) and metadata extraction, so a date
reads the same wherever it is found.
"""

from __future__ import annotations

import re
from datetime import date

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


# 二〇二四年六月二十四日: how official documents write the date they were signed (成文日期).
# 〇 (U+3007) is the standard zero; ○ (U+25CB) and 零 are common substitutes.
_CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CHINESE_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT = "[〇○零一二三四五六七八九]"
_UP_TO_31 = "(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
CHINESE_DATE = re.compile(
    rf"(?P<year>{_DIGIT}{{4}})年(?P<month>{_UP_TO_31})月(?P<day>{_UP_TO_31})日"
)
# A line that holds nothing but a date, perhaps in brackets: （2024年6月24日）.
_DATE_ONLY = re.compile(r"[（(]?\s*(?P<date>[^()（）]+?)\s*[）)]?")


def chinese_number(text: str) -> int:
    """十一 -> 11, 二十四 -> 24, 三十 -> 30, 七 -> 7 (numbers up to 99 written with 十)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CHINESE_DIGITS[text]
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def iso_chinese_date(match: re.Match[str]) -> str | None:
    """ISO date of a CHINESE_DATE match, or None if it names no real day (二月三十日)."""
    year = int("".join(str(_CHINESE_DIGITS[c]) for c in match["year"]))
    try:
        day = date(year, chinese_number(match["month"]), chinese_number(match["day"]))
    except ValueError:
        return None
    return day.isoformat()


def date_of_line(line: str) -> str | None:
    """The ISO date of a line that is only a date (2024年6月24日, 二〇二四年六月二十四日)."""
    found = _DATE_ONLY.fullmatch(line.strip())
    if found is None:
        return None
    text = found["date"]
    numeric = DATETIME.fullmatch(text)
    if numeric is not None and numeric["hour"] is None:
        return iso_from_match(numeric)
    chinese = CHINESE_DATE.fullmatch(text)
    return iso_chinese_date(chinese) if chinese is not None else None
