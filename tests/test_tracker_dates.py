"""tracker.dates: strict command-line dates, one clear error otherwise."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from minutes.errors import BadInput
from tracker.dates import parse_day, parse_due, parse_moment


def test_days():
    assert parse_day("2024-07-15") == date(2024, 7, 15)
    assert parse_day(" 2024-7-5 ") == date(2024, 7, 5)


@pytest.mark.parametrize("text", ["2024-02-30", "7月15日", "2024/07/15", "", "2024-07-15 18:00"])
def test_bad_days_name_the_option(text):
    with pytest.raises(BadInput, match="--today"):
        parse_day(text, "--today")


def test_due_with_and_without_time():
    assert parse_due("2024-07-15") == ("2024-07-15", None)
    assert parse_due("2024-07-15 9:05") == ("2024-07-15", "09:05")
    assert parse_due("2024-07-15T18:00") == ("2024-07-15", "18:00")
    for bad in ("2024-07-15 25:00", "周五", "2024-13-01"):
        with pytest.raises(BadInput, match="invalid deadline"):
            parse_due(bad)


def test_moments_become_local_wall_clock():
    assert parse_moment("2024-07-10 17:00") == datetime(2024, 7, 10, 17, 0)
    aware = parse_moment("2024-07-10T17:00+08:00")
    assert aware.tzinfo is None
    assert aware == datetime.fromisoformat("2024-07-10T17:00+08:00").astimezone().replace(tzinfo=None)
    with pytest.raises(BadInput, match="--uploaded-at"):
        parse_moment("昨天下午", "--uploaded-at")
