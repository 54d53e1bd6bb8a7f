"""Plain date arithmetic the rules share (weeks are Monday–Sunday).

The lookups keyed by the meeting date are cached: one document asks them again for
every expression it holds."""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional


def safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def add_months(day: date, by: int) -> date:
    """Same day `by` months later, clamped to the month's end (1/31 + 1 → 2/29)."""
    year, month = shift_month(day.year, day.month, by)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@lru_cache(maxsize=2048)
def weekday_in_week(ref: date, weeks: int, weekday: int) -> date:
    """Weekday `weekday` (0 = Monday) of the week `weeks` after ref's week."""
    return week_monday(ref) + timedelta(days=7 * weeks + weekday)


@lru_cache(maxsize=2048)
def next_weekday(ref: date, weekday: int) -> date:
    """The first `weekday` strictly after ref (a bare 周五)."""
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> Optional[date]:
    """The n-th `weekday` of the month (n = -1: the last one); None when the month
    has no such day (a fifth Monday)."""
    if n < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + by
    return index // 4, index % 4 + 1


def nearest_year(ref: date, build, window_days: int) -> Optional[date]:
    """`build(year)` in the meeting's year, or next year when it falls more than
    `window_days` before the meeting (7月15日 said in December means next July)."""
    candidate = build(ref.year)
    if candidate is None:
        return None
    if (ref - candidate).days > window_days:
        return build(ref.year + 1) or candidate  # 2月29日 with no leap day next year
    return candidate


@lru_cache(maxsize=2048)
def day_on_or_after(ref: date, day: int) -> Optional[date]:
    """Day `day` of the meeting month, or of the next month that has it when that
    is before the meeting (15号 said on the 20th means next month's 15th)."""
    year, month = ref.year, ref.month
    for _ in range(3):
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate >= ref:
            return candidate
        year, month = shift_month(year, month, 1)
    return None
