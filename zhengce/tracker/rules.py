"""The tracker's rules as plain functions over plain values: the workflow, reporting cycles,
lights (from data/tracker_lights.tsv) and notices (data/tracker_notices.tsv).

Kept free of the database so that the service and an independent recomputation from the
event log (tests/tracker/test_simulation.py) apply the same written rules.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache

from zhengce.lexicon import load_table

STATES = ("待签收", "已签收", "推进中", "申请办结", "已销号")
OPEN_STATES = STATES[:-1]
CLOSED = "已销号"
CYCLES = ("none", "once", "monthly", "quarterly")


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # the office's own word for it
    role: str  # supervisor | unit
    lead_only: bool  # unit actions: only a lead unit (else lead or supporting)
    from_states: tuple[str, ...]
    to_state: str | None  # None: the state does not change
    needs_note: bool = False


# Every action of the workflow; anything else is refused.  `to_state` None keeps the state
# (a request waits for the supervisor's decision).
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("sign", "签收", "unit", True, ("待签收",), "已签收"),
        Transition("start", "开始推进", "unit", True, ("已签收",), "推进中"),
        Transition("request_close", "申请办结", "unit", True, ("推进中",), "申请办结"),
        Transition("close", "销号", "supervisor", False, ("申请办结",), CLOSED),
        Transition("return", "退回整改", "supervisor", False, ("申请办结",), "推进中", True),
        Transition("request_extension", "延期申请", "unit", True, ("已签收", "推进中"), None, True),
        Transition("approve_extension", "批准延期", "supervisor", False, OPEN_STATES, None),
        Transition("refuse_extension", "不予延期", "supervisor", False, OPEN_STATES, None, True),
        Transition("appeal", "表述调整申诉", "unit", True, OPEN_STATES, None, True),
        Transition("accept_appeal", "同意调整", "supervisor", False, OPEN_STATES, None),
        Transition("reject_appeal", "驳回申诉", "supervisor", False, OPEN_STATES, None, True),
    )
}
# Decisions need a request waiting: action -> the pending request it decides.
DECIDES = {
    "approve_extension": "extension",
    "refuse_extension": "extension",
    "accept_appeal": "appeal",
    "reject_appeal": "appeal",
}
REQUESTS = {"request_extension": "extension", "appeal": "appeal"}
REPORT_STATES = ("已签收", "推进中")


def parse_day(text: str) -> date:
    return date.fromisoformat(text[:10])


def add_days(day: date, n: int) -> date:
    return date.fromordinal(day.toordinal() + n)


def due_dates(
    cycle: str, cycle_day: int, start: date, until: date, deadline: date | None = None
) -> list[date]:
    """Report due dates of a cycle from `start` (the month the task was set) through `until`.

    monthly: day `cycle_day` of every month (每月28日前); quarterly: of each quarter's last
    month; once: one report, due on the deadline; none: no reports are due.
    """
    if cycle == "once":
        return [deadline] if deadline is not None and start <= deadline <= until else []
    if cycle not in ("monthly", "quarterly"):
        return []
    found: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (until.year, until.month):
        if cycle == "monthly" or month % 3 == 0:
            day = min(cycle_day, calendar.monthrange(year, month)[1])
            due = date(year, month, day)
            if start <= due <= until:
                found.append(due)
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return found


def missed_reports(
    cycle: str,
    cycle_day: int,
    start: date,
    today: date,
    report_days: list[date],
    deadline: date | None = None,
) -> int:
    """Periods whose due date has passed (before today) with no report since the previous one."""
    missed = 0
    previous = start
    for due in due_dates(cycle, cycle_day, start, add_days(today, -1), deadline):
        if not any(previous <= day <= due for day in report_days):
            missed += 1
        previous = add_days(due, 1)
    return missed


@dataclass(frozen=True)
class Rule:
    outcome: str  # red | yellow (lights) or 督办单 | 催办单 (notices)
    rule: str
    threshold: float
    note: str


@cache
def light_rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(r["light"], r["rule"], float(r["threshold"]), r["note"])
        for r in load_table("tracker_lights")
    )


@cache
def notice_rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(r["notice"], r["rule"], float(r["threshold"]), r["note"])
        for r in load_table("tracker_notices")
    )


@dataclass(frozen=True)
class Facts:
    """What the rules look at, for one task on one day."""

    closed: bool
    days_left: int | None  # None: no dated deadline
    missed: int
    behind: float | None  # share of the indicator path not reached (0.2 = 20% behind)


def _holds(rule: Rule, facts: Facts) -> bool:
    if rule.rule == "overdue_days_at_least":
        return facts.days_left is not None and -facts.days_left >= rule.threshold
    if rule.rule == "days_left_at_most":
        return facts.days_left is not None and 0 <= facts.days_left <= rule.threshold
    if rule.rule == "missed_reports_at_least":
        return facts.missed >= rule.threshold
    if rule.rule == "indicator_behind_at_least":
        return facts.behind is not None and facts.behind >= rule.threshold
    raise ValueError(f"unknown rule {rule.rule!r} in the tracker's rule tables")


def light(facts: Facts) -> tuple[str, list[str]]:
    """(red | yellow | green, the notes of the rules that decided); a closed task is green."""
    if facts.closed:
        return "green", []
    for colour in ("red", "yellow"):
        reasons = [r.note for r in light_rules() if r.outcome == colour and _holds(r, facts)]
        if reasons:
            return colour, reasons
    return "green", []


def notice(facts: Facts) -> tuple[str | None, list[str]]:
    """督办单 (escalated) or 催办单 for an open task that is late, else None."""
    if facts.closed:
        return None, []
    for kind in ("督办单", "催办单"):
        reasons = [r.note for r in notice_rules() if r.outcome == kind and _holds(r, facts)]
        if reasons:
            return kind, reasons
    return None, []


def indicator_behind(
    target: float | None,
    comparator: str | None,
    year: int | None,
    reported: float | None,
    today: date,
) -> float | None:
    """How far a reported value is behind a straight path to the year's target, as a share.

    Only for goals that grow through the year (以上, 达到, 不低于): at day d of the year the
    path stands at target × d/365.  None when there is no target, no value or no year.
    """
    if target is None or reported is None or year is None or target <= 0:
        return None
    if comparator not in ("以上", "达到", "不低于", "超过"):
        return None
    if today.year < year:
        return None
    share = 1.0 if today.year > year else (today.timetuple().tm_yday / 365)
    path = target * min(share, 1.0)
    if path <= 0:
        return None
    return max(0.0, (path - reported) / path)
