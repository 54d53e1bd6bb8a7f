"""Festival and lunar dates: Gregorian, lunar (lunardate), solar terms (chinese_calendar)
and the n-th weekday of a month (母亲节)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from extract.dates.calendar_math import nth_weekday
from extract.dates.vocab import Festival, festival_vocab
from extract.dates.workdays import first_workday_after


def occurrence(festival: Festival, year: int) -> Optional[date]:
    """The festival's day whose calendar year (solar or lunar) is `year`."""
    if festival.solar:
        month, day = festival.solar
        return date(year, month, day)
    if festival.lunar:
        return _lunar(year, festival.lunar[0], festival.lunar[1], festival.offset)
    if festival.weekday_of_month:
        return nth_weekday(year, *festival.weekday_of_month)
    return _solar_term(year, festival.term)


def lunar_date(year: int, month: int, day: int) -> Optional[date]:
    """The Gregorian day of lunar year/month/day; None when that month is shorter."""
    return _lunar(year, month, day, 0)


@lru_cache(maxsize=2048)
def next_lunar(ref: date, month: int, day: int) -> Optional[date]:
    """The next lunar month/day on or after ref. Up to three lunar years ahead: 正月三十
    exists only in the years whose first month is long."""
    days = [lunar_date(year, month, day) for year in range(ref.year - 1, ref.year + 4)]
    future = [found for found in days if found is not None and found >= ref]
    return min(future) if future else None


@lru_cache(maxsize=512)
def _lunar(year: int, month: int, day: int, offset: int) -> Optional[date]:
    from lunardate import LunarDate

    try:
        solar = LunarDate(year, month, day).to_solar_date()
    except (ValueError, IndexError):
        return None
    return solar + timedelta(days=offset)


@lru_cache(maxsize=256)
def _solar_term(year: int, name: str) -> Optional[date]:
    import chinese_calendar

    try:
        terms = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
    except Exception:  # outside the library's 1900–2100 table
        return None
    return next((day for day, term in terms if term == name), None)


@lru_cache(maxsize=2048)  # calendar facts: the same meeting date asks again and again
def next_on_or_after(festival: Festival, ref: date) -> Optional[date]:
    """The festival's next day on or after the meeting date."""
    days = [occurrence(festival, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    future = [day for day in days if day is not None and day >= ref]
    return min(future) if future else None


@lru_cache(maxsize=2048)
def after_holiday(festival: Festival, ref: date) -> Optional[date]:
    """First working day after the festival's holiday, the next such day after ref
    (国庆后 said on 10/3, inside the holiday, still means 10/8)."""
    days = [occurrence(festival, year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    backs = sorted(first_workday_after(day) for day in days if day is not None)
    return next((back for back in backs if back > ref), None)


@lru_cache(maxsize=2048)
def next_public_holiday(ref: date) -> Optional[date]:
    """节前: the next official holiday on or after the meeting date."""
    days = [next_on_or_after(fest, ref) for fest in festival_vocab().festivals if fest.public]
    days = [day for day in days if day is not None]
    return min(days) if days else None


@lru_cache(maxsize=2048)
def after_next_public_holiday(ref: date) -> Optional[date]:
    """节后: the first working day after the next (or current) official holiday."""
    backs = [after_holiday(fest, ref) for fest in festival_vocab().festivals if fest.public]
    backs = [day for day in backs if day is not None]
    return min(backs) if backs else None
