"""Helpers every reader shares: building a Hit, years, quantities, 前 as a word."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from extract.dates import calendar_math as cm
from extract.dates.hits import Hit, alternation
from extract.dates.numerals import year_value
from extract.dates.vocab import date_words


def hit(m: re.Match, kind: str, **fields) -> Hit:
    start, end = m.span()
    return Hit(start, end, kind, **fields)


@lru_cache(maxsize=None)
def _quantity_pattern() -> re.Pattern:
    return re.compile(rf"\s*(?:{alternation(date_words().quantity_units)})")


def quantity_follows(text: str, end: int) -> bool:
    """7月5个页面 / 1.5万: a number followed by a unit is a quantity, not a day."""
    return _quantity_pattern().match(text, end) is not None


def year_of(m: re.Match, ref: Optional[date]) -> tuple[Optional[int], bool]:
    """(year, named) from the optional year groups y (2024, 二〇二四) / yr (明年)."""
    words = date_words()
    if m.groupdict().get("y"):
        return year_value(m.group("y")), True
    if m.groupdict().get("yr"):
        word = m.group("yr")
        shift = words.year_shifts.get(word, words.year_shifts.get(word + "年"))
        return (None if ref is None or shift is None else ref.year + shift), True
    return None, False


def place(m: re.Match, ref: Optional[date], build) -> Optional[date]:
    """A day built from month/day with an optional year: the named year, else the
    meeting year unless that is more than the window before the meeting."""
    year, named = year_of(m, ref)
    if named:
        return None if year is None else build(year)
    if ref is None:
        return None
    return cm.nearest_year(ref, build, date_words().past_window_days)


def month_part_day(year: int, month: int, part: str) -> date:
    day = date_words().month_parts[part]
    return cm.month_end(year, month) if day is None else date(year, month, day)


def month_shift(m) -> int:
    return date_words().shifts[m.group("sh")] if m.group("sh") else 0


def marker_is_word(text: str, end: int, marker: str = "前") -> bool:
    """前后 / 前往 / 内核: the one-character marker ending at `end` starts a word of its
    own, so it marks nothing; 前提交 is still 前 + 提交."""
    words = date_words()
    starts = words.word_starts.get(marker)
    if not starts or end >= len(text) or text[end] not in starts:
        return False
    return not any(text.startswith(verb, end) for verb in words.suffix_markers)
