"""tracker.quarters: every common way of writing a quarter, its bounds, and bad input."""
from __future__ import annotations

from datetime import date

import pytest

from minutes.errors import BadInput
from tracker.quarters import Quarter, parse_quarter


@pytest.mark.parametrize("text", [
    "2024Q3", "2024q3", "2024-Q3", "2024 Q3", "2024/Q3", "2024年Q3", "2024年 Q3", "24Q3", "24年Q3",
    "2024年第三季度", "2024年三季度", "2024年第3季度", "2024第三季度", "Q3 2024", "q3-2024", "2024-3",
    " 2024Q3 ", "２０２４Ｑ３", "2024年第三季",
])
def test_accepted_spellings(text):
    assert parse_quarter(text) == Quarter(2024, 3)


@pytest.mark.parametrize("text, expected", [
    ("2023Q1", Quarter(2023, 1)), ("2025年第四季度", Quarter(2025, 4)), ("99Q2", Quarter(2099, 2)),
    ("2024年第一季度", Quarter(2024, 1)), ("2024年二季度", Quarter(2024, 2)),
])
def test_years_and_numbers(text, expected):
    assert parse_quarter(text) == expected


@pytest.mark.parametrize("text", [
    "", "2024", "2024Q5", "2024Q0", "2024年第五季度", "Q3", "三季度", "2024-13", "2024-07", "2024 07 01",
    "last quarter", "2024Q3Q4", "12024Q3",
])
def test_bad_quarters_are_bad_input_naming_the_forms(text):
    with pytest.raises(BadInput) as err:
        parse_quarter(text)
    assert "invalid quarter" in str(err.value) and "2024Q3" in str(err.value)
    assert "\n" not in str(err.value)


def test_bounds_labels_and_neighbours():
    q3 = Quarter(2024, 3)
    assert (q3.start, q3.end) == (date(2024, 7, 1), date(2024, 9, 30))
    assert (q3.label, q3.label_zh) == ("2024Q3", "2024年第三季度")
    assert Quarter(2024, 1).end == date(2024, 3, 31)
    assert Quarter(2024, 4).end == date(2024, 12, 31)
    assert Quarter(2024, 1).previous == Quarter(2023, 4)
    assert Quarter(2023, 4).next == Quarter(2024, 1)
    assert q3.contains(date(2024, 9, 30)) and not q3.contains(date(2024, 10, 1))
    assert Quarter.of(date(2024, 2, 29)) == Quarter(2024, 1)
    assert Quarter.of(date(2024, 12, 31)) == Quarter(2024, 4)
