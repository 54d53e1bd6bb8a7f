"""The pieces under extract.dates: numerals, date arithmetic, working days, festivals."""
from __future__ import annotations

from datetime import date

import pytest

from extract.dates import calendar_math as cm
from extract.dates import festivals, workdays
from extract.dates.numerals import amount, to_int, year_value
from extract.dates.vocab import festival_vocab


@pytest.mark.parametrize("text,value", [
    ("15", 15), ("十", 10), ("十五", 15), ("二十一", 21), ("三十一", 31), ("廿三", 23),
    ("两", 2), ("一百", 100), ("两千零四", 2004), ("二四", None), ("abc", None), ("", None),
])
def test_to_int(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("text,value", [
    ("2024", 2024), ("24", 2024), ("二〇二四", 2024), ("二零二五", 2025), ("两千零四", 2004),
])
def test_year_value(text, value):
    assert year_value(text) == value


@pytest.mark.parametrize("text,value", [
    ("3", 3), ("1.5", 1.5), ("半", 0.5), ("一两", 2), ("三五", 5), ("3-5", 5), ("三到五", 5), ("二十", 20),
])
def test_amount(text, value):
    assert amount(text) == value


def test_calendar_math():
    assert cm.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert cm.add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert cm.next_weekday(date(2024, 7, 12), 4) == date(2024, 7, 19)
    assert cm.weekday_in_week(date(2024, 7, 14), 1, 0) == date(2024, 7, 15)
    assert cm.quarter_end(2024, 1) == date(2024, 3, 31)
    assert cm.shift_quarter(2024, 4, 1) == (2025, 1)
    assert cm.day_on_or_after(date(2024, 7, 20), 15) == date(2024, 8, 15)


def test_nearest_year_window():
    build = lambda y: date(y, 5, 1)  # noqa: E731
    assert cm.nearest_year(date(2024, 6, 30), build, 60) == date(2024, 5, 1)
    assert cm.nearest_year(date(2024, 7, 1), build, 60) == date(2025, 5, 1)


def test_workdays_skip_holidays_and_count_make_up_days():
    assert workdays.is_workday(date(2024, 9, 29))  # Sunday, make-up day
    assert not workdays.is_workday(date(2024, 10, 7))
    assert workdays.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert workdays.first_workday_after(date(2024, 10, 1)) == date(2024, 10, 8)


def _festival(name):
    return festival_vocab().by_name[name]


@pytest.mark.parametrize("name,year,day", [
    ("春节", 2024, date(2024, 2, 10)), ("春节", 2025, date(2025, 1, 29)),
    ("除夕", 2024, date(2024, 2, 9)), ("端午", 2024, date(2024, 6, 10)),
    ("中秋", 2023, date(2023, 9, 29)), ("中秋", 2025, date(2025, 10, 6)),
    ("清明", 2000, date(2000, 4, 4)), ("清明", 2023, date(2023, 4, 5)), ("清明", 2050, date(2050, 4, 4)),
    ("冬至", 2021, date(2021, 12, 21)), ("冬至", 2023, date(2023, 12, 22)),
    ("国庆", 2030, date(2030, 10, 1)),
])
def test_festival_occurrence(name, year, day):
    assert festivals.occurrence(_festival(name), year) == day


def test_next_public_holiday():
    assert festivals.next_public_holiday(date(2024, 9, 20)) == date(2024, 10, 1)
    assert festivals.next_public_holiday(date(2024, 12, 31)) == date(2025, 1, 1)


def test_hit_builder_matches_the_named_fields():
    import re

    from extract.dates.hits import Hit
    from extract.dates.reading import hit

    m = re.compile("周五").search("下周五前")
    built = hit(m, "weekday", date=date(2024, 7, 19), time="18:00", marked=True, day=5)
    assert type(built) is Hit
    assert built == Hit(1, 3, "weekday", date=date(2024, 7, 19), time="18:00", marked=True, day=5)
    assert (built.vague, built.suggested, built.weak) == (False, None, False)


@pytest.mark.parametrize("year,month,weekday,n,day", [
    (2024, 5, 6, 2, date(2024, 5, 12)),  # 母亲节
    (2024, 11, 3, 4, date(2024, 11, 28)),  # Thanksgiving
    (2024, 9, 4, -1, date(2024, 9, 27)),  # the last Friday
    (2024, 2, 0, 5, None),  # February 2024 has four Mondays
])
def test_nth_weekday(year, month, weekday, n, day):
    assert cm.nth_weekday(year, month, weekday, n) == day


def test_lunar_dates():
    assert festivals.lunar_date(2024, 8, 15) == date(2024, 9, 17)
    assert festivals.lunar_date(2018, 1, 30) is None  # 正月 2018 has 29 days
    assert festivals.next_lunar(date(2017, 3, 22), 1, 30) == date(2019, 3, 6)
    assert festivals.next_lunar(date(2024, 7, 10), 8, 15) == date(2024, 9, 17)


@pytest.mark.parametrize("text,value", [("89", 1989), ("70", 1970), ("69", 2069), ("九零", 1990), ("零七", 2007)])
def test_two_digit_years_pivot_at_70(text, value):
    assert year_value(text) == value
