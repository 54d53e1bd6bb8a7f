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


_new_tuple = tuple.__new__


def hit(m: re.Match, kind: str, date: Optional[date] = None, time: Optional[str] = None, vague: bool = False,
        suggested: Optional[date] = None, weak: bool = False, marked: bool = False, day: Optional[int] = None) -> Hit:
    """A Hit over the match. Built with tuple.__new__: NamedTuple's own __new__ with keyword
    fields costs more than many a reader (every candidate kept goes through here)."""
    start, end = m.span()
    return _new_tuple(Hit, (start, end, kind, date, time, vague, suggested, weak, marked, day))


@lru_cache(maxsize=None)
def _quantity_pattern() -> re.Pattern:
    return re.compile(rf"\s*(?:{alternation(date_words().quantity_units)})")


def quantity_follows(text: str, end: int) -> bool:
    """7月5个页面 / 1.5万: a number followed by a unit is a quantity, not a day."""
    return _quantity_pattern().match(text, end) is not None


CLAUSE_BREAKS = " \t\n,，。;；:：、!！?？()（）[]【】\"'“”"
_CLAUSE_BREAKS = frozenset(CLAUSE_BREAKS)


def clause_starts(text: str, start: int) -> bool:
    """Nothing but punctuation or space before `start` in its clause (过两天, "，过两天")."""
    return start == 0 or text[start - 1] in _CLAUSE_BREAKS


def year_of(m: re.Match, ref: Optional[date]) -> tuple[Optional[int], bool]:
    """(year, named) from the optional year groups y (2024, 二〇二四) / yr (明年)."""
    groups = m.re.groupindex  # not m.groupdict(): that builds every group of a big pattern
    if "y" in groups and m.group("y"):
        return year_value(m.group("y")), True
    if "yr" in groups and m.group("yr"):
        word = m.group("yr")
        shift = year_shift_at(m.string, m.start("yr"), word)
        if shift is None:
            return None, False  # 会后年底前: 后 closes 会后, 年底 is this year's
        return (None if ref is None else ref.year + shift), True
    return None, False


def year_shift_at(text: str, start: int, word: str) -> Optional[int]:
    """The year offset of 明年 / 明 (patterns that spell 年 themselves) at `start`; None
    for 后年 / 前年 inside a clause, where 后 / 前 ends the word before."""
    words = date_words()
    full = word if word in words.year_shifts else word + "年"
    if full in words.clause_start_years and not clause_starts(text, start):
        return None
    return words.year_shifts.get(full)


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
