"""Mainland-China working days (official holidays off, 调休 make-up days on).

chinese_calendar knows the State Council's schedule for the years it ships
(2004–2026 in 1.11); outside them we fall back to Monday–Friday rather than fail.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=4096)  # chinese_calendar re-validates its whole table on every call
def is_workday(day: date) -> bool:
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except (NotImplementedError, ValueError):
        return day.weekday() < 5


@lru_cache(maxsize=4096)
def add_workdays(ref: date, count: int) -> date:
    """The `count`-th working day strictly after ref (3个工作日内)."""
    day = ref
    remaining = max(count, 0)
    while remaining:
        day += timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def first_workday_after(day: date) -> date:
    """The first working day after `day` and the days off that follow it (国庆后)."""
    return add_workdays(day, 1)
