from __future__ import annotations

from datetime import date

from zhengce.tracker import rules
from zhengce.tracker.plan import reporting_cycle


def test_monthly_due_dates_and_missed_reports() -> None:
    start = date(2025, 1, 10)
    assert rules.due_dates("monthly", 28, start, date(2025, 3, 31)) == [
        date(2025, 1, 28),
        date(2025, 2, 28),
        date(2025, 3, 28),
    ]
    # day 31 in a short month falls on its last day
    assert rules.due_dates("monthly", 31, start, date(2025, 2, 28))[-1] == date(2025, 2, 28)
    assert rules.missed_reports("monthly", 28, start, date(2025, 4, 1), [date(2025, 2, 3)]) == 2
    # a report on the due day itself counts; the due day is not missed until it has passed
    assert rules.missed_reports("monthly", 28, start, date(2025, 1, 28), []) == 0
    assert rules.missed_reports("monthly", 28, start, date(2025, 1, 29), [date(2025, 1, 28)]) == 0


def test_quarterly_once_and_none() -> None:
    start = date(2025, 1, 1)
    assert rules.due_dates("quarterly", 28, start, date(2025, 12, 31)) == [
        date(2025, 3, 28),
        date(2025, 6, 28),
        date(2025, 9, 28),
        date(2025, 12, 28),
    ]
    deadline = date(2025, 6, 30)
    assert rules.due_dates("once", 28, start, date(2025, 12, 31), deadline) == [deadline]
    assert rules.missed_reports("once", 28, start, date(2025, 7, 1), [], deadline) == 1
    assert (
        rules.missed_reports("once", 28, start, date(2025, 7, 1), [date(2025, 6, 1)], deadline) == 0
    )
    assert rules.due_dates("none", 28, start, date(2025, 12, 31)) == []


def test_lights_follow_the_rule_table() -> None:
    facts = rules.Facts(closed=False, days_left=-1, missed=0, behind=None)
    assert rules.light(facts)[0] == "red"
    assert rules.light(rules.Facts(False, 20, 0, None))[0] == "yellow"
    assert rules.light(rules.Facts(False, 200, 1, None))[0] == "yellow"
    assert rules.light(rules.Facts(False, 200, 2, None))[0] == "red"
    assert rules.light(rules.Facts(False, 200, 0, 0.15))[0] == "yellow"
    assert rules.light(rules.Facts(False, 200, 0, 0.35))[0] == "red"
    assert rules.light(rules.Facts(False, None, 0, None)) == ("green", [])
    assert rules.light(rules.Facts(True, -100, 5, 0.9)) == ("green", [])
    assert rules.notice(rules.Facts(False, -40, 0, None))[0] == "督办单"
    assert rules.notice(rules.Facts(False, -3, 0, None))[0] == "催办单"
    assert rules.notice(rules.Facts(False, 10, 0, None))[0] is None


def test_indicator_path() -> None:
    # by 1 July half of 1,200 is the path; 480 is 20% behind it
    behind = rules.indicator_behind(1200, "以上", 2025, 480, date(2025, 7, 2))
    assert behind is not None and abs(behind - 0.2) < 0.01
    assert rules.indicator_behind(1200, "左右", 2025, 480, date(2025, 7, 2)) is None
    assert rules.indicator_behind(1200, "以上", 2025, None, date(2025, 7, 2)) is None


def test_reporting_cycle_from_text() -> None:
    assert reporting_cycle("各单位每月28日前报送进展情况") == {"cycle": "monthly", "cycle_day": 28}
    assert reporting_cycle("每季度报送一次") == {"cycle": "quarterly", "cycle_day": 28}
    assert reporting_cycle("加快推进") == {}
