from datetime import date

import pytest

from minutes.meeting_dates import find_full_date, find_month_day, find_time_range


@pytest.mark.parametrize("text,expected", [
    ("2024年7月10日 14:00-16:00", date(2024, 7, 10)),
    ("二〇二四年七月十日", date(2024, 7, 10)),
    ("2024/7/10（周三）", date(2024, 7, 10)),
    ("2024.07.10", date(2024, 7, 10)),
    ("20240710_周会.docx", date(2024, 7, 10)),
    ("24年7月10日", date(2024, 7, 10)),
    ("July 10, 2024", date(2024, 7, 10)),
    ("10 July 2024", date(2024, 7, 10)),
    ("Date: 2/13/2025 (Thu), 9:00-9:45 AM", date(2025, 2, 13)),
    ("v2.3.1 版本", None),
    ("2024年2月30日", None),
])
def test_full_dates(text, expected):
    assert find_full_date(text) == expected


def test_month_day_and_time_ranges():
    assert find_month_day("7.10 产品周会纪要") == (7, 10)
    assert find_month_day("预算1.5万") is None
    assert find_time_range("14:00-16:00") == ("14:00", "16:00")
    assert find_time_range("下午2点-4点半") == ("14:00", "16:30")
    assert find_time_range("上午9:30开始") == ("09:30", None)
    assert find_time_range("全天") == (None, None)
