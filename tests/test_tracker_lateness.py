"""tracker.lateness: the end of a meeting and the 2-hour publication rule."""
from __future__ import annotations

from datetime import datetime

import pytest

from tracker.lateness import is_late, meeting_end, parse_clock, upload_deadline


@pytest.mark.parametrize("day, start, end, expected", [
    ("2024-07-10", "14:00", "16:00", datetime(2024, 7, 10, 16, 0)),
    ("2024-07-10", "14:00", None, datetime(2024, 7, 10, 16, 0)),   # start + assumed 2 h
    ("2024-07-10", None, "11:30", datetime(2024, 7, 10, 11, 30)),
    ("2024-07-10", None, None, datetime(2024, 7, 11, 0, 0)),        # end of the meeting day
    ("2024-07-10", "14:00", "13:00", datetime(2024, 7, 10, 16, 0)),  # nonsense end ignored
    ("2024-07-10", "下午两点", "16：30", datetime(2024, 7, 10, 16, 30)),
    (None, "14:00", "16:00", None),
    ("not a date", "14:00", "16:00", None),
])
def test_meeting_end(day, start, end, expected):
    assert meeting_end(day, start, end) == expected


def test_two_hours_after_the_end_is_the_limit():
    assert upload_deadline("2024-07-10", "14:00", "16:00") == datetime(2024, 7, 10, 18, 0)
    assert not is_late(datetime(2024, 7, 10, 18, 0), "2024-07-10", "14:00", "16:00")
    assert is_late(datetime(2024, 7, 10, 18, 1), "2024-07-10", "14:00", "16:00")
    assert not is_late(datetime(2024, 7, 11, 1, 59), "2024-07-10", None, None)
    assert is_late(datetime(2024, 7, 11, 2, 1), "2024-07-10", None, None)
    assert not is_late(datetime(2030, 1, 1), None, None, None)


def test_parse_clock():
    assert parse_clock("14:05") .hour == 14
    assert parse_clock("24:00").hour == 23
    assert parse_clock("25:00") is None and parse_clock(None) is None
